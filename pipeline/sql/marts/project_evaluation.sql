-- Evaluation of completed purchased-service projects (the Putian report: evaluated by the providers
-- themselves, "既当运动员又当裁判员"): how many were evaluated, by whom, with which grade.
-- Grain: one row per (year, district_code, org_type, is_evaluated, evaluated_by, evaluation_grade)
-- with at least one completed project (status 'completed').
-- year: the year the project ended (end_on; its start year when no end date is given);
-- district_code: where it was carried out (marts.projects.effective_district_code, today's);
-- org_type: the provider's (the funding page's organization-type filter).
-- is_evaluated: it has an evaluation grade (评估结果), an evaluator (评估机构) or an evaluation kind
-- (评估方式); NULL when the projects file delivered none of the three columns (not provided, never
-- "not evaluated").
-- evaluated_by, for evaluated projects (NULL for the others): evaluation_kind as given
-- ('third_party', 'self' 自评, 'purchaser'); else read from the evaluator's name: the provider's
-- registered name is 'self', the purchaser's name 'purchaser'; else 'unstated'. NULL for every
-- project when the file delivered neither evaluator nor evaluation_kind (who evaluated is not
-- provided). evaluation_grade: as given (NULL: no grade).
-- completed_projects, contract_amount_yuan (decimal(38, 2)) add up over the grain.
with

projects as (
    select * from marts.projects
),

-- who evaluated (not carried by marts.projects)
evaluators as (
    select project_id, evaluator, evaluation_kind from staging.projects
),

file_columns as (
    select * from quality.file_columns
),

-- one row: which evaluation columns the projects file delivered (NULL: no columns recorded)
delivered as (
    select
        bool_or("column" in ('evaluation_grade', 'evaluator', 'evaluation_kind')) as evaluation,
        bool_or("column" in ('evaluator', 'evaluation_kind')) as evaluator
    from file_columns
    where table_name = 'projects'
),

completed as (
    select
        year(coalesce(projects.end_on, projects.start_on))::integer as year,
        projects.effective_district_code as district_code,
        projects.provider_org_type as org_type,
        projects.evaluation_grade,
        evaluators.evaluation_kind,
        evaluators.evaluator,
        projects.provider_name,
        projects.purchaser_name,
        projects.contract_amount_yuan,
        projects.evaluation_grade is not null
        or evaluators.evaluator is not null
        or evaluators.evaluation_kind is not null as has_evaluation
    from projects
    inner join evaluators on evaluators.project_id = projects.project_id
    where projects.status = 'completed'
),

judged as (
    select
        completed.year,
        completed.district_code,
        completed.org_type,
        completed.evaluation_grade,
        completed.contract_amount_yuan,
        if(coalesce(delivered.evaluation, false), completed.has_evaluation, null) as is_evaluated,
        case
            when not (completed.has_evaluation and coalesce(delivered.evaluator, false)) then null
            when completed.evaluation_kind is not null then completed.evaluation_kind
            when completed.evaluator = completed.provider_name then 'self'
            when completed.evaluator = completed.purchaser_name then 'purchaser'
            else 'unstated'
        end as evaluated_by
    from completed
    cross join delivered
),

final as (
    select
        year,
        district_code,
        org_type,
        is_evaluated,
        evaluated_by,
        evaluation_grade,
        count(*)::bigint as completed_projects,
        coalesce(sum(contract_amount_yuan), 0)::decimal(38, 2) as contract_amount_yuan
    from judged
    group by year, district_code, org_type, is_evaluated, evaluated_by, evaluation_grade
)

select * from final
