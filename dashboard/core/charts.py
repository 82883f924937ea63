"""Pure DataFrame -> plotly Figure builders: the one home of colours and number formats."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

import plotly.graph_objects as go
import plotly.io as pio
import polars as pl
from plotly.colors import sample_colorscale

from dashboard.core import labels
from dashboard.core.words import Lang, label, t

FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
RED = "#c23b22"  # the figure a reader should look at (lowest district, mass organizations)
BLUE = "#2f6fb0"  # the main series
GREY = "#a9b3bd"  # context (all active organizations, other types)
# map: low coverage warm and dark (alarming, like the lowest bar in red), high coverage cool and light
SEQUENTIAL = [[0.0, "#9b2415"], [0.5, "#f0c2aa"], [1.0, "#a9c8e4"]]
SOURCE_COLOURS = ["#2f6fb0", "#c23b22", "#e0a030", "#3c9a5f", "#8c5fb0", "#5fa8c8", "#a9b3bd"]


# the parts of plotly_white that cartesian bar and line charts use
_TEMPLATE_LAYOUT = ("annotationdefaults", "autotypenumbers", "coloraxis", "colorway", "font",
                    "hoverlabel", "hovermode", "paper_bgcolor", "plot_bgcolor", "shapedefaults",
                    "title", "xaxis", "yaxis")  # fmt: skip


def _lean_white() -> go.layout.Template:
    """plotly_white as these charts use it: its 2-D layout and its bar and scatter defaults. The whole
    template (polar, ternary, geo, 3-D, forty trace types) is nine tenths of a small figure's spec, and
    st.plotly_chart copies and serializes it on every render and sends it to every browser."""
    white = pio.templates["plotly_white"]
    layout = {k: v for k, v in white.layout.to_plotly_json().items() if k in _TEMPLATE_LAYOUT}
    return go.layout.Template(
        layout=layout, data={"bar": white.data.bar, "scatter": white.data.scatter}
    )


TEMPLATE = _lean_white()


def fmt_int(value: float | None) -> str:
    """11,977; an em dash for an empty value."""
    return "—" if value is None else f"{round(value):,}"


def fmt_rate(value: float | None) -> str:
    """A fraction as a percentage with one decimal: 0.427 -> 42.7%."""
    return "—" if value is None else f"{value * 100:.1f}%"


def fmt_money(yuan: float | None, lang: Lang) -> str:
    """Money as a reader expects: 8,500 元; 1,234.5 万元 from ten thousand; 2.57 亿元 from 10^8 (English: ¥)."""
    if yuan is None:
        return "—"
    if lang == "en":
        return f"¥{yuan / 1e6:,.1f}M" if abs(yuan) >= 1e6 else f"¥{yuan:,.0f}"
    if abs(yuan) >= 1e8:
        return f"{yuan / 1e8:,.2f} 亿元"
    return f"{yuan / 1e4:,.1f} 万元" if abs(yuan) >= 1e4 else f"{yuan:,.0f} 元"


def paren(text: str, lang: Lang) -> str:
    """A note in brackets after a figure: full-width in Chinese, ` (…)` in English."""
    return f"（{text}）" if lang == "zh" else f" ({text})"


def fmt_multiple(value: float | None, lang: Lang) -> str:
    """A growth multiple: 33.5 倍 / 33.5×."""
    return "—" if value is None else t("unit.times", lang, x=f"{value:,.1f}")


def fmt_delta(kind: str, delta: float | None, lang: Lang) -> str:
    """A signed change: +1,234 / +3.2 个百分点 / +12.0 万元."""
    if delta is None:
        return "—"
    sign = "+" if delta >= 0 else "-"  # ASCII: st.metric colours a leading "-" as a decrease
    if kind == "rate":
        return sign + t("unit.pp", lang, x=f"{abs(delta) * 100:.1f}")
    if kind == "money":
        return sign + fmt_money(abs(delta), lang)
    return sign + fmt_int(abs(delta))


def fmt_value(kind: str, value: float | None, lang: Lang) -> str:
    """A figure's value by its kind (count, rate or money)."""
    if kind == "rate":
        return fmt_rate(value)
    if kind == "money":
        return fmt_money(value, lang)
    return fmt_int(value)


