-- Funding received per recipient organization and year, for the top-recipients table.
-- Grain: one row per (year of paid_on, recipient_uscc) over all districts and sources.
with

funding_facts as (
    select * from marts.funding_facts
),

final as (
    select
        year,
        recipient_uscc,
        any_value(org_type) as org_type,
        sum(amount_yuan)::decimal(38, 2) as amount_yuan,
        sum(records)::bigint as records
    from funding_facts
    group by year, recipient_uscc
)

select * from final
