"""The Coverage page's queries: regions ranked by coverage, by hub type and level, the organizations
behind a region (through core/door.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import polars as pl

from dashboard.core import door
from dashboard.core.filters import HUB_TYPES, LEVELS, Filters

# bits of level 0 for every hub type; shifted left by a level's index it selects that level
_LEVEL_PATTERN = sum(1 << (i * len(LEVELS)) for i in range(len(HUB_TYPES)))
RANK_LEVELS = ("province", "prefecture", "county")

# Coverage of the ranked regions. Exact from marts.region_coverage without hub or organization
# filters (a code at two levels, such as a municipality, has the same figures at both).
REGION_COVERAGE = """
select region_code, any_value(active_orgs)::BIGINT as active_orgs,
    any_value(linked_orgs)::BIGINT as linked_orgs, any_value(coverage_rate) as coverage_rate
from marts.region_coverage
where list_contains($codes::VARCHAR[], region_code) and not is_unassigned and {w}
group by region_code having any_value(active_orgs) > 0
"""

# ... and from the cube under a hub mask or an organization type: each organization counts once, in
# the one district it lies in, so the sums over a region's districts are exact.
REGION_COVERAGE_CUBE = """
with members as (
    select distinct district_code, region_code from ref.region_levels
    where list_contains($codes::VARCHAR[], region_code))
select m.region_code, sum(c.orgs)::BIGINT as active_orgs,
    coalesce(sum(c.orgs) filter (where ((c.managed_mask | c.liaison_mask) & $sel::BIGINT) <> 0), 0)::BIGINT as linked_orgs,
    linked_orgs / nullif(active_orgs, 0) as coverage_rate
from marts.coverage_cube c join members m on m.district_code = c.district_code
where {w}
group by m.region_code having sum(c.orgs) > 0
"""

# ... and as registered: the organizations of the ranked regions (by today's codes), grouped by the
# code they were filed under, at the level of the ranking (a retired code stands apart).
REGION_COVERAGE_REGISTERED = """
with members as (
    select distinct district_code from ref.region_levels where list_contains($codes::VARCHAR[], region_code)),
filed as (
    select case $level when 'province' then r.province_code when 'prefecture' then r.prefecture_code
            else r.region_code end as region_code, c.*
    from marts.coverage_cube c join ref.regions r on r.region_code = c.registered_district_code
    where c.district_code in (select district_code from members) and {w})
select f.region_code, sum(f.orgs)::BIGINT as active_orgs,
    coalesce(sum(f.orgs) filter (where ((f.managed_mask | f.liaison_mask) & $sel::BIGINT) <> 0), 0)::BIGINT as linked_orgs,
    linked_orgs / nullif(active_orgs, 0) as coverage_rate,
    any_value(r.region_name) || case when any_value(r.is_current) then '' else '（已撤销）' end as filed_name,
    coalesce(any_value(r.is_current), false) as is_current
from filed f left join ref.regions r on r.region_code = f.region_code
group by f.region_code having sum(f.orgs) > 0
"""

HUB_TYPES = """
with cube as (select * from marts.coverage_cube where list_contains($dates, as_of) and {c}),
act as (select as_of, sum(orgs) as active from cube group by as_of),
types as (
    select hub_type, type_index, is_mass_org, (7::BIGINT << (type_index * 3)) & $sel::BIGINT as tmask
    from ref.hub_types where {t}),
counts as (
    select c.as_of, t.hub_type,
        sum(c.orgs) filter (where (c.managed_mask & t.tmask) <> 0) as managed_orgs,
        sum(c.orgs) filter (where (c.liaison_mask & t.tmask) <> 0) as liaison_orgs,
        sum(c.orgs) filter (where ((c.managed_mask | c.liaison_mask) & t.tmask) <> 0) as linked_orgs
    from cube c cross join types t group by all),
hubs as (
    select as_of, hub_type, count(*) as hubs from marts.hub_year
    where list_contains($dates, as_of) and {h} group by all)
select d.as_of, t.hub_type, t.type_index, t.is_mass_org, coalesce(h.hubs, 0) as hubs,
    coalesce(k.managed_orgs, 0)::BIGINT as managed_orgs, coalesce(k.liaison_orgs, 0)::BIGINT as liaison_orgs,
    coalesce(k.linked_orgs, 0)::BIGINT as linked_orgs, coalesce(k.linked_orgs, 0) / nullif(a.active, 0) as share_of_active
