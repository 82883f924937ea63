"""The Register profile's tables: frame column, catalogue key of the header, how to show it."""

from __future__ import annotations

from dashboard.core.export import Col

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
