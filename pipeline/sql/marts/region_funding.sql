-- Funding paid per year and region at each level, by today's codes.
-- Grain: one row per (year of paid_on, region_level, region_code) that has records; region_level
-- 'province' | 'prefecture' | 'county'. A record counts in the region its district lies in at
-- each level (the record's own district, or the recipient's when it names none; see
-- ref.region_levels): a record filed with a prefecture's code counts in that prefecture and its
-- province, in no county. recipients = distinct recipient organizations of the region (an
-- organization paid in two counties of a prefecture counts once there).
-- parent_code is the region one level up (NULL for a province).
with

funding_facts as (
    select * from marts.funding_facts
),

region_levels as (
    select * from ref.region_levels
),

regions as (
    select * from ref.regions
),

aggregated as (
    select
        funding_facts.year,
        region_levels.region_level,
        region_levels.region_code,
        any_value(region_levels.parent_code) as parent_code,
        sum(funding_facts.amount_yuan)::decimal(38, 2) as amount_yuan,
        sum(funding_facts.records)::bigint as records,
        count(distinct funding_facts.recipient_uscc) as recipients
    from funding_facts
    inner join region_levels on region_levels.district_code = funding_facts.district_code
    group by funding_facts.year, region_levels.region_level, region_levels.region_code
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
