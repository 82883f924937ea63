"""The Funding page's charts (pure): amounts as bars, projects by one column, funding per year by source."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.core import charts
from dashboard.core.numbers import fmt_int, fmt_money, paren
from dashboard.core.words import Lang, label


def money_bars(df: pl.DataFrame, label_col: str, title: str, lang: Lang) -> go.Figure:
    """Amounts in 万元 (yuan in the frame), largest first, each labelled."""
    rows = df.with_columns((pl.col("amount_yuan") / 1e4).alias("wan"))
    text = [fmt_money(v, lang) for v in rows["amount_yuan"].to_list()]
    fig = charts.hbars(rows, label_col, "wan", title, text=text)
    fig.update_xaxes(showticklabels=False)  # every bar carries its amount in the reader's unit
    return fig


PROJECT_VOCABULARY = {"category": "project_category", "status": "project_status",
                      "evaluation_grade": "evaluation_grade", "purchaser_name": None}  # fmt: skip


def project_bars(rows: pl.DataFrame, dim: str, lang: Lang, title: str) -> go.Figure:
    """Projects counted by one column (labels for codes), each bar labelled count (contract value)."""
    vocabulary = PROJECT_VOCABULARY[dim]
    names = [
        label(vocabulary, c, lang) if vocabulary else (c or "—") for c in rows["key"].to_list()
    ]
    shown = rows.with_columns(pl.Series("key_label", names, dtype=pl.String))
    text = [f"{fmt_int(n)}{paren(fmt_money(a, lang), lang)}"
            for n, a in zip(shown["projects"], shown["contract_amount_yuan"], strict=True)]  # fmt: skip
    return charts.hbars(shown, "key_label", "projects", title, text=text)


def stacked_years(df: pl.DataFrame, lang: Lang, title: str) -> go.Figure:
    """Funding per year stacked by source (万元), the legend beside the bars in stacking order."""
    fig = go.Figure()
    sources = df["source"].unique(maintain_order=True).to_list()
    for i, source in enumerate(sources):
        part = df.filter(pl.col("source") == source)
        name = label("funding_source", source, lang)
        fig.add_trace(
            go.Bar(
                x=part["year"].to_list(),
                y=(part["amount_yuan"] / 1e4).to_list(),
                name=name,
                marker_color=charts.SOURCE_COLOURS[i % len(charts.SOURCE_COLOURS)],
                hovertemplate="%{x} " + name + ": %{y:,.1f}<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(tickformat="d", dtick=1)
    fig.update_yaxes(title={"text": "万元" if lang == "zh" else "10k yuan"}, tickformat=",")
    charts.layout(fig, title, height=380)
    fig.update_layout(
        showlegend=True, legend={"orientation": "v", "x": 1.01, "y": 1, "traceorder": "reversed"}
    )
    return fig
