-- A field's reach stays within its field and agrees with the register profile: in every row of
-- marts.field_reach reached_by_own <= reached_by_any <= field_orgs (filed alike), the reached counts
-- NULL exactly when the delivery has no hub data; and per year-end and field the field organizations
-- and those linked by any hub add up to marts.register_profile's active and linked organizations of
-- that service domain (registered and filed apart). Returns the offending rows.
with

rows_out as (
    select 'row' as problem, hub_type, district_code, as_of
    from marts.field_reach
    cross join marts.delivery
    where reached_by_own > reached_by_any
        or reached_by_any > field_orgs
        or filed_reached_by_own > filed_reached_by_any
        or filed_reached_by_any > filed_field_orgs
        or (reached_by_any is null) = has_hub_data
        or (filed_reached_by_any is null) = has_hub_data
        or (reached_by_own is null) = has_hub_data
),

reach_sums as (
    select as_of, service_domain, hub_type,
        sum(field_orgs) as field_orgs, sum(reached_by_any) as reached_by_any,
        sum(filed_field_orgs) as filed_field_orgs, sum(filed_reached_by_any) as filed_reached_by_any
    from marts.field_reach
    group by as_of, service_domain, hub_type
),

profile_sums as (
    select as_of, service_domain,
        sum(active_orgs) filter (where not filed) as active_orgs,
        sum(linked_orgs) filter (where not filed) as linked_orgs,
        sum(active_orgs) filter (where filed) as filed_orgs,
        sum(linked_orgs) filter (where filed) as filed_linked_orgs
    from marts.register_profile
    where service_domain in (select field_domain from ref.hub_types)
    group by as_of, service_domain
),

expected as (
    select hub_types.hub_type, hub_types.field_domain, calendar.as_of
    from ref.hub_types
    cross join marts.calendar
    where hub_types.field_domain is not null
),

sums_out as (
    select 'sum' as problem, expected.hub_type, null as district_code, expected.as_of
    from expected
    left join reach_sums
        on reach_sums.as_of = expected.as_of and reach_sums.hub_type = expected.hub_type
    left join profile_sums
        on profile_sums.as_of = expected.as_of
        and profile_sums.service_domain = expected.field_domain
    where coalesce(reach_sums.field_orgs, 0) <> coalesce(profile_sums.active_orgs, 0)
        or coalesce(reach_sums.filed_field_orgs, 0) <> coalesce(profile_sums.filed_orgs, 0)
        or coalesce(reach_sums.reached_by_any, 0) <> coalesce(profile_sums.linked_orgs, 0)
        or coalesce(reach_sums.filed_reached_by_any, 0)
            <> coalesce(profile_sums.filed_linked_orgs, 0)
)

select * from rows_out
union all
select * from sums_out
