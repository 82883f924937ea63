-- Each hub on each year-end on which it is recognized, with the organizations it links then.
-- Grain: one row per hub (hub_id) per year-end as_of on which it is recognized.
-- district_code is today's code (a city-level hub's is its prefecture or municipality);
-- registered_district_code as filed.
-- linked_orgs = distinct organizations with a counting link to the hub on as_of;
-- managed_orgs / liaison_orgs look only at links of that relation.
with

hubs as (
    select * from staging.hubs
),

calendar as (
    select * from marts.calendar
),

links as (
    select * from marts.links
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

counting_link_years as (
    select
        calendar.as_of,
        links.hub_id,
        links.uscc,
        links.relation
    from links
    inner join calendar
        on calendar.as_of >= links.effective_from_on
        and calendar.as_of < coalesce(links.effective_until_on, date '9999-12-31')
),

hub_org_links as (
    select
        as_of,
        hub_id,
        uscc,
        bool_or(relation = 'managed') as is_managed,
        bool_or(relation = 'liaison') as is_liaison
    from counting_link_years
    group by as_of, hub_id, uscc
),

hub_links as (
    select
        as_of,
        hub_id,
        count(*) as linked_orgs,
        count(*) filter (where is_managed) as managed_orgs,
        count(*) filter (where is_liaison) as liaison_orgs
    from hub_org_links
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
