-- The city-wide headline figures on every year-end.
-- Grain: one row per year-end as_of of marts.calendar.
-- Hubs = recognized hubs on as_of by level; active / linked / mass-org-linked organizations on
-- as_of; rates are fractions, NULL when there is no active organization. Projects and contract
-- amounts count by start_on's calendar year, funding by paid_on's; 0 when there are none.
-- Registered and filed organizations are counted apart and together: active_orgs / linked_orgs
-- are registered ones; filed_orgs / filed_linked_orgs filed community organizations (备案,
-- marts.filed_org_year); total_orgs, total_linked_orgs and total_coverage_rate both.
-- A delivery without hub data (marts.delivery) has every figure that needs hubs NULL: the hub
-- counts, linked organizations, coverage and mass-organization share ("not provided", not 0%).
with

delivery as (
    select * from marts.delivery
),

calendar as (
    select * from marts.calendar
),

hub_types as (
    select * from ref.hub_types
),

hub_year as (
    select * from marts.hub_year
),

coverage_cube as (
    select * from marts.coverage_cube
),

projects as (
    select * from staging.projects
),

funding_facts as (
    select * from marts.funding_facts
),

filed_org_year as (
    select * from marts.filed_org_year
),

filed_counts as (
    select
        as_of,
        count(*) as filed_orgs,
        count(*) filter (where is_linked) as filed_linked_orgs
    from filed_org_year
    group by as_of
),

mass_org_mask as (
    select bit_or(7::bigint << (type_index * 3)) filter (where is_mass_org) as mass_mask
    from hub_types
),

hub_counts as (
    select
        as_of,
        count(*) filter (where level = 'city') as hubs_city,
        count(*) filter (where level = 'district') as hubs_district,
        count(*) filter (where level = 'street') as hubs_street,
        count(*) as hubs_total
    from hub_year
    group by as_of
),

org_counts as (
    select
        coverage_cube.as_of,
        sum(orgs) as active_orgs,
        sum(orgs) filter (where (managed_mask | liaison_mask) <> 0) as linked_orgs,
        sum(orgs) filter (
            where ((managed_mask | liaison_mask) & mass_org_mask.mass_mask) <> 0
        ) as mass_org_linked_orgs
    from coverage_cube
    cross join mass_org_mask
    group by coverage_cube.as_of
),

project_counts as (
    select
        start_year as year,
        count(*) as projects_started,
        sum(contract_amount_yuan) as contract_amount_yuan
    from projects
    group by start_year
),

funding_totals as (
    select
        year,
        sum(amount_yuan) as funding_amount_yuan
    from funding_facts
    group by year
),

counted as (
    select
        calendar.as_of,
        coalesce(hub_counts.hubs_city, 0)::bigint as hubs_city,
        coalesce(hub_counts.hubs_district, 0)::bigint as hubs_district,
        coalesce(hub_counts.hubs_street, 0)::bigint as hubs_street,
        coalesce(hub_counts.hubs_total, 0)::bigint as hubs_total,
        coalesce(org_counts.active_orgs, 0)::bigint as active_orgs,
        coalesce(org_counts.linked_orgs, 0)::bigint as linked_orgs,
        coalesce(org_counts.linked_orgs, 0) / nullif(org_counts.active_orgs, 0) as coverage_rate,
        coalesce(org_counts.mass_org_linked_orgs, 0)::bigint as mass_org_linked_orgs,
        coalesce(org_counts.mass_org_linked_orgs, 0) / nullif(org_counts.active_orgs, 0)
            as mass_org_share,
        coalesce(project_counts.projects_started, 0)::bigint as projects_started,
        coalesce(project_counts.contract_amount_yuan, 0)::decimal(38, 2) as contract_amount_yuan,
        coalesce(funding_totals.funding_amount_yuan, 0)::decimal(38, 2) as funding_amount_yuan,
        coalesce(filed_counts.filed_orgs, 0)::bigint as filed_orgs,
        coalesce(filed_counts.filed_linked_orgs, 0)::bigint as filed_linked_orgs,
        (coalesce(org_counts.active_orgs, 0) + coalesce(filed_counts.filed_orgs, 0))::bigint
            as total_orgs,
        (coalesce(org_counts.linked_orgs, 0) + coalesce(filed_counts.filed_linked_orgs, 0))::bigint
            as total_linked_orgs,
        (coalesce(org_counts.linked_orgs, 0) + coalesce(filed_counts.filed_linked_orgs, 0))
            / nullif(coalesce(org_counts.active_orgs, 0) + coalesce(filed_counts.filed_orgs, 0), 0)
            as total_coverage_rate
    from calendar
    left join hub_counts on hub_counts.as_of = calendar.as_of
    left join org_counts on org_counts.as_of = calendar.as_of
    left join project_counts on project_counts.year = calendar.year
    left join funding_totals on funding_totals.year = calendar.year
    left join filed_counts on filed_counts.as_of = calendar.as_of
),

final as (
    select
        as_of,
        if(has_hub_data, hubs_city, null) as hubs_city,
        if(has_hub_data, hubs_district, null) as hubs_district,
        if(has_hub_data, hubs_street, null) as hubs_street,
        if(has_hub_data, hubs_total, null) as hubs_total,
        active_orgs,
        if(has_hub_data, linked_orgs, null) as linked_orgs,
        if(has_hub_data, coverage_rate, null) as coverage_rate,
        if(has_hub_data, mass_org_linked_orgs, null) as mass_org_linked_orgs,
        if(has_hub_data, mass_org_share, null) as mass_org_share,
        projects_started,
        contract_amount_yuan,
        funding_amount_yuan,
        filed_orgs,
        if(has_hub_data, filed_linked_orgs, null) as filed_linked_orgs,
        total_orgs,
        if(has_hub_data, total_linked_orgs, null) as total_linked_orgs,
        if(has_hub_data, total_coverage_rate, null) as total_coverage_rate
    from counted
    cross join delivery
    order by as_of
)

select * from final
