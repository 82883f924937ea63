-- Accepted government-purchased service projects with their start year.
-- Grain: one row per project (project_id), as loaded in clean.projects.
-- district_code is today's code (a retired code counts in its successor, see docs/regions.md);
-- registered_district_code is the code as filed.
with

source as (
    select * from clean.projects
),

region_successors as (
    select * from ref.region_successors
),

-- district_code as registered and today's code it counts in (the code's meaning in the
-- year of start_on; a code never retired is not in ref.region_successors and stays as it is)
resolved as (
    select
        source.*,
        coalesce(region_successors.successor_code, source.district_code) as today_code
    from source
    left join region_successors
        on region_successors.region_code = source.district_code
        and year(source.start_on) >= region_successors.applies_from_year
        and year(source.start_on) < region_successors.applies_until_year
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
