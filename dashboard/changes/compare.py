"""What changed between two releases, unit by unit: the SQL over both release files, ATTACHed read-only.

Every headline figure of a year-end is a sum over units (organizations, hubs, payments, projects).
A unit whose contribution differs between the releases is listed once, with the one reason it
changed (the first that applies, in the order of the CASE below); so the reasons' parts add up to
the figure's change exactly (docs/dashboard.md, "What changed"). Values are bound ($d, $y,
$reason); identifiers are fixed text."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date

import duckdb
import polars as pl
import streamlit as st

from dashboard.core import db
from dashboard.core.filters import Filters
from dashboard.frame import release
from pipeline import releases
from pipeline.releases import Release
from pipeline.releases.diff import KEYS

ORG_REASONS = (
    "org_added",
    "org_removed",
    "deregistered",
    "org_dates",
    "hub_revoked",
    "link_ended",
    "link_removed",
    "hub_recognized",
    "link_reopened",
    "link_added",
    "hub_changed",
    "district_changed",
    "other",
)
HUB_REASONS = ("hubs_added", "hubs_removed", "hubs_revoked", "hubs_dates", "hubs_level")
FUNDING_REASONS = ("funding_added", "funding_removed", "funding_moved", "funding_amount")
PROJECT_REASONS = ("project_added", "project_removed", "project_moved", "project_amount")
REASONS = ORG_REASONS + HUB_REASONS + FUNDING_REASONS + PROJECT_REASONS
# The comparison reads the whole register (marts.headline, every unit), not through the region door
# of the queries (core/door.py): a viewer with a scope gets neither the 变化 page nor the overview's
# sentence, so nothing outside their regions is shown.
SCOPED = "chg.scoped"
TABLES = tuple(KEYS)  # the input tables `diff` compares

# A link counts on $d inside its effective window (marts.links); a hub counts while recognized.
ORGS = """
with o_year as (select uscc, district_code, is_linked, is_mass_linked from old.marts.org_year where as_of = $d),
n_year as (select uscc, district_code, is_linked, is_mass_linked from new.marts.org_year where as_of = $d),
states as (
    select coalesce(o.uscc, n.uscc) as uscc,
        (o.uscc is not null)::int as active_old, (n.uscc is not null)::int as active_new,
        coalesce(o.is_linked, false)::int as linked_old, coalesce(n.is_linked, false)::int as linked_new,
        coalesce(o.is_mass_linked, false)::int as mass_old, coalesce(n.is_mass_linked, false)::int as mass_new,
        o.district_code as district_old, n.district_code as district_new
    from o_year o full join n_year n on n.uscc = o.uscc
    where o.uscc is null or n.uscc is null or o.is_linked <> n.is_linked
        or o.is_mass_linked <> n.is_mass_linked or o.district_code <> n.district_code),
o_links as (select uscc, hub_id, relation, linked_on from old.marts.links
    where effective_from_on <= $d and (effective_until_on is null or $d < effective_until_on) and uscc in (select uscc from states)),
n_links as (select uscc, hub_id, relation, linked_on from new.marts.links
    where effective_from_on <= $d and (effective_until_on is null or $d < effective_until_on) and uscc in (select uscc from states)),
o_keys as (select distinct hub_id, uscc, relation, linked_on from old.clean.hub_links
    where uscc in (select uscc from states)),
n_keys as (select distinct hub_id, uscc, relation, linked_on from new.clean.hub_links
    where uscc in (select uscc from states)),
link_causes as (
    select l.*, 'lost' as side, coalesce(h.name, l.hub_id) as hub_name,
        case when h.hub_id is null or not (h.active_from_on <= $d and $d < h.active_until_on) then 1 when k.hub_id is null then 3 else 2 end as prio
    from (select * from o_links except select * from n_links) l
    left join new.staging.hubs h on h.hub_id = l.hub_id
    left join n_keys k
        on k.hub_id = l.hub_id and k.uscc = l.uscc and k.relation = l.relation and k.linked_on = l.linked_on
    union all
    select l.*, 'gained' as side, coalesce(h.name, l.hub_id) as hub_name,
        case when h.hub_id is null or not (h.active_from_on <= $d and $d < h.active_until_on) then 1 when k.hub_id is null then 3 else 2 end as prio
    from (select * from n_links except select * from o_links) l
    left join old.staging.hubs h on h.hub_id = l.hub_id
    left join o_keys k
        on k.hub_id = l.hub_id and k.uscc = l.uscc and k.relation = l.relation and k.linked_on = l.linked_on),
