"""The shown columns of every table: frame column, catalogue key of the header, how to show it."""

from __future__ import annotations

from dashboard.core.export import Col

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
REGION_MAP = (  # the map's CSV: codes first, and whether each region is drawn (today's codes only)
    Col("region_code", "col.region_code"),
    Col("region_name", "col.region_name"),
    Col("is_current", "col.is_current", "bool"),
    Col("on_map", "col.map_drawn", "bool"),
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
    Col("rule_label", "col.rule"),
    Col("rows", "col.count", "int"),
    Col("sample_lines", "col.sample_lines"),
    Col("sample_values", "col.sample_values"),
    Col("rule", "col.rule_code"),
    Col("column", "col.column_code"),
    Col("message", "col.message_zh"),  # last: the longest (up to 225 characters)
)
ISSUE_ROWS = (
    Col("kind_label", "col.kind", "label"),
    Col("file", "col.file"),
    Col("line", "col.line"),
    Col("column_label", "col.column"),
    Col("rule_label", "col.rule"),
    Col("value", "col.bad_value"),
    Col("rule", "col.rule_code"),
    Col("column", "col.column_code"),
    Col("message", "col.message_zh"),  # last: the longest (up to 225 characters)
)
# 社会组织概况 (the register's profile)
PROFILE_TYPE_LEVEL = (
    Col("label", "col.org_type"),
    Col("city", "col.city_level", "int"),
    Col("district", "col.district_level", "int"),
    Col("level_unknown", "col.level_unknown", "int"),
    Col("active_orgs", "col.total_orgs", "int"),
    Col("share", "col.share", "rate"),
)
PROFILE_MODES = (
    Col("label", "col.registration_level"),
    Col("active_orgs", "fig.active_orgs", "int"),
    Col("direct_registered", "col.direct", "int"),
    Col("dual_registered", "col.dual", "int"),
    Col("mode_unknown", "col.mode_unknown", "int"),
    Col("direct_share", "col.direct_share", "rate"),
)
PROFILE_RATINGS = (
    Col("label", "col.rating"),
    Col("orgs", "col.orgs", "int"),
    Col("share", "col.share", "rate"),
)
PROFILE_PARTY_UNION = (
    Col("label", "col.group"),
    Col("active_orgs", "fig.active_orgs", "int"),
    Col("with_party_org", "col.with_party_org", "int"),
    Col("party_share", "col.party_share", "rate"),
    Col("with_union", "col.with_union", "int"),
    Col("union_share", "col.union_share", "rate"),
)
PROFILE_DOMAINS = (
    Col("label", "col.service_domain"),
    Col("active_orgs", "col.total_orgs", "int"),
    Col("social_group", "col.social_group", "int"),
    Col("private_non_enterprise", "col.private_non_enterprise", "int"),
    Col("foundation", "col.foundation", "int"),
    Col("social_group_share", "col.social_group_share", "rate"),
    Col("direct_registered", "col.direct", "int"),
    Col("linked_orgs", "fig.linked_orgs", "int"),
)
PROFILE_TREND = (
    Col("year", "col.year"),
    Col("active_orgs", "fig.active_orgs", "int"),
    Col("linked_orgs", "fig.linked_orgs", "int"),
    Col("coverage_rate", "fig.coverage_rate", "rate"),
    Col("direct_registered", "col.direct", "int"),
    Col("rated_4a_plus", "profile.rated_4a_plus", "int"),
    Col("with_party_org", "col.with_party_org", "int"),
    Col("party_share", "col.party_share", "rate"),
    Col("with_union", "col.with_union", "int"),
    Col("union_share", "col.union_share", "rate"),
)
PROFILE_PROJECTS = (
    Col("category", "col.category", "vocab:project_category"),
    Col("year", "col.year"),
    Col("projects", "col.projects", "int"),
    Col("contract_amount_yuan", "col.contract", "wan"),
    Col("providers", "col.providers", "int"),
    Col("first_year", "col.first_year"),
)
PROFILE_ORGS = (
    Col("name", "col.name"),
    Col("uscc", "col.uscc"),
    Col("district_name", "col.district_name"),
    Col("org_type", "col.org_type", "vocab:org_type"),
    Col("registration_level", "col.registration_level", "vocab:registration_level"),
    Col("registration_mode", "col.registration_mode", "vocab:registration_mode"),
    Col("rating", "col.rating", "vocab:rating"),
    Col("service_domain", "col.service_domain", "vocab:service_domain"),
    Col("is_linked", "col.is_linked", "bool"),
    Col("has_party_org", "col.has_party_org", "bool"),
    Col("has_union", "col.has_union", "bool"),
    Col("full_time_staff", "col.full_time_staff", "int"),
)

