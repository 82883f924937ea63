-- Each mass organization's reach in its own field (领域覆盖): of the organizations of its field, how
-- many its own hubs link and how many any hub links, per district and year-end.
-- Grain: one row per (hub_type, district_code, as_of) for every hub type with a field
-- (ref.hub_types.field_domain, from schemas/vocab.HUB_TYPE_FIELD: union -> workers, youth_league ->
-- youth, women -> women_children, disabled -> disabled, science -> science) and every district and
-- year-end with at least one organization of that field (registered or filed); a missing row is
-- zeros.
-- district_code is the organization's: today's county, or the region it is known at when no county
-- is known (350300, 510000, 100000).
-- field_orgs: active registered organizations whose service_domain is the field;
-- reached_by_own: of those, linked on as_of by a recognized hub of that type (any level, anywhere);
-- reached_by_any: linked by any recognized hub. reached_by_own <= reached_by_any <= field_orgs.
-- filed_field_orgs, filed_reached_by_own, filed_reached_by_any: the same for filed community
-- organizations (备案) while they count as filed (registered and filed counted apart; together is
-- the sum). Without hub data (marts.delivery) every reached count is NULL ("not provided").
-- Computed from registration and link windows against the calendar (range joins), aggregated
-- directly; service_domain says the field.
with

calendar as (
    select * from marts.calendar
),

delivery as (
    select * from marts.delivery
),

fields as (
    select hub_type, field_domain from ref.hub_types where field_domain is not null
),

field_orgs as (
    select
        fields.hub_type,
        organizations.uscc as org_id,
        organizations.district_code,
        organizations.active_from_on,
        organizations.active_until_on,
        false as is_filed
    from staging.organizations as organizations
    inner join fields on fields.field_domain = organizations.service_domain
    union all
    select
        fields.hub_type,
        filed_orgs.filing_id,
        filed_orgs.district_code,
        filed_orgs.active_from_on,
        filed_orgs.active_until_on,
        true
    from staging.filed_orgs as filed_orgs
    inner join fields on fields.field_domain = filed_orgs.service_domain
),

active as (
    select
        calendar.as_of,
        field_orgs.hub_type,
        field_orgs.district_code,
        count(*) filter (where not field_orgs.is_filed) as field_orgs,
        count(*) filter (where field_orgs.is_filed) as filed_field_orgs
    from field_orgs
    inner join calendar
        on calendar.as_of >= field_orgs.active_from_on
        and calendar.as_of < field_orgs.active_until_on
    group by calendar.as_of, field_orgs.hub_type, field_orgs.district_code
),

-- the counting links of field organizations (the windows already hold the organization's
-- registration or filing and the hub's recognition), marked when the hub is of the field's type
field_links as (
    select
        field_orgs.hub_type as field_type,
        field_orgs.org_id,
        field_orgs.district_code,
        field_orgs.is_filed,
        links.hub_type = field_orgs.hub_type as is_own,
        links.effective_from_on,
        links.effective_until_on
    from marts.links as links
    inner join field_orgs on field_orgs.org_id = links.uscc and not field_orgs.is_filed
    where links.effective_from_on is not null
    union all
    select
        field_orgs.hub_type,
        field_orgs.org_id,
        field_orgs.district_code,
        field_orgs.is_filed,
        filed_links.hub_type = field_orgs.hub_type,
        filed_links.effective_from_on,
        filed_links.effective_until_on
    from marts.filed_links as filed_links
    inner join field_orgs on field_orgs.org_id = filed_links.filing_id and field_orgs.is_filed
    where filed_links.effective_from_on is not null
),

reached_orgs as (
    select
        calendar.as_of,
        field_links.field_type,
        field_links.district_code,
        field_links.org_id,
        field_links.is_filed,
        bool_or(field_links.is_own) as is_own
    from field_links
    inner join calendar
        on calendar.as_of >= field_links.effective_from_on
        and calendar.as_of < coalesce(field_links.effective_until_on, date '9999-12-31')
    group by all
),

reached as (
    select
        as_of,
        field_type as hub_type,
        district_code,
        count(*) filter (where not is_filed and is_own) as reached_by_own,
        count(*) filter (where not is_filed) as reached_by_any,
        count(*) filter (where is_filed and is_own) as filed_reached_by_own,
        count(*) filter (where is_filed) as filed_reached_by_any
    from reached_orgs
    group by as_of, field_type, district_code
),

final as (
    select
        active.hub_type,
        active.district_code,
        active.as_of,
        active.field_orgs::bigint as field_orgs,
        if(delivery.has_hub_data, coalesce(reached.reached_by_own, 0), null)::bigint
            as reached_by_own,
        if(delivery.has_hub_data, coalesce(reached.reached_by_any, 0), null)::bigint
            as reached_by_any,
        fields.field_domain as service_domain,
        active.filed_field_orgs::bigint as filed_field_orgs,
        if(delivery.has_hub_data, coalesce(reached.filed_reached_by_own, 0), null)::bigint
            as filed_reached_by_own,
        if(delivery.has_hub_data, coalesce(reached.filed_reached_by_any, 0), null)::bigint
            as filed_reached_by_any
    from active
    cross join delivery
    inner join fields on fields.hub_type = active.hub_type
    left join reached
        on reached.as_of = active.as_of
        and reached.hub_type = active.hub_type
        and reached.district_code is not distinct from active.district_code
    order by active.as_of, active.hub_type, active.district_code
)

select * from final
