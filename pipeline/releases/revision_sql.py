"""The SQL of a revision: what changed between two releases, unit by unit, on each year-end.

Both release files are attached read-only as `old` and `new`. Every headline figure of a year-end is
a sum over units (organizations, hubs, payments, projects); a unit whose contribution differs between
the releases is listed once per year-end, with the one reason it changed (the first that applies, in
the order of the CASE below), so the reasons' parts add up to the figure's change exactly
(docs/dashboard.md, "What changed"). `$d` is one year-end, or NULL for every year-end at once (what a
refresh stores); the units are compared on the year-ends both releases have (a year-end the older
release lacks has no parts: the page and the sentence say it is new). Values are bound ($d, $reason,
$limit); identifiers are fixed text."""

from __future__ import annotations

# The year-ends compared: both releases' calendars, one of them or all.
YEARS = """years as (
    select as_of, year(as_of) as year from new.marts.calendar
    where as_of in (select as_of from old.marts.calendar) and ($d is null or as_of = $d)),
"""

# Organizations. Only those whose registration window, district or counting links differ can change
# state on any year-end ("touched"); their states are computed from those intervals (as
# marts.org_segments is: active, linked by any counting link, by a mass organization's, district), the
# rest of the register is not expanded over the year-ends. A link counts on a date inside its
# effective window (marts.links); a hub counts while recognized.
ORGS = f"""
with {YEARS}
o_orgs as (select uscc, district_code, active_from_on, active_until_on from old.staging.organizations),
n_orgs as (select uscc, district_code, active_from_on, active_until_on from new.staging.organizations),
o_spans as (select uscc, effective_from_on, coalesce(effective_until_on, date '9999-12-31') as until_on,
    is_mass_org from old.marts.links where effective_from_on is not null),
n_spans as (select uscc, effective_from_on, coalesce(effective_until_on, date '9999-12-31') as until_on,
    is_mass_org from new.marts.links where effective_from_on is not null),
-- a row of one side that the other lacks (the EXCEPT of each way, as one full join: half the work)
touched as (
    select coalesce(o.uscc, n.uscc) as uscc from (select 1 as here, * from o_orgs) o
    full join (select 1 as here, * from n_orgs) n on o.uscc is not distinct from n.uscc
        and o.district_code is not distinct from n.district_code
        and o.active_from_on is not distinct from n.active_from_on
        and o.active_until_on is not distinct from n.active_until_on
    where o.here is null or n.here is null
    union select coalesce(o.uscc, n.uscc) from (select 1 as here, * from o_spans) o
    full join (select 1 as here, * from n_spans) n on o.uscc is not distinct from n.uscc
        and o.effective_from_on is not distinct from n.effective_from_on
        and o.until_on is not distinct from n.until_on and o.is_mass_org is not distinct from n.is_mass_org
    where o.here is null or n.here is null),
-- materialized: the touched few first, then over the year-ends (not the register, then filtered)
o_touched as materialized (select * from o_orgs where uscc in (select uscc from touched)),
n_touched as materialized (select * from n_orgs where uscc in (select uscc from touched)),
o_touched_spans as materialized (select * from o_spans where uscc in (select uscc from touched)),
n_touched_spans as materialized (select * from n_spans where uscc in (select uscc from touched)),
o_active as (select y.as_of, o.uscc, o.district_code from o_touched o
    join years y on y.as_of >= o.active_from_on and y.as_of < o.active_until_on),
n_active as (select y.as_of, o.uscc, o.district_code from n_touched o
    join years y on y.as_of >= o.active_from_on and y.as_of < o.active_until_on),
o_flags as (select y.as_of, s.uscc, bool_or(s.is_mass_org) as is_mass_linked from o_touched_spans s
    join years y on y.as_of >= s.effective_from_on and y.as_of < s.until_on group by y.as_of, s.uscc),
n_flags as (select y.as_of, s.uscc, bool_or(s.is_mass_org) as is_mass_linked from n_touched_spans s
    join years y on y.as_of >= s.effective_from_on and y.as_of < s.until_on group by y.as_of, s.uscc),
o_year as (select a.as_of, a.uscc, a.district_code, f.uscc is not null as is_linked,
    coalesce(f.is_mass_linked, false) as is_mass_linked
    from o_active a left join o_flags f on f.as_of = a.as_of and f.uscc = a.uscc),
n_year as (select a.as_of, a.uscc, a.district_code, f.uscc is not null as is_linked,
    coalesce(f.is_mass_linked, false) as is_mass_linked
    from n_active a left join n_flags f on f.as_of = a.as_of and f.uscc = a.uscc),
states as (
    select coalesce(o.as_of, n.as_of) as as_of, coalesce(o.uscc, n.uscc) as uscc,
        (o.uscc is not null)::int as active_old, (n.uscc is not null)::int as active_new,
        coalesce(o.is_linked, false)::int as linked_old, coalesce(n.is_linked, false)::int as linked_new,
        coalesce(o.is_mass_linked, false)::int as mass_old, coalesce(n.is_mass_linked, false)::int as mass_new,
        o.district_code as district_old, n.district_code as district_new
    from o_year o full join n_year n on n.as_of = o.as_of and n.uscc = o.uscc
    where o.uscc is null or n.uscc is null or o.is_linked <> n.is_linked
        or o.is_mass_linked <> n.is_mass_linked or o.district_code <> n.district_code),
o_links as (select s.as_of, l.uscc, l.hub_id, l.relation, l.linked_on
    from old.marts.links l join states s on s.uscc = l.uscc
    where l.effective_from_on <= s.as_of and (l.effective_until_on is null or s.as_of < l.effective_until_on)),
n_links as (select s.as_of, l.uscc, l.hub_id, l.relation, l.linked_on
    from new.marts.links l join states s on s.uscc = l.uscc
    where l.effective_from_on <= s.as_of and (l.effective_until_on is null or s.as_of < l.effective_until_on)),
o_keys as (select distinct hub_id, uscc, relation, linked_on from old.clean.hub_links
    where uscc in (select uscc from states)),
n_keys as (select distinct hub_id, uscc, relation, linked_on from new.clean.hub_links
    where uscc in (select uscc from states)),
link_causes as (
    select l.*, 'lost' as side, coalesce(h.name, l.hub_id) as hub_name,
        case when h.hub_id is null or not (h.active_from_on <= l.as_of and l.as_of < h.active_until_on) then 1
            when k.hub_id is null then 3 else 2 end as prio
    from (select * from o_links except select * from n_links) l
    left join new.staging.hubs h on h.hub_id = l.hub_id
    left join n_keys k
        on k.hub_id = l.hub_id and k.uscc = l.uscc and k.relation = l.relation and k.linked_on = l.linked_on
    union all
    select l.*, 'gained' as side, coalesce(h.name, l.hub_id) as hub_name,
        case when h.hub_id is null or not (h.active_from_on <= l.as_of and l.as_of < h.active_until_on) then 1
            when k.hub_id is null then 3 else 2 end as prio
    from (select * from n_links except select * from o_links) l
    left join old.staging.hubs h on h.hub_id = l.hub_id
    left join o_keys k
        on k.hub_id = l.hub_id and k.uscc = l.uscc and k.relation = l.relation and k.linked_on = l.linked_on),
causes as (
    select as_of, uscc,
        ['hub_revoked', 'link_ended', 'link_removed'][min(prio) filter (where side = 'lost')] as lost,
        ['hub_recognized', 'link_reopened', 'link_added'][min(prio) filter (where side = 'gained')] as gained,
        string_agg(if(side = 'lost', '− ', '+ ') || hub_name || ' (' || hub_id || ', '
            || strftime(linked_on, '%Y-%m-%d') || ')', '; ' order by side desc, hub_id, linked_on) as links
    from link_causes group by as_of, uscc),
org_changes as (
    select s.*, c.links,
        coalesce(a.name, b.name) as name, b.registered_on as registered_old, a.registered_on as registered_new,
        b.deregistered_on as deregistered_old, a.deregistered_on as deregistered_new,
        case
            when b.uscc is null then 'org_added'
            when a.uscc is null then 'org_removed'
            when s.active_old > s.active_new and a.deregistered_on <= s.as_of then 'deregistered'
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
    left join causes c on c.as_of = s.as_of and c.uscc = s.uscc)
"""  # noqa: S608 - fixed text
ORG_SUMMARY = """select as_of, reason, count(*)::BIGINT as units, sum(active_new - active_old)::BIGINT as d_active,
    sum(linked_new - linked_old)::BIGINT as d_linked, sum(mass_new - mass_old)::BIGINT as d_mass
from org_changes group by as_of, reason"""
ORG_RECORDS = """select o.uscc, o.name, coalesce(r.region_name, o.district_new, o.district_old) as district_name,
    o.reason, o.active_old::BOOLEAN as active_old, o.active_new::BOOLEAN as active_new,
    o.linked_old::BOOLEAN as linked_old, o.linked_new::BOOLEAN as linked_new,
    o.mass_old::BOOLEAN as mass_old, o.mass_new::BOOLEAN as mass_new, o.registered_old, o.registered_new,
    o.deregistered_old, o.deregistered_new, o.links, o.district_old, o.district_new
from org_changes o left join new.ref.regions r on r.region_code = coalesce(o.district_new, o.district_old)
where o.reason = $reason order by o.uscc limit $limit"""

