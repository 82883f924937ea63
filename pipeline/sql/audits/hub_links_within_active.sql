-- A hub's links stay within what contains them, on every year-end (marts.hub_links_by_year):
-- managed and liaison <= any <= managed + liaison (registered and filed alike); a hub links at most
-- the active (filed) organizations and, registered, at most the linked organizations of the
-- headline; total = linked + filed; and every organization the headline counts as linked is linked
-- by some hub (the hubs' 'any' counts add up to at least the headline's). Returns the offending
-- (as_of, hub_id) rows, hub_id NULL for a year-end's sum.
with

wide as (
    select
        hub_id,
        as_of,
        max(linked_orgs) filter (where relation = 'managed') as managed,
        max(linked_orgs) filter (where relation = 'liaison') as liaison,
        max(linked_orgs) filter (where relation = 'any') as linked,
        max(filed_linked_orgs) filter (where relation = 'managed') as filed_managed,
        max(filed_linked_orgs) filter (where relation = 'liaison') as filed_liaison,
        max(filed_linked_orgs) filter (where relation = 'any') as filed_linked,
        bool_and(total_linked_orgs = linked_orgs + filed_linked_orgs) as totals_add_up
    from marts.hub_links_by_year
    group by hub_id, as_of
),

per_hub as (
    select wide.as_of, wide.hub_id
    from wide
    left join marts.headline on headline.as_of = wide.as_of
    where wide.managed > wide.linked
        or wide.liaison > wide.linked
        or wide.linked > wide.managed + wide.liaison
        or wide.filed_managed > wide.filed_linked
        or wide.filed_liaison > wide.filed_linked
        or wide.filed_linked > wide.filed_managed + wide.filed_liaison
        or wide.linked > coalesce(headline.linked_orgs, 0)
        or wide.linked > coalesce(headline.active_orgs, 0)
        or wide.filed_linked > coalesce(headline.filed_orgs, 0)
        or not wide.totals_add_up
),

per_year as (
    select headline.as_of, null as hub_id
    from marts.headline
    left join (
        select as_of, sum(linked) as linked, sum(filed_linked) as filed_linked
        from wide
        group by as_of
    ) as sums on sums.as_of = headline.as_of
    where coalesce(sums.linked, 0) < coalesce(headline.linked_orgs, 0)
        or coalesce(sums.filed_linked, 0) < coalesce(headline.filed_linked_orgs, 0)
)

select * from per_hub
union all
select * from per_year
