-- Funding paid, per year, district, source and recipient organization.
-- Grain: one row per (year of paid_on, district_code, source, recipient_uscc) with records.
-- district_code is the record's own district, or the recipient's district when it names none.
with

funding as (
    select * from staging.funding
),

organizations as (
    select * from staging.organizations
),

regions as (
    select * from ref.regions
),

attributed as (
    select
        funding.paid_year as year,
        coalesce(funding.district_code, organizations.district_code) as district_code,
        funding.source,
        funding.recipient_uscc,
        organizations.name as recipient_name,
        organizations.org_type,
        funding.amount_yuan
    from funding
    left join organizations on organizations.uscc = funding.recipient_uscc
),

aggregated as (
    select
        year,
        district_code,
        source,
        recipient_uscc,
        any_value(recipient_name) as recipient_name,
        any_value(org_type) as org_type,
        sum(amount_yuan)::decimal(18, 2) as amount_yuan,
        count(*) as records
    from attributed
    group by year, district_code, source, recipient_uscc
),

final as (
    select
        aggregated.year,
        aggregated.district_code,
        regions.region_name as district_name,
        aggregated.source,
        aggregated.recipient_uscc,
        aggregated.recipient_name,
        aggregated.org_type,
        aggregated.amount_yuan,
        aggregated.records
    from aggregated
    left join regions on regions.region_code = aggregated.district_code
)

select * from final
