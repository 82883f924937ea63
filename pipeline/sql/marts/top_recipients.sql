-- The whole register's largest recipients of each year, for the Funding page's top-recipients table
-- when no region, scope, source or organization type narrows it: a year change reads these rows
-- instead of ranking every recipient of the year (about 500k at national scale) and looking up
-- their names among a million organizations.
-- Grain: one row per (year, recipient_uscc) of marts.recipient_year whose amount is at least the
-- year's TOP_KEPT-th largest, ties included: the first N <= TOP_KEPT of the year by amount (largest
-- first, then uscc) are all here, whichever way the ties at the cut fall.
-- recipients_in_year: how many recipients the year has in all (the table's "of how many").
-- recipient_name: clean.organizations.name. place_codes: the districts its records count in that
-- year, sorted ([sole_district_code] when there is one; else from marts.funding_facts), as the
-- dashboard's query over every recipient lists them.
with

recipients as (
    select * from marts.recipient_year
),

cut as (
    select
        year,
        list_min(max(amount_yuan, 100)) as least_amount,  -- TOP_KEPT = 100
        count(*) as recipients_in_year
    from recipients
    group by year
),

top as (
    select recipients.*, cut.recipients_in_year
    from recipients
    inner join cut on cut.year = recipients.year
    where recipients.amount_yuan >= cut.least_amount
),

places as (
    select
        funding_facts.year,
        funding_facts.recipient_uscc,
        list(distinct funding_facts.district_code order by funding_facts.district_code) as place_codes
    from marts.funding_facts as funding_facts
    semi join (select year, recipient_uscc from top where sole_district_code is null) as several
        on several.year = funding_facts.year and several.recipient_uscc = funding_facts.recipient_uscc
    group by funding_facts.year, funding_facts.recipient_uscc
),

final as (
    select
        top.year,
        top.recipient_uscc,
        organizations.name as recipient_name,
        top.org_type,
        top.amount_yuan,
        top.records,
        coalesce(places.place_codes, [top.sole_district_code]) as place_codes,
        top.recipients_in_year
    from top
    left join clean.organizations as organizations on organizations.uscc = top.recipient_uscc
    left join places on places.year = top.year and places.recipient_uscc = top.recipient_uscc
)

select * from final
