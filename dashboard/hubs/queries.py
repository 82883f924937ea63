"""The Hubs page's queries: every hub the viewer's regions are served by, ranked; one hub's links over
the years, its organizations, the projects it bought and the money paid to its organizations (through
core/door.py).

A hub is shown when its code lies in, or above, the selected regions and the viewer's scope (the
"hub_region" door: a city-level hub serves a district); its figures count only the organizations of
those regions (marts.hub_links_by_district), so a city-level hub appears to a district's viewer with
its links in that district only.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from dashboard.core import door
from dashboard.core.filters import Filters

# Hubs recognized at the year-end or the baseline whose code serves the regions ({reach}), their
# links at both dates ({counts}), the increase and its share of the increase of all of them; then
# the type, level and search filters ({pick}), so a hub's share does not change with them.
HUBS = """
with hubs as (
    select hub_id, name, hub_type, level, district_code, street_name, recognized_on, revoked_on
    from staging.hubs
    where {reach} and ((active_from_on <= $now and $now < active_until_on)
        or (active_from_on <= $base and $base < active_until_on))),
counts as ({counts}),
wide as (
    select hub_id,
        max(linked_orgs) filter (where as_of = $now and relation = 'managed') as managed_orgs,
        max(linked_orgs) filter (where as_of = $now and relation = 'liaison') as liaison_orgs,
        max(linked_orgs) filter (where as_of = $now and relation = 'any') as linked_orgs,
        max(filed_linked_orgs) filter (where as_of = $now and relation = 'any') as filed_linked_orgs,
        max(linked_orgs) filter (where as_of = $base and relation = 'any') as base_linked_orgs
    from counts group by hub_id),
ranked as (
    select h.*, (h.recognized_on <= $now and (h.revoked_on is null or h.revoked_on > $now)) as is_recognized,
        coalesce(w.managed_orgs, 0)::BIGINT as managed_orgs, coalesce(w.liaison_orgs, 0)::BIGINT as liaison_orgs,
        coalesce(w.linked_orgs, 0)::BIGINT as linked_orgs,
        coalesce(w.filed_linked_orgs, 0)::BIGINT as filed_linked_orgs,
        coalesce(w.base_linked_orgs, 0)::BIGINT as base_linked_orgs
    from hubs h left join wide w on w.hub_id = h.hub_id),
shares as (
    select *, linked_orgs - base_linked_orgs as increase,
        (linked_orgs - base_linked_orgs) / nullif(sum(linked_orgs - base_linked_orgs) over (), 0) as share_of_increase
    from ranked)
select row_number() over (order by linked_orgs desc, increase desc, hub_id) as rank, *
from shares
where {pick} and ($q = '' or hub_id = $q or contains(lower(name), lower($q)))
order by rank
"""

# the hubs' links at the two dates: all of a hub's organizations, or those of the regions
COUNTS_ALL = """
select hub_id, as_of, relation, linked_orgs, filed_linked_orgs from marts.hub_links_by_year
where as_of = $now or as_of = $base"""
COUNTS_IN = """
select hub_id, as_of, relation, sum(linked_orgs) as linked_orgs, sum(filed_linked_orgs) as filed_linked_orgs
from marts.hub_links_by_district where (as_of = $now or as_of = $base) and {cw} group by all"""

# one hub (only when it serves the regions): $h
REACHED = "exists (select 1 from staging.hubs rh where rh.hub_id = $h and {w})"

ENTRY = """
select hub_id, name, hub_type, level, district_code, registered_district_code, street_name,
    recognized_on, revoked_on
from staging.hubs where hub_id = $h and {reach}
"""

YEARS = """
with years as (select distinct as_of from marts.hub_links_by_year where hub_id = $h),
d as (
    select as_of,
        sum(linked_orgs) filter (where relation = 'managed') as managed_orgs,
        sum(linked_orgs) filter (where relation = 'liaison') as liaison_orgs,
        sum(linked_orgs) filter (where relation = 'any') as linked_orgs,
        sum(filed_linked_orgs) filter (where relation = 'any') as filed_linked_orgs
    from marts.hub_links_by_district where hub_id = $h and {w} group by as_of)
