-- marts.hub_links_by_year has exactly the rows it promises and agrees with what else counts a
-- hub's links: one row per relation for each (hub, year-end) of marts.hub_year; its linked_orgs
-- equal hub_year's (managed, liaison, any = linked_orgs); and each count is the sum of
-- marts.hub_links_by_district over the organizations' districts. Returns the offending
-- (hub_id, as_of, relation) rows.
-- hub_year's counts are summed from hub_links_by_year (and it from hub_links_by_district), so this
-- guards the build (a row lost or doubled on the way); the counts' independent formulation, a range
-- join of the links per (year-end, hub, organization), is tests/sql/year_ends/hub_year.sql.
with

expected as (
    select hub_year.hub_id, hub_year.as_of, relations.relation,
        case relations.relation
            when 'managed' then hub_year.managed_orgs
            when 'liaison' then hub_year.liaison_orgs
            else hub_year.linked_orgs
        end as linked_orgs
    from marts.hub_year
    cross join (select unnest(['managed', 'liaison', 'any']) as relation) as relations
),

district_sums as (
    select hub_id, as_of, relation, sum(linked_orgs) as linked_orgs,
        sum(filed_linked_orgs) as filed_linked_orgs
    from marts.hub_links_by_district
    group by hub_id, as_of, relation
),

final as (
    select
        coalesce(by_year.hub_id, expected.hub_id, district_sums.hub_id) as hub_id,
        coalesce(by_year.as_of, expected.as_of, district_sums.as_of) as as_of,
        coalesce(by_year.relation, expected.relation, district_sums.relation) as relation
    from marts.hub_links_by_year as by_year
    full join expected
        on expected.hub_id = by_year.hub_id
        and expected.as_of = by_year.as_of
        and expected.relation = by_year.relation
    full join district_sums
        on district_sums.hub_id = coalesce(by_year.hub_id, expected.hub_id)
        and district_sums.as_of = coalesce(by_year.as_of, expected.as_of)
        and district_sums.relation = coalesce(by_year.relation, expected.relation)
    where by_year.hub_id is null
        or expected.hub_id is null
        or by_year.linked_orgs <> expected.linked_orgs
        or by_year.linked_orgs <> coalesce(district_sums.linked_orgs, 0)
        or by_year.filed_linked_orgs <> coalesce(district_sums.filed_linked_orgs, 0)
)

select * from final
