-- Funding paid per year, district and source.
-- Grain: one row per (year of paid_on, district_code, source) that has records.
-- district_code is the record's own district, or the recipient's district when it names none;
-- recipients = distinct recipient organizations.
-- Derived from marts.funding_cube's (year, district, source, org_type) rows: recipients add up over
-- org_type (a recipient has one type), so no pass over the facts is needed.
with

funding_cube as (
    select * from marts.funding_cube
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
        sum(recipients)::bigint as recipients
    from funding_cube
    where not all_districts and not all_sources
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
