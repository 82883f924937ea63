"""The Hubs page's charts (pure): the hubs linking most, one hub's links over the years."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.core import charts
from dashboard.core.numbers import fmt_int
from dashboard.core.words import Lang, t


def top_hubs(df: pl.DataFrame, title: str, lang: Lang) -> go.Figure:
    """Horizontal bars: each hub's organizations at the year-end, the baseline's as a lighter bar."""
    names = [charts.safe(n) for n in df["name"].to_list()]
    fig = go.Figure()
    for column, key, colour in (
        ("base_linked_orgs", "col.linked_base", charts.GREY),
        ("linked_orgs", "col.linked_now", charts.BLUE),
    ):
        values = df[column].to_list()
        fig.add_trace(
            go.Bar(
                x=values,
                y=names,
                orientation="h",
                name=t(key, lang),
                marker_color=colour,
                text=[fmt_int(v) for v in values],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: %{text}<extra>" + t(key, lang) + "</extra>",
            )
        )
    fig.update_yaxes(autorange="reversed", type="category")
    top = max([v for v in df["linked_orgs"].to_list() + df["base_linked_orgs"].to_list()] or [1])
    fig.update_xaxes(range=[0, max(top, 1) * 1.25], tickformat=",")
    fig.update_layout(barmode="group", bargap=0.25)
    charts.layout(fig, title, height=charts.bar_height(2 * df.height))
    return charts.legend_on_top(fig, [t("col.linked_base", lang), t("col.linked_now", lang)])


def years(df: pl.DataFrame, lang: Lang, title: str) -> go.Figure:
    """One hub's linked, managed and liaison organizations at each year-end."""
    lines = [
        ("linked_orgs", t("fig.linked_orgs", lang), charts.BLUE),
        ("managed_orgs", t("col.managed_orgs", lang), charts.RED),
        ("liaison_orgs", t("col.liaison_orgs", lang), charts.GREY),
    ]
    return charts.trend_lines(df, lines, title, percent=False)
