-- A narrow copy of the register for the dashboard's organization search and for finding one
-- organization's place fast (the staging view resolves every organization's district first).
-- Grain: one row per organization (uscc); search_name = lower(name), computed once here;
-- district_code is today's code it counts in, as in staging.organizations.
with

organizations as (
    select * from staging.organizations
),

final as (
    select
        uscc,
        name,
        lower(name) as search_name,
        org_type,
        district_code,
        status,
        registered_on
    from organizations
)

select * from final
