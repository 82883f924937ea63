-- Each organization's year-ends in runs on which its state is the same: the intervals coverage is
-- counted from, instead of one row per organization per year-end.
-- Grain: one row per organization (uscc) per segment: the year-ends first_as_of .. last_as_of (both
-- year-ends of marts.calendar, inclusive) on which it is active and its links are the same. The
-- segments of an organization never overlap and together hold exactly the year-ends on which it is
-- active; two adjacent segments may hold the same state (they are not merged). An organization is
-- on year-end D in the segment with first_as_of <= D <= last_as_of.
-- An interval [from, until) of dates holds the year-ends of the years year(from) .. year(until) - 1
-- (D = Dec 31 of year Y: from <= D exactly when year(from) <= Y, D < until exactly when
-- Y < year(until)), so the segments' breaks are the years of the organization's registration window
-- and of its links' effective windows (marts.links), and the year a later link starts to stand for
-- its hub-organization pair (represents_pair_from_on), bounded to the calendar.
-- Columns as coverage needs them on each year-end of the segment: district_code is today's code
-- the organization counts in, registered_district_code as filed; managed_mask / liaison_mask: bit
-- type_index * 3 + level_index is set when the organization has a counting link of that relation to a
-- hub of that type and level; hubs = distinct hubs with a counting link (each hub and organization
-- counted once: only the link that represents the pair then, marts.links.represents_pair_from_on);
-- is_linked = it has a counting link; is_mass_linked = linked to a mass-org-type hub. No names or
-- other text attributes: the dashboard joins clean.organizations for the few rows it shows.
with

organizations as (
    select * from staging.organizations
),

calendar as (
    select * from marts.calendar
),

links as (
    select * from marts.links
),

bounds as (
    select min(year) as first_year, max(year) + 1 as end_year from calendar
),

-- the years of the year-ends each organization is active on, [from_year, until_year)
org_windows as (
    select
        organizations.uscc,
        organizations.org_type,
        organizations.registration_level,
        organizations.district_code,
        organizations.registered_district_code,
        organizations.has_party_org,
        organizations.has_union,
        greatest(year(organizations.active_from_on), bounds.first_year) as from_year,
        least(year(organizations.active_until_on), bounds.end_year) as until_year
    from organizations
    cross join bounds
    where organizations.active_from_on is not null
),

active as (
    select * from org_windows where from_year < until_year
),

-- each counting link's years [from_year, until_year), and pair_year: from that year on it
-- represents its hub and organization in hubs (NULL: never)
link_years as (
    select
        uscc,
        relation,
        mask_bit,
        is_mass_org,
        year(effective_from_on) as from_year,
        year(coalesce(effective_until_on, date '9999-12-31')) as until_year,
        year(represents_pair_from_on) as pair_year
    from links
    where effective_from_on is not null
),

counting as (
    select * from link_years where from_year < until_year
),

linked as (
    select * from active semi join counting using (uscc)
),

-- where a linked organization's state may change: its window's ends and its links' years (repeats
-- kept: they make empty spans, dropped below, cheaper than removing them first). A counting link
-- lies within its organization's window, so its years lie within the organization's bounded years
-- once bounded to the calendar.
breaks as (
    select uscc, unnest([from_year, until_year]) as year from linked
    union all
    select
        counting.uscc,
        unnest([
            greatest(counting.from_year, bounds.first_year),
            least(counting.until_year, bounds.end_year),
            -- least() skips a NULL: a link that never represents its pair makes no break
            if(counting.pair_year is null, null, least(counting.pair_year, bounds.end_year))
        ]) as year
    from counting
    cross join bounds
),

spans as (
    select * from (
        select
            uscc,
            year as from_year,
            lead(year) over (partition by uscc order by year) as until_year
        from breaks
        where year is not null
    )
    where from_year < until_year
),

-- a link holds a whole span or none of it (the span lies between two breaks)
span_links as (
    select
        spans.uscc,
        spans.from_year,
        spans.until_year,
        bit_or(if(counting.relation = 'managed', 1::bigint << counting.mask_bit, 0::bigint))
            as managed_mask,
        bit_or(if(counting.relation = 'liaison', 1::bigint << counting.mask_bit, 0::bigint))
            as liaison_mask,
        count(*) filter (where counting.pair_year <= spans.from_year) as hubs,
        count(counting.uscc) > 0 as is_linked,
        bool_or(counting.is_mass_org) as is_mass_linked
    from spans
    left join counting
        on counting.uscc = spans.uscc
        and counting.from_year <= spans.from_year
        and spans.from_year < counting.until_year
    group by spans.uscc, spans.from_year, spans.until_year
),

segments as (
    select
        span_links.uscc,
        span_links.from_year,
        span_links.until_year,
        linked.org_type,
        linked.registration_level,
        linked.district_code,
        linked.registered_district_code,
        linked.has_party_org,
        linked.has_union,
        coalesce(span_links.managed_mask, 0)::bigint as managed_mask,
        coalesce(span_links.liaison_mask, 0)::bigint as liaison_mask,
        span_links.hubs::bigint as hubs,
        span_links.is_linked,
        coalesce(span_links.is_mass_linked, false) as is_mass_linked
    from span_links
    inner join linked on linked.uscc = span_links.uscc
    union all
    select
        uscc,
        from_year,
        until_year,
        org_type,
        registration_level,
        district_code,
        registered_district_code,
        has_party_org,
        has_union,
        0::bigint,
        0::bigint,
        0::bigint,
        false,
        false
    from active
    anti join counting using (uscc)
),

final as (
    select
        uscc,
        make_date(from_year::integer, 12, 31) as first_as_of,
        make_date((until_year - 1)::integer, 12, 31) as last_as_of,
        org_type,
        registration_level,
        district_code,
        registered_district_code,
        has_party_org,
        has_union,
        managed_mask,
        liaison_mask,
        hubs,
        is_linked,
        is_mass_linked
    from segments
)

select * from final
