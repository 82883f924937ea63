"""The Overview's query: the headline figures of a selection, year by year (through core/door.py)."""

from __future__ import annotations

import polars as pl

from dashboard.core import door
from dashboard.core.filters import Filters

HEADLINE = """
with cube as (
    select as_of, sum(orgs) as active_orgs,
        coalesce(sum(orgs) filter (where ((managed_mask | liaison_mask) & $sel::BIGINT) <> 0), 0) as linked_orgs,
        coalesce(sum(orgs) filter (where ((managed_mask | liaison_mask) & $mass::BIGINT) <> 0), 0) as mass_org_linked_orgs
    from marts.coverage_cube where {cube} group by as_of),
hubs as (
    select as_of, count(*) filter (where level = 'city') as hubs_city,
        count(*) filter (where level = 'district') as hubs_district,
        count(*) filter (where level = 'street') as hubs_street, count(*) as hubs_total
    from marts.hub_year where {hubs} group by as_of),
proj_base as (
    select start_year, contract_amount_yuan, provider_org_type, effective_district_code as area_code
    from marts.projects),
proj as (
    select start_year as year, count(*) as projects_started, sum(contract_amount_yuan) as contract_amount_yuan
    from proj_base where {proj} group by start_year),
fund as (
    select year, sum(amount_yuan) as funding_amount_yuan from marts.funding_cube
    where {fund} and all_districts = $all_districts and all_sources = $all_sources group by year)
select c.as_of, c.year,
    coalesce(h.hubs_city, 0) as hubs_city, coalesce(h.hubs_district, 0) as hubs_district,
    coalesce(h.hubs_street, 0) as hubs_street, coalesce(h.hubs_total, 0) as hubs_total,
    coalesce(k.active_orgs, 0)::BIGINT as active_orgs, coalesce(k.linked_orgs, 0)::BIGINT as linked_orgs,
    k.linked_orgs / nullif(k.active_orgs, 0) as coverage_rate,
    coalesce(k.mass_org_linked_orgs, 0)::BIGINT as mass_org_linked_orgs,
    k.mass_org_linked_orgs / nullif(k.active_orgs, 0) as mass_org_share,
    coalesce(p.projects_started, 0) as projects_started,
    coalesce(p.contract_amount_yuan, 0)::DOUBLE as contract_amount_yuan,
    coalesce(f.funding_amount_yuan, 0)::DOUBLE as funding_amount_yuan
from marts.calendar c left join cube k on k.as_of = c.as_of left join hubs h on h.as_of = c.as_of
left join proj p on p.year = c.year left join fund f on f.year = c.year
order by c.as_of
"""


def headline_series(f: Filters) -> pl.DataFrame:
    """One row per year-end: the headline figures of the selection (all but the year filter)."""
    return door.run(
        HEADLINE,
        {
            "sel": f.hub_mask(),
            "mass": f.mass_mask(),
            "all_districts": not door.narrowed(f),
            "all_sources": not f.sources,
        },
        cube=f.where_sql({"region": "district_code", "org_type": "org_type"}, prefix="c"),
        hubs=f.where_sql(
            {"region": "district_code", "level": "level", "hub_type": "hub_type"}, prefix="h"
        ),
        proj=f.where_sql({"region": "area_code", "org_type": "provider_org_type"}, prefix="p"),
        fund=f.where_sql(
            {"region": "district_code", "source": "source", "org_type": "org_type"}, prefix="f"
        ),
    )
