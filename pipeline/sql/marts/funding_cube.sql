-- Funding paid, pre-aggregated for the dashboard's by-district, by-source and by-year figures.
-- Grain: one row per (year, district_code, source, org_type) and, for exact distinct recipients
-- over all districts and/or all sources, rows with all_districts / all_sources set (their
-- district_code / source is then NULL). recipients = distinct recipient organizations in the row:
-- it adds up over org_type (a recipient has one type) but not over districts or sources, which is
-- why the "all" rows exist.
with

funding_facts as not materialized (
    select * from marts.funding_facts
),

recipient_year as (
    select * from marts.recipient_year
),

-- funding_facts has one row per recipient in each (year, district, source), recipient_year one
-- per recipient in each year: there count(*) is distinct
by_district_source as (
    select
        year, district_code, source, org_type, false as all_districts, false as all_sources,
        sum(amount_yuan)::decimal(38, 2) as amount_yuan,
        sum(records)::bigint as records,
        count(*) as recipients
    from funding_facts
    group by year, district_code, source, org_type
),

by_district as (
    select
        year, district_code, null::varchar as source, org_type,
        false as all_districts, true as all_sources,
        sum(amount_yuan)::decimal(38, 2) as amount_yuan,
        sum(records)::bigint as records,
        count(distinct recipient_uscc) as recipients
    from funding_facts
    group by year, district_code, org_type
),

by_source as (
    select
        year, null::varchar as district_code, source, org_type,
        true as all_districts, false as all_sources,
        sum(amount_yuan)::decimal(38, 2) as amount_yuan,
        sum(records)::bigint as records,
        count(distinct recipient_uscc) as recipients
    from funding_facts
    group by year, source, org_type
),

by_year as (
    select
        year, null::varchar as district_code, null::varchar as source, org_type,
        true as all_districts, true as all_sources,
        sum(amount_yuan)::decimal(38, 2) as amount_yuan,
        sum(records)::bigint as records,
        count(*) as recipients
    from recipient_year
    group by year, org_type
),

final as (
    select * from by_district_source
    union all
    select * from by_district
    union all
    select * from by_source
    union all
    select * from by_year
)

select * from final
