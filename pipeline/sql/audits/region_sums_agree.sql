-- The region marts add up: in marts.region_coverage a prefecture's active and linked
-- organizations (registered, and filed) are the sums of its counties' and of its row of
-- organizations known at no county (市本级（未落区县）, is_unassigned), a province's the sums of
-- its prefectures' and its own such row, the provinces' and the country's row (100000) the
-- headline's; the leaf rows (counties and is_unassigned rows) are marts.district_coverage's;
-- hubs never shrink going up. In marts.region_funding the provinces add up to the headline's funding and
-- to district_funding's records, and a region holds at least what its children hold (a record
-- filed with a prefecture's or a province's own code counts there and above only).
-- Returns one row per (mart, as_of or year, level, code) that disagrees.
with

coverage as (
    select * from marts.region_coverage
),

funding as (
    select * from marts.region_funding
),

coverage_children as (
    select as_of, parent_code, region_level, sum(active_orgs) as active_orgs,
        sum(linked_orgs) as linked_orgs, sum(hubs_total) as hubs_total,
        sum(filed_orgs) as filed_orgs, sum(filed_linked_orgs) as filed_linked_orgs
    from coverage
    where parent_code is not null
    group by as_of, parent_code, region_level
),

coverage_parents as (
    select 'marts.region_coverage' as mart, parent.as_of::varchar as period,
        parent.region_level, parent.region_code
    from coverage as parent
    inner join coverage_children as children
        on children.as_of = parent.as_of
        and children.parent_code = parent.region_code
        and children.region_level
            = case parent.region_level when 'province' then 'prefecture' else 'county' end
    where not parent.is_unassigned
        and (parent.active_orgs <> children.active_orgs
            or parent.linked_orgs <> children.linked_orgs
            or parent.filed_orgs <> children.filed_orgs
            or parent.filed_linked_orgs <> children.filed_linked_orgs
            or parent.hubs_total < children.hubs_total)
),

coverage_headline as (
    select 'marts.region_coverage', headline.as_of::varchar, 'province', null
    from marts.headline
    left join (
        select as_of, sum(active_orgs) as active_orgs, sum(linked_orgs) as linked_orgs,
            sum(hubs_total) as hubs_total, sum(filed_orgs) as filed_orgs
        from coverage where region_level = 'province' group by as_of
    ) as provinces on provinces.as_of = headline.as_of
    where headline.active_orgs <> coalesce(provinces.active_orgs, 0)
        or headline.linked_orgs <> coalesce(provinces.linked_orgs, 0)
        or headline.filed_orgs <> coalesce(provinces.filed_orgs, 0)
        or headline.hubs_total < coalesce(provinces.hubs_total, 0)
),

coverage_counties as (
    (select as_of, region_code, active_orgs, linked_orgs, filed_orgs from coverage
     where region_level = 'county' or is_unassigned
     except all
     select as_of, district_code, active_orgs, linked_orgs, filed_orgs
     from marts.district_coverage)
    union all
    (select as_of, district_code, active_orgs, linked_orgs, filed_orgs
     from marts.district_coverage
     except all
     select as_of, region_code, active_orgs, linked_orgs, filed_orgs from coverage
     where region_level = 'county' or is_unassigned)
),

funding_children as (
    select year, parent_code, region_level, sum(amount_yuan) as amount_yuan,
        sum(records) as records
    from funding
    where parent_code is not null
    group by year, parent_code, region_level
),

funding_parents as (
    select 'marts.region_funding', parent.year::varchar, parent.region_level, parent.region_code
    from funding as parent
    inner join funding_children as children
        on children.year = parent.year
        and children.parent_code = parent.region_code
        and children.region_level
            = case parent.region_level when 'province' then 'prefecture' else 'county' end
    where parent.amount_yuan < children.amount_yuan
        or parent.records < children.records
        or parent.recipients > parent.records
),

funding_totals as (
    select 'marts.region_funding', coalesce(districts.year, provinces.year)::varchar, 'province',
        null
    from (
        select year, sum(amount_yuan) as amount_yuan, sum(records) as records
        from marts.district_funding group by year
    ) as districts
    full join (
        select year, sum(amount_yuan) as amount_yuan, sum(records) as records
        from funding where region_level = 'province' group by year
    ) as provinces on provinces.year = districts.year
    where districts.amount_yuan is distinct from provinces.amount_yuan
        or districts.records is distinct from provinces.records
),

final as (
    select * from coverage_parents
    union all
    select * from coverage_headline
    union all
    select 'marts.district_coverage', as_of::varchar, 'county', region_code
    from coverage_counties
    union all
    select * from funding_parents
    union all
    select * from funding_totals
)

select * from final
