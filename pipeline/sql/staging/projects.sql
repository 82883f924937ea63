-- Accepted government-purchased service projects with their start year.
-- Grain: one row per project (project_id), as loaded in clean.projects.
with

source as (
    select * from clean.projects
),

final as (
    select
        project_id,
        name,
        purchaser_name,
        purchaser_hub_id,
        provider_uscc,
        district_code,
        category,
        start_on,
        end_on,
        contract_amount_yuan,
        status,
        evaluation_grade,
        year(start_on)::integer as start_year,
        purchaser_hub_id is not null as has_purchaser_hub,
        source_line
    from source
)

select * from final
