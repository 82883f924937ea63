-- The year-ends every dated mart is computed on.
-- Grain: one row per year-end as_of (Dec 31), from the year of the earliest registered_on
-- to the latest year among registered_on, recognized_on, linked_on, start_on, paid_on and a filed
-- organization's filed_on (a delivery whose latest records are filings, or without hubs, still
-- reaches their year). Empty when there are no organizations.
-- The dates are read from clean.*, not the staging views: each view is its clean table with left
-- joins only and passes these dates through, so the minimum and maximum are the same, and the
-- tables answer them from their statistics without resolving every row's district first (the
-- views' successor lookup is not pruned: about 1 s of CPU at 1M organizations).
with

organizations as (
    select * from clean.organizations
),

hubs as (
    select * from clean.hubs
),

hub_links as (
    select * from clean.hub_links
),

projects as (
    select * from clean.projects
),

funding as (
    select * from clean.funding
),

filed_orgs as (
    select * from clean.filed_orgs
),

latest_dates as (
    select max(registered_on) as latest_on from organizations
    union all
    select max(recognized_on) from hubs
    union all
    select max(linked_on) from hub_links
    union all
    select max(start_on) from projects
    union all
    select max(paid_on) from funding
    union all
    select max(filed_on) from filed_orgs
),

bounds as (
    select
        (select year(min(registered_on)) from organizations) as first_year,
        (select year(max(latest_on)) from latest_dates) as last_year
),

years as (
    select unnest(range(first_year, last_year + 1)) as year
    from bounds
    where first_year is not null
),

final as (
    select
        make_date(year, 12, 31) as as_of,
        year::integer as year
    from years
    order by year
)

select * from final
