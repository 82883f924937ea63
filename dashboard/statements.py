"""The SQL text of the dashboard's queries: templates with {slots} for Filters fragments, values bound.

Only dashboard/queries.py uses these; every {w}-like slot takes a Filters.where_sql fragment, so the
region selection and the viewer's scope reach every statement through the same door.
"""

from __future__ import annotations

# Every region (code, level, parent) that has organizations or funding, by today's codes, and the
# name shown for it outside its parent's page: the name, with its parent's name when another region
# of the data has the same name (朝阳区 · 北京市, 朝阳区 · 长春市). One row per code and level.
REGIONS = """
with present as (
    select distinct region_level, region_code, parent_code from marts.region_coverage
    union select distinct region_level, region_code, parent_code from marts.region_funding),
ranked as (
    select *, row_number() over (partition by region_code order by
        case region_level when 'province' then 0 when 'prefecture' then 1 else 2 end) as place
    from present),
named as (
    select k.region_code, r.region_name, u.region_name as parent_name,
        count(*) over (partition by r.region_name) as namesakes
    from ranked k join ref.regions r on r.region_code = k.region_code
    left join ref.regions u on u.region_code = k.parent_code and k.parent_code <> k.region_code
    where k.place = 1)
select p.region_level, p.region_code, p.parent_code, n.region_name,
    case when n.namesakes > 1 and n.parent_name is not null
        then n.region_name || ' · ' || n.parent_name else n.region_name end as region_label
from present p join named n on n.region_code = p.region_code
where {w}
order by case p.region_level when 'province' then 0 when 'prefecture' then 1 else 2 end, p.region_code
"""

# The latest record date: of the whole register (global data: for a viewer without a scope), or of
# the viewer's regions (a payment counts where its record, else its recipient, lies).
PROVENANCE_ALL = """
select greatest((select max(registered_on) from clean.organizations),
    (select max(recognized_on) from clean.hubs), (select max(linked_on) from clean.hub_links),
    (select max(start_on) from clean.projects), (select max(paid_on) from clean.funding)) as latest
where {g}
"""
PROVENANCE = """
select greatest(
    (select max(registered_on) from staging.organizations where {o}),
    (select max(recognized_on) from staging.hubs where {h}),
    (select max(linked_on) from marts.links where {k}),
    (select max(start_on) from marts.projects where {p}),
    (select max(paid_on) from staging.funding where district_code is not null and {f}),
    (select max(paid_on) from staging.funding where district_code is null
        and recipient_uscc in (select uscc from staging.organizations where {r}))) as latest
"""

HEADLINE = """
with cube as (
    select as_of, sum(orgs) as active_orgs,
        coalesce(sum(orgs) filter (where ((managed_mask | liaison_mask) & $sel::BIGINT) <> 0), 0) as linked_orgs,
        coalesce(sum(orgs) filter (where ((managed_mask | liaison_mask) & $mass::BIGINT) <> 0), 0) as mass_org_linked_orgs
    from marts.coverage_cube where {cube} group by as_of),
hubs as (
    select as_of, count(*) filter (where level = 'city') as hubs_city,
        count(*) filter (where level = 'district') as hubs_district,
        count(*) filter (where level = 'street') as hubs_street, count(*) as hubs_total
    from marts.hub_year where {hubs} group by as_of),
proj_base as (
    select start_year, contract_amount_yuan, provider_org_type, effective_district_code as area_code
    from marts.projects),
proj as (
    select start_year as year, count(*) as projects_started, sum(contract_amount_yuan) as contract_amount_yuan
    from proj_base where {proj} group by start_year),
fund as (
    select year, sum(amount_yuan) as funding_amount_yuan from marts.funding_cube
    where {fund} and all_districts = $all_districts and all_sources = $all_sources group by year)
select c.as_of, c.year,
    coalesce(h.hubs_city, 0) as hubs_city, coalesce(h.hubs_district, 0) as hubs_district,
    coalesce(h.hubs_street, 0) as hubs_street, coalesce(h.hubs_total, 0) as hubs_total,
    coalesce(k.active_orgs, 0)::BIGINT as active_orgs, coalesce(k.linked_orgs, 0)::BIGINT as linked_orgs,
    k.linked_orgs / nullif(k.active_orgs, 0) as coverage_rate,
    coalesce(k.mass_org_linked_orgs, 0)::BIGINT as mass_org_linked_orgs,
    k.mass_org_linked_orgs / nullif(k.active_orgs, 0) as mass_org_share,
    coalesce(p.projects_started, 0) as projects_started,
    coalesce(p.contract_amount_yuan, 0)::DOUBLE as contract_amount_yuan,
    coalesce(f.funding_amount_yuan, 0)::DOUBLE as funding_amount_yuan
from marts.calendar c left join cube k on k.as_of = c.as_of left join hubs h on h.as_of = c.as_of
left join proj p on p.year = c.year left join fund f on f.year = c.year
order by c.as_of
"""

