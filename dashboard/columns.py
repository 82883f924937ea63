"""The shown columns of every table: frame column, catalogue key of the header, how to show it."""

from __future__ import annotations

from dashboard.export import Col

CHANGE = (
    Col("figure", "col.figure", "label"),
    Col("kind", "col.unit", "unit"),
    Col("base", "col.base", "by_kind"),
    Col("current", "col.current", "by_kind"),
    Col("multiple", "col.multiple", "multiple"),
    Col("increase", "col.increase", "by_kind"),
)
TYPE_INCREASE = (
    Col("hub_type", "col.hub_type", "vocab:hub_type"),
    Col("is_mass_org", "col.is_mass_org", "bool"),
    Col("base", "col.base", "int"),
    Col("current", "col.current", "int"),
    Col("increase", "col.increase", "int"),
    Col("share_of_increase", "col.share_of_increase", "rate"),
)
TREND = (
    Col("year", "col.year"),
    Col("hubs_city", "fig.hubs_city", "int"),
    Col("hubs_district", "fig.hubs_district", "int"),
    Col("hubs_street", "fig.hubs_street", "int"),
    Col("active_orgs", "fig.active_orgs", "int"),
    Col("linked_orgs", "fig.linked_orgs", "int"),
    Col("coverage_rate", "fig.coverage_rate", "rate"),
    Col("mass_org_linked_orgs", "fig.mass_org_linked_orgs", "int"),
    Col("mass_org_share", "fig.mass_org_share", "rate"),
    Col("funding_amount_yuan", "fig.funding_amount_yuan", "wan"),
)
REGION = (
    Col("region_name", "col.region_name"),
    Col("region_code", "col.region_code"),
    Col("active_orgs", "fig.active_orgs", "int"),
    Col("linked_orgs", "fig.linked_orgs", "int"),
    Col("coverage_rate", "fig.coverage_rate", "rate"),
)
HUB_TYPE = (
    Col("hub_type", "col.hub_type", "vocab:hub_type"),
    Col("is_mass_org", "col.is_mass_org", "bool"),
    Col("hubs", "col.hubs", "int"),
    Col("managed_orgs", "col.managed_orgs", "int"),
    Col("liaison_orgs", "col.liaison_orgs", "int"),
    Col("linked_orgs", "fig.linked_orgs", "int"),
    Col("share_of_active", "col.share_of_active", "rate"),
)
LEVEL = (
    Col("level", "col.level", "vocab:hub_level"),
    Col("hubs", "col.hubs", "int"),
    Col("linked_orgs", "fig.linked_orgs", "int"),
    Col("share_of_active", "col.share_of_active", "rate"),
)
DRILL = (
    Col("name", "col.name"),
    Col("uscc", "col.uscc"),
    Col("org_type", "col.org_type", "vocab:org_type"),
    Col("is_linked", "col.is_linked", "bool"),
    Col("linked_types_label", "col.linked_types"),
    Col("service_domain", "col.service_domain", "vocab:service_domain"),
    Col("registration_level", "col.registration_level", "vocab:registration_level"),
)
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


SEARCH = (
    Col("name", "col.name"),
    Col("uscc", "col.uscc"),
    Col("org_type", "col.org_type", "vocab:org_type"),
    Col("district_name", "col.district_name"),
    Col("status", "col.org_status", "vocab:org_status"),
    Col("registered_on", "col.registered_on", "date"),
)
ENTRY = (Col("field", "col.field"), Col("value", "col.value"))
LINKS = (
    Col("hub_name", "col.hub_name"),
    Col("hub_type", "col.hub_type", "vocab:hub_type"),
    Col("level", "col.level", "vocab:hub_level"),
    Col("relation", "col.relation", "vocab:relation"),
    Col("linked_on", "col.linked_on", "date"),
    Col("ended_on", "col.ended_on", "date"),
    Col("recognized_on", "col.recognized_on", "date"),
    Col("revoked_on", "col.revoked_on", "date"),
)
ORG_PROJECTS = (
    Col("project_id", "col.project_id"),
    Col("project_name", "col.project_name"),
    Col("purchaser_name", "col.purchaser_name"),
    Col("category", "col.category", "vocab:project_category"),
    Col("start_on", "col.start_on", "date"),
    Col("end_on", "col.end_on", "date"),
    Col("contract_amount_yuan", "col.contract", "wan"),
    Col("status", "col.status", "vocab:project_status"),
    Col("evaluation_grade", "col.evaluation_grade", "vocab:evaluation_grade"),
)
ORG_FUNDING = (
    Col("funding_id", "col.funding_id"),
    Col("paid_on", "col.paid_on", "date"),
    Col("source", "col.source", "vocab:funding_source"),
    Col("amount_yuan", "col.amount", "yuan"),
    Col("project_id", "col.project_id"),
    Col("payer_name", "col.payer_name"),
)
RUNS = (
    Col("run_id", "col.run_id"),
    Col("started_at", "col.started_at", "datetime"),
    Col("finished_at", "col.finished_at", "datetime"),
    Col("status", "col.run_status", "run_status"),
    Col("rows_read", "col.rows_read", "int"),
    Col("rows_accepted", "col.rows_accepted", "int"),
    Col("rows_rejected", "col.rows_rejected", "int"),
    Col("rows_warned", "col.rows_warned", "int"),
    Col("raw_folder", "col.raw_folder"),
)
FILE_STATS = (
    Col("file", "col.file"),
    Col("rows_read", "col.rows_read", "int"),
    Col("rows_accepted", "col.rows_accepted", "int"),
    Col("rows_rejected", "col.rows_rejected", "int"),
    Col("rows_warned", "col.rows_warned", "int"),
)
ISSUE_GROUPS = (
    Col("kind_label", "col.kind", "label"),
    Col("file", "col.file"),
    Col("column_label", "col.column"),
    Col("rule", "col.rule"),
    Col("rows", "col.count", "int"),
    Col("sample_lines", "col.sample_lines"),
    Col("sample_values", "col.sample_values"),
    Col("message", "col.message"),
)
ISSUE_ROWS = (
    Col("kind_label", "col.kind", "label"),
    Col("file", "col.file"),
    Col("line", "col.line"),
    Col("column_label", "col.column"),
    Col("rule", "col.rule"),
    Col("value", "col.bad_value"),
    Col("message", "col.message"),
)
