-- Active organizations counted by every attribute a coverage filter can select on.
-- Grain: one row per (as_of, district_code, registered_district_code, org_type,
-- registration_level, managed_mask, liaison_mask) that has at least one active organization.
-- district_code is today's code (figures by today's districts: group by it); the code as filed,
-- registered_district_code, is kept so that figures can also be shown as registered.
-- An organization is linked under a filter mask sel when (managed_mask | liaison_mask) & sel <> 0.
-- Counted from the organizations' segments (marts.org_segments): the segments of one key and the
-- same year-ends are counted once, then spread over their years (those of the calendar, which the
-- segments lie within) and summed, so no table of organizations x year-ends is written.
with

org_segments as (
    select * from marts.org_segments
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

-- each span spread over its years (the calendar's: segments lie within it), then summed
final as (
    select
        make_date(years.year::integer, 12, 31) as as_of,
        spans.district_code,
        spans.registered_district_code,
        spans.org_type,
        spans.registration_level,
        spans.managed_mask,
        spans.liaison_mask,
        sum(spans.orgs)::bigint as orgs,
        sum(spans.with_party_org)::bigint as with_party_org,
        sum(spans.with_union)::bigint as with_union
    from spans,
        unnest(range(year(spans.first_as_of), year(spans.last_as_of) + 1)) as years(year)
    group by all
)

select * from final
