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
-- Summed over district_code it gives hub_links_by_year, built after it (an organization lies in
-- one district).
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

-- a (hub, organization) pair linked by one row counts once on every year-end that row counts:
-- counted straight from the range join; the few pairs with several rows (linked twice, or both
-- ways) are grouped per (year-end, hub, organization) first, so that each counts once
multi_pairs as (
    select hub_id, uscc
    from links
    group by hub_id, uscc
    having count(*) > 1
),

-- materialized: the anti join runs on the links, before the range join multiplies them
single_links as materialized (
    select hub_id, district_code, relation, effective_from_on, effective_until_on
    from links
    anti join multi_pairs using (hub_id, uscc)
),

single_counts as (
    select
        calendar.as_of,
        links.hub_id,
        links.district_code,
        count(*) filter (where links.relation = 'managed') as managed,
        count(*) filter (where links.relation = 'liaison') as liaison,
        count(*) as linked
    from single_links as links
    inner join calendar
        on calendar.as_of >= links.effective_from_on
        and calendar.as_of < coalesce(links.effective_until_on, date '9999-12-31')
    group by calendar.as_of, links.hub_id, links.district_code
),

multi_orgs as (
    select
        calendar.as_of,
        links.hub_id,
        links.district_code,
        links.uscc,
        bool_or(links.relation = 'managed') as is_managed,
        bool_or(links.relation = 'liaison') as is_liaison
    from links
    semi join multi_pairs using (hub_id, uscc)
    inner join calendar
        on calendar.as_of >= links.effective_from_on
        and calendar.as_of < coalesce(links.effective_until_on, date '9999-12-31')
    group by calendar.as_of, links.hub_id, links.district_code, links.uscc
),

multi_counts as (
    select
        as_of,
        hub_id,
        district_code,
        count(*) filter (where is_managed) as managed,
        count(*) filter (where is_liaison) as liaison,
        count(*) as linked
    from multi_orgs
    group by as_of, hub_id, district_code
),

-- filed organizations: few, grouped per (year-end, hub, filed organization)
filed_orgs as (
    select
        calendar.as_of,
        filed_links.hub_id,
        filed_links.district_code,
        filed_links.filing_id,
        bool_or(filed_links.relation = 'managed') as is_managed,
        bool_or(filed_links.relation = 'liaison') as is_liaison
    from filed_links
    inner join calendar
        on calendar.as_of >= filed_links.effective_from_on
        and calendar.as_of < coalesce(filed_links.effective_until_on, date '9999-12-31')
    group by calendar.as_of, filed_links.hub_id, filed_links.district_code, filed_links.filing_id
),

filed_counts as (
    select
        as_of,
        hub_id,
        district_code,
        count(*) filter (where is_managed) as filed_managed,
        count(*) filter (where is_liaison) as filed_liaison,
        count(*) as filed_linked
    from filed_orgs
    group by as_of, hub_id, district_code
),

registered_counts as (
    select
        as_of,
        hub_id,
        district_code,
        sum(managed) as managed,
        sum(liaison) as liaison,
        sum(linked) as linked
    from (
        select * from single_counts
        union all
        select * from multi_counts
    )
    group by as_of, hub_id, district_code
),

counts as (
    select
        coalesce(registered_counts.as_of, filed_counts.as_of) as as_of,
        coalesce(registered_counts.hub_id, filed_counts.hub_id) as hub_id,
        coalesce(registered_counts.district_code, filed_counts.district_code) as district_code,
        coalesce(registered_counts.managed, 0) as managed,
        coalesce(registered_counts.liaison, 0) as liaison,
        coalesce(registered_counts.linked, 0) as linked,
        coalesce(filed_counts.filed_managed, 0) as filed_managed,
        coalesce(filed_counts.filed_liaison, 0) as filed_liaison,
        coalesce(filed_counts.filed_linked, 0) as filed_linked
    from registered_counts
    full join filed_counts
        on filed_counts.as_of = registered_counts.as_of
        and filed_counts.hub_id = registered_counts.hub_id
        and filed_counts.district_code is not distinct from registered_counts.district_code
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
