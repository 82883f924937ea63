-- Resident population per district and year (optional input), as loaded in clean.population.
-- Grain: one row per accepted population row (a district and year may repeat).
-- district_code is today's code (a retired code counts in its successor, see docs/regions.md);
-- registered_district_code is the code as filed.
with

source as (
    select * from clean.population
),

-- district_code as registered and today's code it counts in (the code's meaning in the
-- population's year, see ref.today_code)
resolved as (
    select
        source.*,
        ref.today_code(source.district_code, source.year) as today_code
    from source
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
