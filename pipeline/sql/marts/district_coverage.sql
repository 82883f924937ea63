-- Active and linked organizations per district, on every year-end.
-- Grain: one row per year-end as_of per district code that occurs in clean.organizations
-- (zeros included; coverage_rate NULL when the district has no active organization).
with

calendar as (
    select * from marts.calendar
),

organizations as (
    select * from staging.organizations
),

coverage_cube as (
    select * from marts.coverage_cube
),

regions as (
    select * from ref.regions
),

districts as (
    select distinct district_code
    from organizations
    where district_code is not null
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

final as (
    select
        calendar.as_of,
        districts.district_code,
        regions.region_name as district_name,
        coalesce(district_counts.active_orgs, 0)::bigint as active_orgs,
        coalesce(district_counts.linked_orgs, 0)::bigint as linked_orgs,
        coalesce(district_counts.linked_orgs, 0) / nullif(district_counts.active_orgs, 0)
            as coverage_rate
    from calendar
    cross join districts
    left join district_counts
        on district_counts.as_of = calendar.as_of
        and district_counts.district_code = districts.district_code
    left join regions on regions.region_code = districts.district_code
    order by calendar.as_of, districts.district_code
)

select * from final
