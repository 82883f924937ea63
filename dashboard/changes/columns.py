"""The 变化 page's tables: the figures of a year-end in two releases, each reason's parts, its
records (frame column, catalogue key of the header, how to show it)."""

from __future__ import annotations

from dashboard.core.export import Col

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