HUBS = f"""
with {YEARS}
o as (select as_of, hub_id, level from old.marts.hub_year where as_of in (select as_of from years)),
n as (select as_of, hub_id, level from new.marts.hub_year where as_of in (select as_of from years)),
hub_changes as (
    select coalesce(o.as_of, n.as_of) as as_of,
        coalesce(o.hub_id, n.hub_id) as hub_id, coalesce(a.name, b.name) as name,
        o.level as level_old, n.level as level_new, b.recognized_on as recognized_old,
        a.recognized_on as recognized_new, b.revoked_on as revoked_old, a.revoked_on as revoked_new,
        case when b.hub_id is null then 'hubs_added' when a.hub_id is null then 'hubs_removed'
            when n.hub_id is null and a.revoked_on <= o.as_of then 'hubs_revoked'
            when o.hub_id is null or n.hub_id is null then 'hubs_dates' else 'hubs_level' end as reason
    from o full join n on n.as_of = o.as_of and n.hub_id = o.hub_id
    left join old.clean.hubs b on b.hub_id = coalesce(o.hub_id, n.hub_id)
    left join new.clean.hubs a on a.hub_id = coalesce(o.hub_id, n.hub_id)
    where o.hub_id is null or n.hub_id is null or o.level <> n.level)
"""  # noqa: S608 - fixed text
HUB_SUMMARY = """select as_of, reason, count(*)::BIGINT as units,
    sum(coalesce(level_new = 'city', false)::int - coalesce(level_old = 'city', false)::int)::BIGINT as d_city,
    sum(coalesce(level_new = 'district', false)::int - coalesce(level_old = 'district', false)::int)::BIGINT
        as d_district,
    sum(coalesce(level_new = 'street', false)::int - coalesce(level_old = 'street', false)::int)::BIGINT
        as d_street,
    sum((level_new is not null)::int - (level_old is not null)::int)::BIGINT as d_total
from hub_changes group by as_of, reason"""
HUB_RECORDS = """select * exclude (as_of) from hub_changes where reason = $reason order by hub_id limit $limit"""

