-- On every year-end, the headline's active and linked organizations equal the sums over
-- marts.district_coverage (linked ones NULL in both without hub data). Returns the year-ends
-- where they differ.
with

district_sums as (
    select as_of, sum(active_orgs) as active_orgs, sum(linked_orgs) as linked_orgs
    from marts.district_coverage
    group by as_of
),

final as (
    select
        coalesce(headline.as_of, district_sums.as_of) as as_of,
        headline.active_orgs as headline_active,
        district_sums.active_orgs as district_active,
        headline.linked_orgs as headline_linked,
        district_sums.linked_orgs as district_linked
    from marts.headline
    full join district_sums on district_sums.as_of = headline.as_of
    cross join marts.delivery
    where headline.active_orgs is distinct from coalesce(district_sums.active_orgs, 0)
        or headline.linked_orgs
            is distinct from if(has_hub_data, coalesce(district_sums.linked_orgs, 0), null)
)

select * from final
