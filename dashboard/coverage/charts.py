"""The Coverage page's charts (pure: frames in, figures out): regions ranked as bars and as a map,
linked organizations by hub type and by level, each mass organization's reach in its own field."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import polars as pl

from dashboard.core import charts, labels
from dashboard.core.numbers import fmt_int, fmt_rate, paren
from dashboard.core.words import Lang, label, t
from dashboard.coverage import maps


def district_bars(
    df: pl.DataFrame,
    lang: Lang,
    title: str,
    code: str = "district_code",
    name: str = "district_name",
) -> go.Figure:
    """Coverage by region (any level), lowest first and in red, each bar labelled rate
    (linked/active); a bar carries its code, so a click can drill into it."""
    rows = df.sort(["coverage_rate", code], nulls_last=False)
    rates = [None if r is None else r * 100 for r in rows["coverage_rate"].to_list()]
    colours = [charts.RED if i == 0 else charts.BLUE for i in range(rows.height)]
    text = [
        f"{fmt_rate(r)}{paren(f'{fmt_int(n)}/{fmt_int(d)}', lang)}"
        for r, n, d in zip(
            rows["coverage_rate"], rows["linked_orgs"], rows["active_orgs"], strict=True
        )
    ]
    fig = go.Figure(
        go.Bar(
            x=rates,
            y=[charts.safe(n) for n in rows[name].to_list()],
            orientation="h",
            marker_color=colours,
            text=text,
            textposition="outside",
            cliponaxis=False,
            customdata=rows[code].to_list(),
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", type="category")
    room = charts.label_room(text, [str(n) for n in rows[name].to_list()], charts.PAGE_PX)
    fig.update_xaxes(
        range=[0, 100 * room],
        tickvals=[0, 25, 50, 75, 100],
        ticktext=["0%", "25%", "50%", "75%", "100%"],
    )
    fig.update_layout(bargap=0.3)
    return charts.layout(fig, title, height=charts.bar_height(rows.height))


def district_map(
    df: pl.DataFrame,
    geojson: dict,
    lang: Lang,
    title: str,
    code: str = "district_code",
    name: str = "district_name",
    **options: Any,
) -> go.Figure:
    """Coverage by region as a map (dashboard/coverage/maps.py: no-data regions grey, the maritime
    line on a map of the country, the lowest and highest named)."""
    return maps.region_map(df, geojson, lang, title, code, name, **options)


def hub_type_bars(df: pl.DataFrame, lang: Lang, title: str) -> go.Figure:
    """Linked organizations by hub type: mass organizations red, others grey."""
    rows = df.with_columns(labels.vocab("hub_type", "hub_type", lang).alias("label"))
    text = [
        f"{fmt_int(n)}{paren(fmt_rate(s), lang)}"
        for n, s in zip(rows["linked_orgs"], rows["share_of_active"], strict=True)
    ]
    colours = [charts.RED if m else charts.GREY for m in rows["is_mass_org"].to_list()]
    return charts.hbars(
        rows, "label", "linked_orgs", title, text=text, colours=colours, width=charts.PAGE_PX
    )


def level_bars(df: pl.DataFrame, lang: Lang, title: str, *, with_hubs: bool = True) -> go.Figure:
    """Linked organizations by hub level, with the number of hubs in each label (if it means something)."""
    rows = df.with_columns(labels.vocab("level", "hub_level", lang).alias("label"))
    unit = "个枢纽" if lang == "zh" else "hubs"
    text = [
        f"{fmt_int(n)}{paren(f'{fmt_int(h)} {unit}', lang)}" if with_hubs else fmt_int(n)
        for n, h in zip(rows["linked_orgs"], rows["hubs"], strict=True)
    ]
    return charts.hbars(rows, "label", "linked_orgs", title, text=text, width=charts.PAGE_PX)


def reach_bars(df: pl.DataFrame, lang: Lang, title: str) -> go.Figure:
    """Each field's organizations, stacked: linked by its own hubs, by other hubs only, by none."""
    names = [charts.safe(n) for n in _labels(df, lang)]
    parts = (
        ("coverage.reach_own", df["reached_by_own"], charts.RED),
        ("coverage.reach_other", df["reached_by_any"] - df["reached_by_own"], charts.BLUE),
        ("coverage.reach_nobody", df["reached_by_none"], charts.GREY),
    )
    fig = go.Figure()
    for key, values, colour in parts:
        shown = [fmt_int(v) for v in values.to_list()]
        fig.add_trace(go.Bar(x=values.to_list(), y=names, orientation="h", name=t(key, lang),
                             marker_color=colour, text=shown, textposition="inside",
                             hovertemplate="%{y}: %{text}<extra>" + t(key, lang) + "</extra>"))  # fmt: skip
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(tickformat=",")
    fig.update_layout(barmode="stack", bargap=0.3)
    charts.layout(fig, title, height=charts.bar_height(df.height) + 40)
    return charts.legend_on_top(fig, [t(key, lang) for key, _, _ in parts], width=900)


def _labels(df: pl.DataFrame, lang: Lang) -> list[str]:
    """A field's row label: 工会（职工）."""
    types = df.select(labels.vocab("hub_type", "hub_type", lang))["hub_type"].to_list()
    fields = df.select(labels.vocab("service_domain", "service_domain", lang))["service_domain"]
    return [f"{h}{paren(str(d), lang)}" for h, d in zip(types, fields.to_list(), strict=True)]


def reach_trend(series: pl.DataFrame, lang: Lang, title: str) -> go.Figure:
    """The share of each field linked by its own hubs, one line per hub type."""
    wide = series.pivot(on="hub_type", index="year", values="own_share", sort_columns=False)
    present = [h for h in series["hub_type"].unique(maintain_order=True).to_list()]
    lines = [
        (h, label("hub_type", h, lang), charts.SOURCE_COLOURS[i % len(charts.SOURCE_COLOURS)])
        for i, h in enumerate(present)
    ]
    fig = charts.trend_lines(wide.sort("year"), lines, title, percent=True)
    fig.layout.annotations = ()  # close shares' end labels would overlap: a legend names the lines
    fig.update_layout(margin={"r": 20})
    return charts.legend_on_top(fig, [name for _, name, _ in lines], width=900)
