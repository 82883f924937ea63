-- Accepted links between hubs and organizations, with the link's own window and flags.
-- Grain: one row per accepted link row of clean.hub_links (a pair may be linked twice).
-- The link itself runs while active_from_on <= D and D < active_until_on (ended_on, or
-- 9999-12-31 while not ended); whether it counts also needs the hub and the organization.
-- A link names an organization by its USCC or a filed organization by its filing id (named_id,
-- as given). uscc is the registered organization it counts for: the one named, or the one that
-- registered under the filing id named; filing_id the filed organization it counts for: the one
-- named, or the one the named organization was filed as. Each is NULL when there is none.
with

source as (
    select * from clean.hub_links
),

organizations as (
    select uscc, filing_id from clean.organizations
),

filed as (
    select filing_id from clean.filed_orgs
),

-- the organization that registered under each filing id (the first by registration)
registered as (
    select filing_id, arg_min(uscc, registered_on) as uscc
    from clean.organizations
    where filing_id is not null
    group by filing_id
),

identified as (
    select
        source.*,
        coalesce(named_org.uscc, registered.uscc) as counted_uscc,
        coalesce(named_filed.filing_id, named_org.filing_id) as counted_filing_id
    from source
    left join organizations as named_org on named_org.uscc = source.uscc
    left join filed as named_filed on named_filed.filing_id = source.uscc
    left join registered on registered.filing_id = source.uscc
),

final as (
    select
        hub_id,
        counted_uscc as uscc,
        counted_filing_id as filing_id,
        uscc as named_id,
        relation,
        linked_on,
        ended_on,
        relation = 'managed' as is_managed,
        ended_on is not null as is_ended,
        linked_on as active_from_on,
        coalesce(ended_on, date '9999-12-31') as active_until_on,
        source_line
    from identified
)

select * from final
