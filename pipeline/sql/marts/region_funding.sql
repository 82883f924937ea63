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
-- A record at the country's code 100000 (paid to an organization of 民政部 known in no province,
-- naming no district) lies in no province: it counts in a province-level row of its own,
-- is_unassigned, code 100000, named 全国本级（未落省份） as in marts.region_coverage, so the
-- provinces add up to the headline and to marts.district_funding (audit region_sums_agree).
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

-- where a district lies at each level, and the country's own code in its row of its own
placements as (
    select district_code, region_level, region_code, parent_code, false as is_unassigned
    from region_levels
    union all
    select region_code, 'province', region_code, null, true
    from regions
    where is_current and region_level = 'national'
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
        placements.region_level,
        placements.region_code,
        placements.parent_code,
        placements.is_unassigned,
        district_sums.amount_yuan,
        district_sums.records,
        district_sums.recipients
    from district_sums
    inner join placements on placements.district_code = district_sums.district_code
    union all
    select
        spread_districts.year,
        placements.region_level,
        placements.region_code,
        any_value(placements.parent_code),
        any_value(placements.is_unassigned),
        0,
        0,
        count(distinct spread_districts.recipient_uscc)
    from spread_districts
    inner join placements on placements.district_code = spread_districts.district_code
    group by spread_districts.year, placements.region_level, placements.region_code
),

aggregated as (
    select
        year,
        region_level,
        region_code,
        any_value(parent_code) as parent_code,
        any_value(is_unassigned) as is_unassigned,
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
        if(aggregated.is_unassigned, regions.region_name || '本级（未落省份）', regions.region_name)
            as region_name,
        aggregated.amount_yuan,
        aggregated.records,
        aggregated.recipients,
        aggregated.parent_code,
        aggregated.is_unassigned
    from aggregated
    left join regions on regions.region_code = aggregated.region_code
    order by
        aggregated.year,
        case aggregated.region_level when 'province' then 0 when 'prefecture' then 1 else 2 end,
        aggregated.is_unassigned,
        aggregated.region_code
)

select * from final
