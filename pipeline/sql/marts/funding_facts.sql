-- Funding paid, per year, district, source and recipient organization.
-- Grain: one row per (year of paid_on, district_code, source, recipient_uscc) with records.
-- district_code is the record's own district, or the recipient's district when it names none.
-- latest_paid_on: the last payment of the row (the provenance line's latest record date).
-- No names are carried (the 5M-record join stays narrow): join ref.regions / clean.organizations.
with

funding as (
    select * from staging.funding
),

-- one row per organization, grouped so that the planner counts them (about 13x too many through
-- the staging view's successor join, which made it build the join's hash table on the 5M payments)
organizations as (
    select
        uscc,
        any_value(district_code) as district_code,
        any_value(org_type) as org_type
    from staging.organizations
    group by uscc
),

attributed as (
    select
        funding.paid_year as year,
        coalesce(funding.district_code, organizations.district_code) as district_code,
        funding.source,
        funding.recipient_uscc,
        organizations.org_type,
        funding.amount_yuan,
        funding.paid_on
    from funding
    left join organizations on organizations.uscc = funding.recipient_uscc
),

final as (
    select
        year,
        district_code,
        source,
        recipient_uscc,
        any_value(org_type) as org_type,
        sum(amount_yuan)::decimal(38, 2) as amount_yuan,
        count(*) as records,
        max(paid_on) as latest_paid_on
    from attributed
    group by year, district_code, source, recipient_uscc
)

select * from final
