-- Accepted links between hubs and organizations, with the link's own window and flags.
-- Grain: one row per accepted link row of clean.hub_links (a pair may be linked twice).
-- The link itself runs while active_from_on <= D and D < active_until_on (ended_on, or
-- 9999-12-31 while not ended); whether it counts also needs the hub and the organization.
with

source as (
    select * from clean.hub_links
),

final as (
    select
        hub_id,
        uscc,
        relation,
        linked_on,
        ended_on,
        relation = 'managed' as is_managed,
        ended_on is not null as is_ended,
        linked_on as active_from_on,
        coalesce(ended_on, date '9999-12-31') as active_until_on,
        source_line
    from source
)

select * from final
