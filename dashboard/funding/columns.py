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


def providers_by(by: str) -> tuple[Col, ...]:
    """Columns of a providers-by-attribute table (rating band, organization type, registration mode)."""
    return (
        Col("label", f"col.{by}"),
        Col("projects", "col.projects", "int"),
        Col("project_share", "col.project_share", "rate"),
        Col("contract_amount_yuan", "col.contract", "wan"),
        Col("money_share", "col.money_share", "rate"),
        Col("providers", "col.providers", "int"),
    )


_4A = (
    Col("amount_4a_plus", "col.amount_4a_plus", "wan"),
    Col("share_4a_plus", "col.share_4a_plus", "rate"),
    Col("providers", "col.providers", "int"),
    Col("providers_4a_plus", "col.providers_4a_plus", "int"),
)
# the region's code last: at 1280 px the figures come first, the code may need the grid's scroll
PROVIDER_REGIONS = (
    Col("region_name", "col.region_name"),
    Col("projects", "col.projects", "int"),
    Col("contract_amount_yuan", "col.contract", "wan"),
    *_4A,
    Col("region_code", "col.region_code"),
)
PROVIDER_YEARS = (
    Col("year", "col.year"),
    Col("projects", "col.projects", "int"),
    Col("contract_amount_yuan", "col.contract", "wan"),
    *_4A,
)
PROVIDER_COUNTS = (
    Col("label", "col.projects_held"),
    Col("providers", "col.providers", "int"),
    Col("provider_share", "col.provider_share", "rate"),
    Col("projects", "col.projects", "int"),
    Col("contract_amount_yuan", "col.contract", "wan"),
    Col("money_share", "col.money_share", "rate"),
)
EVALUATION = (
    Col("label", "col.evaluated_by"),
    Col("projects", "col.completed_projects", "int"),
    Col("completed_share", "col.completed_share", "rate"),
    Col("evaluated_share", "col.evaluated_share", "rate"),
    *(Col(f"grade_{g}", f"col.grade_{g}", "int") for g in ("excellent", "good", "pass", "fail")),
    Col("grade_none", "col.grade_none", "int"),
)
