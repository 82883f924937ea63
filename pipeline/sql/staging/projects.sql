-- Accepted government-purchased service projects with their start year.
-- Grain: one row per project (project_id), as loaded in clean.projects.
-- district_code is today's code (a retired code counts in its successor, see docs/regions.md);
-- registered_district_code is the code as filed.
with

source as (
    select * from clean.projects
),

-- district_code as registered and today's code it counts in (the code's meaning in the
-- year of start_on, see ref.today_code)
resolved as (
    select
        source.*,
        ref.today_code(source.district_code, year(source.start_on)) as today_code
    from source
),

final as (
    select
        project_id,
        name,
        purchaser_name,
        purchaser_hub_id,
        provider_uscc,
        today_code as district_code,
        district_code as registered_district_code,
        category,
        start_on,
        end_on,
        contract_amount_yuan,
        status,
        evaluation_grade,
        year(start_on)::integer as start_year,
        purchaser_hub_id is not null as has_purchaser_hub,
        source_line
    from resolved
)

select * from final
