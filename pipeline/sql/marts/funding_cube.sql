-- Funding paid, pre-aggregated for the dashboard's by-district, by-source and by-year figures.
-- Grain: one row per (year, district_code, source, org_type) and, for exact distinct recipients
-- over all districts and/or all sources, rows with all_districts / all_sources set (their
-- district_code / source is then NULL). recipients = distinct recipient organizations in the row:
-- it adds up over org_type (a recipient has one type) but not over districts or sources, which is
-- why the "all" rows exist.
-- Distinct recipients without counting distinct over the facts: a recipient whose records of a
-- year all count in one district (marts.recipient_year.sole_district_code, nearly all of them) is
-- one row of recipient_year there and one fact per source; only the few paid in several districts
-- in a year ("spread") are counted distinct, from their own facts.
with

funding_facts as not materialized (
    select * from marts.funding_facts
),

recipient_year as (
    select * from marts.recipient_year
),

spread as (
    select year, recipient_uscc
    from recipient_year
    where sole_district_code is null
),

spread_facts as (
    select funding_facts.*
    from funding_facts
    semi join spread using (year, recipient_uscc)
),

-- funding_facts has one row per recipient in each (year, district, source): there count(*) is
-- distinct
by_district_source as (
    select
        year, district_code, source, org_type,
        sum(amount_yuan)::decimal(38, 2) as amount_yuan,
        sum(records)::bigint as records,
        count(*) as recipients
    from funding_facts
    group by year, district_code, source, org_type
),

-- over sources: a recipient of one district counts once there (its recipient_year row); a spread
-- recipient once in each of its districts
district_parts as (
    select year, district_code, org_type, amount_yuan, records, 0 as recipients
    from by_district_source
    union all
    select year, sole_district_code, org_type, 0, 0, count(*)
    from recipient_year
    where sole_district_code is not null
    group by year, sole_district_code, org_type
    union all
    select year, district_code, org_type, 0, 0, count(distinct recipient_uscc)
    from spread_facts
    group by year, district_code, org_type
),

by_district as (
    select
        year, district_code, org_type,
        sum(amount_yuan)::decimal(38, 2) as amount_yuan,
        sum(records)::bigint as records,
        sum(recipients)::bigint as recipients
    from district_parts
    group by year, district_code, org_type
),

-- over districts: a recipient of one district has one fact per source, so its facts count
-- distinct; a spread recipient's facts are replaced by its distinct count
source_parts as (
    select year, source, org_type, amount_yuan, records, recipients
    from by_district_source
    union all
    select year, source, org_type, 0, 0, count(distinct recipient_uscc) - count(*)
    from spread_facts
    group by year, source, org_type
),

by_source as (
    select
        year, source, org_type,
        sum(amount_yuan)::decimal(38, 2) as amount_yuan,
        sum(records)::bigint as records,
        sum(recipients)::bigint as recipients
    from source_parts
    group by year, source, org_type
),

-- recipient_year has one row per recipient in each year: there count(*) is distinct
by_year as (
    select
        year, org_type,
        sum(amount_yuan)::decimal(38, 2) as amount_yuan,
        sum(records)::bigint as records,
        count(*) as recipients
    from recipient_year
    group by year, org_type
),

final as (
    select
        year, district_code, source, org_type, false as all_districts, false as all_sources,
        amount_yuan, records, recipients
    from by_district_source
    union all
    select
        year, district_code, null::varchar, org_type, false, true,
        amount_yuan, records, recipients
    from by_district
    union all
    select
        year, null::varchar, source, org_type, true, false,
        amount_yuan, records, recipients
    from by_source
    union all
    select
        year, null::varchar, null::varchar, org_type, true, true,
        amount_yuan, records, recipients
    from by_year
)

select * from final
