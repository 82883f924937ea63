-- Each filed community organization (备案) on each year-end on which it counts as filed, and
-- whether a recognized hub links it then.
-- Grain: one row per filed organization (filing_id) per year-end as_of on which it counts
-- (staging.filed_orgs: filed, not ended, not yet registered; from its registration on, the
-- organization counts once, as registered, in marts.org_segments).
-- is_linked: a link naming it (by its filing id, or by the USCC of the organization it became)
-- runs on as_of and its hub is recognized then. district_code is today's county.
with

filed_orgs as (
    select * from staging.filed_orgs
),

calendar as (
    select * from marts.calendar
),

hub_links as (
    select * from staging.hub_links where filing_id is not null
),

hubs as (
    select * from staging.hubs
),

active_years as (
    select
        calendar.as_of,
        filed_orgs.filing_id,
        filed_orgs.district_code,
        filed_orgs.service_domain
    from filed_orgs
    inner join calendar
        on calendar.as_of >= filed_orgs.active_from_on
        and calendar.as_of < filed_orgs.active_until_on
),

linked_years as (
    select distinct
        calendar.as_of,
        hub_links.filing_id
    from hub_links
    inner join hubs on hubs.hub_id = hub_links.hub_id
    inner join calendar
        on calendar.as_of >= greatest(hub_links.active_from_on, hubs.active_from_on)
        and calendar.as_of < least(hub_links.active_until_on, hubs.active_until_on)
),

final as (
    select
        active_years.as_of,
        active_years.filing_id,
        active_years.district_code,
        active_years.service_domain,
        linked_years.filing_id is not null as is_linked
    from active_years
    left join linked_years
        on linked_years.as_of = active_years.as_of
        and linked_years.filing_id = active_years.filing_id
)

select * from final
