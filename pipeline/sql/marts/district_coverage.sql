-- Active and linked organizations per district, on every year-end.
-- Grain: one row per year-end as_of per district code that occurs in staging.organizations or
-- staging.filed_orgs (zeros included; coverage_rate NULL when the district has no active
-- organization). An organization known only above county level has the code of the region it
-- is known at (350300, 510000, 100000): that row is_unassigned, named 莆田市本级（未落区县） etc.
-- filed_orgs / filed_linked_orgs: filed community organizations (marts.filed_org_year), apart
-- from the registered ones; total_* = registered + filed.
-- A delivery without hub data (marts.delivery) has linked_orgs, coverage_rate,
-- filed_linked_orgs and total_linked_orgs NULL ("not provided", not 0%).
with

delivery as (
    select * from marts.delivery
),

calendar as (
    select * from marts.calendar
),

organizations as (
    select * from staging.organizations
),

coverage_cube as (
    select * from marts.coverage_cube
),

filed_org_year as (
    select * from marts.filed_org_year
),

regions as (
    select * from ref.regions
),

districts as (
    select district_code from organizations where district_code is not null
    union
    select district_code from staging.filed_orgs where district_code is not null
),

district_counts as (
    select
        as_of,
        district_code,
        sum(orgs) as active_orgs,
        sum(orgs) filter (where (managed_mask | liaison_mask) <> 0) as linked_orgs
    from coverage_cube
    group by as_of, district_code
),

filed_counts as (
    select
        as_of,
        district_code,
        count(*) as filed_orgs,
        count(*) filter (where is_linked) as filed_linked_orgs
    from filed_org_year
    group by as_of, district_code
),

final as (
    select
        calendar.as_of,
        districts.district_code,
        case
            when coalesce(regions.region_level, 'county') = 'county' then regions.region_name
            when regions.region_level = 'national' then regions.region_name || '本级（未落省份）'
            -- a municipality is its own prefecture: what it lacks is the county (重庆市本级（未落区县）)
            when regions.region_level = 'province' and regions.prefecture_code is distinct from regions.region_code
                then regions.region_name || '本级（未落地市）'
            else regions.region_name || '本级（未落区县）'
        end as district_name,
        coalesce(district_counts.active_orgs, 0)::bigint as active_orgs,
        if(delivery.has_hub_data, coalesce(district_counts.linked_orgs, 0), null)::bigint
            as linked_orgs,
        if(delivery.has_hub_data, coalesce(district_counts.linked_orgs, 0), null)
            / nullif(district_counts.active_orgs, 0) as coverage_rate,
        coalesce(regions.region_level, 'county') <> 'county' as is_unassigned,
        coalesce(filed_counts.filed_orgs, 0)::bigint as filed_orgs,
        if(delivery.has_hub_data, coalesce(filed_counts.filed_linked_orgs, 0), null)::bigint
            as filed_linked_orgs,
        (coalesce(district_counts.active_orgs, 0) + coalesce(filed_counts.filed_orgs, 0))::bigint
            as total_orgs,
        if(
            delivery.has_hub_data,
            coalesce(district_counts.linked_orgs, 0) + coalesce(filed_counts.filed_linked_orgs, 0),
            null
        )::bigint as total_linked_orgs
    from calendar
    cross join delivery
    cross join districts
    left join district_counts
        on district_counts.as_of = calendar.as_of
        and district_counts.district_code = districts.district_code
    left join filed_counts
        on filed_counts.as_of = calendar.as_of
        and filed_counts.district_code = districts.district_code
    left join regions on regions.region_code = districts.district_code
    order by calendar.as_of, districts.district_code
)

select * from final