# Coverage of the ranked regions. Exact from marts.region_coverage without hub or organization
# filters (a code at two levels, such as a municipality, has the same figures at both).
REGION_COVERAGE = """
select region_code, any_value(active_orgs)::BIGINT as active_orgs,
    any_value(linked_orgs)::BIGINT as linked_orgs, any_value(coverage_rate) as coverage_rate
from marts.region_coverage
where list_contains($codes::VARCHAR[], region_code) and {w}
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

# Funding of the ranked regions: exact from marts.region_funding without source or organization
# filters (recipients distinct per region, never added up from counties); else from the facts.
REGION_FUNDING = """
select region_code, any_value(amount_yuan)::DOUBLE as amount_yuan, any_value(records)::BIGINT as records,
    any_value(recipients)::BIGINT as recipients
from marts.region_funding
where list_contains($codes::VARCHAR[], region_code) and {w}
group by region_code
"""
REGION_FUNDING_FACTS = """
with members as (
    select distinct district_code, region_code from ref.region_levels
    where list_contains($codes::VARCHAR[], region_code))
select m.region_code, sum(ff.amount_yuan)::DOUBLE as amount_yuan, sum(ff.records)::BIGINT as records,
    count(distinct ff.recipient_uscc)::BIGINT as recipients
from marts.funding_facts ff join members m on m.district_code = ff.district_code
where {w}
group by m.region_code
"""
# Linked organizations (in the hub selection) and population of the ranked regions.
REGION_LINKED = """
with members as (
    select distinct district_code, region_code from ref.region_levels
    where list_contains($codes::VARCHAR[], region_code)),
linked as (
    select m.region_code,
        coalesce(sum(c.orgs) filter (where ((c.managed_mask | c.liaison_mask) & $sel::BIGINT) <> 0), 0)::BIGINT as linked_orgs
    from marts.coverage_cube c join members m on m.district_code = c.district_code
    where {c} group by m.region_code),
pop as (
    select m.region_code, sum(p.population)::BIGINT as population from (
        select district_code, registered_district_code, max(population) as population
        from staging.population where year = $year group by all) p
    join members m on m.district_code = p.district_code
    where {p} group by m.region_code)
select c.region_code, coalesce(l.linked_orgs, 0)::BIGINT as linked_orgs, p.population
from (select unnest($codes::VARCHAR[]) as region_code) c
left join linked l on l.region_code = c.region_code left join pop p on p.region_code = c.region_code
"""

FUNDING_SOURCES = """
select source, sum(amount_yuan)::DOUBLE as amount_yuan, sum(records)::BIGINT as records,
    {recipients}::BIGINT as recipients
from {table} where {w} group by source order by amount_yuan desc
"""

FUNDING_YEARS = """
select year, source, sum(amount_yuan)::DOUBLE as amount_yuan, sum(records)::BIGINT as records
from marts.funding_cube where {w} and all_sources = false and all_districts = $all_districts
group by year, source order by year, source
"""

FUNDING_TOTALS = """
select coalesce(sum(amount_yuan), 0)::DOUBLE as amount_yuan, coalesce(sum(records), 0)::BIGINT as records,
    coalesce({recipients}, 0)::BIGINT as recipients from {table} where {w}
"""

# One region's funding (a code at two levels has the same row at both); zeros when it has none.
FUNDING_ONE = """
select coalesce(any_value(amount_yuan), 0)::DOUBLE as amount_yuan,
    coalesce(any_value(records), 0)::BIGINT as records,
    coalesce(any_value(recipients), 0)::BIGINT as recipients
