-- Accepted funding records (money paid to an organization) with their payment year.
-- Grain: one row per funding record (funding_id), as loaded in clean.funding.
with

source as (
    select * from clean.funding
),

final as (
    select
        funding_id,
        recipient_uscc,
        project_id,
        source,
        amount_yuan,
        paid_on,
        district_code,
        payer_name,
        year(paid_on)::integer as paid_year,
        district_code is not null as names_district,
        source_line
    from source
)

select * from final