causes as (
    select uscc,
        ['hub_revoked', 'link_ended', 'link_removed'][min(prio) filter (where side = 'lost')] as lost,
        ['hub_recognized', 'link_reopened', 'link_added'][min(prio) filter (where side = 'gained')] as gained,
        string_agg(if(side = 'lost', '− ', '+ ') || hub_name || ' (' || hub_id || ', '
            || strftime(linked_on, '%Y-%m-%d') || ')', '; ' order by side desc, hub_id, linked_on) as links
    from link_causes group by uscc),
org_changes as (
    select s.*, c.links,
        coalesce(a.name, b.name) as name, b.registered_on as registered_old, a.registered_on as registered_new,
        b.deregistered_on as deregistered_old, a.deregistered_on as deregistered_new,
        case
            when b.uscc is null then 'org_added'
            when a.uscc is null then 'org_removed'
            when s.active_old > s.active_new and a.deregistered_on <= $d then 'deregistered'
            when s.active_old <> s.active_new then 'org_dates'
            when s.linked_old = s.linked_new and s.mass_old = s.mass_new then 'district_changed'
            when s.linked_new < s.linked_old or (s.linked_new = s.linked_old and s.mass_new < s.mass_old)
                then coalesce(c.lost, c.gained)
            else coalesce(c.gained, c.lost)
        end as cause,
        coalesce(cause, if(s.linked_old = s.linked_new, 'hub_changed', 'other')) as reason
    from states s
    left join old.clean.organizations b on b.uscc = s.uscc
    left join new.clean.organizations a on a.uscc = s.uscc
    left join causes c on c.uscc = s.uscc)
"""
ORG_SUMMARY = """select reason, count(*)::BIGINT as units, sum(active_new - active_old)::BIGINT as d_active,
    sum(linked_new - linked_old)::BIGINT as d_linked, sum(mass_new - mass_old)::BIGINT as d_mass
from org_changes group by reason"""
ORG_RECORDS = """select o.uscc, o.name, coalesce(r.region_name, o.district_new, o.district_old) as district_name,
    o.reason, o.active_old::BOOLEAN as active_old, o.active_new::BOOLEAN as active_new,
    o.linked_old::BOOLEAN as linked_old, o.linked_new::BOOLEAN as linked_new,
    o.mass_old::BOOLEAN as mass_old, o.mass_new::BOOLEAN as mass_new, o.registered_old, o.registered_new,
    o.deregistered_old, o.deregistered_new, o.links, o.district_old, o.district_new
from org_changes o left join new.ref.regions r on r.region_code = coalesce(o.district_new, o.district_old)
where o.reason = $reason order by o.uscc limit $limit"""

HUBS = """
with o as (select hub_id, level from old.marts.hub_year where as_of = $d),
n as (select hub_id, level from new.marts.hub_year where as_of = $d),
hub_changes as (
    select coalesce(o.hub_id, n.hub_id) as hub_id, coalesce(a.name, b.name) as name,
        o.level as level_old, n.level as level_new, b.recognized_on as recognized_old,
        a.recognized_on as recognized_new, b.revoked_on as revoked_old, a.revoked_on as revoked_new,
        case when b.hub_id is null then 'hubs_added' when a.hub_id is null then 'hubs_removed'
            when n.hub_id is null and a.revoked_on <= $d then 'hubs_revoked'
            when o.hub_id is null or n.hub_id is null then 'hubs_dates' else 'hubs_level' end as reason
    from o full join n on n.hub_id = o.hub_id
    left join old.clean.hubs b on b.hub_id = coalesce(o.hub_id, n.hub_id)
    left join new.clean.hubs a on a.hub_id = coalesce(o.hub_id, n.hub_id)
    where o.hub_id is null or n.hub_id is null or o.level <> n.level)
"""
HUB_SUMMARY = """select reason, count(*)::BIGINT as units,
    sum(coalesce(level_new = 'city', false)::int - coalesce(level_old = 'city', false)::int)::BIGINT as d_city,
    sum(coalesce(level_new = 'district', false)::int - coalesce(level_old = 'district', false)::int)::BIGINT
        as d_district,
    sum(coalesce(level_new = 'street', false)::int - coalesce(level_old = 'street', false)::int)::BIGINT
        as d_street,
    sum((level_new is not null)::int - (level_old is not null)::int)::BIGINT as d_total
