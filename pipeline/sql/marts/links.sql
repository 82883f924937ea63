-- Every accepted link with its hub and organization, and the window in which it counts.
-- Grain: one row per accepted link (row of clean.hub_links). No organization names: the
-- dashboard joins clean.organizations where it shows them.
-- A link counts on D when the link runs, its hub is recognized and its organization is
-- active on D: effective_from_on <= D and (effective_until_on is null or D < effective_until_on).
-- effective_from_on is null when the three windows never overlap (the link never counts).
-- represents_pair_from_on: from this date (within the effective window) no other counting link
-- of the same hub and organization started earlier and still runs, so this row stands for the
-- pair in distinct counts; NULL when it never does.
-- mask_bit = type_index * 3 + level_index of the hub (see docs/warehouse.md).
with

hub_links as (
    select * from staging.hub_links
),

hubs as (
    select * from staging.hubs
),

organizations as (
    select * from staging.organizations
),

hub_types as (
    select * from ref.hub_types
),

hub_levels as (
    select * from ref.hub_levels
),

joined as (
    select
        hub_links.hub_id,
        hubs.name as hub_name,
        hubs.hub_type,
        hub_types.type_index,
        hub_types.is_mass_org,
        hubs.level as hub_level,
        hub_levels.level_index,
        hub_links.uscc,
        organizations.district_code,
        hub_links.relation,
        hub_links.linked_on,
        hub_links.ended_on,
        hubs.hub_id is not null and organizations.uscc is not null as has_both_ends,
        greatest(
            hub_links.active_from_on, hubs.active_from_on, organizations.active_from_on
        ) as overlap_from_on,
        least(
            hub_links.active_until_on, hubs.active_until_on, organizations.active_until_on
        ) as overlap_until_on
    from hub_links
    left join hubs on hubs.hub_id = hub_links.hub_id
    left join organizations on organizations.uscc = hub_links.uscc
    left join hub_types on hub_types.hub_type = hubs.hub_type
    left join hub_levels on hub_levels.level = hubs.level
),

effective as (
    select
        *,
        has_both_ends and overlap_from_on < overlap_until_on as is_effective
    from joined
),

-- A hub and an organization may be linked by several rows at once; on each date only the
-- first counting row (by effective_from_on) represents the pair, so the pair counts once.
-- earlier_until_on = the latest end among the pair's earlier counting rows. Most pairs have one
-- row (earlier_until_on is NULL): only the pairs with several rows go through the window.
pair_rows as (
    select
        hub_id,
        uscc
    from effective
    group by hub_id, uscc
    having count(*) > 1
),

single_rows as (
    select
        *,
        null::date as earlier_until_on
    from effective
    anti join pair_rows using (hub_id, uscc)
),

multi_rows as (
    select
        *,
        max(if(is_effective, overlap_until_on, null)) over (
            partition by hub_id, uscc
            order by if(is_effective, overlap_from_on, null) nulls last
            rows between unbounded preceding and 1 preceding
        ) as earlier_until_on
    from effective
    semi join pair_rows using (hub_id, uscc)
),

pair_order as (
    select * from single_rows
    union all
    select * from multi_rows
),

final as (
    select
        hub_id,
        hub_name,
        hub_type,
        type_index,
        is_mass_org,
        hub_level,
        level_index,
        uscc,
        district_code,
        relation,
        linked_on,
        ended_on,
        if(is_effective, overlap_from_on, null) as effective_from_on,
        if(is_effective and overlap_until_on < date '9999-12-31', overlap_until_on, null)
            as effective_until_on,
        if(
            is_effective and coalesce(earlier_until_on, overlap_from_on) < overlap_until_on,
            greatest(overlap_from_on, earlier_until_on),
            null
        ) as represents_pair_from_on,
        (type_index * 3 + level_index)::integer as mask_bit
    from pair_order
)

select * from final
