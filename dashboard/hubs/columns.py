"""The Hubs page's tables: frame column, catalogue key of the header, how to show it."""

from __future__ import annotations

from dashboard.core.export import Col

HUBS = (
    Col("rank", "col.rank", "int"),
    Col("name", "col.hub_name"),
    Col("hub_id", "col.hub_id"),
    Col("hub_type", "col.hub_type", "vocab:hub_type"),
    Col("level", "col.level", "vocab:hub_level"),
    Col("region_name", "col.region_name"),
    Col("recognized_on", "col.recognized_on", "date"),
    Col("revoked_on", "col.revoked_on", "date"),
    Col("managed_orgs", "col.managed_orgs", "int"),
    Col("liaison_orgs", "col.liaison_orgs", "int"),
    Col("linked_orgs", "col.linked_now", "int"),
    Col("base_linked_orgs", "col.linked_base", "int"),
    Col("increase", "col.increase", "int"),
    Col("share_of_increase", "col.share_of_increase", "rate"),
    Col("filed_linked_orgs", "col.filed_linked_orgs", "int"),
)
# on screen the ranking itself (fifteen columns were 1050-1106 px in 820): the hub's id, type, level,
# dates and kinds of link are in the download and in the hub's own view, a row's click away
_HUBS_SHOWN = ("rank", "name", "region_name", "linked_orgs", "base_linked_orgs", "increase",
               "share_of_increase")  # fmt: skip
HUBS_SCREEN = tuple(c for c in HUBS if c.name in _HUBS_SHOWN)
TOP = (
    Col("name", "col.hub_name"),
    Col("hub_id", "col.hub_id"),
    Col("linked_orgs", "col.linked_now", "int"),
    Col("base_linked_orgs", "col.linked_base", "int"),
)
ENTRY = (Col("field", "col.field"), Col("value", "col.value"))
YEARS = (
    Col("year", "col.year"),
    Col("managed_orgs", "col.managed_orgs", "int"),
    Col("liaison_orgs", "col.liaison_orgs", "int"),
    Col("linked_orgs", "fig.linked_orgs", "int"),
    Col("filed_linked_orgs", "col.filed_linked_orgs", "int"),
)
GROUP = (
    Col("label", "col.group_label"),
    Col("orgs", "col.orgs", "int"),
    Col("managed_orgs", "col.managed_orgs", "int"),
    Col("liaison_orgs", "col.liaison_orgs", "int"),
)
ORGS = (
    Col("name", "col.name"),
    Col("uscc", "col.uscc"),
    Col("org_type", "col.org_type", "vocab:org_type"),
    Col("registration_level", "col.registration_level", "vocab:registration_level"),
    Col("service_domain", "col.service_domain", "vocab:service_domain"),
    Col("rating", "col.rating", "vocab:rating"),
    Col("registration_mode", "col.registration_mode", "vocab:registration_mode"),
    Col("district_name", "col.district_name"),
    Col("relations", "hubs.relations"),
    Col("linked_on", "col.linked_on", "date"),
)
# on screen (eleven columns ran 884-1,006 px in 820): who, what kind, where, how linked and since
# when; registration level, rating and mode in the download (the organization's page has them all)
ORGS_SCREEN = tuple(
    c for c in ORGS if c.name not in ("registration_level", "rating", "registration_mode")
)
# in English without the code too: the English types and domains ("Private non-enterprise unit",
# "Science and technology") keep to one line beside the Chinese names (dashboard/frame/fit.py)
ORGS_SCREEN_EN = tuple(c for c in ORGS_SCREEN if c.name != "uscc")
FILED = (
    Col("name", "col.name"),
    Col("filing_id", "col.filing_id"),
    Col("service_domain", "col.service_domain", "vocab:service_domain"),
    Col("district_name", "col.district_name"),
    Col("relations", "hubs.relations"),
    Col("filed_on", "col.filed_on", "date"),
)
PROJECTS = (
    Col("project_id", "col.project_id"),
    Col("project_name", "col.project_name"),
    Col("provider_name", "col.provider_name"),
    Col("provider_uscc", "col.uscc"),
    Col("district_name", "col.district_name"),
    Col("category", "col.category", "vocab:project_category"),
    Col("start_on", "col.start_on", "date"),
    Col("end_on", "col.end_on", "date"),
    Col("contract_amount_yuan", "col.contract", "wan"),
    Col("funded_yuan", "col.funded", "wan"),
    Col("status", "col.status", "vocab:project_status"),
    Col("evaluation_grade", "col.evaluation_grade", "vocab:evaluation_grade"),
)
# on screen (at 1280 px the twelve columns ran 1,085-1,186 px in 820): the project, who and what,
# when it started, its value, status and grade; the provider's code, district, end and money paid
# in the download
PROJECTS_SCREEN = tuple(
    c for c in PROJECTS if c.name not in ("provider_uscc", "district_name", "end_on", "funded_yuan")
)
FUNDING_SOURCE = (
    Col("source", "col.source", "vocab:funding_source"),
    Col("amount_yuan", "col.amount", "wan"),
    Col("records", "col.records", "int"),
    Col("recipients", "col.recipients", "int"),
)
FUNDING_ORG = (
    Col("name", "col.recipient_name"),
    Col("uscc", "col.uscc"),
    Col("amount_yuan", "col.amount", "wan"),
    Col("records", "col.records", "int"),
)
