"""The Organizations page's chart (pure): an organization's links to hubs over time."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import polars as pl

from dashboard.core import charts
from dashboard.core.numbers import paren
from dashboard.core.words import Lang, label


def link_timeline(df: pl.DataFrame, lang: Lang, title: str, today: date) -> go.Figure:
    """An organization's links to hubs as bars from linked_on to ended_on (or today)."""
    fig = go.Figure()
    for row in df.iter_rows(named=True):
        end = row["ended_on"] or today
        name = charts.safe(
            f"{row['hub_name']}{paren(label('relation', row['relation'], lang), lang)}"
        )
        fig.add_trace(
            go.Scatter(
                x=[row["linked_on"], end],
                y=[name, name],
                mode="lines+markers",
                line={
                    "width": 12,
                    "color": charts.BLUE if row["ended_on"] is None else charts.GREY,
                },
                hovertemplate=f"{name}: {row['linked_on']} – {row['ended_on'] or '…'}<extra></extra>",
            )
        )
    fig.update_yaxes(autorange="reversed", type="category")
    return charts.layout(fig, title, height=max(200, 80 + 40 * df.height))
