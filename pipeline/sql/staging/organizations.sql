-- Accepted organizations with their registration window and status flags.
-- Grain: one row per organization (uscc), as loaded in clean.organizations.
-- Active on D exactly when active_from_on <= D and D < active_until_on
-- (active_until_on is the deregistration date, or 9999-12-31 while registered).
with

source as (
    select * from clean.organizations
),

final as (
    select
        uscc,
        name,
        org_type,
        registration_level,
        district_code,
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
    from source
)

select * from final
