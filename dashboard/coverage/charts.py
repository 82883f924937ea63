"""The Coverage page's charts (pure: frames in, figures out): regions ranked as bars and as a map,
linked organizations by hub type and by level, each mass organization's reach in its own field."""

from __future__ import annotations

import math

import plotly.graph_objects as go
import polars as pl
from plotly.colors import sample_colorscale

from dashboard.core import charts, labels
from dashboard.core.numbers import fmt_int, fmt_rate, paren
from dashboard.core.words import Lang, label, t


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
    fig.update_xaxes(
        range=[0, 150], tickvals=[0, 25, 50, 75, 100], ticktext=["0%", "25%", "50%", "75%", "100%"]
    )
    fig.update_layout(bargap=0.3)
    return charts.layout(fig, title, height=charts.bar_height(rows.height))


def _rings(geometry: dict) -> list[list[list[float]]]:
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    return [
        p[0][:: max(1, len(p[0]) // 300)] + [p[0][0]] for p in polygons
    ]  # outer rings, <= ~300 points


def district_map(
    df: pl.DataFrame,
    geojson: dict,
    lang: Lang,
    title: str,
    code: str = "district_code",
    name: str = "district_name",
) -> go.Figure:
    """Coverage by region drawn from an offline boundary file as filled shapes: no tiles, no network.

    Colours span the mapped regions' own range (dark red = lowest, as the bars mark it red, light blue
    = highest); small regions are named on hover. A dot in each region carries its code, so a click
    on it can drill into the region.
    """
    info = {r[code]: r for r in df.iter_rows(named=True)}
    mapped = [
        (f, info[f["properties"]["code"]])
        for f in geojson["features"]
        if f["properties"]["code"] in info
    ]
    rates = [r["coverage_rate"] for _, r in mapped if r["coverage_rate"] is not None] or [0.0]
    low, high = min(rates), max(max(rates), min(rates) + 0.001)
    total = sum(f["properties"]["area"] for f, _ in mapped) or 1.0
    fig = go.Figure()
    captions: list[tuple[float, float, str]] = []
    inks: list[str] = []  # white names on the darkest fills
    dots: list[tuple[float, float, str, str]] = []  # every region's centre, code and hover text
    for feature, row in mapped:
        rate = row["coverage_rate"]
        colour = (
            "#e5e8eb"
            if rate is None
            else sample_colorscale(charts.SEQUENTIAL, [(rate - low) / (high - low)])[0]
        )
        text = f"{charts.safe(row[name])} {fmt_rate(rate)}"
        dots.append((*feature["properties"]["centre"], row[code], text))
        for ring in _rings(feature["geometry"]):
            fig.add_trace(
                go.Scatter(
                    x=[pt[0] for pt in ring],
                    y=[pt[1] for pt in ring],
                    fill="toself",
                    fillcolor=colour,
                    mode="lines",
                    line={"color": "white", "width": 1},
                    hoveron="fills",
                    hoverinfo="text",
                    text=text,
                )
            )
        if feature["properties"]["area"] / total >= 0.02:
            captions.append((*feature["properties"]["centre"], text.replace(" ", "<br>")))
            dark = rate is not None and (rate - low) / (high - low) < 0.3
            inks.append("white" if dark else "#1d1d1d")
    fig.add_trace(
        go.Scatter(
            x=[x for x, _, _ in captions],
            y=[y for _, y, _ in captions],
            text=[t_ for _, _, t_ in captions],
            mode="text",
            textposition="top center",  # above the region's dot
            textfont={"size": 11, "color": inks},
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[x for x, _, _, _ in dots],
            y=[y for _, y, _, _ in dots],
            customdata=[c for _, _, c, _ in dots],
            hovertext=[h for _, _, _, h in dots],
            hoverinfo="text",
            mode="markers",
            marker={
                "size": 8,
                "color": "rgba(29,29,29,0.4)",
                "line": {"width": 1, "color": "white"},
            },
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[None, None],
            y=[None, None],
            mode="markers",
            hoverinfo="skip",
            marker={
                "colorscale": charts.SEQUENTIAL,
                "cmin": low * 100,
                "cmax": high * 100,
                "cauto": False,
                "color": [low * 100, high * 100],
                "showscale": True,
                "colorbar": {
                    "title": {"text": t("fig.coverage_rate", lang)},
                    "ticksuffix": "%",
                    "len": 0.6,
                },
            },
        )
    )
    lat = sum(y for _, y, _ in captions) / len(captions) if captions else 35.0
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1 / math.cos(math.radians(lat)))
    return charts.layout(fig, title, height=520)


def hub_type_bars(df: pl.DataFrame, lang: Lang, title: str) -> go.Figure:
    """Linked organizations by hub type: mass organizations red, others grey."""
    rows = df.with_columns(labels.vocab("hub_type", "hub_type", lang).alias("label"))
    text = [
        f"{fmt_int(n)}{paren(fmt_rate(s), lang)}"
        for n, s in zip(rows["linked_orgs"], rows["share_of_active"], strict=True)
    ]
    colours = [charts.RED if m else charts.GREY for m in rows["is_mass_org"].to_list()]
    return charts.hbars(rows, "label", "linked_orgs", title, text=text, colours=colours)


def level_bars(df: pl.DataFrame, lang: Lang, title: str, *, with_hubs: bool = True) -> go.Figure:
    """Linked organizations by hub level, with the number of hubs in each label (if it means something)."""
    rows = df.with_columns(labels.vocab("level", "hub_level", lang).alias("label"))
    unit = "个枢纽" if lang == "zh" else "hubs"
    text = [
        f"{fmt_int(n)}{paren(f'{fmt_int(h)} {unit}', lang)}" if with_hubs else fmt_int(n)
        for n, h in zip(rows["linked_orgs"], rows["hubs"], strict=True)
    ]
    return charts.hbars(rows, "label", "linked_orgs", title, text=text)


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
