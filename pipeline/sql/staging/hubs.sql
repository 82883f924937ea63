-- Accepted hub-type organizations with their recognition window and flags.
-- Grain: one row per hub (hub_id), as loaded in clean.hubs.
-- Recognized on D exactly when active_from_on <= D and D < active_until_on
-- (active_until_on is the revocation date, or 9999-12-31 while recognized).
with

source as (
    select * from clean.hubs
),

final as (
    select
        hub_id,
        name,
        level,
        district_code,
        street_name,
        hub_type,
        recognized_on,
        revoked_on,
        revoked_on is not null as is_revoked,
        recognized_on as active_from_on,
        coalesce(revoked_on, date '9999-12-31') as active_until_on,
        source_line
    from source
)

select * from final
