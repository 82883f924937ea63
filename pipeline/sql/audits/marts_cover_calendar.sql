-- The dated marts have exactly their promised rows: headline one per calendar year-end,
-- hub_type_coverage one per year-end x hub type of ref.hub_types, district_coverage one per
-- year-end x today's district code of the organizations (staging.organizations and
-- staging.filed_orgs).
-- Returns each missing or extra (mart, as_of, key), and each calendar gap.
with

expected as (
    select 'marts.headline' as mart, as_of, '' as key from marts.calendar
    union all
    select 'marts.hub_type_coverage', calendar.as_of, hub_types.hub_type
    from marts.calendar cross join ref.hub_types
    union all
    select 'marts.district_coverage', calendar.as_of, districts.district_code
    from marts.calendar
    cross join (
        select district_code from staging.organizations where district_code is not null
        union
        select district_code from staging.filed_orgs where district_code is not null
    ) as districts
),

actual as (
    select 'marts.headline' as mart, as_of, '' as key from marts.headline
    union all
    select 'marts.hub_type_coverage', as_of, hub_type from marts.hub_type_coverage
    union all
    select 'marts.district_coverage', as_of, district_code from marts.district_coverage
),

calendar_gaps as (
    select 'marts.calendar' as mart, as_of, 'not a Dec 31 or not consecutive' as key
    from (
        select as_of, year, year - min(year) over () as year_offset,
            row_number() over (order by year) - 1 as position
        from marts.calendar
    ) as numbered
    where as_of <> make_date(year, 12, 31) or year_offset <> position
),

final as (
    (select mart, as_of, key, 'missing' as problem from expected
     except all
     select mart, as_of, key, 'missing' from actual)
    union all
    (select mart, as_of, key, 'extra' from actual
     except all
     select mart, as_of, key, 'extra' from expected)
    union all
    select mart, as_of, key, 'calendar' from calendar_gaps
)

select * from final
