-- Accepted filed community organizations (备案, no USCC) with the window in which they count.
-- Grain: one row per filed organization (filing_id), as loaded in clean.filed_orgs.
-- Counted (as filed) on D exactly when active_from_on <= D and D < active_until_on: from filed_on
-- until the filing ended, or until the organization registered (an organization of
-- clean.organizations carrying this filing_id is counted once, as registered, from its
-- registered_on), or 9999-12-31.
-- district_code is today's code of its county (see ref.today_code); registered_district_code as
-- filed; registered_uscc the organization it became, if any.
with

source as (
    select * from clean.filed_orgs
),

-- the organization that later registered under this filing id (the first by registration)
registered as (
    select
        filing_id,
        arg_min(uscc, registered_on) as uscc,
        min(registered_on) as registered_on
    from clean.organizations
    where filing_id is not null
    group by filing_id
),

final as (
    select
        source.filing_id,
        source.name,
        source.filing_authority,
        ref.today_code(source.district_code, year(source.filed_on)) as district_code,
        source.district_code as registered_district_code,
        source.street_name,
        source.filed_on,
        source.ended_on,
        source.service_domain,
        registered.uscc as registered_uscc,
        source.filed_on as active_from_on,
        least(
            coalesce(source.ended_on, date '9999-12-31'),
            coalesce(registered.registered_on, date '9999-12-31')
        ) as active_until_on,
        source.source_line
    from source
    left join registered on registered.filing_id = source.filing_id
)

select * from final