from marts.region_funding where region_code = $one and {w}
"""

TOP_RECIPIENTS = """
with top as (
    select recipient_uscc, any_value(org_type) as org_type,
        sum(amount_yuan)::DOUBLE as amount_yuan, sum(records)::BIGINT as records
    from {table} where {w}
    group by recipient_uscc order by amount_yuan desc, recipient_uscc limit $limit),
places as (
    select ff.recipient_uscc, list(distinct ff.district_code order by ff.district_code) as place_codes
    from marts.funding_facts ff
    where ff.year = $year and ff.recipient_uscc in (select recipient_uscc from top) and {d}
    group by ff.recipient_uscc)
select t.recipient_uscc as uscc, o.name as recipient_name, t.org_type, p.place_codes,
    t.amount_yuan, t.records
from top t left join clean.organizations o on o.uscc = t.recipient_uscc
left join places p on p.recipient_uscc = t.recipient_uscc
order by t.amount_yuan desc, t.recipient_uscc
"""
# The same over marts.recipient_year (no region, scope or source chosen): already one row per
# recipient and year, so no grouping (500k recipients a year at national scale); the places of a
# recipient paid in one district are its sole_district_code, only the others are looked up.
TOP_RECIPIENTS_YEAR = """
with top as (
    select recipient_uscc, org_type, amount_yuan::DOUBLE as amount_yuan, records, sole_district_code
    from marts.recipient_year where {w}
    order by amount_yuan desc, recipient_uscc limit $limit),
places as (
    select ff.recipient_uscc, list(distinct ff.district_code order by ff.district_code) as place_codes
    from marts.funding_facts ff
    where ff.year = $year and ff.recipient_uscc in (
        select recipient_uscc from top where sole_district_code is null) and {d}
    group by ff.recipient_uscc)
select t.recipient_uscc as uscc, o.name as recipient_name, t.org_type,
    coalesce(p.place_codes, [t.sole_district_code]) as place_codes, t.amount_yuan, t.records
from top t left join clean.organizations o on o.uscc = t.recipient_uscc
left join places p on p.recipient_uscc = t.recipient_uscc
order by t.amount_yuan desc, t.recipient_uscc
"""

PROJECTS_BY = """
with p as (select *, effective_district_code as area_code from marts.projects)
select {dim} as key, count(*) as projects, coalesce(sum(contract_amount_yuan), 0)::DOUBLE as contract_amount_yuan
from p where {w} group by 1 order by projects desc, contract_amount_yuan desc, key nulls last limit $limit
"""

SEARCH = """
select o.uscc, o.name, o.org_type, o.district_code, o.status, o.registered_on
from marts.org_search h join staging.organizations o on o.uscc = h.uscc
where (h.uscc = upper(trim($q)) or contains(h.search_name, lower(trim($q)))) and {w}
order by (o.uscc = upper(trim($q))) desc, o.name, o.uscc limit $limit
"""

ORG_ENTRY = """
select o.* exclude (source_line), s.district_code as current_code,
    o.district_code || ' ' || coalesce(r.region_name, '')
        || case when r.is_current = false then '（已撤销）' else '' end as registered_district
from clean.organizations o join staging.organizations s on s.uscc = o.uscc
left join ref.regions r on r.region_code = o.district_code
where o.uscc = $u and {w}
"""

# An organization's own rows, shown only when the organization lies in the viewer's scope.
IN_SCOPE = "exists (select 1 from staging.organizations s where s.uscc = $u and {w})"

ORG_LINKS = """
select h.name as hub_name, h.hub_type, h.level, k.relation, k.linked_on, k.ended_on,
    h.recognized_on, h.revoked_on
from clean.hub_links k join clean.hubs h on h.hub_id = k.hub_id
where k.uscc = $u and {o}
order by k.linked_on, h.name
"""

ORG_YEARS = """
select year(as_of) as year, hubs, is_linked from marts.org_year
where uscc = $u and {w} order by as_of
"""

ORG_PROJECTS = """
select project_id, name as project_name, purchaser_name, category, start_on, end_on,
    contract_amount_yuan::DOUBLE as contract_amount_yuan, status, evaluation_grade