# Payments: the clean tables, not the staging views (their region join costs a scan of 5M payments):
# the same amounts and dates. A payment counts in the year of paid_on; one whose year and amount are
# the same in both releases counts the same in every year, so only the others are joined to years.
# `ids` narrows one year-end's comparison to the payments of its year (FUNDING_IDS_ONE_YEAR).
FUNDING_IDS_ONE_YEAR = """ids as (
    select funding_id from old.clean.funding
    where paid_on >= make_date(year($d), 1, 1) and paid_on < make_date(year($d) + 1, 1, 1)
    union select funding_id from new.clean.funding
    where paid_on >= make_date(year($d), 1, 1) and paid_on < make_date(year($d) + 1, 1, 1)),
"""
FUNDING = """
with {years}{ids}
o as (select funding_id, recipient_uscc, paid_on, year(paid_on) as paid_year, amount_yuan from old.clean.funding
    {narrow}),
n as (select funding_id, recipient_uscc, paid_on, year(paid_on) as paid_year, amount_yuan from new.clean.funding
    {narrow}),
differ as (
    select coalesce(o.funding_id, n.funding_id) as funding_id,
        coalesce(n.recipient_uscc, o.recipient_uscc) as recipient_uscc,
        o.funding_id is not null as in_old, n.funding_id is not null as in_new,
        o.paid_on as paid_old, n.paid_on as paid_new, o.paid_year as year_old, n.paid_year as year_new,
        o.amount_yuan as yuan_old, n.amount_yuan as yuan_new
    from o full join n on n.funding_id = o.funding_id
    where o.funding_id is null or n.funding_id is null or o.paid_year <> n.paid_year
        or o.amount_yuan <> n.amount_yuan),
j as (
    select y.as_of, d.funding_id, d.recipient_uscc, d.paid_old, d.paid_new,
        d.yuan_old::DOUBLE as amount_old, d.yuan_new::DOUBLE as amount_new,
        if(d.year_old = y.year, d.yuan_old, 0) as counted_old,  -- decimals: exact sums
        if(d.year_new = y.year, d.yuan_new, 0) as counted_new,
        case when not d.in_old then 'funding_added' when not d.in_new then 'funding_removed'
            when (d.year_old = y.year) <> (d.year_new = y.year) then 'funding_moved'
            else 'funding_amount' end as reason
    from differ d join years y on y.year = d.year_old or y.year = d.year_new),
funding_changes as (select * from j where counted_old <> counted_new)
"""
FUNDING_SUMMARY = """select as_of, reason, count(*)::BIGINT as units,
    sum(counted_new - counted_old)::DOUBLE as d_amount from funding_changes group by as_of, reason"""
