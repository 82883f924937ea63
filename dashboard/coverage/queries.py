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

# Coverage of the ranked regions, and the row of its own of the region they lie in (`$own`: its
# organizations known at no region below, is_unassigned: 莆田市本级（未落区县） among 莆田's counties).
# Exact from marts.region_coverage without hub or organization filters (a code at two levels, such
# as a municipality, has the same figures at both); registered and filed apart and together.
REGION_COVERAGE = """
select region_code, is_unassigned, any_value(active_orgs)::BIGINT as active_orgs,
    any_value(linked_orgs)::BIGINT as linked_orgs, any_value(coverage_rate) as coverage_rate,
    any_value(filed_orgs)::BIGINT as filed_orgs,
    any_value(filed_linked_orgs)::BIGINT as filed_linked_orgs,
    any_value(total_orgs)::BIGINT as total_orgs,
    any_value(total_linked_orgs)::BIGINT as total_linked_orgs,
    any_value(total_linked_orgs) / nullif(any_value(total_orgs), 0) as total_coverage_rate
from marts.region_coverage
where ((list_contains($codes::VARCHAR[], region_code) and not is_unassigned)
    or (is_unassigned and region_code = $own::VARCHAR)) and {w}
group by region_code, is_unassigned having any_value(total_orgs) > 0
"""

# The ranked regions' member codes (ref.region_levels), and the own row's one code: a constant
# fragment for the {members} slot.
_MEMBERS_SQL = """
members as (
    select distinct district_code, region_code, false as is_unassigned from ref.region_levels
    where list_contains($codes::VARCHAR[], region_code)
    union all select $own::VARCHAR, $own::VARCHAR, true where $own::VARCHAR is not null)"""

MEMBERS = (_MEMBERS_SQL, {})

# ... and from the cube under a hub mask or an organization type: each organization counts once, in
# the one district it lies in, so the sums over a region's districts are exact. Linked organizations
# are NULL ("not provided") when the delivery had no hub data.
REGION_COVERAGE_CUBE = """
with {members}
select m.region_code, m.is_unassigned, sum(c.orgs)::BIGINT as active_orgs,
    if(any_value(x.ok),
       coalesce(sum(c.orgs) filter (where ((c.managed_mask | c.liaison_mask) & $sel::BIGINT) <> 0), 0),
       null)::BIGINT as linked_orgs,
    linked_orgs / nullif(active_orgs, 0) as coverage_rate
from marts.coverage_cube c join members m on m.district_code = c.district_code
cross join (select has_hub_data as ok from marts.delivery) x
where {w}
group by m.region_code, m.is_unassigned having sum(c.orgs) > 0
"""

# Filed community organizations of the ranked regions (counties only: a filing names its county);
# linked by any recognized hub (marts.filed_org_year), so only without a hub type or level chosen.
REGION_FILED = """
with {members}
select m.region_code, m.is_unassigned, count(*)::BIGINT as filed_orgs,
    if(any_value(x.ok), count(*) filter (where y.is_linked), null)::BIGINT as filed_linked_orgs
from marts.filed_org_year y join members m on m.district_code = y.district_code
cross join (select has_hub_data as ok from marts.delivery) x
where {w}
group by m.region_code, m.is_unassigned
"""

# ... and as registered: the organizations of the ranked regions (by today's codes), grouped by the
# code they were filed under, at the level of the ranking (a retired code stands apart; a code
# above that level, such as 350300 among counties, is the row of its own).
REGION_COVERAGE_REGISTERED = """
with {members},
filed as (
    select case $level when 'province' then coalesce(r.province_code, r.region_code)
            when 'prefecture' then coalesce(r.prefecture_code, r.region_code)
            else r.region_code end as region_code, c.*
    from marts.coverage_cube c join ref.regions r on r.region_code = c.registered_district_code
    where c.district_code in (select district_code from members) and {w})
select f.region_code, coalesce(any_value(r.region_level) <> $level, false) as is_unassigned,
    sum(f.orgs)::BIGINT as active_orgs,
    if(any_value(x.ok),
       coalesce(sum(f.orgs) filter (where ((f.managed_mask | f.liaison_mask) & $sel::BIGINT) <> 0), 0),
       null)::BIGINT as linked_orgs,
    linked_orgs / nullif(active_orgs, 0) as coverage_rate,
    any_value(r.region_name) || case when any_value(r.is_current) then '' else '（已撤销）' end as filed_name,
    coalesce(any_value(r.is_current), false) as is_current
from filed f left join ref.regions r on r.region_code = f.region_code
cross join (select has_hub_data as ok from marts.delivery) x
group by f.region_code having sum(f.orgs) > 0
"""

