-- Active organizations counted by every attribute a coverage filter can select on.
-- Grain: one row per (as_of, district_code, registered_district_code, org_type,
-- registration_level, managed_mask, liaison_mask) that has at least one active organization.
-- district_code is today's code (figures by today's districts: group by it); the code as filed,
-- registered_district_code, is kept so that figures can also be shown as registered.
-- An organization is linked under a filter mask sel when (managed_mask | liaison_mask) & sel <> 0.
-- Counted from the organizations' segments (marts.org_segments): the segments of one key and the
-- same year-ends are counted once, then spread over their year-ends by a range join against the
-- calendar and summed, so no table of organizations x year-ends is written.
with

org_segments as (
    select * from marts.org_segments
),

calendar as (
    select * from marts.calendar
),

spans as (
    select
        first_as_of,
        last_as_of,
        district_code,
        registered_district_code,
        org_type,
        registration_level,
        managed_mask,
        liaison_mask,
        count(*) as orgs,
        count(*) filter (where has_party_org) as with_party_org,
        count(*) filter (where has_union) as with_union
    from org_segments
    group by all
),

final as (
    select
        calendar.as_of,
        spans.district_code,
        spans.registered_district_code,
        spans.org_type,
        spans.registration_level,
        spans.managed_mask,
        spans.liaison_mask,
        sum(spans.orgs)::bigint as orgs,
        sum(spans.with_party_org)::bigint as with_party_org,
        sum(spans.with_union)::bigint as with_union
    from spans
    inner join calendar
        on calendar.as_of >= spans.first_as_of
        and calendar.as_of <= spans.last_as_of
    group by
        calendar.as_of, spans.district_code, spans.registered_district_code, spans.org_type,
        spans.registration_level, spans.managed_mask, spans.liaison_mask
)

select * from final
