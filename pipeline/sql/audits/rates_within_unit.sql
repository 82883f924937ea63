-- Rates are fractions in 0..1, NULL exactly when their denominator is zero or the delivery has no
-- hub data (marts.delivery: every rate here needs hubs). Returns the offending rows (mart, as_of,
-- key, rate).
with

rates as (
    select 'marts.headline' as mart, as_of, 'coverage_rate' as key,
        coverage_rate as rate, active_orgs as denominator
    from marts.headline
    union all
    select 'marts.headline', as_of, 'mass_org_share', mass_org_share, active_orgs
    from marts.headline
    union all
    select 'marts.headline', as_of, 'total_coverage_rate', total_coverage_rate, total_orgs
    from marts.headline
    union all
    select 'marts.district_coverage', as_of, district_code, coverage_rate, active_orgs
    from marts.district_coverage
    union all
    select 'marts.region_coverage', as_of, region_level || ' ' || region_code, coverage_rate,
        active_orgs
    from marts.region_coverage
    union all
    select 'marts.hub_type_coverage', hub_type_coverage.as_of, hub_type_coverage.hub_type,
        hub_type_coverage.share_of_active, coalesce(headline.active_orgs, 0)
    from marts.hub_type_coverage
    left join marts.headline on headline.as_of = hub_type_coverage.as_of
),

final as (
    select mart, as_of, key, rate
    from rates
    cross join marts.delivery
    where ((denominator = 0 or not has_hub_data) and rate is not null)
        or (denominator <> 0 and has_hub_data and rate is null)
        or rate < 0
        or rate > 1
)

select * from final
