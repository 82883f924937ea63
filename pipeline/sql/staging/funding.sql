-- Accepted funding records (money paid to an organization) with their payment year.
-- Grain: one row per funding record (funding_id), as loaded in clean.funding.
-- district_code is today's code (a retired code counts in its successor, see docs/regions.md);
-- registered_district_code is the code as filed.
with

source as (
    select * from clean.funding
),

-- district_code as registered and today's code it counts in (the code's meaning in the
-- year of paid_on, see ref.today_code)
resolved as (
    select
        source.*,
        ref.today_code(source.district_code, year(source.paid_on)) as today_code
    from source
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