from (select unnest($dates::DATE[]) as as_of) d cross join types t
left join counts k on k.as_of = d.as_of and k.hub_type = t.hub_type
left join hubs h on h.as_of = d.as_of and h.hub_type = t.hub_type
left join act a on a.as_of = d.as_of
order by d.as_of, t.type_index
"""

LEVELS = """
with cube as (select * from marts.coverage_cube where {c}),
levels as (
    select level, level_index, ($pattern::BIGINT << level_index) & $sel::BIGINT as lmask
    from ref.hub_levels where {l}),
counts as (
    select l.level, sum(c.orgs) filter (where ((c.managed_mask | c.liaison_mask) & l.lmask) <> 0) as linked_orgs
    from levels l cross join cube c group by all),
hubs as (select level, count(*) as hubs from marts.hub_year where {h} group by level)
select l.level, l.level_index, coalesce(h.hubs, 0) as hubs, coalesce(k.linked_orgs, 0)::BIGINT as linked_orgs,
    coalesce(k.linked_orgs, 0) / nullif((select sum(orgs) from cube), 0) as share_of_active
from levels l left join counts k on k.level = l.level left join hubs h on h.level = l.level
order by l.level_index
"""

DRILL = """
select o.uscc, c.name, o.org_type, o.registration_level, c.service_domain, o.district_code,
    ((o.managed_mask | o.liaison_mask) & $sel::BIGINT) <> 0 as is_linked,
    (select string_agg(t.hub_type, ',' order by t.type_index) from ref.hub_types t
     where ((o.managed_mask | o.liaison_mask) & $sel::BIGINT & (7::BIGINT << (t.type_index * 3))) <> 0) as linked_types
from marts.org_year o join clean.organizations c on c.uscc = o.uscc
where {w}
order by is_linked, c.name, o.uscc
"""


def region_coverage(
    f: Filters, codes: Sequence[str], as_registered: bool = False, level: str = "county"
) -> pl.DataFrame:
    """Coverage of the given regions on the selected date, lowest first (regions without active
    organizations left out): region_code, region_name, active_orgs, linked_orgs, coverage_rate.

    as_registered: the organizations of those regions grouped by the code they were filed under at
    `level` instead (a retired code apart, its name marked 已撤销; is_current says which).
    """
    fixed: dict[str, object] = {"codes": list(codes), "sel": f.hub_mask()}
    cube_dims = {"as_of": "c.as_of", "region": "c.district_code", "org_type": "c.org_type"}
    if as_registered:
        fixed["level"] = level if level in RANK_LEVELS else "county"
        frame = door.run(REGION_COVERAGE_REGISTERED, fixed, w=f.where_sql(cube_dims))
        frame = door.named(frame, "region_code", "region_name").with_columns(
            region_name=pl.when("is_current").then("region_name").otherwise("filed_name")
        )
    elif f.levels or f.hub_types or f.org_types:
        frame = door.run(REGION_COVERAGE_CUBE, fixed, w=f.where_sql(cube_dims))
        frame = door.named(frame, "region_code", "region_name").with_columns(
            is_current=pl.lit(True)
        )
    else:
        where = f.where_sql({"as_of": "as_of", "region": "region_code"})
        frame = door.run(REGION_COVERAGE, {"codes": list(codes)}, w=where)
        frame = door.named(frame, "region_code", "region_name").with_columns(
            is_current=pl.lit(True)
        )
    return frame.select(
        "region_code", "region_name", "active_orgs", "linked_orgs", "coverage_rate", "is_current"
    ).sort(["coverage_rate", "region_code"], nulls_last=False)


def hub_type_coverage(f: Filters, dates: list[date]) -> pl.DataFrame:
    """One row per date and hub type of the selection: hubs and the organizations they link."""
    return door.run(
        HUB_TYPES,
        {"sel": f.hub_mask(), "dates": dates},
        c=f.where_sql({"region": "district_code", "org_type": "org_type"}, prefix="c"),
        t=f.where_sql({"hub_type": "hub_type"}, prefix="t"),
        h=f.where_sql(
            {"region": "district_code", "level": "level", "hub_type": "hub_type"}, prefix="h"
        ),
    )


def level_coverage(f: Filters) -> pl.DataFrame:
    """One row per hub level of the selection on the selected date."""
    hub_dims = {"as_of": "as_of", "region": "district_code", "level": "level"}
    return door.run(
        LEVELS,
        {"sel": f.hub_mask(), "pattern": _LEVEL_PATTERN},
        c=f.where_sql(
            {"as_of": "as_of", "region": "district_code", "org_type": "org_type"}, prefix="c"
        ),
        l=f.where_sql({"level": "level"}, prefix="l"),
        h=f.where_sql({**hub_dims, "hub_type": "hub_type"}, prefix="h"),
    )


def drill_orgs(f: Filters) -> pl.DataFrame:
    """The active organizations of the selected regions on the selected date, linked in the hub
    selection or not, with their district's shown name."""
    where = f.where_sql({"as_of": "o.as_of", "region": "o.district_code", "org_type": "o.org_type"})
    frame = door.run(DRILL, {"sel": f.hub_mask()}, w=where)
    return door.named(frame, "district_code", "district_name")


