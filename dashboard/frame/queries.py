"""The frame's queries: the regions and years a viewer may choose, and the provenance line (through
core/door.py)."""

from __future__ import annotations

import polars as pl

from dashboard.core import db, door
from dashboard.core.filters import Allowed, Filters
from dashboard.core.regions import RegionTree

# The latest record date: of the whole register (global data: for a viewer without a scope), or of
# the viewer's regions (a payment counts where its record, else its recipient, lies: as in
# marts.funding_facts). Read from marts, not the staging views, which resolve every row's district
# before a scope can narrow them (1-2 s at 1M organizations).
PROVENANCE_ALL = """
select greatest((select max(registered_on) from clean.organizations),
    (select max(recognized_on) from clean.hubs), (select max(linked_on) from clean.hub_links),
    (select max(start_on) from clean.projects), (select max(paid_on) from clean.funding)) as latest
where {g}
"""

PROVENANCE = """
select greatest(
    (select max(registered_on) from marts.org_search where {o}),
    (select max(recognized_on) from staging.hubs where {h}),
    (select max(linked_on) from marts.links where {k}),
    (select max(start_on) from marts.projects where {p}),
    (select max(latest_paid_on) from marts.funding_facts where {f})) as latest
"""

YEARS = "select year from marts.calendar order by year"

# What the delivery held (metadata of the refresh, the same for every viewer): hub data (hubs and
# hub_links) and filed community organizations (filed_orgs).
DELIVERY = "select has_hub_data, has_filed_orgs from marts.delivery"
LAST_RUN = "select run_id, finished_at, status from quality.runs order by started_at desc limit 1"


def regions(f: Filters) -> pl.DataFrame:
    """Every region (and level) with organizations or funding in the viewer's scope: region_level,
    region_code, parent_code, region_name, region_label (the name, with its parent's when another
    region has the same name), is_unassigned (a row of organizations known at no region below,
    named as in the mart: 莆田市本级（未落区县）)."""
    return door.run(door.REGIONS, {}, w=f.where_sql({"scope": "p.region_code"}))


def tree(f: Filters) -> RegionTree:
    """The region tree of the viewer's scope (`f`: Filters.for_scope), built once per warehouse
    version and scope for every session: a render built it from some 3,000 rows each time at
    national scale (docs/scale.md). Read-only, as every page uses it."""
    return db.shared(("region_tree", f), lambda: RegionTree.from_frame(regions(f)))


def allowed(f: Filters) -> Allowed:
    """The years and region codes a selection may take (within the scope); once per warehouse
    version and scope, as the tree."""
    return db.shared(("allowed", f), lambda: _allowed(f))


def _allowed(f: Filters) -> Allowed:
    years = door.run(YEARS, {})["year"].to_list()
    places = regions(f).filter(~pl.col("is_unassigned"))  # a row of its own is no region to choose
    codes = places["region_code"].unique(maintain_order=True).to_list()
    return Allowed(years=tuple(years), regions=tuple(codes))


def provenance(f: Filters) -> dict[str, object]:
    """The latest refresh run and the latest record date of the warehouse (within the scope), and
    what the delivery held: has_hub_data, has_filed_orgs (marts.delivery)."""
    if f.scope:
        latest = door.run(
            PROVENANCE,
            {},
            o=f.where_sql({"scope": "district_code"}, prefix="o"),
            h=f.where_sql({"scope": "district_code"}, prefix="h"),
            k=f.where_sql({"scope": "district_code"}, prefix="k"),
            p=f.where_sql({"scope": "effective_district_code"}, prefix="p"),
            f=f.where_sql({"scope": "district_code"}, prefix="f"),
        )
    else:  # the whole register's, read fast from the clean tables
        latest = door.run(PROVENANCE_ALL, {}, g=f.where_sql({"global": ""}, prefix="g"))
    runs = door.run(LAST_RUN, {})
    run = (
        runs.row(0, named=True)
        if runs.height
        else {"run_id": None, "finished_at": None, "status": None}
    )
    held = door.run(DELIVERY, {})
    delivery = (
        held.row(0, named=True) if held.height else {"has_hub_data": True, "has_filed_orgs": False}
    )
    return {"latest": latest["latest"][0] if latest.height else None, **run, **delivery}