from hub_changes group by reason"""
HUB_RECORDS = """select * from hub_changes where reason = $reason order by hub_id limit $limit"""

# clean tables, not the staging views (their region join costs a scan of 5M payments): the same
# amounts and dates; a payment counts in the year of paid_on, a project in the year of start_on.
FUNDING = """
with ids as (
    select funding_id from old.clean.funding
    where paid_on >= make_date($y, 1, 1) and paid_on < make_date($y + 1, 1, 1)
    union select funding_id from new.clean.funding
    where paid_on >= make_date($y, 1, 1) and paid_on < make_date($y + 1, 1, 1)),
o as (select *, year(paid_on) as paid_year from old.clean.funding
    where funding_id in (select funding_id from ids)),
n as (select *, year(paid_on) as paid_year from new.clean.funding
    where funding_id in (select funding_id from ids)),
j as (
    select coalesce(o.funding_id, n.funding_id) as funding_id,
        coalesce(n.recipient_uscc, o.recipient_uscc) as recipient_uscc,
        o.paid_on as paid_old, n.paid_on as paid_new,
        o.amount_yuan::DOUBLE as amount_old, n.amount_yuan::DOUBLE as amount_new,
        if(o.paid_year = $y, o.amount_yuan, 0) as counted_old,  -- decimals: exact sums
        if(n.paid_year = $y, n.amount_yuan, 0) as counted_new,
        case when o.funding_id is null then 'funding_added' when n.funding_id is null then 'funding_removed'
            when (o.paid_year = $y) <> (n.paid_year = $y) then 'funding_moved'
            else 'funding_amount' end as reason
    from o full join n on n.funding_id = o.funding_id),
funding_changes as (select * from j where counted_old <> counted_new)
"""
FUNDING_SUMMARY = """select reason, count(*)::BIGINT as units,
    sum(counted_new - counted_old)::DOUBLE as d_amount from funding_changes group by reason"""
FUNDING_RECORDS = """select f.*, coalesce(a.name, b.name) as recipient_name, (f.counted_new - f.counted_old)::DOUBLE as d_amount
from funding_changes f left join new.clean.organizations a on a.uscc = f.recipient_uscc
left join old.clean.organizations b on b.uscc = f.recipient_uscc
where f.reason = $reason order by f.funding_id limit $limit"""

PROJECTS = """
with j as (
    select coalesce(o.project_id, n.project_id) as project_id, coalesce(n.name, o.name) as project_name,
        o.start_on as start_old, n.start_on as start_new,
        o.contract_amount_yuan::DOUBLE as contract_old, n.contract_amount_yuan::DOUBLE as contract_new,
        (o.start_year = $y)::int as started_old, (n.start_year = $y)::int as started_new,
        if(o.start_year = $y, coalesce(o.contract_amount_yuan, 0), 0) as counted_old,
        if(n.start_year = $y, coalesce(n.contract_amount_yuan, 0), 0) as counted_new,
        case when o.project_id is null then 'project_added' when n.project_id is null then 'project_removed'
            when (o.start_year = $y) <> (n.start_year = $y) then 'project_moved'
            else 'project_amount' end as reason
    from (select *, year(start_on) as start_year from old.clean.projects) o
    full join (select *, year(start_on) as start_year from new.clean.projects) n
        on n.project_id = o.project_id
    where o.start_year = $y or n.start_year = $y),
project_changes as (
    select * replace (coalesce(started_old, 0) as started_old, coalesce(started_new, 0) as started_new)
    from j where coalesce(started_old, 0) <> coalesce(started_new, 0) or counted_old <> counted_new)
"""
PROJECT_SUMMARY = """select reason, count(*)::BIGINT as units,
    sum(started_new - started_old)::BIGINT as d_count, sum(counted_new - counted_old)::DOUBLE as d_amount
from project_changes group by reason"""
PROJECT_RECORDS = """select *, (counted_new - counted_old)::DOUBLE as d_amount from project_changes
where reason = $reason order by project_id limit $limit"""

HEADLINE = """select 'old' as side, * from old.marts.headline where as_of = $d
union all by name select 'new' as side, * from new.marts.headline where as_of = $d"""
DISTRICTS = """
select coalesce(o.district_code, n.district_code) as district_code,
    coalesce(n.district_name, o.district_name, o.district_code, n.district_code) as district_name,
    coalesce(o.active_orgs, 0)::BIGINT as active_old, coalesce(n.active_orgs, 0)::BIGINT as active_new,
    if(o.district_code is null, 0, o.linked_orgs)::BIGINT as linked_old,
    if(n.district_code is null, 0, n.linked_orgs)::BIGINT as linked_new,
    o.coverage_rate as rate_old, n.coverage_rate as rate_new,
    active_new - active_old as active_delta, linked_new - linked_old as linked_delta,
    n.coverage_rate - o.coverage_rate as rate_delta
