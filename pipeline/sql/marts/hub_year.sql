-- Each hub on each year-end on which it is recognized, with the organizations it links then.
-- Grain: one row per hub (hub_id) per year-end as_of on which it is recognized.
-- district_code is today's code (a city-level hub's is its prefecture or municipality);
-- registered_district_code as filed.
-- linked_orgs = distinct organizations with a counting link to the hub on as_of;
-- managed_orgs / liaison_orgs look only at links of that relation.
-- The counts are marts.hub_links_by_year's registered linked_orgs of the relations 'any', 'managed'
-- and 'liaison' (built before it from the link windows), not a range join of its own over
-- marts.links; the links counted per (year-end, hub, organization) are kept as an independent
-- formulation in tests/sql/year_ends/hub_year.sql and compared with this mart there.
with

hubs as (
    select * from staging.hubs
),

calendar as (
    select * from marts.calendar
),

by_year as (
    select * from marts.hub_links_by_year
),

hub_types as (
    select * from ref.hub_types
),

hub_levels as (
    select * from ref.hub_levels
),

regions as (
    select * from ref.regions
),

recognized_hub_years as (
    select
        calendar.as_of,
        hubs.*
    from hubs
    inner join calendar
        on calendar.as_of >= hubs.active_from_on
        and calendar.as_of < hubs.active_until_on
),

hub_links as (
    select
        as_of,
        hub_id,
        sum(linked_orgs) filter (where relation = 'any') as linked_orgs,
        sum(linked_orgs) filter (where relation = 'managed') as managed_orgs,
        sum(linked_orgs) filter (where relation = 'liaison') as liaison_orgs
    from by_year
    group by as_of, hub_id
),

final as (
    select
        recognized_hub_years.as_of,
        recognized_hub_years.hub_id,
        recognized_hub_years.name,
        recognized_hub_years.level,
        hub_levels.level_index,
        recognized_hub_years.hub_type,
        hub_types.type_index,
        hub_types.is_mass_org,
        recognized_hub_years.district_code,
        recognized_hub_years.registered_district_code,
        regions.region_name as district_name,
        recognized_hub_years.street_name,
        coalesce(hub_links.linked_orgs, 0)::bigint as linked_orgs,
        coalesce(hub_links.managed_orgs, 0)::bigint as managed_orgs,
        coalesce(hub_links.liaison_orgs, 0)::bigint as liaison_orgs
    from recognized_hub_years
    left join hub_links
        on hub_links.as_of = recognized_hub_years.as_of
        and hub_links.hub_id = recognized_hub_years.hub_id
    left join hub_types on hub_types.hub_type = recognized_hub_years.hub_type
    left join hub_levels on hub_levels.level = recognized_hub_years.level
    left join regions on regions.region_code = recognized_hub_years.district_code
)

select * from final
