"""Pure computations on the Overview's query results: the headline change against a baseline, hub
types' share of the increase."""

from __future__ import annotations

import polars as pl

from dashboard.core.filters import Filters
from dashboard.core.headline import HEADLINE

FLOWS = frozenset(
    {"funding_amount_yuan", "projects_started", "contract_amount_yuan"}
)  # year totals
_LEVEL_OF = {"hubs_city": "city", "hubs_district": "district", "hubs_street": "street"}


def headline_figures(f: Filters) -> list[tuple[str, str, str]]:
    """The headline figures that concern the selection (hub counts only for the selected levels)."""
    return [
        h for h in HEADLINE if h[1] not in _LEVEL_OF or not f.levels or _LEVEL_OF[h[1]] in f.levels
    ]


def year_row(series: pl.DataFrame, year: int) -> dict[str, object]:
    """The headline row of one year (all figures empty when the year is missing)."""
    rows = series.filter(pl.col("year") == year)
    return rows.row(0, named=True) if rows.height else dict.fromkeys(series.columns)


def multiple(base: float | None, current: float | None) -> float | None:
    """current / base; empty when the base is zero or missing."""
    return None if base in (None, 0) or current is None else current / base


def change_table(series: pl.DataFrame, f: Filters) -> pl.DataFrame:
    """One row per headline figure: baseline value, current value, multiple (counts and money), increase."""
    base, now = year_row(series, f.base_year), year_row(series, f.year)
    rows = []
    for key, column, kind in headline_figures(f):
        b, c = base[column], now[column]
        rows.append(
            {
                "figure": key,
                "kind": kind,
                "base": b,
                "current": c,
                "multiple": None if kind == "rate" else multiple(b, c),
                "increase": None if b is None or c is None else c - b,
            }
        )
    schema = {
        "figure": pl.String,
        "kind": pl.String,
        "base": pl.Float64,
        "current": pl.Float64,
        "multiple": pl.Float64,
        "increase": pl.Float64,
    }
    return pl.DataFrame(rows, schema=schema)


def type_increase(by_type: pl.DataFrame, f: Filters, total_increase: float | None) -> pl.DataFrame:
    """Per hub type: linked organizations at the baseline and now, the increase and its share of the total."""
    wide = by_type.select("as_of", "hub_type", "type_index", "is_mass_org", "linked_orgs").pivot(
        on="as_of", index=["hub_type", "type_index", "is_mass_org"], values="linked_orgs"
    )
    base_col, now_col = str(f.base_as_of), str(f.as_of)
    for col in (base_col, now_col):  # a year without any hub type's row
        if col not in wide.columns:
            wide = wide.with_columns(pl.lit(None, dtype=pl.Int64).alias(col))
    share = (
        pl.col("increase") / total_increase if total_increase else pl.lit(None, dtype=pl.Float64)
    )
    return (
        wide.with_columns(pl.col(base_col).alias("base"), pl.col(now_col).alias("current"))
        .select("hub_type", "type_index", "is_mass_org", "base", "current")
        .with_columns((pl.col("current") - pl.col("base")).alias("increase"))
        .with_columns(share.alias("share_of_increase"))
        .sort("type_index")
    )
