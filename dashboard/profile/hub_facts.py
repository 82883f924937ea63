"""The hub figures the written summary says (the seeds' hub sentences): recognized hubs by level and each
mass organization's reach in its own field, on the year-end, for the regions (every hub type and level:
the sentence speaks of all hubs whatever the sidebar's hub filters)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import polars as pl

from dashboard.core.filters import Filters
from dashboard.coverage.queries import field_reach
from dashboard.hubs.queries import hub_counts


@dataclass(frozen=True)
class Hubs:
    """counts: hubs_city, hubs_district, hubs_street, hubs_total, has_hub_data (hubs.queries.hub_counts);
    reach: one row per hub type with a field on the year-end (coverage.queries.field_reach)."""

    counts: Mapping[str, object]
    reach: pl.DataFrame


def load(f: Filters) -> Hubs:
    """The hub facts of a selection's year-end and regions (within the viewer's scope)."""
    plain = replace(f, levels=(), hub_types=(), org_types=(), sources=())
    reach = field_reach(plain).filter(pl.col("year") == f.year)
    return Hubs(hub_counts(plain), reach)
