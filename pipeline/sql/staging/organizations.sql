-- Accepted organizations with their registration window and status flags.
-- Grain: one row per organization (uscc), as loaded in clean.organizations.
-- Active on D exactly when active_from_on <= D and D < active_until_on
-- (active_until_on is the deregistration date, or 9999-12-31 while registered).
-- district_code is today's code of the region the organization counts in: its county, or the
-- prefecture, province or country (100000) it is known at when no county is known
-- (clean.organizations.location_code: the code as filed, else the address's region, else the
-- authority's; a retired code counts in its successor, see docs/regions.md);
-- registered_district_code is the code as filed (the located code when none was filed).
-- registration_level is the authority's level when the authority is named (it decides), else the
-- level as given; location_level is the level of district_code ('county', 'prefecture',
-- 'province', 'national'), is_county_known whether it is a county.
-- registration_mode as given, else (a file with 业务主管单位 but no 登记方式 column) derived from
-- supervising_unit: empty = direct, given = dual (ref.registration_mode).
with

source as (
    select * from clean.organizations
),

regions as (
    select * from ref.regions
),

-- district_code as registered and today's code it counts in (the code's meaning in the
-- year of registered_on, see ref.today_code)
resolved as (
    select
        source.*,
        coalesce(source.location_code, source.district_code) as located_code,
        ref.today_code(coalesce(source.location_code, source.district_code), year(source.registered_on))
            as today_code
    from source
),

final as (
    select
        resolved.uscc,
        resolved.name,
        resolved.org_type,
        coalesce(resolved.authority_level, resolved.registration_level) as registration_level,
        resolved.today_code as district_code,
        resolved.located_code as registered_district_code,
        resolved.registered_on,
        resolved.deregistered_on,
        resolved.status,
        resolved.rating,
        ref.registration_mode(resolved.registration_mode, resolved.supervising_unit)
            as registration_mode,
        resolved.service_domain,
        resolved.full_time_staff,
        resolved.has_party_org,
        resolved.has_union,
        resolved.registration_authority,
        resolved.authority_code,
        resolved.address,
        resolved.supervising_unit,
        resolved.filing_id,
        coalesce(resolved.location_source, 'code') as location_source,
        coalesce(regions.region_level, 'county') as location_level,
        coalesce(regions.region_level, 'county') = 'county' as is_county_known,
        resolved.deregistered_on is not null as is_deregistered,
        resolved.registered_on as active_from_on,
        coalesce(resolved.deregistered_on, date '9999-12-31') as active_until_on,
        resolved.source_line
    from resolved
    left join regions on regions.region_code = resolved.today_code
)

select * from final
