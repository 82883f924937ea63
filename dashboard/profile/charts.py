"""The profile page's charts: which columns of its tables, which colours and which drill keys the
pure builders of charts.py get (pure: tables in, figures out)."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.core import charts
from dashboard.core.words import Lang, label, t
from dashboard.profile import picks
from dashboard.profile.tables import ORG_TYPES

TYPE_COLOURS = dict(zip(ORG_TYPES, (charts.BLUE, "#e0a030", "#3c9a5f"), strict=True))
LEVEL_PARTS = (("city", "col.city_level", charts.BLUE), ("district", "col.district_level", "#7fb0dc"),
               ("level_unknown", "col.level_unknown", charts.GREY))  # fmt: skip
_LEVEL_CODE = {"city": "city", "district": "district", "level_unknown": "none"}


def type_level_rows(table: pl.DataFrame) -> pl.DataFrame:
    """The rows the type-by-level chart draws (the types, not their total)."""
    return table.filter(pl.col("org_type") != "all")


def type_level(
    table: pl.DataFrame, missing: tuple[str, ...], lang: Lang
) -> tuple[go.Figure, pl.DataFrame]:
    """Organizations by type, stacked by registration level (one bar per type when the level was
    not delivered); the rows it draws."""
    rows = type_level_rows(table)
    title = t("profile.type_level_chart", lang)
    if "registration_level" in missing:
        parts = [("active_orgs", t("fig.active_orgs", lang), charts.BLUE)]
        keys = [[picks.key(org_type=c) for c in rows["org_type"]]]
        return charts.stacked_bars(rows, parts, title, keys), rows
    used = [p for p in LEVEL_PARTS if p[0] != "level_unknown" or (rows["level_unknown"].sum() or 0)]
    parts = [(column, t(key, lang), colour) for column, key, colour in used]
    keys = [[picks.key(org_type=c, registration_level=_LEVEL_CODE[col]) for c in rows["org_type"]]
            for col, _, _ in used]  # fmt: skip
    return charts.stacked_bars(rows, parts, title, keys), rows


def ratings_rows(table: pl.DataFrame) -> pl.DataFrame:
    """The rows the ratings chart draws (each rating and not rated, not 4A or above together)."""
    return table.filter(pl.col("rating") != "4A_plus")


def ratings(table: pl.DataFrame, lang: Lang) -> tuple[go.Figure, pl.DataFrame]:
    """Organizations per rating and not rated (4A and 5A in blue); the rows it draws."""
    rows = ratings_rows(table)
    colours = [charts.BLUE if r in ("4A", "5A") else charts.GREY for r in rows["rating"]]
    keys = [picks.key(rating=r) for r in rows["rating"]]
    title = t("profile.ratings_chart", lang)
    return charts.count_bars(rows, "orgs", title, colours, keys, lang), rows


def party_union(table: pl.DataFrame, missing: tuple[str, ...], lang: Lang) -> go.Figure:
    """Party-organization and union coverage among all, linked and not linked organizations."""
    linked = {"all": {}, "linked": {"is_linked": "true"}, "not_linked": {"is_linked": "false"}}
    series, keys = [], []
    for column, flag, key, colour in (("party_share", "has_party_org", "col.party_share", charts.RED),
                                      ("union_share", "has_union", "col.union_share", charts.BLUE)):  # fmt: skip
        if flag not in missing:
            series.append((column, t(key, lang), colour))
            keys.append([picks.key(**{flag: "true"}, **linked[g]) for g in table["group"]])
    return charts.share_bars(table, series, t("profile.party_union_chart", lang), keys)


def domains(table: pl.DataFrame, lang: Lang) -> go.Figure:
    """Organizations per service domain stacked by type."""
    parts = [(c, label("org_type", c, lang), TYPE_COLOURS[c]) for c in ORG_TYPES]
    keys = [[picks.key(service_domain=d, org_type=c) for d in table["service_domain"]]
            for c in ORG_TYPES]  # fmt: skip
    return charts.stacked_bars(table, parts, t("profile.domains_chart", lang), keys)


TRENDS = ("trend_counts", "trend_rates")  # the trend charts' keys


def trend(series: pl.DataFrame, name: str, lang: Lang) -> go.Figure:
    """One trend chart over the year-ends: counts (trend_counts) or shares (trend_rates)."""
    if name == "trend_counts":
        counts = [("active_orgs", t("fig.active_orgs", lang), charts.GREY),
                  ("linked_orgs", t("fig.linked_orgs", lang), charts.BLUE),
                  ("with_party_org", t("col.with_party_org", lang), charts.RED),
                  ("with_union", t("col.with_union", lang), "#e0a030")]  # fmt: skip
        return charts.trend_lines(series, counts, t("profile.trend_counts", lang), percent=False)
    rates = [("coverage_rate", t("fig.coverage_rate", lang), charts.BLUE),
             ("party_share", t("col.party_share", lang), charts.RED),
             ("union_share", t("col.union_share", lang), "#e0a030")]  # fmt: skip
    return charts.trend_lines(series, rates, t("profile.trend_rates", lang), percent=True)


def trends(series: pl.DataFrame, lang: Lang) -> list[tuple[go.Figure, str]]:
    """Counts and shares over the year-ends: (figure, chart key) each."""
    return [(trend(series, name, lang), name) for name in TRENDS]
