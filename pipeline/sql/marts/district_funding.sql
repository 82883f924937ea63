-- Funding paid per year, district and source.
-- Grain: one row per (year of paid_on, district_code, source) that has records.
-- district_code is the record's own district, or the recipient's district when it names none;
-- recipients = distinct recipient organizations.
with

funding_facts as (
    select * from marts.funding_facts
),

regions as (
    select * from ref.regions
),

aggregated as (
    select
        year,
        district_code,
        source,
        sum(amount_yuan)::decimal(38, 2) as amount_yuan,
        sum(records)::bigint as records,
        count(recipient_uscc) as recipients
    from funding_facts
    group by year, district_code, source
),

final as (
    select
        aggregated.year,
        aggregated.district_code,
        regions.region_name as district_name,
        aggregated.source,
        aggregated.amount_yuan,
        aggregated.records,
        aggregated.recipients
    from aggregated
    left join regions on regions.region_code = aggregated.district_code
    order by aggregated.year, aggregated.district_code, aggregated.source
)

select * from final
