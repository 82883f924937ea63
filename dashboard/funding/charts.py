"""The Funding page's charts (pure): amounts as bars, projects by one column, funding per year by source."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.core import charts
from dashboard.core.numbers import (
    MoneyUnit,
    fmt_int,
    fmt_money,
    fmt_rate,
    money_axis,
    money_unit,
    paren,
)
from dashboard.core.words import Lang, label


def money_bars(
    df: pl.DataFrame, label_col: str, title: str, lang: Lang, unit: MoneyUnit | None = None
) -> go.Figure:
    """Amounts (yuan in the frame), largest first, each labelled in the page's unit (亿元 or 万元:
    never two units side by side)."""
    unit = unit or money_unit(df["amount_yuan"].to_list(), lang)
    rows = df.with_columns((pl.col("amount_yuan") / unit.yuan).alias("in_unit"))
    text = [fmt_money(v, lang, unit) for v in rows["amount_yuan"].to_list()]
    fig = charts.hbars(rows, label_col, "in_unit", title, text=text)
    fig.update_xaxes(showticklabels=False)  # every bar carries its amount in the reader's unit
    return fig


def ends(df: pl.DataFrame, lang: Lang, unit: MoneyUnit) -> dict[str, str] | None:
    """The regions that received the least and the most (ties by code) and how many received any,
    for a sentence; None for fewer than two."""
    rows = df.filter(pl.col("amount_yuan").is_not_null())
    if "is_unassigned" in rows.columns:  # 莆田市本级（未落区县） is no region to name
        rows = rows.filter(~pl.col("is_unassigned").fill_null(False))
    if rows.height < 2:
        return None
    ordered = rows.sort(["amount_yuan", "region_code"])
    low, high = ordered.row(0, named=True), ordered.row(-1, named=True)
    return {"n": fmt_int(rows.height), "low": low["region_name"], "high": high["region_name"],
            "low_amount": fmt_money(low["amount_yuan"], lang, unit),
            "high_amount": fmt_money(high["amount_yuan"], lang, unit)}  # fmt: skip


PROJECT_VOCABULARY = {"category": "project_category", "status": "project_status",
                      "evaluation_grade": "evaluation_grade", "purchaser_name": None}  # fmt: skip


def project_bars(
    rows: pl.DataFrame, dim: str, lang: Lang, title: str, unit: MoneyUnit | None = None
) -> go.Figure:
    """Projects counted by one column (labels for codes), each bar labelled count (contract value,
    in the page's unit)."""
    vocabulary = PROJECT_VOCABULARY[dim]
    names = [
        label(vocabulary, c, lang) if vocabulary else (c or "—") for c in rows["key"].to_list()
    ]
    shown = rows.with_columns(pl.Series("key_label", names, dtype=pl.String))
    unit = unit or money_unit(rows["contract_amount_yuan"].to_list(), lang)
    text = [f"{fmt_int(n)}{paren(fmt_money(a, lang, unit), lang)}"
            for n, a in zip(shown["projects"], shown["contract_amount_yuan"], strict=True)]  # fmt: skip
    return charts.hbars(shown, "key_label", "projects", title, text=text, width=charts.PAGE_PX)


def stacked_years(
    df: pl.DataFrame, lang: Lang, title: str, unit: MoneyUnit | None = None
) -> go.Figure:
    """Funding per year stacked by source in the page's unit (the cards' 亿元 or 万元), the legend
    beside the bars in stacking order."""
    unit = unit or money_unit(df["amount_yuan"].to_list(), lang)
    fig = go.Figure()
    sources = df["source"].unique(maintain_order=True).to_list()
    for i, source in enumerate(sources):
        part = df.filter(pl.col("source") == source)
        name = label("funding_source", source, lang)
        fig.add_trace(
            go.Bar(
                x=part["year"].to_list(),
                y=(part["amount_yuan"] / unit.yuan).to_list(),
                name=name,
                marker_color=charts.SOURCE_COLOURS[i % len(charts.SOURCE_COLOURS)],
                hovertemplate=f"%{{x}} {name}: %{{y:,.{unit.decimals}f}}<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(tickformat="d", dtick=1)
    fig.update_yaxes(title={"text": money_axis(unit, lang)}, tickformat=",")
    charts.layout(fig, title, height=380)
    fig.update_layout(
        showlegend=True, legend={"orientation": "v", "x": 1.01, "y": 1, "traceorder": "reversed"}
    )
    return fig


def provider_counts(rows: pl.DataFrame, lang: Lang, title: str) -> go.Figure:
    """Providers per number of projects held, each bar labelled providers (their share; their contract
    value)."""
    sep = "；" if lang == "zh" else "; "
    text = [f"{fmt_int(n)}{paren(fmt_rate(s) + sep + fmt_money(a, lang), lang)}"
            for n, s, a in zip(rows["providers"], rows["provider_share"],
                               rows["contract_amount_yuan"], strict=True)]  # fmt: skip
    return charts.hbars(rows, "label", "providers", title, text=text)


def share_4a_years(rows: pl.DataFrame, title: str, name: str) -> go.Figure:
    """The share of the contract money going to providers rated 4A+, year by year."""
    return charts.trend_lines(rows, [("share_4a_plus", name, charts.BLUE)], title, percent=True)
