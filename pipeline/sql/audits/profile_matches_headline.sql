-- On every year-end, marts.register_profile's active and linked organizations add up to the
-- headline's. Returns the year-ends where they differ.
with

profile_sums as (
    select as_of, sum(active_orgs) as active_orgs, sum(linked_orgs) as linked_orgs
    from marts.register_profile
    group by as_of
),

final as (
    select
        coalesce(headline.as_of, profile_sums.as_of) as as_of,
        headline.active_orgs as headline_active,
        profile_sums.active_orgs as profile_active,
        headline.linked_orgs as headline_linked,
        profile_sums.linked_orgs as profile_linked
    from marts.headline
    full join profile_sums on profile_sums.as_of = headline.as_of
    where headline.active_orgs is distinct from coalesce(profile_sums.active_orgs, 0)
        or headline.linked_orgs is distinct from coalesce(profile_sums.linked_orgs, 0)
)

select * from final
