-- marts.org_segments holds each active organization once on each year-end: no segment lies outside
-- its organization's registration window or the calendar (nor ends before it starts), no two
-- segments of an organization share a year-end, and on every year-end the segments holding it number
-- the active organizations counted straight from the register; no USCC repeats in the register.
-- (Together they imply it without spreading the segments over the year-ends per organization.)
-- Returns the year-ends whose counts differ, the misplaced or overlapping segments and the
-- repeated USCCs.
-- The register is read from clean.organizations (the staging view is the same rows with their
-- districts resolved, which these checks do not need: the view's successor lookup is not pruned).
with

register_counts as (
    select calendar.as_of, count(*) as orgs
    from clean.organizations as organizations
    inner join marts.calendar as calendar
        on calendar.as_of >= organizations.registered_on
        and (organizations.deregistered_on is null or organizations.deregistered_on > calendar.as_of)
    group by calendar.as_of
),

segment_counts as (
    select calendar.as_of, count(*) as orgs
    from marts.org_segments
    inner join marts.calendar
        on calendar.as_of >= org_segments.first_as_of
        and calendar.as_of <= org_segments.last_as_of
    group by calendar.as_of
),

count_differences as (
    select
        coalesce(register_counts.as_of, segment_counts.as_of) as as_of,
        null as uscc,
        register_counts.orgs as register_orgs,
        segment_counts.orgs as segment_orgs
    from register_counts
    full join segment_counts on segment_counts.as_of = register_counts.as_of
    where register_counts.orgs is distinct from segment_counts.orgs
),

misplaced as (
    select org_segments.first_as_of as as_of, org_segments.uscc, null as register_orgs,
        null as segment_orgs
    from marts.org_segments
    left join clean.organizations as organizations on organizations.uscc = org_segments.uscc
    where organizations.uscc is null
        or org_segments.first_as_of > org_segments.last_as_of
        or org_segments.first_as_of < organizations.registered_on
        or org_segments.last_as_of >= coalesce(organizations.deregistered_on, date '9999-12-31')
        or org_segments.first_as_of not in (select as_of from marts.calendar)
        or org_segments.last_as_of not in (select as_of from marts.calendar)
),

-- only organizations with several segments can overlap
overlapping as (
    select first_as_of as as_of, uscc, null as register_orgs, null as segment_orgs
    from (
        select uscc, first_as_of,
            lag(last_as_of) over (partition by uscc order by first_as_of) as previous_last_as_of
        from marts.org_segments
        semi join (
            select uscc from marts.org_segments group by uscc having count(*) > 1
        ) as several using (uscc)
    )
    where first_as_of <= previous_last_as_of
),

repeated_codes as (
    select null as as_of, uscc, count(*) as register_orgs, null as segment_orgs
    from clean.organizations
    group by uscc
    having count(*) > 1
),

final as (
    select * from count_differences
    union all
    select * from misplaced
    union all
    select * from overlapping
    union all
    select * from repeated_codes
)

select * from final
