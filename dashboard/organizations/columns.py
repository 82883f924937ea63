"""The Organizations page's tables: frame column, catalogue key of the header, how to show it."""

from __future__ import annotations

from dashboard.core.export import Col

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
    Col("hub_id", "col.hub_id"),
    Col("hub_type", "col.hub_type", "vocab:hub_type"),
    Col("level", "col.level", "vocab:hub_level"),
    Col("relation", "col.relation", "vocab:relation"),
    Col("linked_on", "col.linked_on", "date"),
    Col("ended_on", "col.ended_on", "date"),
    Col("recognized_on", "col.recognized_on", "date"),
    Col("revoked_on", "col.revoked_on", "date"),
)
# on screen the link itself; the hub's recognition dates are in the download and the hub's own view
LINKS_SCREEN = tuple(c for c in LINKS if c.name not in ("recognized_on", "revoked_on"))
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
