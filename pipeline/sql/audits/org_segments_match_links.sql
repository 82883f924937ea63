-- marts.org_segments agrees with marts.links on the calendar's latest year-end, the one the pages
-- open on: each active organization's hub-type and level bits (managed_mask, liaison_mask) and
-- is_linked are those of the links effective on that date, counted straight from marts.links
-- (effective_from_on <= as_of < effective_until_on), not through the segments' year spans.
-- org_segments_flags_agree and cube_matches_org_segments check the segments against what is built
-- from them; this one checks them against their source. Returns the organizations that differ.
-- (One year-end only: spreading the links over every year-end is what the segments avoid; the
-- year-end formulations in tests/sql/year_ends compare every year-end on the test registers.)
with

latest as (
    select max(as_of) as as_of from marts.calendar
),

from_links as (
    select
        links.uscc,
        bit_or(if(links.relation = 'managed', 1::bigint << links.mask_bit, 0::bigint))
            as managed_mask,
        bit_or(if(links.relation = 'liaison', 1::bigint << links.mask_bit, 0::bigint))
            as liaison_mask
    from marts.links
    cross join latest
    where links.effective_from_on <= latest.as_of
        and (links.effective_until_on is null or latest.as_of < links.effective_until_on)
    group by links.uscc
),

from_segments as (
    select org_segments.uscc, org_segments.managed_mask, org_segments.liaison_mask,
        org_segments.is_linked
    from marts.org_segments
    cross join latest
    where org_segments.first_as_of <= latest.as_of and latest.as_of <= org_segments.last_as_of
),

final as (
    select
        coalesce(from_segments.uscc, from_links.uscc) as uscc,
        from_segments.managed_mask as segment_managed_mask,
        from_links.managed_mask as links_managed_mask,
        from_segments.liaison_mask as segment_liaison_mask,
        from_links.liaison_mask as links_liaison_mask,
        from_segments.is_linked
    from from_segments
    full join from_links on from_links.uscc = from_segments.uscc
    where from_segments.uscc is null  -- a link effective on an organization not active then
        or from_segments.is_linked <> (from_links.uscc is not null)
        or from_segments.managed_mask <> coalesce(from_links.managed_mask, 0)
        or from_segments.liaison_mask <> coalesce(from_links.liaison_mask, 0)
)

select * from final
