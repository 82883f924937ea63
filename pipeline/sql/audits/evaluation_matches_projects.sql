-- marts.project_evaluation holds every completed project once: per year it ended, its projects and
-- contract money equal marts.projects' completed ones; only an evaluated project says who evaluated
-- it; its grain is unique and its codes are in use (today's). Returns the offending rows (what, key).
with

sums as (
    select year, sum(completed_projects) as projects, sum(contract_amount_yuan) as amount_yuan
    from marts.project_evaluation
    group by year
),

completed as (
    select
        year(coalesce(end_on, start_on)) as year,
        count(*) as projects,
        coalesce(sum(contract_amount_yuan), 0) as amount_yuan
    from marts.projects
    where status = 'completed'
    group by all
),

differ as (
    select 'sum' as what, coalesce(sums.year, completed.year)::varchar as key
    from sums
    full join completed on completed.year = sums.year
    where sums.projects is distinct from completed.projects
        or sums.amount_yuan is distinct from completed.amount_yuan
),

repeated as (
    select
        'key' as what,
        concat_ws(
            '|', year, district_code, org_type, is_evaluated, evaluated_by, evaluation_grade
        ) as key
    from marts.project_evaluation
    group by year, district_code, org_type, is_evaluated, evaluated_by, evaluation_grade
    having count(*) > 1
),

odd as (
    select 'evaluated_by' as what, concat_ws('|', year, district_code, evaluated_by) as key
    from marts.project_evaluation
    where evaluated_by is not null and is_evaluated is not true
    union all
    select 'code', district_code
    from marts.project_evaluation
    where district_code not in (select region_code from ref.regions where is_current)
),

final as (
    select * from differ
    union all
    select * from repeated
    union all
    select * from odd
)

select * from final
