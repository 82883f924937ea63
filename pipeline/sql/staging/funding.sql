-- Accepted funding records (money paid to an organization) with their payment year.
-- Grain: one row per funding record (funding_id), as loaded in clean.funding.
-- district_code is today's code (a retired code counts in its successor, see docs/regions.md);
-- registered_district_code is the code as filed.
with

source as (
    select * from clean.funding
),

region_successors as (
    select * from ref.region_successors
),

-- district_code as registered and today's code it counts in (the code's meaning in the
-- year of paid_on; a code never retired is not in ref.region_successors and stays as it is)
resolved as (
    select
        source.*,
        coalesce(region_successors.successor_code, source.district_code) as today_code
    from source
    left join region_successors
        on region_successors.region_code = source.district_code
        and year(source.paid_on) >= region_successors.applies_from_year
        and year(source.paid_on) < region_successors.applies_until_year
),

final as (
    select
        funding_id,
        recipient_uscc,
        project_id,
        source,
        amount_yuan,
        paid_on,
        today_code as district_code,
        district_code as registered_district_code,
        payer_name,
        year(paid_on)::integer as paid_year,
        district_code is not null as names_district,
        source_line
    from resolved
)

select * from final