def _safe(text: object) -> str:
    """Data text for a chart label: plotly reads a few HTML tags in text, so angle brackets are escaped."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _bar_height(bars: int) -> int:
    """Enough height for every bar label, without one lone bar filling a tall chart."""
    return 110 + 28 * max(bars, 2)


def _text_width(text: str) -> int:
    """Rough pixel width of a label: CJK characters twice as wide as Latin ones."""
    return sum(13 if ord(ch) > 0x2E80 else 7 for ch in text)


def _layout(fig: go.Figure, title: str, height: int = 420) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left", "font": {"size": 16}},
        font={"family": FONT, "size": 13},
        template=TEMPLATE,
        height=height,
        margin={"l": 10, "r": 30, "t": 60, "b": 30},
        showlegend=False,
    )
    return fig


def trend_lines(
    df: pl.DataFrame, series: Sequence[tuple[str, str, str]], title: str, *, percent: bool
) -> go.Figure:
    """Lines over the years, each named at its last point (no legend to hunt); series = (column, name, colour)."""
    fig = go.Figure()
    years = df["year"].to_list()
    for column, name, colour in series:
        values = [None if v is None else (v * 100 if percent else v) for v in df[column].to_list()]
        fig.add_trace(
            go.Scatter(
                x=years,
                y=values,
                name=name,
                mode="lines+markers",
                line={"color": colour, "width": 3},
                marker={"size": 5},
                hovertemplate="%{x}: %{y:,.1f}"
                + ("%" if percent else "")
                + "<extra>"
                + name
                + "</extra>",
            )
        )
        last = next(
            (
                (x, y)
                for x, y in zip(reversed(years), reversed(values), strict=True)
                if y is not None
            ),
            None,
        )
        if last:
            text = f"{name} {last[1]:.1f}%" if percent else f"{name} {last[1]:,.0f}"
            fig.add_annotation(
                x=last[0],
                y=last[1],
                text=text,
                showarrow=False,
                xanchor="left",
                xshift=8,
                font={"color": colour, "size": 13},
            )
    step = max(1, math.ceil(len(years) / 12))
    fig.update_xaxes(
        dtick=step, tickformat="d", range=[min(years) - 0.5, max(years) + 0.5] if years else None
    )
    fig.update_yaxes(ticksuffix="%" if percent else "", tickformat=",.0f", rangemode="tozero")
    _layout(fig, title, height=360)
    widest = max((_text_width(a.text) for a in fig.layout.annotations), default=0)
    fig.update_layout(margin={"r": 20 + widest})
    return fig


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
    colours = [RED if i == 0 else BLUE for i in range(rows.height)]
    text = [
        f"{fmt_rate(r)}{paren(f'{fmt_int(n)}/{fmt_int(d)}', lang)}"
        for r, n, d in zip(
            rows["coverage_rate"], rows["linked_orgs"], rows["active_orgs"], strict=True
        )
    ]
    fig = go.Figure(
        go.Bar(
            x=rates,
            y=[_safe(n) for n in rows[name].to_list()],
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
    return _layout(fig, title, height=_bar_height(rows.height))


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
    labels: list[tuple[float, float, str]] = []
    inks: list[str] = []  # white names on the darkest fills
    dots: list[tuple[float, float, str, str]] = []  # every region's centre, code and hover text
    for feature, row in mapped:
        rate = row["coverage_rate"]
        colour = (
            "#e5e8eb"
            if rate is None
            else sample_colorscale(SEQUENTIAL, [(rate - low) / (high - low)])[0]
        )
        text = f"{_safe(row[name])} {fmt_rate(rate)}"
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
            labels.append((*feature["properties"]["centre"], text.replace(" ", "<br>")))
            dark = rate is not None and (rate - low) / (high - low) < 0.3
            inks.append("white" if dark else "#1d1d1d")
    fig.add_trace(
        go.Scatter(
            x=[x for x, _, _ in labels],
            y=[y for _, y, _ in labels],
            text=[t_ for _, _, t_ in labels],
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
                "colorscale": SEQUENTIAL,
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
    lat = sum(y for _, y, _ in labels) / len(labels) if labels else 35.0
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1 / math.cos(math.radians(lat)))
    return _layout(fig, title, height=520)


def hbars(
    df: pl.DataFrame,
    label_col: str,
    value_col: str,
    title: str,
    *,
    text: list[str],
    colours: list[str] | str = BLUE,
    unit: str = "",
) -> go.Figure:
    """Horizontal bars in the frame's order (first on top), each labelled with its value."""
    fig = go.Figure(
        go.Bar(
            x=df[value_col].to_list(),
            y=[_safe(v) for v in df[label_col].to_list()],
            orientation="h",
            marker_color=colours,
            text=text,
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", type="category")
    top = max([v for v in df[value_col].to_list() if v is not None] or [1])
    fig.update_xaxes(range=[0, top * 1.45], ticksuffix=unit, tickformat=",")
    fig.update_layout(bargap=0.3)
    return _layout(fig, title, height=_bar_height(df.height))


def hub_type_bars(df: pl.DataFrame, lang: Lang, title: str) -> go.Figure:
    """Linked organizations by hub type: mass organizations red, others grey."""
    rows = df.with_columns(labels.vocab("hub_type", "hub_type", lang).alias("label"))
    text = [
        f"{fmt_int(n)}{paren(fmt_rate(s), lang)}"
        for n, s in zip(rows["linked_orgs"], rows["share_of_active"], strict=True)
    ]
    colours = [RED if m else GREY for m in rows["is_mass_org"].to_list()]
    return hbars(rows, "label", "linked_orgs", title, text=text, colours=colours)


def level_bars(df: pl.DataFrame, lang: Lang, title: str, *, with_hubs: bool = True) -> go.Figure:
    """Linked organizations by hub level, with the number of hubs in each label (if it means something)."""
    rows = df.with_columns(labels.vocab("level", "hub_level", lang).alias("label"))
    unit = "个枢纽" if lang == "zh" else "hubs"
    text = [
        f"{fmt_int(n)}{paren(f'{fmt_int(h)} {unit}', lang)}" if with_hubs else fmt_int(n)
        for n, h in zip(rows["linked_orgs"], rows["hubs"], strict=True)
    ]
    return hbars(rows, "label", "linked_orgs", title, text=text)


def money_bars(df: pl.DataFrame, label_col: str, title: str, lang: Lang) -> go.Figure:
    """Amounts in 万元 (yuan in the frame), largest first, each labelled."""
    rows = df.with_columns((pl.col("amount_yuan") / 1e4).alias("wan"))
    text = [fmt_money(v, lang) for v in rows["amount_yuan"].to_list()]
    fig = hbars(rows, label_col, "wan", title, text=text)
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
    return hbars(shown, "key_label", "projects", title, text=text)


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
                marker_color=SOURCE_COLOURS[i % len(SOURCE_COLOURS)],
                hovertemplate="%{x} " + name + ": %{y:,.1f}<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(tickformat="d", dtick=1)
    fig.update_yaxes(title={"text": "万元" if lang == "zh" else "10k yuan"}, tickformat=",")
    _layout(fig, title, height=380)
    fig.update_layout(
        showlegend=True, legend={"orientation": "v", "x": 1.01, "y": 1, "traceorder": "reversed"}
    )
    return fig


def link_timeline(df: pl.DataFrame, lang: Lang, title: str, today: date) -> go.Figure:
    """An organization's links to hubs as bars from linked_on to ended_on (or today)."""
    fig = go.Figure()
    for row in df.iter_rows(named=True):
        end = row["ended_on"] or today
        name = _safe(f"{row['hub_name']}{paren(label('relation', row['relation'], lang), lang)}")
        fig.add_trace(
            go.Scatter(
                x=[row["linked_on"], end],
                y=[name, name],
                mode="lines+markers",
                line={"width": 12, "color": BLUE if row["ended_on"] is None else GREY},
                hovertemplate=f"{name}: {row['linked_on']} – {row['ended_on'] or '…'}<extra></extra>",
            )
        )
    fig.update_yaxes(autorange="reversed", type="category")
    return _layout(fig, title, height=max(200, 80 + 40 * df.height))


def _legend_on_top(fig: go.Figure, names: Sequence[str], width: int = 440) -> go.Figure:
    """A horizontal legend between the title and the plot, with room for as many rows as the names
    need at about `width` pixels (a half-page chart): no entry hides the title or the axis."""
    rows = max(1, math.ceil(sum(_text_width(n) + 40 for n in names) / width))
    fig.update_layout(
        showlegend=True,
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
                "traceorder": "normal"},
        title={"y": 0.99, "yref": "container", "yanchor": "top"},
        margin={"t": 56 + 22 * rows},
    )  # fmt: skip
    return fig


def stacked_bars(
    df: pl.DataFrame,
    parts: Sequence[tuple[str, str, str]],
    title: str,
    picks: Sequence[Sequence[str]] | None = None,
) -> go.Figure:
    """Horizontal bars in the frame's order (its `label` column, first on top), stacked by parts =
    (column, name, colour), each bar's total at its end; picks[i][j] is bar j's part i drill key."""
    fig = go.Figure()
    names = [_safe(v) for v in df["label"].to_list()]
    for i, (column, name, colour) in enumerate(parts):
        values = [v or 0 for v in df[column].to_list()]
        fig.add_trace(
            go.Bar(
                x=values,
                y=names,
                name=name,
                orientation="h",
                marker_color=colour,
                text=[fmt_int(v) if v else "" for v in values],
                textposition="inside",
                insidetextanchor="middle",
                customdata=list(picks[i]) if picks else None,
                hovertemplate="%{y} · " + _safe(name) + ": %{x:,}<extra></extra>",
            )
        )
    totals = [sum(df[c][j] or 0 for c, _, _ in parts) for j in range(df.height)]
    fig.add_trace(
        go.Scatter(
            x=totals,
            y=names,
            mode="text",
            text=[fmt_int(v) for v in totals],
            textposition="middle right",
            hoverinfo="skip",
            showlegend=False,
        )
    )
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(range=[0, max(totals or [1]) * 1.2 or 1], tickformat=",")
    fig.update_layout(barmode="stack", bargap=0.3, uniformtext={"mode": "hide", "minsize": 10})
    _layout(fig, title, height=_bar_height(df.height) + 60)
    return _legend_on_top(fig, [name for _, name, _ in parts])


def share_bars(
    df: pl.DataFrame,
    series: Sequence[tuple[str, str, str]],
    title: str,
    picks: Sequence[Sequence[str]] | None = None,
) -> go.Figure:
    """Grouped vertical bars of shares (fractions, shown in %) per row `label`: series = (column,
    name, colour); picks[i][j] is the drill key of series i at row j."""
    fig = go.Figure()
    groups = [_safe(v) for v in df["label"].to_list()]
    for i, (column, name, colour) in enumerate(series):
        shares = df[column].to_list()
        fig.add_trace(
            go.Bar(
                x=groups,
                y=[None if v is None else v * 100 for v in shares],
                name=name,
                marker_color=colour,
                text=[fmt_rate(v) for v in shares],
                textposition="outside",
                cliponaxis=False,
                customdata=list(picks[i]) if picks else None,
                hovertemplate="%{x} · " + _safe(name) + ": %{text}<extra></extra>",
            )
        )
    top = max([v for c, _, _ in series for v in df[c].to_list() if v is not None] or [0.0])
    fig.update_yaxes(range=[0, max(top * 130, 10)], ticksuffix="%", tickformat=",.0f")
    fig.update_layout(barmode="group", bargap=0.25)
    _layout(fig, title, height=380)
    return _legend_on_top(fig, [name for _, name, _ in series])


def count_bars(
    df: pl.DataFrame,
    value_col: str,
    title: str,
    colours: list[str],
    picks: Sequence[str],
    lang: Lang = "zh",
) -> go.Figure:
    """Horizontal bars per row `label` labelled count (share of active), each carrying its drill key."""
    fig = hbars(
        df,
        "label",
        value_col,
        title,
        text=[
            f"{fmt_int(n)}{paren(fmt_rate(s), lang)}"
            for n, s in zip(df[value_col], df["share"], strict=True)
        ],
        colours=colours,
    )
    fig.update_traces(customdata=list(picks))
    return fig


def category_years(
    df: pl.DataFrame, names: dict[str, str], title: str, first_label: str
) -> go.Figure:
    """Projects per category (rows) and start year (columns) as a grid of counts; a ring marks the
    year each category first appears (`first_year`)."""
    codes = df["category"].unique(maintain_order=True).to_list()
    years = sorted(df["year"].unique().to_list())
    cells = {(r["category"], r["year"]): r for r in df.iter_rows(named=True)}
    rows = [_safe(names.get(c, c) if c else "—") for c in codes]
    z = [[(cells.get((c, y)) or {}).get("projects") for y in years] for c in codes]
    fig = go.Figure(
        go.Heatmap(
            x=years,
            y=rows,
            z=z,
            text=[[fmt_int(v) if v else "" for v in line] for line in z],
            texttemplate="%{text}",
            colorscale=[[0.0, "#e8eff7"], [1.0, BLUE]],
            showscale=False,
            xgap=2,
            ygap=2,
            hovertemplate="%{y} %{x}: %{z:,}<extra></extra>",
        )
    )
    firsts = [(r["first_year"], rows[codes.index(r["category"])]) for r in df.iter_rows(named=True)
              if r["year"] == r["first_year"]]  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=[x for x, _ in firsts],
            y=[y for _, y in firsts],
            mode="markers",
            name=first_label,
            marker={"symbol": "square-open", "size": 26, "color": RED, "line": {"width": 2}},
            hoverinfo="skip",
        )
    )
    fig.update_xaxes(tickformat="d", dtick=1 if len(years) <= 15 else 2, type="linear")
    fig.update_yaxes(autorange="reversed", type="category")
    _layout(fig, title, height=_bar_height(len(codes)) + 60)
    return _legend_on_top(fig, [first_label])


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
            y=[_safe(n) for n in rows["district_name"].to_list()],
            orientation="h",
            marker_color=[RED if p < 0 else BLUE for p in points],
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
    return _layout(fig, title, height=_bar_height(rows.height))
