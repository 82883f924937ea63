-- Resident population per district and year (optional input), as loaded in clean.population.
-- Grain: one row per accepted population row (a district and year may repeat).
-- district_code is today's code (a retired code counts in its successor, see docs/regions.md);
-- registered_district_code is the code as filed.
with

source as (
    select * from clean.population
),

region_successors as (
    select * from ref.region_successors
),

-- district_code as registered and today's code it counts in (the code's meaning in the
-- population's year)
resolved as (
    select
        source.*,
        coalesce(region_successors.successor_code, source.district_code) as today_code
    from source
    left join region_successors
        on region_successors.region_code = source.district_code
        and source.year >= region_successors.applies_from_year
        and source.year < region_successors.applies_until_year
),

final as (
    select
        today_code as district_code,
        district_code as registered_district_code,
        year,
        population,
        source_line
    from resolved
)

select * from final
