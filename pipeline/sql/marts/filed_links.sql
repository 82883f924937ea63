-- Every accepted link that names a filed community organization (备案), with the window in which
-- it counts for that filed organization.
-- Grain: one row per accepted link (row of clean.hub_links) whose filed organization is known
-- (staging.hub_links.filing_id: the filing id named, or the one the named organization was filed
-- as).
-- A link counts for the filed organization on D when the link runs, its hub is recognized and the
-- organization counts as filed on D (staging.filed_orgs: filed, not ended, not yet registered):
-- effective_from_on <= D and (effective_until_on is null or D < effective_until_on);
-- effective_from_on is null when the three windows never overlap. district_code is the filed
-- organization's (today's county). The registered side of a link is marts.links.
with

hub_links as (
    select * from staging.hub_links where filing_id is not null
),

hubs as (
    select * from staging.hubs
),

filed_orgs as (
    select * from staging.filed_orgs
),

joined as (
    select
        hub_links.hub_id,
        hubs.hub_type,
        hubs.level as hub_level,
        hub_links.filing_id,
        filed_orgs.district_code,
        hub_links.relation,
        hubs.hub_id is not null and filed_orgs.filing_id is not null as has_both_ends,
        greatest(
            hub_links.active_from_on, hubs.active_from_on, filed_orgs.active_from_on
        ) as overlap_from_on,
        least(
            hub_links.active_until_on, hubs.active_until_on, filed_orgs.active_until_on
        ) as overlap_until_on
    from hub_links
    left join hubs on hubs.hub_id = hub_links.hub_id
    left join filed_orgs on filed_orgs.filing_id = hub_links.filing_id
),

final as (
    select
        hub_id,
        hub_type,
        hub_level,
        filing_id,
        district_code,
        relation,
        if(has_both_ends and overlap_from_on < overlap_until_on, overlap_from_on, null)
            as effective_from_on,
        if(
            has_both_ends and overlap_from_on < overlap_until_on
            and overlap_until_on < date '9999-12-31',
            overlap_until_on,
            null
        ) as effective_until_on
    from joined
)

select * from final
