-- On every year-end, marts.register_profile's active and linked organizations add up to the
-- headline's: its registered rows (not filed) to active_orgs / linked_orgs, its filed rows to
-- filed_orgs / filed_linked_orgs (linked ones NULL in both without hub data). Returns the
-- year-ends where they differ.
with

profile_sums as (
    select
        as_of,
        sum(active_orgs) filter (where not filed) as active_orgs,
        sum(linked_orgs) filter (where not filed) as linked_orgs,
        sum(active_orgs) filter (where filed) as filed_orgs,
        sum(linked_orgs) filter (where filed) as filed_linked_orgs
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
    cross join marts.delivery
    where headline.active_orgs is distinct from coalesce(profile_sums.active_orgs, 0)
        or headline.linked_orgs
            is distinct from if(has_hub_data, coalesce(profile_sums.linked_orgs, 0), null)
        or headline.filed_orgs is distinct from coalesce(profile_sums.filed_orgs, 0)
        or headline.filed_linked_orgs
            is distinct from if(has_hub_data, coalesce(profile_sums.filed_linked_orgs, 0), null)
)

select * from final
