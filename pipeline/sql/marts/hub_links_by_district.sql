-- The organizations each hub links on each year-end, by relation and by the district the
-- organizations lie in: what a viewer of some districts sees of a hub (a city-level hub shows its
-- links in those districts only).
-- Grain: one row per (as_of, hub_id, district_code, relation) with at least one organization;
-- relation 'managed', 'liaison' (an organization linked both ways counts in both) and 'any' (linked
-- by either relation, counted once: not the sum of the other two).
-- district_code is the organization's: today's county, or the region it is known at when no county
-- is known (marts.links, marts.filed_links).
-- linked_orgs: active registered organizations with a counting link (marts.links: the link runs,
-- the hub is recognized, the organization is active); filed_linked_orgs: filed community
-- organizations (备案) with a counting link while they count as filed (marts.filed_links).
-- Computed from the link windows against the calendar (a range join), aggregated directly.
-- Summed over district_code it is marts.hub_links_by_year (an organization lies in one district).
with

calendar as (
    select * from marts.calendar
),

links as (
    select * from marts.links where effective_from_on is not null
),

filed_links as (
    select * from marts.filed_links where effective_from_on is not null
),

-- each (year-end, hub, organization) with a counting link, and by which relations
registered_pairs as (
    select
        calendar.as_of,
        links.hub_id,
        links.district_code,
        links.uscc as org_id,
        false as is_filed,
        bool_or(links.relation = 'managed') as is_managed,
        bool_or(links.relation = 'liaison') as is_liaison
    from links
    inner join calendar
        on calendar.as_of >= links.effective_from_on
        and calendar.as_of < coalesce(links.effective_until_on, date '9999-12-31')
    group by calendar.as_of, links.hub_id, links.district_code, links.uscc
),

filed_pairs as (
    select
        calendar.as_of,
        filed_links.hub_id,
        filed_links.district_code,
        filed_links.filing_id as org_id,
        true as is_filed,
        bool_or(filed_links.relation = 'managed') as is_managed,
        bool_or(filed_links.relation = 'liaison') as is_liaison
    from filed_links
    inner join calendar
        on calendar.as_of >= filed_links.effective_from_on
        and calendar.as_of < coalesce(filed_links.effective_until_on, date '9999-12-31')
    group by calendar.as_of, filed_links.hub_id, filed_links.district_code, filed_links.filing_id
),

pairs as (
    select * from registered_pairs
    union all
    select * from filed_pairs
),

counts as (
    select
        as_of,
        hub_id,
        district_code,
        count(*) filter (where not is_filed and is_managed) as managed,
        count(*) filter (where not is_filed and is_liaison) as liaison,
        count(*) filter (where not is_filed) as linked,
        count(*) filter (where is_filed and is_managed) as filed_managed,
        count(*) filter (where is_filed and is_liaison) as filed_liaison,
        count(*) filter (where is_filed) as filed_linked
    from pairs
    group by as_of, hub_id, district_code
),

by_relation as (
    select as_of, hub_id, district_code, 'managed' as relation, managed as linked_orgs,
        filed_managed as filed_linked_orgs
    from counts
    union all
    select as_of, hub_id, district_code, 'liaison', liaison, filed_liaison
    from counts
    union all
    select as_of, hub_id, district_code, 'any', linked, filed_linked
    from counts
),

final as (
    select
        as_of,
        hub_id,
        district_code,
        relation,
        linked_orgs::bigint as linked_orgs,
        filed_linked_orgs::bigint as filed_linked_orgs
    from by_relation
    where linked_orgs > 0 or filed_linked_orgs > 0
    order by as_of, hub_id, district_code, relation
)

select * from final