from (select * from old.marts.district_coverage where as_of = $d) o
full join (select * from new.marts.district_coverage where as_of = $d) n on n.district_code = o.district_code
order by rate_delta nulls last, district_code
"""
_UNITS = {
    "orgs": (ORGS, ORG_SUMMARY, ORG_RECORDS, ORG_REASONS),
    "hubs": (HUBS, HUB_SUMMARY, HUB_RECORDS, HUB_REASONS),
    "funding": (FUNDING, FUNDING_SUMMARY, FUNDING_RECORDS, FUNDING_REASONS),
    "projects": (PROJECTS, PROJECT_SUMMARY, PROJECT_RECORDS, PROJECT_REASONS),
}


def unit_of(reason: str) -> str:
    """The unit a reason counts: orgs, hubs, funding or projects."""
    for unit, (*_, reasons) in _UNITS.items():
        if reason in reasons:
            return unit
    raise ValueError(f"unknown reason: {reason}")


@contextlib.contextmanager
def pair(old: db.Version, new: db.Version) -> Iterator[duckdb.DuckDBPyConnection]:
    """A private connection with the two release files ATTACHed read-only as `old` and `new`; then
    file and network access off and the configuration locked, as for the dashboard's own connection."""
    con = duckdb.connect(":memory:", config=db.connection_config())
    try:
        con.execute("attach ? as old (read_only)", [old.path])
        con.execute("attach ? as new (read_only)", [new.path])
        con.execute("set enable_external_access = false")
        con.execute("set lock_configuration = true")
        yield con
    finally:
        con.close()


def _params(sql: str, values: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in values.items() if f"${k}" in sql}


PARTS = (*_UNITS, "headline", "districts")  # what a summary holds


def _sql(name: str) -> str:
    if name in _UNITS:
        ctes, select, _, _ = _UNITS[name]
        return ctes + select
    return HEADLINE if name == "headline" else DISTRICTS


@st.cache_data(max_entries=256, show_spinner=False)
def _summary_part(old: db.Version, new: db.Version, as_of: date, name: str) -> pl.DataFrame:
    sql = _sql(name)
    with pair(old, new) as con:
        return con.sql(sql, params=_params(sql, {"d": as_of, "y": as_of.year})).pl()


def summary(
    old: db.Version, new: db.Version, as_of: date, parts: tuple[str, ...] = PARTS
) -> dict[str, pl.DataFrame]:
    """Per unit (orgs, hubs, funding, projects), one row per reason: how many units and their parts
    of each figure's change; `headline`: the year-end's headline row of each release (`side`
    old/new); `districts`: each district's figures in both. Each part is cached on its own."""
    return {name: _summary_part(old, new, as_of, name) for name in parts}


@st.cache_data(max_entries=64, show_spinner=False)
def records(old: db.Version, new: db.Version, as_of: date, reason: str, limit: int) -> pl.DataFrame:
    """The units behind one reason's count, with their old and new values (at most `limit`)."""
    ctes, _, select, _ = _UNITS[unit_of(reason)]
    sql = ctes + select
    values = {"d": as_of, "y": as_of.year, "reason": reason, "limit": limit}
    with pair(old, new) as con:
        return con.sql(sql, params=_params(sql, values)).pl()


@st.cache_data(max_entries=16, show_spinner=False)
def table_counts(old: db.Version, new: db.Version) -> pl.DataFrame:
    """Rows added, removed and changed per input table (what `python -m pipeline diff` counts)."""
    with pair(old, new) as con:
        found = {name: releases.table_diff(con, name) for name in TABLES}
    return pl.DataFrame(
        [{"table": name, **vars(diff)} for name, diff in found.items()],
        schema={"table": pl.String, "added": pl.Int64, "removed": pl.Int64, "changed": pl.Int64},
    )


def since_previous(f: Filters) -> tuple[Release, dict[str, pl.DataFrame]] | None:
    """The release before the one on screen and the summary of the change since it at the year-end;
    None when there is no earlier release on disk (or a file vanished), and for a viewer with a
    scope: the comparison is of the whole register (see `SCOPED`)."""
    if f.scope:
        return None
    led = release.ledger()
    shown = release.shown(release.current(), led)
    before = release.previous(led, shown)
    if shown is None or before is None:
        return None
    old, new = db.file_version(before.path), db.file_version(shown.path)
    if old is None or new is None:
        return None
    return before, summary(old, new, f.as_of, ("orgs", "headline"))  # what the sentence needs
