-- Every purchased service project with its provider, purchaser hub, district and funding.
-- Grain: one row per project (project_id).
-- effective_district_code is the project's district, else its provider's district (today's
-- codes; registered_district_code is the project's own as filed);
-- funded_yuan = sum of funding records naming the project (0 when none).
with

projects as (
    select * from staging.projects
),

organizations as (
    select * from staging.organizations
),

hubs as (
    select * from staging.hubs
),

-- the clean records, not staging.funding: a project's money needs no district, and the staging
-- view's region lookup would cost a pass over every record
funding as (
    select project_id, amount_yuan from clean.funding
),

regions as (
    select * from ref.regions
),

project_funding as (
    select
        project_id,
        sum(amount_yuan) as funded_yuan
    from funding
    where project_id is not null
    group by project_id
),

final as (
    select
        projects.project_id,
        projects.name,
        projects.purchaser_name,
        projects.purchaser_hub_id,
        projects.provider_uscc,
        projects.district_code,
        projects.registered_district_code,
        projects.category,
        projects.start_on,
        projects.end_on,
        projects.contract_amount_yuan,
        projects.status,
        projects.evaluation_grade,
        projects.start_year,
        coalesce(projects.district_code, organizations.district_code) as effective_district_code,
        regions.region_name as district_name,
        organizations.name as provider_name,
        organizations.org_type as provider_org_type,
        hubs.hub_type as purchaser_hub_type,
        coalesce(project_funding.funded_yuan, 0)::decimal(38, 2) as funded_yuan
    from projects
    left join organizations on organizations.uscc = projects.provider_uscc
    left join hubs on hubs.hub_id = projects.purchaser_hub_id
    left join project_funding on project_funding.project_id = projects.project_id
    left join regions
        on regions.region_code = coalesce(projects.district_code, organizations.district_code)
)

select * from final
