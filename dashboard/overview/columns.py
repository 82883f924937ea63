"""The Overview's tables: frame column, catalogue key of the header, how to show it."""

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