FUNDING_RECORDS = """select f.* exclude (as_of), coalesce(a.name, b.name) as recipient_name,
    (f.counted_new - f.counted_old)::DOUBLE as d_amount
from funding_changes f left join new.clean.organizations a on a.uscc = f.recipient_uscc
left join old.clean.organizations b on b.uscc = f.recipient_uscc
where f.reason = $reason order by f.funding_id limit $limit"""

PROJECTS = f"""
with {YEARS}
differ as (
    select coalesce(o.project_id, n.project_id) as project_id, coalesce(n.name, o.name) as project_name,
        o.project_id is not null as in_old, n.project_id is not null as in_new,
        o.start_on as start_old, n.start_on as start_new, year(o.start_on) as year_old,
        year(n.start_on) as year_new, o.contract_amount_yuan as yuan_old, n.contract_amount_yuan as yuan_new
    from old.clean.projects o full join new.clean.projects n on n.project_id = o.project_id
    where o.project_id is null or n.project_id is null or year(o.start_on) <> year(n.start_on)
        or o.contract_amount_yuan is distinct from n.contract_amount_yuan),
j as (
    select y.as_of, d.project_id, d.project_name, d.start_old, d.start_new,
        d.yuan_old::DOUBLE as contract_old, d.yuan_new::DOUBLE as contract_new,
        coalesce((d.year_old = y.year)::int, 0) as started_old,
        coalesce((d.year_new = y.year)::int, 0) as started_new,
        if(d.year_old = y.year, coalesce(d.yuan_old, 0), 0) as counted_old,
        if(d.year_new = y.year, coalesce(d.yuan_new, 0), 0) as counted_new,
        case when not d.in_old then 'project_added' when not d.in_new then 'project_removed'
            when (d.year_old = y.year) <> (d.year_new = y.year) then 'project_moved'
            else 'project_amount' end as reason
    from differ d join years y on y.year = d.year_old or y.year = d.year_new),
project_changes as (select * from j where started_old <> started_new or counted_old <> counted_new)
"""  # noqa: S608 - fixed text
PROJECT_SUMMARY = """select as_of, reason, count(*)::BIGINT as units,
    sum(started_new - started_old)::BIGINT as d_count, sum(counted_new - counted_old)::DOUBLE as d_amount
from project_changes group by as_of, reason"""
PROJECT_RECORDS = """select * exclude (as_of), (counted_new - counted_old)::DOUBLE as d_amount
from project_changes where reason = $reason order by project_id limit $limit"""

# The year-end's headline row of each release, and each district's figures in both: on every
# year-end either release has.
HEADLINE = """select 'old' as side, * from old.marts.headline where $d is null or as_of = $d
union all by name select 'new' as side, * from new.marts.headline where $d is null or as_of = $d"""
DISTRICTS = """
select coalesce(o.as_of, n.as_of) as as_of, coalesce(o.district_code, n.district_code) as district_code,
    coalesce(n.district_name, o.district_name, o.district_code, n.district_code) as district_name,
    coalesce(o.active_orgs, 0)::BIGINT as active_old, coalesce(n.active_orgs, 0)::BIGINT as active_new,
    -- 0 only where the district is missing from a release: without hub data linked is NULL (not 0)
    if(o.district_code is null, 0, o.linked_orgs)::BIGINT as linked_old,
    if(n.district_code is null, 0, n.linked_orgs)::BIGINT as linked_new,
    o.coverage_rate as rate_old, n.coverage_rate as rate_new,
    active_new - active_old as active_delta, linked_new - linked_old as linked_delta,
    n.coverage_rate - o.coverage_rate as rate_delta
from (select * from old.marts.district_coverage where $d is null or as_of = $d) o
full join (select * from new.marts.district_coverage where $d is null or as_of = $d) n
    on n.as_of = o.as_of and n.district_code = o.district_code
"""
DISTRICT_ORDER = "\norder by rate_delta nulls last, district_code"
