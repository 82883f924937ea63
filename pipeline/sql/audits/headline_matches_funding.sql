-- On every year-end, the headline's funding_amount_yuan equals the sum of
-- marts.district_funding for that year, and the headline's projects equal the projects mart.
-- Returns the year-ends that differ.
with

funding_sums as (
    select year, sum(amount_yuan) as amount_yuan
    from marts.district_funding
    group by year
),

project_sums as (
    select start_year as year, count(*) as projects, sum(contract_amount_yuan) as amount_yuan
    from marts.projects
    group by start_year
),

final as (
    select headline.as_of, headline.funding_amount_yuan, funding_sums.amount_yuan,
        headline.projects_started, project_sums.projects
    from marts.headline
    left join funding_sums on funding_sums.year = year(headline.as_of)
    left join project_sums on project_sums.year = year(headline.as_of)
    where headline.funding_amount_yuan <> coalesce(funding_sums.amount_yuan, 0)
        or headline.projects_started <> coalesce(project_sums.projects, 0)
        or headline.contract_amount_yuan <> coalesce(project_sums.amount_yuan, 0)
)

select * from final
