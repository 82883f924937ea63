-- Accepted organizations with their registration window and status flags.
-- Grain: one row per organization (uscc), as loaded in clean.organizations.
-- Active on D exactly when active_from_on <= D and D < active_until_on
-- (active_until_on is the deregistration date, or 9999-12-31 while registered).
-- district_code is today's code (a retired code counts in its successor, see docs/regions.md);
-- registered_district_code is the code as filed.
with

source as (
    select * from clean.organizations
),

-- district_code as registered and today's code it counts in (the code's meaning in the
-- year of registered_on, see ref.today_code)
resolved as (
    select
        source.*,
        ref.today_code(source.district_code, year(source.registered_on)) as today_code
    from source
),

final as (
    select
        uscc,
        name,
        org_type,
        registration_level,
        today_code as district_code,
        district_code as registered_district_code,
        registered_on,
        deregistered_on,
        status,
        rating,
        registration_mode,
        service_domain,
        full_time_staff,
        has_party_org,
        has_union,
        deregistered_on is not null as is_deregistered,
        registered_on as active_from_on,
        coalesce(deregistered_on, date '9999-12-31') as active_until_on,
        source_line
    from resolved
)

select * from final
