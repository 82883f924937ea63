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
    where {fund} and all_districts = $all_districts and all_sources = $all_sources group by year),
filed as (
    select as_of, count(*) as filed_orgs, count(*) filter (where is_linked) as filed_linked_orgs
    from marts.filed_org_year where {filed} group by as_of),
figures as (
    select c.as_of, c.year, x.ok,
        if(x.ok, coalesce(h.hubs_city, 0), null) as hubs_city,
        if(x.ok, coalesce(h.hubs_district, 0), null) as hubs_district,
        if(x.ok, coalesce(h.hubs_street, 0), null) as hubs_street,
        if(x.ok, coalesce(h.hubs_total, 0), null) as hubs_total,
        coalesce(k.active_orgs, 0)::BIGINT as active_orgs,
        if(x.ok, coalesce(k.linked_orgs, 0), null)::BIGINT as linked_orgs,
        if(x.ok, coalesce(k.mass_org_linked_orgs, 0), null)::BIGINT as mass_org_linked_orgs,
        coalesce(p.projects_started, 0) as projects_started,
        coalesce(p.contract_amount_yuan, 0)::DOUBLE as contract_amount_yuan,
        coalesce(f.funding_amount_yuan, 0)::DOUBLE as funding_amount_yuan,
        if($typed, null, coalesce(d.filed_orgs, 0))::BIGINT as filed_orgs,
        if($typed or $masked or not x.ok, null, coalesce(d.filed_linked_orgs, 0))::BIGINT
            as filed_linked_orgs
    from marts.calendar c cross join (select has_hub_data as ok from marts.delivery) x
    left join cube k on k.as_of = c.as_of left join hubs h on h.as_of = c.as_of
    left join proj p on p.year = c.year left join fund f on f.year = c.year
    left join filed d on d.as_of = c.as_of)
select as_of, year, hubs_city, hubs_district, hubs_street, hubs_total, active_orgs, linked_orgs,
    linked_orgs / nullif(active_orgs, 0) as coverage_rate, mass_org_linked_orgs,
    mass_org_linked_orgs / nullif(active_orgs, 0) as mass_org_share, projects_started,
    contract_amount_yuan, funding_amount_yuan, filed_orgs, filed_linked_orgs,
    active_orgs + filed_orgs as total_orgs, linked_orgs + filed_linked_orgs as total_linked_orgs,
    total_linked_orgs / nullif(total_orgs, 0) as total_coverage_rate
from figures
order by as_of
"""


def headline_series(f: Filters) -> pl.DataFrame:
    """One row per year-end: the headline figures of the selection (all but the year filter); the
    hub figures NULL ("not provided") when the delivery had no hub data. Filed community
    organizations (备案) apart and together with the registered ones (total_*); a filed organization
    has no type (NULL with an organization type chosen) and counts as linked by any hub (its links
    NULL with a hub type or level chosen)."""
    return door.run(
        HEADLINE,
        {
            "sel": f.hub_mask(),
            "mass": f.mass_mask(),
            "all_districts": not door.narrowed(f),
            "all_sources": not f.sources,
            "typed": bool(f.org_types),
            "masked": bool(f.levels or f.hub_types),
        },
        filed=f.where_sql({"region": "district_code"}, prefix="d"),
        cube=f.where_sql({"region": "district_code", "org_type": "org_type"}, prefix="c"),
        hubs=f.where_sql(
            {"region": "district_code", "level": "level", "hub_type": "hub_type"}, prefix="h"
        ),
        proj=f.where_sql({"region": "area_code", "org_type": "provider_org_type"}, prefix="p"),
        fund=f.where_sql(
            {"region": "district_code", "source": "source", "org_type": "org_type"}, prefix="f"
        ),
    )
