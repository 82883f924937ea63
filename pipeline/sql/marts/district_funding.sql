-- Funding paid per year, district and source.
-- Grain: one row per (year of paid_on, district_code, source) that has records.
-- district_code is the record's own district, or the recipient's district when it names none;
-- recipients = distinct recipient organizations.
with

funding_facts as (
    select * from marts.funding_facts
),

final as (
    select
        year,
        district_code,
        district_name,
        source,
        sum(amount_yuan)::decimal(18, 2) as amount_yuan,
        sum(records)::bigint as records,
        count(recipient_uscc) as recipients
    from funding_facts
    group by year, district_code, district_name, source
    order by year, district_code, source
)

select * from final
