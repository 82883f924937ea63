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
-- An organization known only above county level (its district_code a prefecture's, a province's
-- or the country's 100000: registered by a city bureau without a county, located by an address
-- naming only 达州市) counts in that region and every region above it, and in a row of its own
-- one level below, is_unassigned, carrying the known region's code: 莆田市本级（未落区县） (county
-- level, code 350300, parent 350300), 四川省本级（未落地市） (prefecture level, 510000),
-- 全国本级（未落省份） (province level, 100000; the headline holds it). So counties plus that row
-- add up to the prefecture, prefectures plus theirs to the province, provinces plus the
-- country's to the headline (audit region_sums_agree). Such rows count no hubs.
-- filed_orgs / filed_linked_orgs: filed community organizations (备案) counted as filed on as_of
-- (marts.filed_org_year), apart from the registered ones; total_* = registered + filed.
-- A delivery without hub data (marts.delivery) has every figure that needs hubs NULL (linked
-- organizations, coverage_rate, hubs_*): "not provided", not 0%.
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

hub_year as (
    select * from marts.hub_year
),

filed_org_year as (
    select * from marts.filed_org_year
),

region_levels as (
    select * from ref.region_levels
),

regions as (
    select * from ref.regions
),

-- for a code known only above county level, the row of its own one level below
unassigned as (
    select
        region_code as district_code,
        case
            when region_level = 'national' then 'province'
            when region_level = 'prefecture' or prefecture_code = region_code then 'county'
            else 'prefecture'
        end as region_level,
        region_code,
        if(region_level = 'national', null, region_code) as parent_code,
        true as is_unassigned
    from regions
    where is_current and region_level <> 'county'
),

placements as (
    select district_code, region_level, region_code, parent_code, false as is_unassigned
    from region_levels
    union all
    select * from unassigned
),

organization_regions as (
    select distinct
        placements.region_level,
        placements.region_code,
        placements.parent_code,
        placements.is_unassigned
    from (
        select district_code from organizations
        union
        select district_code from staging.filed_orgs
    ) as districts
    inner join placements on placements.district_code = districts.district_code
),

filed_counts as (
    select
        filed_org_year.as_of,
        placements.region_level,
        placements.region_code,
        placements.is_unassigned,
        count(*) as filed_orgs,
        count(*) filter (where filed_org_year.is_linked) as filed_linked_orgs
    from filed_org_year
    inner join placements on placements.district_code = filed_org_year.district_code
    group by all
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
        placements.region_level,
        placements.region_code,
        placements.is_unassigned,
        sum(district_counts.active_orgs) as active_orgs,
        sum(district_counts.linked_orgs) as linked_orgs
    from district_counts
    inner join placements on placements.district_code = district_counts.district_code
    group by all
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
        if(
            organization_regions.is_unassigned,
            regions.region_name || case organization_regions.region_level
                when 'county' then '本级（未落区县）'
                when 'prefecture' then '本级（未落地市）'
                else '本级（未落省份）'
            end,
            regions.region_name
        ) as region_name,
        organization_regions.parent_code,
        coalesce(region_counts.active_orgs, 0)::bigint as active_orgs,
        if(delivery.has_hub_data, coalesce(region_counts.linked_orgs, 0), null)::bigint
            as linked_orgs,
        if(delivery.has_hub_data, coalesce(region_counts.linked_orgs, 0), null)
            / nullif(region_counts.active_orgs, 0) as coverage_rate,
        if(delivery.has_hub_data, coalesce(hub_counts.hubs_city, 0), null)::bigint as hubs_city,
        if(delivery.has_hub_data, coalesce(hub_counts.hubs_district, 0), null)::bigint
            as hubs_district,
        if(delivery.has_hub_data, coalesce(hub_counts.hubs_street, 0), null)::bigint as hubs_street,
        if(delivery.has_hub_data, coalesce(hub_counts.hubs_total, 0), null)::bigint as hubs_total,
        organization_regions.is_unassigned,
        coalesce(filed_counts.filed_orgs, 0)::bigint as filed_orgs,
        if(delivery.has_hub_data, coalesce(filed_counts.filed_linked_orgs, 0), null)::bigint
            as filed_linked_orgs,
        (coalesce(region_counts.active_orgs, 0) + coalesce(filed_counts.filed_orgs, 0))::bigint
            as total_orgs,
        if(
            delivery.has_hub_data,
            coalesce(region_counts.linked_orgs, 0) + coalesce(filed_counts.filed_linked_orgs, 0),
            null
        )::bigint as total_linked_orgs
    from calendar
    cross join delivery
    cross join organization_regions
    left join region_counts
        on region_counts.as_of = calendar.as_of
        and region_counts.region_level = organization_regions.region_level
        and region_counts.region_code = organization_regions.region_code
        and region_counts.is_unassigned = organization_regions.is_unassigned
    left join filed_counts
        on filed_counts.as_of = calendar.as_of
        and filed_counts.region_level = organization_regions.region_level
        and filed_counts.region_code = organization_regions.region_code
        and filed_counts.is_unassigned = organization_regions.is_unassigned
    left join hub_counts
        on hub_counts.as_of = calendar.as_of
        and hub_counts.region_level = organization_regions.region_level
        and hub_counts.region_code = organization_regions.region_code
        and not organization_regions.is_unassigned
    left join regions on regions.region_code = organization_regions.region_code
    order by
        calendar.as_of,
        case organization_regions.region_level when 'province' then 0 when 'prefecture' then 1 else 2 end,
        organization_regions.is_unassigned,
        organization_regions.region_code
)

select * from final
