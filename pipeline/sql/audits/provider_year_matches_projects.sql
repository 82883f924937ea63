-- marts.provider_year holds every project once: per start year its projects and contract money equal
-- marts.projects'; its key (year, district_code, provider_uscc) is unique; its codes are in use
-- (today's); a rating band is one of the three. Returns the offending rows (what, key).
with

sums as (
    select year, sum(projects) as projects, sum(contract_amount_yuan) as amount_yuan
    from marts.provider_year
    group by year
),

projects as (
    select
        start_year as year,
        count(*) as projects,
        coalesce(sum(contract_amount_yuan), 0) as amount_yuan
    from marts.projects
    group by start_year
),

differ as (
    select 'sum' as what, coalesce(sums.year, projects.year)::varchar as key
    from sums
    full join projects on projects.year = sums.year
    where sums.projects is distinct from projects.projects
        or sums.amount_yuan is distinct from projects.amount_yuan
),

repeated as (
    select 'key' as what, concat_ws('|', year, district_code, provider_uscc) as key
    from marts.provider_year
    group by year, district_code, provider_uscc
    having count(*) > 1
),

odd as (
    select 'code' as what, district_code as key
    from marts.provider_year
    where district_code not in (select region_code from ref.regions where is_current)
    union all
    select 'band', rating_band
    from marts.provider_year
    where rating_band not in ('unrated', '1a_3a', '4a_5a')
),

final as (
    select * from differ
    union all
    select * from repeated
    union all
    select * from odd
)

select * from final