from marts.projects where provider_uscc = $u and {o} and {w}
order by start_on, project_id
"""

ORG_FUNDING = """
select funding_id, paid_on, source, amount_yuan, project_id, payer_name from (
    select f.funding_id, f.paid_on, f.source, f.amount_yuan::DOUBLE as amount_yuan, f.project_id,
        f.payer_name, coalesce(f.district_code, o.district_code) as area_code
    from staging.funding f left join staging.organizations o on o.uscc = f.recipient_uscc
    where f.recipient_uscc = $u)
where {o} and {w}
order by paid_on, funding_id
"""

RUNS = """
select run_id, started_at, finished_at, status, raw_folder, rows_read, rows_accepted,
    rows_rejected, rows_warned from quality.runs where {g} order by started_at desc
"""

LAST_RUN = "select run_id, finished_at, status from quality.runs order by started_at desc limit 1"

FILE_STATS = """
select file, rows_read, rows_accepted, rows_rejected, rows_warned from quality.file_stats
where run_id = $run and {g} order by file
"""

ISSUE_FILTER = """
with issues as (
    select 'rejected' as kind, * from quality.rejected_rows
    union all by name select 'warning' as kind, * from quality.warnings),
chosen as (
    select * from issues
    where run_id = $run and list_contains($kinds::VARCHAR[], kind) and {g}
        and (len($files::VARCHAR[]) = 0 or list_contains($files::VARCHAR[], file))
        and (len($rules::VARCHAR[]) = 0 or list_contains($rules::VARCHAR[], rule)))
"""
ISSUE_GROUPS = """
select kind, file, "column", rule, count(*) as rows, any_value(message) as message,
    array_to_string(list(line order by line)[1:5], ', ') as sample_lines,
    array_to_string(list(coalesce(value, '') order by line)[1:3], ' | ') as sample_values
from chosen group by all order by rows desc, file, rule
"""
ISSUE_ROWS = """
select kind, file, line, "column", rule, value, message from chosen
order by file, line, "column", rule limit $limit
"""
ISSUE_CHOICES = """
select distinct file, rule from (
    select file, rule, run_id from quality.rejected_rows
    union all select file, rule, run_id from quality.warnings)
where run_id = $run and {g} order by file, rule
"""

# The register's profile (marts.register_profile): {sums} is the sum of every count.
PROFILE_CELLS = """
select org_type, registration_level, service_domain, is_linked, {sums}
from marts.register_profile where {w} group by all
order by org_type, registration_level, service_domain, is_linked
"""
PROFILE_SERIES = """
select year(as_of) as year, as_of, {sums}
from marts.register_profile where {w} group by as_of order by as_of
"""
# Where the selection's organizations lie, and which columns the organizations file delivered
# (metadata of the refresh, the same for every viewer: it names no region's data).
PROFILE_CONTEXT = """
with p as (select distinct district_code from marts.register_profile where {w})
select count(distinct r.province_code) as provinces, count(distinct r.prefecture_code) as prefectures,
    count(distinct p.district_code) as counties, min(r.region_name) as county_name,
    (select coalesce(list("column" order by "column"), []) from quality.file_columns
     where table_name = 'organizations') as delivered
from p left join ref.regions r on r.region_code = p.district_code
"""
PROFILE_ORGS = """
select c.name, o.uscc, coalesce(r.region_name, o.district_code) as district_name, o.org_type,
    o.registration_level, c.registration_mode, c.rating, c.service_domain, o.is_linked,
    o.has_party_org, o.has_union, c.full_time_staff, count(*) over () as total
from marts.org_year o join clean.organizations c on c.uscc = o.uscc
left join ref.regions r on r.region_code = o.district_code
where {w} and {pick}
order by c.name, o.uscc limit $limit
"""
# Purchased-service projects per category and start year of the selection (a project counts where
# it is carried out, else where its provider is), with the first year each category appears.
PROJECT_CATEGORY_YEARS = """
with p as (
    select category, start_year as year, provider_uscc, contract_amount_yuan
    from marts.projects where start_year <= $year and {w}),
g as (
    select category, year, count(*) as projects,
        coalesce(sum(contract_amount_yuan), 0)::DOUBLE as contract_amount_yuan,
        count(distinct provider_uscc) as providers
    from p group by category, year)
select g.category, g.year, g.projects, g.contract_amount_yuan, g.providers,
    min(g.year) over (partition by g.category) as first_year
from g left join ref.vocab v on v.vocabulary = 'project_category' and v.code = g.category
order by v.sort_order nulls last, g.year
"""
