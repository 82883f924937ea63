"""The Funding page's tables: frame column, catalogue key of the header, how to show it."""

from __future__ import annotations

from dashboard.core.export import Col

FUNDING_REGION = (
    Col("region_name", "col.region_name"),
    Col("region_code", "col.region_code"),
    Col("amount_yuan", "col.amount", "wan"),
    Col("records", "col.records", "int"),
    Col("recipients", "col.recipients", "int"),
    Col("linked_orgs", "fig.linked_orgs", "int"),
    Col("per_linked_yuan", "col.per_linked", "yuan"),
    Col("population", "col.population", "int"),
    Col("per_resident_yuan", "col.per_resident", "yuan"),
)
FUNDING_SOURCE = (
    Col("source", "col.source", "vocab:funding_source"),
    Col("amount_yuan", "col.amount", "wan"),
    Col("records", "col.records", "int"),
    Col("recipients", "col.recipients", "int"),
)
FUNDING_YEAR = (
    Col("year", "col.year"),
    Col("source", "col.source", "vocab:funding_source"),
    Col("amount_yuan", "col.amount", "wan"),
    Col("records", "col.records", "int"),
)
RECIPIENTS = (
    Col("recipient_name", "col.recipient_name"),
    Col("uscc", "col.uscc"),
    Col("org_type", "col.org_type", "vocab:org_type"),
    Col("district_name", "col.district_name"),
    Col("amount_yuan", "col.amount", "wan"),
    Col("records", "col.records", "int"),
)


def projects_by(dim: str) -> tuple[Col, ...]:
    """Columns of a projects-by-dimension table (category, purchaser, status, evaluation)."""
    vocabularies = {
        "category": "vocab:project_category",
        "status": "vocab:project_status",
        "evaluation_grade": "vocab:evaluation_grade",
        "purchaser_name": "text",
    }
    return (
        Col("key", f"col.{dim}", vocabularies[dim]),
        Col("projects", "col.projects", "int"),
        Col("contract_amount_yuan", "col.contract", "wan"),
    )