select year(y.as_of) as year, y.as_of, coalesce(d.managed_orgs, 0)::BIGINT as managed_orgs,
    coalesce(d.liaison_orgs, 0)::BIGINT as liaison_orgs, coalesce(d.linked_orgs, 0)::BIGINT as linked_orgs,
    coalesce(d.filed_linked_orgs, 0)::BIGINT as filed_linked_orgs
from years y left join d on d.as_of = y.as_of
where {reached}
order by y.as_of
"""

# The organizations a hub links on $d (a counting link: marts.links), in the regions.
ORGS = """
with l as (
    select uscc, any_value(district_code) as district_code, bool_or(relation = 'managed') as is_managed,
        bool_or(relation = 'liaison') as is_liaison, min(linked_on) as linked_on
    from marts.links
    where hub_id = $h and effective_from_on <= $d and (effective_until_on is null or $d < effective_until_on)
    group by uscc)
select o.name, o.uscc, o.org_type, coalesce(o.authority_level, o.registration_level) as registration_level,
    o.service_domain, o.rating, ref.registration_mode(o.registration_mode, o.supervising_unit) as registration_mode,
    l.district_code, l.is_managed, l.is_liaison, l.linked_on
from l join clean.organizations o on o.uscc = l.uscc
where {w} and {reached}
order by o.name, o.uscc
"""

FILED = """
with l as (
    select filing_id, any_value(district_code) as district_code, bool_or(relation = 'managed') as is_managed,
        bool_or(relation = 'liaison') as is_liaison
    from marts.filed_links
    where hub_id = $h and effective_from_on <= $d and (effective_until_on is null or $d < effective_until_on)
    group by filing_id)
select o.name, o.filing_id, o.service_domain, l.district_code, l.is_managed, l.is_liaison, o.filed_on
from l join clean.filed_orgs o on o.filing_id = l.filing_id
where {w} and {reached}
order by o.name, o.filing_id
"""

PROJECTS = """
select project_id, name as project_name, provider_name, provider_uscc, category, start_on, end_on,
    contract_amount_yuan::DOUBLE as contract_amount_yuan, funded_yuan::DOUBLE as funded_yuan, status,
    evaluation_grade, effective_district_code as district_code
from marts.projects
where purchaser_hub_id = $h and {w} and {reached}
order by start_on desc, project_id
"""

# Funding paid in the year $year to the organizations the hub links on $d, in the regions.
FUNDING = """
with l as (
    select distinct uscc from marts.links
    where hub_id = $h and effective_from_on <= $d and (effective_until_on is null or $d < effective_until_on))
select ff.recipient_uscc as uscc, o.name, ff.source, sum(ff.amount_yuan)::DOUBLE as amount_yuan,
    sum(ff.records)::BIGINT as records
from marts.funding_facts ff join l on l.uscc = ff.recipient_uscc
left join clean.organizations o on o.uscc = ff.recipient_uscc
where ff.year = $year and {w} and {reached}
group by all
order by amount_yuan desc, uscc, ff.source
"""

# Recognized hubs on the year-end whose code lies in the regions (as the headline counts them), and
# whether the delivery had hub data at all.
HUB_COUNTS = """
select count(*) filter (where level = 'city')::BIGINT as hubs_city,
    count(*) filter (where level = 'district')::BIGINT as hubs_district,
    count(*) filter (where level = 'street')::BIGINT as hubs_street, count(*)::BIGINT as hubs_total,
    (select has_hub_data from marts.delivery) as has_hub_data
