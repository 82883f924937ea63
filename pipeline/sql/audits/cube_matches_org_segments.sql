-- marts.coverage_cube adds up to marts.org_segments on every year-end (organizations, party
-- organizations, unions: the segments holding the year-end). Returns the year-ends that differ.
with

cube_sums as (
    select as_of, sum(orgs) as orgs, sum(with_party_org) as with_party_org,
        sum(with_union) as with_union
    from marts.coverage_cube
    group by as_of
),

segment_counts as (
    select calendar.as_of, count(*) as orgs,
        count(*) filter (where org_segments.has_party_org) as with_party_org,
        count(*) filter (where org_segments.has_union) as with_union
    from marts.org_segments
    inner join marts.calendar
        on calendar.as_of >= org_segments.first_as_of
        and calendar.as_of <= org_segments.last_as_of
    group by calendar.as_of
),

final as (
    select coalesce(cube_sums.as_of, segment_counts.as_of) as as_of,
        cube_sums.orgs as cube_orgs, segment_counts.orgs as segment_orgs
    from cube_sums
    full join segment_counts on segment_counts.as_of = cube_sums.as_of
    where cube_sums.orgs is distinct from segment_counts.orgs
        or cube_sums.with_party_org is distinct from segment_counts.with_party_org
        or cube_sums.with_union is distinct from segment_counts.with_union
)

select * from final
