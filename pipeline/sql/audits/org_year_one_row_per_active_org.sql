-- marts.org_year holds one row per active organization per year-end: on every year-end its row
-- count equals the active organizations counted straight from the register, and no USCC repeats
-- in the register. (Cheaper than grouping millions of rows by key; together they imply it.)
-- Returns the year-ends whose counts differ and the repeated USCCs.
with

register_counts as (
    select calendar.as_of, count(*) as orgs
    from staging.organizations as organizations
    inner join marts.calendar as calendar
        on calendar.as_of >= organizations.registered_on
        and (organizations.deregistered_on is null or organizations.deregistered_on > calendar.as_of)
    group by calendar.as_of
),

org_year_counts as (
    select as_of, count(*) as orgs
    from marts.org_year
    group by as_of
),

count_differences as (
    select
        coalesce(register_counts.as_of, org_year_counts.as_of) as as_of,
        null as uscc,
        register_counts.orgs as register_orgs,
        org_year_counts.orgs as org_year_orgs
    from register_counts
    full join org_year_counts on org_year_counts.as_of = register_counts.as_of
    where register_counts.orgs is distinct from org_year_counts.orgs
),

repeated_codes as (
    select null as as_of, uscc, count(*) as register_orgs, null as org_year_orgs
    from staging.organizations
    group by uscc
    having count(*) > 1
),

final as (
    select * from count_differences
    union all
    select * from repeated_codes
)

select * from final
