-- Funding received per recipient organization and year, for the top-recipients table; also the
-- one district its records count in that year, from which the other funding marts count distinct
-- recipients without another pass over the records (see the funding cube).
-- Grain: one row per (year of paid_on, recipient_uscc) over all districts and sources.
-- sole_district_code: the district every record of the recipient in that year counts in (the
-- record's, else the recipient's, as in marts.funding_facts); NULL when they count in several
-- districts, or in none.
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
        sum(records)::bigint as records,
        if(
            count(district_code) = count(*) and min(district_code) = max(district_code),
            min(district_code),
            null
        ) as sole_district_code
    from funding_facts
    group by year, recipient_uscc
)

select * from final