from marts.hub_year where {w}
"""


def _reach(f: Filters, column: str, prefix: str) -> tuple[str, dict[str, object]]:
    return f.where_sql({"hub_region": column}, prefix=prefix)


def _reached(f: Filters) -> tuple[str, dict[str, object]]:
    """The hub $h serves the regions."""
    inner, params = _reach(f, "rh.district_code", "r")
    return REACHED.replace("{w}", inner), params


def hub_table(f: Filters, search: str = "") -> pl.DataFrame:
    """Every hub serving the regions, recognized at the year-end or the baseline, of the selected
    types and levels, whose name contains (or id is) `search`: its organizations at both dates
    (managed, liaison, linked; filed apart), the increase and its share of the increase of all hubs
    serving the regions (whatever the type, level and search); ranked by linked organizations."""
    fixed = {"now": f.as_of, "base": f.base_as_of, "q": search.strip()}
    slots = {
        "reach": _reach(f, "district_code", "h"),
        "pick": f.where_sql({"level": "level", "hub_type": "hub_type"}, prefix="p"),
    }
    counts = COUNTS_ALL
    if door.narrowed(f):  # only the organizations of the regions count
        counts, slots["cw"] = COUNTS_IN, f.where_sql({"region": "district_code"}, prefix="c")
    frame = door.run(HUBS.replace("{counts}", counts), fixed, **slots)
    return door.named(frame, "district_code", "region_name")


def hub_entry(f: Filters, hub_id: str) -> pl.DataFrame:
    """A hub's register entry (one row; none when it does not serve the regions)."""
    frame = door.run(ENTRY, {"h": hub_id}, reach=_reach(f, "district_code", "h"))
    return door.named(frame, "district_code", "region_name")


def hub_years(f: Filters, hub_id: str) -> pl.DataFrame:
    """A hub's organizations in the regions on every year-end it is recognized, by relation."""
    where = f.where_sql({"region": "district_code"})
    return door.run(YEARS, {"h": hub_id}, w=where, reached=_reached(f))


def hub_orgs(f: Filters, hub_id: str, on: date | None = None) -> pl.DataFrame:
    """The active organizations of the regions a hub links on `on` (default the year-end): type,
    level, domain, rating, registration mode, district, relations, first linked."""
    where = f.where_sql({"region": "l.district_code"})
    frame = door.run(ORGS, {"h": hub_id, "d": on or f.as_of}, w=where, reached=_reached(f))
    return door.named(frame, "district_code", "district_name", where=True)


def hub_filed(f: Filters, hub_id: str) -> pl.DataFrame:
    """The filed community organizations (备案) of the regions a hub links on the year-end."""
    where = f.where_sql({"region": "l.district_code"})
    frame = door.run(FILED, {"h": hub_id, "d": f.as_of}, w=where, reached=_reached(f))
    return door.named(frame, "district_code", "district_name", where=True)


def hub_projects(f: Filters, hub_id: str) -> pl.DataFrame:
    """The purchased-service projects a hub bought (purchaser_hub_id), carried out in the regions."""
    where = f.where_sql({"region": "effective_district_code"})
    frame = door.run(PROJECTS, {"h": hub_id}, w=where, reached=_reached(f))
    return door.named(frame, "district_code", "district_name")


def hub_funding(f: Filters, hub_id: str) -> pl.DataFrame:
    """Money paid in the selected year, in the regions, to the organizations a hub links at the
    year-end: one row per organization and source."""
    where = f.where_sql({"region": "ff.district_code"})
    fixed = {"h": hub_id, "d": f.as_of, "year": f.year}
    return door.run(FUNDING, fixed, w=where, reached=_reached(f))


def hub_counts(f: Filters) -> dict[str, object]:
    """Recognized hubs on the year-end located in the regions, by level; has_hub_data false when the
    delivery had no hubs file (then every count is "not provided")."""
    where = f.where_sql({"as_of": "as_of", "region": "district_code"})
    return door.run(HUB_COUNTS, {}, w=where).row(0, named=True)
