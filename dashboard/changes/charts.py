"""The 变化 page's chart (pure): each district's change in coverage between two releases."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.core import charts
from dashboard.core.numbers import fmt_delta, fmt_rate, paren
from dashboard.core.words import Lang, t


def delta_bars(df: pl.DataFrame, lang: Lang, title: str) -> go.Figure:
    """Each district's change in coverage between two releases, in points: falls red, rises blue,
    labelled with the change and the old and new rate; districts in one release only are left out."""
    rows = df.filter(pl.col("rate_delta").is_not_null()).sort(["rate_delta", "district_code"])
    points = [d * 100 for d in rows["rate_delta"].to_list()]
    text = [
        f"{fmt_delta('rate', d, lang)}{paren(f'{fmt_rate(o)} → {fmt_rate(n)}', lang)}"
        for d, o, n in zip(rows["rate_delta"], rows["rate_old"], rows["rate_new"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=points,
            y=[charts.safe(n) for n in rows["district_name"].to_list()],
            orientation="h",
            marker_color=[charts.RED if p < 0 else charts.BLUE for p in points],
            text=text,
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    reach = max([abs(p) for p in points] or [1]) * 1.9
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(range=[-reach, reach], ticksuffix=t("unit.pp_short", lang), zeroline=True)
    fig.update_layout(bargap=0.3)
    return charts.layout(fig, title, height=charts.bar_height(rows.height))
