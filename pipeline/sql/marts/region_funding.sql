-- Funding paid per year and region at each level, by today's codes.
-- Grain: one row per (year of paid_on, region_level, region_code) that has records; region_level
-- 'province' | 'prefecture' | 'county'. A record counts in the region its district lies in at
-- each level (the record's own district, or the recipient's when it names none; see
-- ref.region_levels): a record filed with a prefecture's code counts in that prefecture and its
-- province, in no county. recipients = distinct recipient organizations of the region (an
-- organization paid in two counties of a prefecture counts once there).
-- parent_code is the region one level up (NULL for a province).
-- Amounts and records add up from marts.district_funding; distinct recipients come from
-- marts.recipient_year (a recipient whose records of the year count in one district counts once
-- in each region above it), and only the few paid in several districts in a year are counted
-- distinct, from their own facts (as in marts.funding_cube).
with

district_funding as (
    select * from marts.district_funding
),

recipient_year as (
    select * from marts.recipient_year
),

funding_facts as (
    select * from marts.funding_facts
),

region_levels as (
    select * from ref.region_levels
),

regions as (
    select * from ref.regions
),

spread as (
    select year, recipient_uscc
    from recipient_year
    where sole_district_code is null
),

spread_districts as (
    select distinct funding_facts.year, funding_facts.recipient_uscc, funding_facts.district_code
    from funding_facts
    semi join spread using (year, recipient_uscc)
),

district_parts as (
    select year, district_code, amount_yuan, records, 0 as recipients
    from district_funding
    union all
    select year, sole_district_code, 0, 0, count(*)
    from recipient_year
    where sole_district_code is not null
    group by year, sole_district_code
),

district_sums as (
    select
        year,
        district_code,
        sum(amount_yuan) as amount_yuan,
        sum(records) as records,
        sum(recipients) as recipients
    from district_parts
    group by year, district_code
),

region_parts as (
    select
        district_sums.year,
        region_levels.region_level,
        region_levels.region_code,
        region_levels.parent_code,
        district_sums.amount_yuan,
        district_sums.records,
        district_sums.recipients
    from district_sums
    inner join region_levels on region_levels.district_code = district_sums.district_code
    union all
    select
        spread_districts.year,
        region_levels.region_level,
        region_levels.region_code,
        any_value(region_levels.parent_code),
        0,
        0,
        count(distinct spread_districts.recipient_uscc)
    from spread_districts
    inner join region_levels on region_levels.district_code = spread_districts.district_code
    group by spread_districts.year, region_levels.region_level, region_levels.region_code
),

aggregated as (
    select
        year,
        region_level,
        region_code,
        any_value(parent_code) as parent_code,
        sum(amount_yuan)::decimal(38, 2) as amount_yuan,
        sum(records)::bigint as records,
        sum(recipients)::bigint as recipients
    from region_parts
    group by year, region_level, region_code
),

final as (
    select
        aggregated.year,
        aggregated.region_level,
        aggregated.region_code,
        regions.region_name,
        aggregated.amount_yuan,
        aggregated.records,
        aggregated.recipients,
        aggregated.parent_code
    from aggregated
    left join regions on regions.region_code = aggregated.region_code
    order by
        aggregated.year,
        case aggregated.region_level when 'province' then 0 when 'prefecture' then 1 else 2 end,
        aggregated.region_code
)

select * from final
