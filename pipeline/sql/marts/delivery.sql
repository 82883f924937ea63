-- What the delivery that built this warehouse held, for the figures that need it.
-- Grain: one row.
-- has_hub_data: the delivery had a hubs file (and so a hub_links file: they come together or not
-- at all). Without it every figure that needs hubs (hub counts, linked organizations, coverage,
-- mass-organization share) is NULL, "not provided", never 0 (DOMAIN.md). A hubs file without
-- rows is hub data: no hub was recognized.
-- has_filed_orgs: the delivery had a filed_orgs file (备案).
with

file_stats as (
    select * from quality.file_stats
),

final as (
    select
        coalesce(bool_or(table_name = 'hubs'), false) as has_hub_data,
        coalesce(bool_or(table_name = 'filed_orgs'), false) as has_filed_orgs
    from file_stats
)

select * from final
