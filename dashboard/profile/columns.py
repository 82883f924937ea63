"""The Register profile's tables: frame column, catalogue key of the header, how to show it."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from dashboard.core.export import Col

PROFILE_TYPE_LEVEL = (
    Col("label", "col.org_type"),
    Col("national", "col.national_level", "int"),
    Col("province", "col.province_level", "int"),
    Col("city", "col.city_level", "int"),
    Col("district", "col.district_level", "int"),
    Col("level_unknown", "col.level_unknown", "int"),
    Col("active_orgs", "col.total_orgs", "int"),
    Col("share", "col.share", "rate"),
)


def type_level(levels: tuple[str, ...]) -> tuple[Col, ...]:
    """The type-by-level table's columns: the registration levels present (tables.levels_present)."""
    return tuple(
        c for c in PROFILE_TYPE_LEVEL if c.name not in ("national", "province") or c.name in levels
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
PROFILE_WAYS = (
    Col("label", "col.way"),
    Col("union_orgs", "col.union_orgs", "int"),
    Col("union_share", "col.union_way_share", "rate"),
    Col("party_org_orgs", "col.party_org_orgs", "int"),
    Col("party_org_share", "col.party_org_way_share", "rate"),
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
PROFILE_FILED = (
    Col("name", "col.name"),
    Col("filing_id", "col.filing_id"),
    Col("district_name", "col.district_name"),
    Col("street_name", "col.street_name"),
    Col("filing_authority", "col.filing_authority"),
    Col("filed_on", "col.filed_on", "date"),
    Col("service_domain", "col.service_domain", "vocab:service_domain"),
    Col("is_linked", "col.is_linked", "bool"),
)
PROFILE_TREND = (
    Col("year", "col.year"),
    Col("active_orgs", "fig.active_orgs", "int"),
    Col("filed_orgs", "fig.filed_orgs", "int"),
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
    Col("first_year", "col.first_year", "year"),
)
PROFILE_ORGS = (
    Col("name", "col.name"),
    Col("uscc", "col.uscc"),
    Col("district_name", "col.district_name"),
    Col("org_type", "col.org_type", "vocab:org_type"),
    Col("registration_level", "col.registration_level", "vocab:registration_level"),
    Col("registration_mode", "col.registration_mode", "vocab:registration_mode"),
    Col("supervising_unit", "col.supervising_unit"),
    Col("rating", "col.rating", "vocab:rating"),
    Col("service_domain", "col.service_domain", "vocab:service_domain"),
    Col("is_linked", "col.is_linked", "bool"),
    Col("has_party_org", "col.has_party_org", "bool"),
    Col("has_union", "col.has_union", "bool"),
    Col("union_form", "col.union_form", "vocab:union_form"),
    Col("party_org_form", "col.party_org_form", "vocab:party_org_form"),
    Col("full_time_staff", "col.full_time_staff", "int"),
)


def profile_orgs(
    missing: Sequence[str], delivered: Collection[str], filed: bool = False
) -> tuple[Col, ...]:
    """The drill list's columns: the filed organizations' (filed), else the registered ones' without
    the columns not delivered (业务主管单位 only where delivered; linked only with hub data)."""
    if filed:
        return PROFILE_FILED if "hub_links" not in missing else PROFILE_FILED[:-1]
    hidden = {*missing, *(["is_linked"] if "hub_links" in missing else [])}
    if "supervising_unit" not in delivered:
        hidden.add("supervising_unit")
    return tuple(c for c in PROFILE_ORGS if c.name not in hidden)
