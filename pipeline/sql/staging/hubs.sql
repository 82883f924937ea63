-- Accepted hub-type organizations with their recognition window and flags.
-- Grain: one row per hub (hub_id), as loaded in clean.hubs.
-- Recognized on D exactly when active_from_on <= D and D < active_until_on
-- (active_until_on is the revocation date, or 9999-12-31 while recognized).
-- district_code is today's code (a retired code counts in its successor, see docs/regions.md);
-- registered_district_code is the code as filed.
with

source as (
    select * from clean.hubs
),

-- district_code as registered and today's code it counts in (the code's meaning in the
-- year of recognized_on, see ref.today_code)
resolved as (
    select
        source.*,
        ref.today_code(source.district_code, year(source.recognized_on)) as today_code
    from source
),

final as (
    select
        hub_id,
        name,
        level,
        today_code as district_code,
        district_code as registered_district_code,
        street_name,
        hub_type,
        recognized_on,
        revoked_on,
        revoked_on is not null as is_revoked,
        recognized_on as active_from_on,
        coalesce(revoked_on, date '9999-12-31') as active_until_on,
        source_line
    from resolved
)

select * from final
