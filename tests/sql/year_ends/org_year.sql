-- Each organization on each year-end on which it is active, with its links on that date.
-- Grain: one row per organization (uscc) per year-end as_of on which it is active.
-- district_code is today's code the organization counts in; registered_district_code as filed.
-- managed_mask / liaison_mask: bit type_index * 3 + level_index is set when the organization
-- has a counting link of that relation to a hub of that type and level on as_of;
-- hubs = distinct hubs with a counting link; is_mass_linked = linked to a mass-org-type hub.
-- Only the columns coverage needs are kept (no names or other text attributes: the dashboard
-- joins clean.organizations / ref.regions for the few rows it shows), so the large national
-- table stays narrow.
with

organizations as (
    select * from staging.organizations
),

calendar as (
    select * from marts.calendar
),

links as (
    select * from marts.links
),

active_org_years as (
    select
        calendar.as_of,
        organizations.uscc,
        organizations.org_type,
        organizations.registration_level,
        organizations.district_code,
        organizations.registered_district_code,
        organizations.has_party_org,
        organizations.has_union
    from organizations
    inner join calendar
        on calendar.as_of >= organizations.active_from_on
        and calendar.as_of < organizations.active_until_on
),

counting_link_years as (
    select
        calendar.as_of,
        links.uscc,
        links.hub_id,
        links.relation,
        links.mask_bit,
        links.is_mass_org,
        links.represents_pair_from_on
    from links
    inner join calendar
        on calendar.as_of >= links.effective_from_on
        and calendar.as_of < coalesce(links.effective_until_on, date '9999-12-31')
),

-- hubs counts each (hub, organization) pair once: only the row that represents the pair
-- on as_of (see marts.links.represents_pair_from_on) is counted.
org_links as (
    select
        as_of,
        uscc,
        bit_or(if(relation = 'managed', 1::bigint << mask_bit, 0::bigint)) as managed_mask,
        bit_or(if(relation = 'liaison', 1::bigint << mask_bit, 0::bigint)) as liaison_mask,
        count(*) filter (where as_of >= represents_pair_from_on) as hubs,
        bool_or(is_mass_org) as is_mass_linked
    from counting_link_years
    group by as_of, uscc
),

final as (
    select
        active_org_years.as_of,
        active_org_years.uscc,
        active_org_years.org_type,
        active_org_years.registration_level,
        active_org_years.district_code,
        active_org_years.registered_district_code,
        active_org_years.has_party_org,
        active_org_years.has_union,
        coalesce(org_links.managed_mask, 0)::bigint as managed_mask,
        coalesce(org_links.liaison_mask, 0)::bigint as liaison_mask,
        coalesce(org_links.hubs, 0)::bigint as hubs,
        org_links.uscc is not null as is_linked,
        coalesce(org_links.is_mass_linked, false) as is_mass_linked
    from active_org_years
    left join org_links
        on org_links.as_of = active_org_years.as_of
        and org_links.uscc = active_org_years.uscc
)

select * from final
