-- On every year-end, hubs_total = hubs_city + hubs_district + hubs_street = the sum of
-- marts.hub_type_coverage.hubs = the rows of marts.hub_year. Returns the year-ends that differ.
with

type_sums as (
    select as_of, sum(hubs) as hubs
    from marts.hub_type_coverage
    group by as_of
),

hub_rows as (
    select as_of, count(*) as hubs
    from marts.hub_year
    group by as_of
),

final as (
    select headline.as_of, headline.hubs_total, type_sums.hubs as type_hubs,
        hub_rows.hubs as hub_year_rows
    from marts.headline
    left join type_sums on type_sums.as_of = headline.as_of
    left join hub_rows on hub_rows.as_of = headline.as_of
    where headline.hubs_total <> headline.hubs_city + headline.hubs_district + headline.hubs_street
        or headline.hubs_total <> coalesce(type_sums.hubs, 0)
        or headline.hubs_total <> coalesce(hub_rows.hubs, 0)
)

select * from final
