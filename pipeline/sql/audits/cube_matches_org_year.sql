-- marts.coverage_cube adds up to marts.org_year on every year-end (organizations, party
-- organizations, unions). Returns the year-ends that differ.
with

cube_sums as (
    select as_of, sum(orgs) as orgs, sum(with_party_org) as with_party_org,
        sum(with_union) as with_union
    from marts.coverage_cube
    group by as_of
),

org_year_counts as (
    select as_of, count(*) as orgs, count(*) filter (where has_party_org) as with_party_org,
        count(*) filter (where has_union) as with_union
    from marts.org_year
    group by as_of
),

final as (
    select coalesce(cube_sums.as_of, org_year_counts.as_of) as as_of,
        cube_sums.orgs as cube_orgs, org_year_counts.orgs as org_year_orgs
    from cube_sums
    full join org_year_counts on org_year_counts.as_of = cube_sums.as_of
    where cube_sums.orgs is distinct from org_year_counts.orgs
        or cube_sums.with_party_org is distinct from org_year_counts.with_party_org
        or cube_sums.with_union is distinct from org_year_counts.with_union
)

select * from final
