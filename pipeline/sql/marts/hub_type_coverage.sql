-- Recognized hubs and the organizations they link, per hub type of the vocabulary.
-- Grain: one row per year-end as_of per hub type (all 11 types, zeros included).
-- An organization counts for a type (once) when it has a counting link to a hub of that type;
-- managed_orgs / liaison_orgs look only at links of that relation;
-- share_of_active = linked_orgs / all active organizations (NULL when there are none).
-- A delivery without hub data (marts.delivery) has every count and share NULL ("not provided").
with

delivery as (
    select * from marts.delivery
),

calendar as (
    select * from marts.calendar
),

hub_types as (
    select * from ref.hub_types
),

hub_year as (
    select * from marts.hub_year
),

coverage_cube as (
    select * from marts.coverage_cube
),

type_masks as (
    select
        hub_type,
        type_index,
        is_mass_org,
        7::bigint << (type_index * 3) as type_mask
    from hub_types
),

mask_counts as (
    select
        as_of,
        managed_mask,
        liaison_mask,
        sum(orgs) as orgs
    from coverage_cube
    group by as_of, managed_mask, liaison_mask
),

active_totals as (
    select
        as_of,
        sum(orgs) as active_orgs
    from mask_counts
    group by as_of
),

type_org_counts as (
    select
        mask_counts.as_of,
        type_masks.hub_type,
        sum(orgs) filter (where (managed_mask & type_mask) <> 0) as managed_orgs,
        sum(orgs) filter (where (liaison_mask & type_mask) <> 0) as liaison_orgs,
        sum(orgs) filter (where ((managed_mask | liaison_mask) & type_mask) <> 0) as linked_orgs
    from mask_counts
    cross join type_masks
    group by mask_counts.as_of, type_masks.hub_type
),

type_hub_counts as (
    select
        as_of,
        hub_type,
        count(*) as hubs
    from hub_year
    group by as_of, hub_type
),

final as (
    select
        calendar.as_of,
        type_masks.hub_type,
        type_masks.is_mass_org,
        if(delivery.has_hub_data, coalesce(type_hub_counts.hubs, 0), null)::bigint as hubs,
        if(delivery.has_hub_data, coalesce(type_org_counts.managed_orgs, 0), null)::bigint
            as managed_orgs,
        if(delivery.has_hub_data, coalesce(type_org_counts.liaison_orgs, 0), null)::bigint
            as liaison_orgs,
        if(delivery.has_hub_data, coalesce(type_org_counts.linked_orgs, 0), null)::bigint
            as linked_orgs,
        if(delivery.has_hub_data, coalesce(type_org_counts.linked_orgs, 0), null)
            / nullif(active_totals.active_orgs, 0) as share_of_active
    from calendar
    cross join delivery
    cross join type_masks
    left join type_hub_counts
        on type_hub_counts.as_of = calendar.as_of
        and type_hub_counts.hub_type = type_masks.hub_type
    left join type_org_counts
        on type_org_counts.as_of = calendar.as_of
        and type_org_counts.hub_type = type_masks.hub_type
    left join active_totals on active_totals.as_of = calendar.as_of
    order by calendar.as_of, type_masks.type_index
)

select * from final
