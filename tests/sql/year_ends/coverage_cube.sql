-- Active organizations counted by every attribute a coverage filter can select on.
-- Grain: one row per (as_of, district_code, registered_district_code, org_type,
-- registration_level, managed_mask, liaison_mask) that has at least one active organization.
-- district_code is today's code (figures by today's districts: group by it); the code as filed,
-- registered_district_code, is kept so that figures can also be shown as registered.
-- An organization is linked under a filter mask sel when (managed_mask | liaison_mask) & sel <> 0.
with

org_year as (
    select * from marts.org_year
),

final as (
    select
        as_of,
        district_code,
        registered_district_code,
        org_type,
        registration_level,
        managed_mask,
        liaison_mask,
        count(*) as orgs,
        count(*) filter (where has_party_org) as with_party_org,
        count(*) filter (where has_union) as with_union
    from org_year
    group by
        as_of, district_code, registered_district_code, org_type, registration_level,
        managed_mask, liaison_mask
)

select * from final
