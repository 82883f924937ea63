-- The marts count by today's codes: no district or region code in them is retired or unknown
-- (a retired code counts in its successor; the code as filed is kept in clean.* and in the
-- registered_district_code columns). Returns one row per (mart, code) that is not in use.
with

in_use as (
    select region_code from ref.regions where is_current
),

codes as (
    select distinct 'marts.district_coverage' as mart, district_code as code
    from marts.district_coverage
    union all
    select distinct 'marts.district_funding', district_code from marts.district_funding
    union all
    select distinct 'marts.region_coverage', region_code from marts.region_coverage
    union all
    select distinct 'marts.region_funding', region_code from marts.region_funding
    union all
    select distinct 'marts.coverage_cube', district_code from marts.coverage_cube
    union all
    select distinct 'marts.hub_year', district_code from marts.hub_year
    union all
    select distinct 'marts.funding_facts', district_code from marts.funding_facts
    union all
    select distinct 'marts.projects', effective_district_code from marts.projects
    union all
    select distinct 'marts.register_profile', district_code from marts.register_profile
    union all
    select distinct 'marts.hub_links_by_district', district_code from marts.hub_links_by_district
    union all
    select distinct 'marts.field_reach', district_code from marts.field_reach
),

final as (
    select mart, code
    from codes
    where code is not null
        and code not in (select region_code from in_use)
)

select * from final
