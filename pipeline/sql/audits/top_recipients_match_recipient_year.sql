-- marts.top_recipients holds each year's largest recipients as marts.recipient_year holds them: every
-- recipient of the year at or above the kept rows' least amount is kept (ties at the cut included),
-- a year keeps at least its 100 largest (all, when it has fewer), each kept row has its
-- recipient_year amount, records and organization type, and recipients_in_year is the year's count.
-- Returns the offending rows (what, key).
with

kept as (
    select
        year,
        min(amount_yuan) as least_amount,
        count(*) as kept,
        any_value(recipients_in_year) as said,
        count(distinct recipients_in_year) as saids
    from marts.top_recipients
    group by year
),

years as (
    select year, count(*) as recipients
    from marts.recipient_year
    group by year
),

missing as (
    select 'missing' as what, concat_ws('|', recipients.year, recipients.recipient_uscc) as key
    from marts.recipient_year as recipients
    inner join kept on kept.year = recipients.year
    anti join marts.top_recipients as top
        on top.year = recipients.year and top.recipient_uscc = recipients.recipient_uscc
    where recipients.amount_yuan >= kept.least_amount
),

differ as (
    select 'row' as what, concat_ws('|', top.year, top.recipient_uscc) as key
    from marts.top_recipients as top
    left join marts.recipient_year as recipients
        on recipients.year = top.year and recipients.recipient_uscc = top.recipient_uscc
    where recipients.recipient_uscc is null
        or top.amount_yuan <> recipients.amount_yuan
        or top.records <> recipients.records
        or top.org_type is distinct from recipients.org_type
),

counted as (
    select 'count' as what, years.year::varchar as key
    from years
    left join kept on kept.year = years.year
    where kept.year is null
        or kept.said <> years.recipients
        or kept.saids <> 1
        or kept.kept < least(years.recipients, 100)
),

final as (
    select * from missing
    union all
    select * from differ
    union all
    select * from counted
)

select * from final
