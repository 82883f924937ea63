-- A narrow copy of the register's names for the dashboard's organization search.
-- Grain: one row per organization (uscc); search_name = lower(name), computed once here.
with

organizations as (
    select * from staging.organizations
),

final as (
    select
        uscc,
        name,
        lower(name) as search_name
    from organizations
)

select * from final
