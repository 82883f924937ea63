"""The Coverage page's tables (frame column, catalogue key of the header, how to show it), and the
drill list's hub types in words."""

from __future__ import annotations

import polars as pl

from dashboard.core import labels
from dashboard.core.export import Col
from dashboard.core.words import Lang

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


def ranking(filed: bool, hubs: bool, filed_links: bool = True) -> tuple[Col, ...]:
    """The ranking table's columns (coverage.queries.RANKING): registered, filed and together (when
    the delivery had filed organizations), linked and coverage (when it had hub data), the links of
    both together (unless `filed_links` is false: a hub type or level chosen)."""
    cols = [Col("region_name", "col.region_name"), Col("region_code", "col.region_code"),
            Col("active_orgs", "fig.active_orgs", "int")]  # fmt: skip
    if filed:
        cols += [
            Col("filed_orgs", "fig.filed_orgs", "int"),
            Col("total_orgs", "fig.total_orgs", "int"),
        ]
    if hubs:
        cols += [Col("linked_orgs", "fig.linked_orgs", "int"),
                 Col("coverage_rate", "fig.coverage_rate", "rate")]  # fmt: skip
    if hubs and filed and filed_links:
        cols += [Col("total_linked_orgs", "fig.total_linked_orgs", "int"),
                 Col("total_coverage_rate", "fig.total_coverage_rate", "rate")]  # fmt: skip
    return tuple(cols)


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


def drill_screen(cols: tuple[Col, ...], lang: str) -> tuple[Col, ...]:
    """The organization list on screen: in English without Linked (yes/no), which Linked by hub types
    says already ("—": none), so that the English types ("Private non-enterprise unit") keep to one
    line beside the Chinese names (dashboard/frame/fit.py, fit); the download keeps it."""
    return cols if lang == "zh" else tuple(c for c in cols if c.name != "is_linked")


def drill(hubs: bool, where: bool = False) -> tuple[Col, ...]:
    """The organization list's columns: whether linked only with hub data; where: with the place
    each lies (the row of its own's list)."""
    cols = [c for c in DRILL if hubs or c.name not in ("is_linked", "linked_types_label")]
    return (*cols, Col("district_name", "col.district_name")) if where else tuple(cols)


def filed(hubs: bool) -> tuple[Col, ...]:
    """The filed community organizations' list (备案): whether linked only with hub data."""
    cols = (
        Col("name", "col.name"),
        Col("filing_id", "col.filing_id"),
        Col("street_name", "col.street_name"),
        Col("filing_authority", "col.filing_authority"),
        Col("filed_on", "col.filed_on", "date"),
        Col("service_domain", "col.service_domain", "vocab:service_domain"),
        Col("is_linked", "col.is_linked", "bool"),
    )
    return cols if hubs else cols[:-1]


def with_type_labels(orgs: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """Add linked_types_label: the comma-separated hub type codes as labels (— when none)."""
    names = labels.code_list("linked_types", "hub_type", lang)
    return orgs.with_columns(names.fill_null("—").alias("linked_types_label"))


REACH = (  # each mass organization's reach in its own field, per hub type
    Col("hub_type", "col.hub_type", "vocab:hub_type"),
    Col("service_domain", "col.own_field", "vocab:service_domain"),
    Col("field_orgs", "col.field_orgs", "int"),
    Col("reached_by_own", "col.reached_by_own", "int"),
    Col("own_share", "col.own_share", "rate"),
    Col("reached_by_any", "col.reached_by_any", "int"),
    Col("any_share", "col.any_share", "rate"),
    Col("reached_by_none", "col.reached_by_none", "int"),
    Col("none_share", "col.none_share", "rate"),
    Col("filed_field_orgs", "col.filed_field_orgs", "int"),
    Col("filed_reached_by_own", "col.filed_reached_by_own", "int"),
    Col("filed_reached_by_any", "col.filed_reached_by_any", "int"),
)
REACH_YEARS = (Col("year", "col.year"), *REACH)
REACH_REGIONS = (
    Col("region_name", "col.region_name"),
    Col("region_code", "col.region_code"),
    *REACH[:9],
)
# on screen (twelve and eleven columns did not fit 820 px at 1280: headers cut to two characters):
# the field's organizations, those its own hubs link and the three shares; the counts linked by any
# or no hub, the filed organizations and the region code are in the downloads
_REACH_SHOWN = ("region_name", "hub_type", "service_domain", "field_orgs", "reached_by_own",
                "own_share", "any_share", "none_share")  # fmt: skip
REACH_SCREEN = tuple(c for c in REACH if c.name in _REACH_SHOWN)
REACH_REGIONS_SCREEN = tuple(
    c for c in REACH_REGIONS if c.name in _REACH_SHOWN and c.name != "service_domain"
)  # a hub type's own field is named in the table above