# Each mass organization's reach in its own field (marts.field_reach), per year-end and hub type,
# summed over the districts of the regions; NULL reached counts: the delivery had no hub data.
FIELD_REACH = """
select year(as_of) as year, as_of, r.hub_type, any_value(t.type_index) as type_index,
    any_value(r.service_domain) as service_domain, sum(field_orgs)::BIGINT as field_orgs,
    sum(reached_by_own)::BIGINT as reached_by_own, sum(reached_by_any)::BIGINT as reached_by_any,
    sum(filed_field_orgs)::BIGINT as filed_field_orgs,
    sum(filed_reached_by_own)::BIGINT as filed_reached_by_own,
    sum(filed_reached_by_any)::BIGINT as filed_reached_by_any
from marts.field_reach r join ref.hub_types t on t.hub_type = r.hub_type
where {w}
group by as_of, r.hub_type order by as_of, type_index
"""

# ... at the year-end for each of the ranked regions
FIELD_REACH_REGIONS = """
with members as (
    select distinct district_code, region_code from ref.region_levels
    where list_contains($codes::VARCHAR[], region_code))
select m.region_code, r.hub_type, any_value(t.type_index) as type_index,
    any_value(r.service_domain) as service_domain, sum(r.field_orgs)::BIGINT as field_orgs,
    sum(r.reached_by_own)::BIGINT as reached_by_own, sum(r.reached_by_any)::BIGINT as reached_by_any
from marts.field_reach r join members m on m.district_code = r.district_code
join ref.hub_types t on t.hub_type = r.hub_type
where {w}
group by m.region_code, r.hub_type order by m.region_code, type_index
"""


def _with_shares(frame: pl.DataFrame) -> pl.DataFrame:
    """Reached by none, and each count's share of the field (empty for an empty field)."""
    field = pl.col("field_orgs").replace(0, None)
    return frame.with_columns(
        reached_by_none=pl.col("field_orgs") - pl.col("reached_by_any"),
        own_share=pl.col("reached_by_own") / field,
        any_share=pl.col("reached_by_any") / field,
        none_share=(pl.col("field_orgs") - pl.col("reached_by_any")) / field,
    )


def field_reach(f: Filters) -> pl.DataFrame:
    """Per year-end and hub type with a field (the selected types): the regions' organizations of the
    field, how many hubs of that type link (reached_by_own), any hub links, none links; shares of the
    field; the filed organizations apart."""
    where = f.where_sql({"region": "r.district_code", "hub_type": "r.hub_type"})
    return _with_shares(door.run(FIELD_REACH, {}, w=where))


def field_reach_by_region(f: Filters, codes: Sequence[str]) -> pl.DataFrame:
    """The same on the year-end for each of the given regions (the ranked ones), with their names."""
    where = f.where_sql({"as_of": "r.as_of", "region": "r.district_code", "hub_type": "r.hub_type"})
    frame = door.run(FIELD_REACH_REGIONS, {"codes": list(codes)}, w=where)
    return _with_shares(door.named(frame, "region_code", "region_name"))
