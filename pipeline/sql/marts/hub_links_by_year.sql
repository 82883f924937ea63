-- The organizations each hub links on each year-end it is recognized, by relation.
-- Grain: one row per (hub_id, as_of, relation) for every hub recognized on the year-end as_of and
-- every relation: 'managed', 'liaison' (DOMAIN.md: a managed / liaison count looks only at links of
-- that relation, so an organization linked both ways counts in both) and 'any' (linked by either,
-- counted once; not the sum of the other two). Zeros included.
-- linked_orgs: active registered organizations linked by the hub (DOMAIN.md's linked organization);
-- filed_linked_orgs: filed community organizations (备案) it links while they count as filed;
-- total_linked_orgs = linked_orgs + filed_linked_orgs (registered and filed, counted apart and
-- together, as in the headline).
-- The sum of marts.hub_links_by_district over the organizations' districts; hub_year, built
-- after it, takes its counts from the registered linked_orgs of these rows.
with

hubs as (
    select * from staging.hubs
),

calendar as (
    select * from marts.calendar
),

by_district as (
    select * from marts.hub_links_by_district
),

relations as (
    select unnest(['managed', 'liaison', 'any']) as relation
),

recognized as (
    select
        calendar.as_of,
        hubs.hub_id
    from hubs
    inner join calendar
        on calendar.as_of >= hubs.active_from_on
        and calendar.as_of < hubs.active_until_on
),

by_hub as (
    select
        as_of,
        hub_id,
        relation,
        sum(linked_orgs) as linked_orgs,
        sum(filed_linked_orgs) as filed_linked_orgs
    from by_district
    group by as_of, hub_id, relation
),

final as (
    select
        recognized.hub_id,
        recognized.as_of,
        relations.relation,
        coalesce(by_hub.linked_orgs, 0)::bigint as linked_orgs,
        coalesce(by_hub.filed_linked_orgs, 0)::bigint as filed_linked_orgs,
        (coalesce(by_hub.linked_orgs, 0) + coalesce(by_hub.filed_linked_orgs, 0))::bigint
            as total_linked_orgs
    from recognized
    cross join relations
    left join by_hub
        on by_hub.as_of = recognized.as_of
        and by_hub.hub_id = recognized.hub_id
        and by_hub.relation = relations.relation
    order by recognized.as_of, recognized.hub_id, relations.relation
)

select * from final
