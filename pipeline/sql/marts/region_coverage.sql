-- Active and linked organizations, and recognized hubs, per region at each level, on every
-- year-end, by today's codes.
-- Grain: one row per year-end as_of per (region_level, region_code) of the regions the
-- organizations lie in ('province' | 'prefecture' | 'county'); zeros included, coverage_rate
-- NULL when the region has no active organization.
-- A county counts in its prefecture and its province (ref.region_levels: a municipality is its own
-- prefecture; so are a county-level unit directly under a province and a prefecture city without
-- counties); parent_code is the region one level up (NULL for a province).
-- hubs_*: hubs recognized on as_of whose code lies in the region, by hub level; a hub counts at
-- every level its code reaches (a city-level hub filed with 511700 counts in 达州 and in 四川, in
-- no county).
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

hub_year as (
    select * from marts.hub_year
),

region_levels as (
    select * from ref.region_levels
),

regions as (
    select * from ref.regions
),

organization_regions as (
    select distinct
        region_levels.region_level,
        region_levels.region_code,
        region_levels.parent_code
    from (select distinct district_code from organizations) as districts
    inner join region_levels on region_levels.district_code = districts.district_code
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

region_counts as (
    select
        district_counts.as_of,
        region_levels.region_level,
        region_levels.region_code,
        sum(district_counts.active_orgs) as active_orgs,
        sum(district_counts.linked_orgs) as linked_orgs
    from district_counts
    inner join region_levels on region_levels.district_code = district_counts.district_code
    group by district_counts.as_of, region_levels.region_level, region_levels.region_code
),

hub_counts as (
    select
        hub_year.as_of,
        region_levels.region_level,
        region_levels.region_code,
        count(*) filter (where hub_year.level = 'city') as hubs_city,
        count(*) filter (where hub_year.level = 'district') as hubs_district,
        count(*) filter (where hub_year.level = 'street') as hubs_street,
        count(*) as hubs_total
    from hub_year
    inner join region_levels on region_levels.district_code = hub_year.district_code
    group by hub_year.as_of, region_levels.region_level, region_levels.region_code
),

final as (
    select
        calendar.as_of,
        organization_regions.region_level,
        organization_regions.region_code,
        regions.region_name,
        organization_regions.parent_code,
        coalesce(region_counts.active_orgs, 0)::bigint as active_orgs,
        coalesce(region_counts.linked_orgs, 0)::bigint as linked_orgs,
        coalesce(region_counts.linked_orgs, 0) / nullif(region_counts.active_orgs, 0)
            as coverage_rate,
        coalesce(hub_counts.hubs_city, 0)::bigint as hubs_city,
        coalesce(hub_counts.hubs_district, 0)::bigint as hubs_district,
        coalesce(hub_counts.hubs_street, 0)::bigint as hubs_street,
        coalesce(hub_counts.hubs_total, 0)::bigint as hubs_total
    from calendar
    cross join organization_regions
    left join region_counts
        on region_counts.as_of = calendar.as_of
        and region_counts.region_level = organization_regions.region_level
        and region_counts.region_code = organization_regions.region_code
    left join hub_counts
        on hub_counts.as_of = calendar.as_of
        and hub_counts.region_level = organization_regions.region_level
        and hub_counts.region_code = organization_regions.region_code
    left join regions on regions.region_code = organization_regions.region_code
    order by
        calendar.as_of,
        case organization_regions.region_level when 'province' then 0 when 'prefecture' then 1 else 2 end,
        organization_regions.region_code
)

select * from final