# 变化 What changed: the figures of a year-end in two releases, each reason's parts, its records
CHANGE_FIGURES = (
    Col("figure_key_label", "col.figure"),
    Col("kind", "col.unit", "unit"),
    Col("old", "col.old", "by_kind"),
    Col("new", "col.new", "by_kind"),
    Col("increase", "col.increase", "by_kind"),
)
CHANGE_ORGS = (
    Col("reason_label", "col.reason"),
    Col("units", "col.units", "int"),
    Col("d_active", "col.d_active", "int"),
    Col("d_linked", "col.d_linked", "int"),
    Col("d_coverage", "col.d_coverage", "pp"),
    Col("d_mass", "col.d_mass", "int"),
    Col("d_mass_share", "col.d_mass_share", "pp"),
)
CHANGE_HUBS = (
    Col("reason_label", "col.reason"),
    Col("units", "col.units", "int"),
    Col("d_city", "col.d_city", "int"),
    Col("d_district", "col.d_district", "int"),
    Col("d_street", "col.d_street", "int"),
    Col("d_total", "col.d_total", "int"),
)
CHANGE_FUNDING = (
    Col("reason_label", "col.reason"),
    Col("units", "col.units", "int"),
    Col("d_amount", "col.d_amount", "wan"),
)
CHANGE_PROJECTS = (
    Col("reason_label", "col.reason"),
    Col("units", "col.units", "int"),
    Col("d_count", "col.d_count", "int"),
    Col("d_amount", "col.d_amount", "wan"),
)
CHANGE_DISTRICTS = (
    Col("district_name", "col.district_name"),
    Col("district_code", "col.district_code"),
    Col("active_old", "col.active_old", "int"),
    Col("active_new", "col.active_new", "int"),
    Col("active_delta", "col.d_active", "int"),
    Col("linked_old", "col.linked_old", "int"),
    Col("linked_new", "col.linked_new", "int"),
    Col("linked_delta", "col.d_linked", "int"),
    Col("rate_old", "col.rate_old", "rate"),
    Col("rate_new", "col.rate_new", "rate"),
    Col("rate_delta", "col.d_coverage", "pp"),
)
CHANGE_TABLES = (
    Col("table_label", "col.table"),
    Col("added", "col.added", "int"),
    Col("removed", "col.removed", "int"),
    Col("changed", "col.changed", "int"),
)
CHANGE_RECORDS = {
    "orgs": (
        Col("name", "col.name"),
        Col("uscc", "col.uscc"),
        Col("district_name", "col.district_name"),
        Col("reason_label", "col.reason"),
        Col("active_old", "col.active_old", "bool"),
        Col("active_new", "col.active_new", "bool"),
        Col("linked_old", "col.linked_old", "bool"),
        Col("linked_new", "col.linked_new", "bool"),
        Col("mass_old", "col.mass_old", "bool"),
        Col("mass_new", "col.mass_new", "bool"),
        Col("registered_old", "col.registered_old", "date"),
        Col("registered_new", "col.registered_new", "date"),
        Col("deregistered_old", "col.deregistered_old", "date"),
        Col("deregistered_new", "col.deregistered_new", "date"),
        Col("links", "col.link_changes"),
    ),
    "hubs": (
        Col("name", "col.hub_name"),
        Col("hub_id", "col.hub_id"),
        Col("reason_label", "col.reason"),
        Col("level_old", "col.level_old", "vocab:hub_level"),
        Col("level_new", "col.level_new", "vocab:hub_level"),
        Col("recognized_old", "col.recognized_old", "date"),
        Col("recognized_new", "col.recognized_new", "date"),
        Col("revoked_old", "col.revoked_old", "date"),
        Col("revoked_new", "col.revoked_new", "date"),
    ),
    "funding": (
        Col("funding_id", "col.funding_id"),
        Col("recipient_name", "col.recipient_name"),
        Col("recipient_uscc", "col.uscc"),
        Col("reason_label", "col.reason"),
        Col("paid_old", "col.paid_old", "date"),
        Col("paid_new", "col.paid_new", "date"),
        Col("amount_old", "col.amount_old", "yuan"),
        Col("amount_new", "col.amount_new", "yuan"),
        Col("d_amount", "col.d_amount", "yuan"),
    ),
    "projects": (
        Col("project_id", "col.project_id"),
        Col("project_name", "col.project_name"),
        Col("reason_label", "col.reason"),
        Col("start_old", "col.start_old", "date"),
        Col("start_new", "col.start_new", "date"),
        Col("contract_old", "col.contract_old", "yuan"),
        Col("contract_new", "col.contract_new", "yuan"),
        Col("d_amount", "col.d_amount", "yuan"),
    ),
}