# The same for the whole register, every hub type and level (no region, scope, organization type,
# hub type or level chosen): marts.hub_type_coverage already holds it per year-end, counted at
# refresh (the cube spread over 11 types at query time cost 50-100 ms a year change at 1M
# organizations). A date outside the calendar gets the zeros (NULLs) HUB_TYPES gives it; a viewer
# with a scope gets nothing ({w}: the "global" door), as no such viewer is sent here.
HUB_TYPES_WHOLE = """
select d.as_of, t.hub_type, t.type_index, t.is_mass_org, if(x.ok, coalesce(m.hubs, 0), null) as hubs,
    if(x.ok, coalesce(m.managed_orgs, 0), null)::BIGINT as managed_orgs,
    if(x.ok, coalesce(m.liaison_orgs, 0), null)::BIGINT as liaison_orgs,
    if(x.ok, coalesce(m.linked_orgs, 0), null)::BIGINT as linked_orgs,
    m.share_of_active
from (select unnest($dates::DATE[]) as as_of) d cross join ref.hub_types t
cross join (select has_hub_data as ok from marts.delivery) x
left join marts.hub_type_coverage m on m.as_of = d.as_of and m.hub_type = t.hub_type
where {w}
order by d.as_of, t.type_index
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
select d.as_of, t.hub_type, t.type_index, t.is_mass_org, if(x.ok, coalesce(h.hubs, 0), null) as hubs,
    if(x.ok, coalesce(k.managed_orgs, 0), null)::BIGINT as managed_orgs,
    if(x.ok, coalesce(k.liaison_orgs, 0), null)::BIGINT as liaison_orgs,
    if(x.ok, coalesce(k.linked_orgs, 0), null)::BIGINT as linked_orgs,
    if(x.ok, coalesce(k.linked_orgs, 0) / nullif(a.active, 0), null) as share_of_active
from (select unnest($dates::DATE[]) as as_of) d cross join types t
cross join (select has_hub_data as ok from marts.delivery) x
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
select l.level, l.level_index, if(x.ok, coalesce(h.hubs, 0), null) as hubs,
    if(x.ok, coalesce(k.linked_orgs, 0), null)::BIGINT as linked_orgs,
    if(x.ok, coalesce(k.linked_orgs, 0) / nullif((select sum(orgs) from cube), 0), null) as share_of_active
from levels l left join counts k on k.level = l.level left join hubs h on h.level = l.level
cross join (select has_hub_data as ok from marts.delivery) x
order by l.level_index
"""

DRILL = """
select o.uscc, c.name, o.org_type, o.registration_level, c.service_domain, o.district_code,
    if(x.ok, ((o.managed_mask | o.liaison_mask) & $sel::BIGINT) <> 0, null) as is_linked,
    (select string_agg(t.hub_type, ',' order by t.type_index) from ref.hub_types t
     where ((o.managed_mask | o.liaison_mask) & $sel::BIGINT & (7::BIGINT << (t.type_index * 3))) <> 0) as linked_types
from marts.org_segments o join clean.organizations c on c.uscc = o.uscc
cross join (select has_hub_data as ok from marts.delivery) x
where o.first_as_of <= $as_of and $as_of <= o.last_as_of and {w}
    and ($own::VARCHAR is null or o.district_code = $own::VARCHAR)
order by is_linked, c.name, o.uscc
"""


RANKING = ("region_code", "region_name", "is_unassigned", "active_orgs", "filed_orgs", "total_orgs",
           "linked_orgs", "coverage_rate", "filed_linked_orgs", "total_linked_orgs",
           "total_coverage_rate", "is_current", "is_zone")  # fmt: skip

# The filed community organizations (备案) of the selected regions on the selected date.
FILED_DRILL = """
select y.filing_id, c.name, c.street_name, c.filing_authority, y.service_domain, c.filed_on,
    if(x.ok, y.is_linked, null) as is_linked, y.district_code
from marts.filed_org_year y join clean.filed_orgs c on c.filing_id = y.filing_id
cross join (select has_hub_data as ok from marts.delivery) x
where {w}
order by c.name, y.filing_id
"""


