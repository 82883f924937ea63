-- Who delivers purchased services (the Putian report: few organizations able to take them, very few
-- rated 4A or above): the projects each provider started in a year in a district, with its rating
-- band and registration type.
-- Grain: one row per (year, district_code, provider_uscc) with at least one project started.
-- year: the projects' start year (as the headline's projects_started); district_code: where they
-- are carried out (marts.projects.effective_district_code: the project's district, else the
-- provider's; today's codes).
-- org_type, rating, registration_mode: the provider's as the register gives them (it keeps no
-- history: today's rating); registration_mode as ref.registration_mode reads it (登记方式, else
-- from 业务主管单位), NULL when not given.
-- rating_band: 'unrated' (no rating), '1a_3a' (1A-3A), '4a_5a' (4A-5A, DOMAIN.md's "rated 4A or
-- above"); NULL when the organizations file did not deliver 评估等级 (not provided, never 'unrated').
-- projects, contract_amount_yuan (a project without an amount counts, adding 0) add up over the
-- grain; providers are distinct provider_uscc (count(distinct) over any filter of the grain).
with

projects as (
    select * from marts.projects
),

organizations as (
    select
        uscc,
        rating,
        ref.registration_mode(registration_mode, supervising_unit) as registration_mode
    from clean.organizations
),

file_columns as (
    select * from quality.file_columns
),

-- one row: whether the organizations file delivered 评估等级 (NULL: no columns recorded at all)
delivered as (
    select bool_or("column" = 'rating') as rating
    from file_columns
    where table_name = 'organizations'
),

project_rows as (
    select
        projects.start_year as year,
        projects.effective_district_code as district_code,
        projects.provider_uscc,
        projects.provider_org_type as org_type,
        organizations.rating,
        organizations.registration_mode,
        projects.contract_amount_yuan
    from projects
    left join organizations on organizations.uscc = projects.provider_uscc
),

final as (
    select
        project_rows.year,
        project_rows.district_code,
        project_rows.provider_uscc,
        any_value(project_rows.org_type) as org_type,
        any_value(project_rows.rating) as rating,
        case
            when not coalesce(any_value(delivered.rating), false) then null
            when any_value(project_rows.rating) is null then 'unrated'
            when any_value(project_rows.rating) in ('4A', '5A') then '4a_5a'
            else '1a_3a'
        end as rating_band,
        any_value(project_rows.registration_mode) as registration_mode,
        count(*)::bigint as projects,
        coalesce(sum(project_rows.contract_amount_yuan), 0)::decimal(38, 2)
            as contract_amount_yuan
    from project_rows
    cross join delivered
    group by project_rows.year, project_rows.district_code, project_rows.provider_uscc
)

select * from final