def region_coverage(
    f: Filters,
    codes: Sequence[str],
    as_registered: bool = False,
    level: str = "county",
    own: str | None = None,
) -> pl.DataFrame:
    """Coverage of the given regions on the selected date, lowest first (regions without active or
    filed organizations left out): RANKING's columns, registered, filed and together (total_*).

    own: the code of the region whose row of its own (organizations known at no region below:
    莆田市本级（未落区县）, is_unassigned) is ranked with them. Filed organizations (no type, linked by
    any hub) are left out with an organization type chosen, their links with a hub type or level
    chosen, all of them as registered: the organizations grouped by the code they were filed under
    at `level` (a retired code apart, marked 已撤销; is_current says which)."""
    fixed: dict[str, object] = {"codes": list(codes), "sel": f.hub_mask(), "own": own}
    cube_dims = {"as_of": "c.as_of", "region": "c.district_code", "org_type": "c.org_type"}
    if as_registered:
        fixed["level"] = level if level in RANK_LEVELS else "county"
        frame = door.run(
            REGION_COVERAGE_REGISTERED, fixed, w=f.where_sql(cube_dims), members=MEMBERS
        )
        frame = door.ranking_named(frame).with_columns(
            region_name=pl.when("is_current").then("region_name").otherwise("filed_name")
        )
    elif f.levels or f.hub_types or f.org_types:
        frame = door.run(REGION_COVERAGE_CUBE, fixed, w=f.where_sql(cube_dims), members=MEMBERS)
        frame = _with_filed(f, door.ranking_named(frame), fixed)
    else:
        where = f.where_sql({"as_of": "as_of", "region": "region_code"})
        frame = door.run(REGION_COVERAGE, {"codes": list(codes), "own": own}, w=where)
        frame = door.ranking_named(frame).with_columns(is_current=pl.lit(True))
    missing = [pl.lit(None, pl.Int64).alias(c) for c in RANKING if c not in frame.columns]
    return (
        frame.with_columns(missing)
        .with_columns(pl.col("total_coverage_rate").cast(pl.Float64))
        .select(RANKING)
        .sort(["coverage_rate", "region_code"], nulls_last=False)
    )


def _with_filed(f: Filters, frame: pl.DataFrame, fixed: dict[str, object]) -> pl.DataFrame:
    """The cube's ranking with its filed organizations (see region_coverage), and the totals."""
    frame = frame.with_columns(is_current=pl.lit(True))
    if f.org_types:  # a filed organization has no legal type
        return frame
    where = f.where_sql({"as_of": "y.as_of", "region": "y.district_code"})
    fixed = {"codes": fixed["codes"], "own": fixed["own"]}
    filed = door.run(REGION_FILED, fixed, w=where, members=MEMBERS)
    if f.levels or f.hub_types:
        filed = filed.with_columns(pl.lit(None, pl.Int64).alias("filed_linked_orgs"))
    keys = ["region_code", "is_unassigned"]
    both = frame.join(filed, on=keys, how="full", coalesce=True, maintain_order="left")
    counts = [pl.col(c).fill_null(0) for c in ("active_orgs", "filed_orgs")]
    both = both.with_columns(counts).with_columns(
        total_orgs=pl.col("active_orgs") + pl.col("filed_orgs"),
        total_linked_orgs=pl.col("linked_orgs") + pl.col("filed_linked_orgs"),
        is_current=pl.lit(True),
    )
    rate = pl.col("total_linked_orgs") / pl.col("total_orgs").replace(0, None)
    return door.ranking_named(both.drop("region_name")).with_columns(
        total_coverage_rate=rate,
        coverage_rate=pl.col("linked_orgs") / pl.col("active_orgs").replace(0, None),
    )


def hub_type_coverage(f: Filters, dates: list[date]) -> pl.DataFrame:
    """One row per date and hub type of the selection: hubs and the organizations they link (the
    whole register's from marts.hub_type_coverage)."""
    if not (f.regions or f.scope or f.org_types or f.hub_types or f.levels):
        # "global": the register's own totals, kept only for a viewer without a scope
        return door.run(HUB_TYPES_WHOLE, {"dates": dates}, w=f.where_sql({"global": "-"}))
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


def drill_orgs(f: Filters, own: str | None = None) -> pl.DataFrame:
    """The active organizations of the selected regions on the selected date, linked in the hub
    selection or not (empty without hub data), with the shown name of where they lie (莆田市本级
    （未落区县） for one known at no county). own: only those of that code's row of its own."""
    where = f.where_sql({"region": "o.district_code", "org_type": "o.org_type"})
    frame = door.run(DRILL, {"sel": f.hub_mask(), "own": own, "as_of": f.as_of}, w=where)
    return door.named(frame, "district_code", "district_name", where=True)


def filed_orgs(f: Filters) -> pl.DataFrame:
    """The filed community organizations (备案) of the selected regions on the selected date, linked
    by any recognized hub or not (empty without hub data), with their county's shown name."""
    where = f.where_sql({"as_of": "y.as_of", "region": "y.district_code"})
    frame = door.run(FILED_DRILL, {}, w=where)
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
