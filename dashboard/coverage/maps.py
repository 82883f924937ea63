"""The Coverage page's map (pure: a ranking and shapes in, a figure out): regions filled by coverage,
regions without data grey (never left out), the maritime line on a map of the country, and the
lowest and highest named in labels that keep their contrast and never overlap."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go
import polars as pl
from plotly.colors import sample_colorscale, unlabel_rgb

from dashboard.core import charts
from dashboard.core.numbers import fmt_rate
from dashboard.core.words import Lang, t

NO_DATA = "#dcdfe3"  # a region drawn without figures (台湾省 in a register of the mainland)
BASE = "#eef0f2"  # the country or region around the regions ranked
LINE = "#5b6570"  # the maritime line
INKS = ("#000000", "#ffffff")  # label text: whichever contrasts more with the fill behind it
PLOT_PX = (360.0, 430.0)  # the map's drawing area at 1280 px (half the page), for label overlap
LABEL_FONT = 12
Line = tuple[Sequence[float], Sequence[float]]


def _rgb(colour: str) -> tuple[float, float, float]:
    if colour.startswith("#"):
        return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]
    return unlabel_rgb(colour)  # type: ignore[return-value]


def luminance(colour: str) -> float:
    """WCAG relative luminance of a colour (#rrggbb or rgb(r, g, b))."""
    parts = [c / 255 for c in _rgb(colour)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21; 4.5 is enough for small text)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def ink(fill: str) -> str:
    """Black or white text, whichever reads better on a fill (at least 4.58:1 on any colour)."""
    return max(INKS, key=lambda c: contrast(c, fill))


def fill(rate: float | None, low: float, high: float) -> str:
    """A region's colour: dark red at the lowest coverage shown, light blue at the highest; grey
    without a figure."""
    if rate is None:
        return NO_DATA
    return sample_colorscale(charts.SEQUENTIAL, [(rate - low) / (high - low)])[0]


def _outer(geometry: dict[str, Any]) -> list[list[list[float]]]:
    """The outer ring of every part of a (Multi)Polygon."""
    parts = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    return [p[0] for p in parts if p]


def _xy(geometry: dict[str, Any]) -> tuple[list[float | None], list[float | None]]:
    """Every outer ring of a shape in one path, parts apart (plotly fills each part)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in _outer(geometry):
        xs += [pt[0] for pt in ring] + [None]
        ys += [pt[1] for pt in ring] + [None]
    return xs, ys


def _shape(feature: dict[str, Any], colour: str, text: str, edge: str = "white") -> go.Scatter:
    xs, ys = _xy(feature["geometry"])
    code = feature["properties"]["code"]
    return go.Scatter(x=xs, y=ys, fill="toself", fillcolor=colour, mode="lines",
                      line={"color": edge, "width": 1}, hoveron="fills", hoverinfo="text",
                      text=text, name=code, meta={"code": code})  # fmt: skip


def _maritime(lines: Sequence[Line], lang: Lang) -> list[go.Scatter]:
    """The maritime boundary (segments in one trace) and the words 南海诸岛 beside it."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for lons, lats in lines:
        xs += [*lons, None]
        ys += [*lats, None]
    words = t("coverage.map_islands", lang)
    return [
        go.Scatter(x=xs, y=ys, mode="lines", line={"color": LINE, "width": 1.6},
                   hoverinfo="skip", name="maritime", meta={"layer": "maritime"}),
        go.Scatter(x=[115.5], y=[9.0], mode="text", text=[words], hoverinfo="skip",
                   textfont={"size": 10, "color": LINE}, name="maritime_label"),
    ]  # fmt: skip


def _scale(shapes: Sequence[dict[str, Any]]) -> tuple[float, float]:
    """Pixels per degree of longitude on the drawn map, and the cosine of its middle latitude."""
    points = [p for f in shapes for ring in _outer(f["geometry"]) for p in ring]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    if not xs:
        return 1.0, 1.0
    cos = math.cos(math.radians((min(ys) + max(ys)) / 2))
    width, height = max(max(xs) - min(xs), 1e-6), max((max(ys) - min(ys)) / cos, 1e-6)
    return min(PLOT_PX[0] / width, PLOT_PX[1] / height), cos


def _label_box(text: str) -> tuple[float, float]:
    lines = text.split("<br>")
    return max(charts.text_width(s) for s in lines) + 8.0, LABEL_FONT * 1.3 * len(lines) + 6.0


def _apart(points: list[tuple[float, float, str]], ppd: float, cos: float) -> list[float]:
    """Vertical shifts (px) that keep two labels centred at points from overlapping."""
    shifts = [0.0] * len(points)
    if len(points) == 2:
        (x1, y1, a), (x2, y2, b) = points
        (w1, h1), (w2, h2) = _label_box(a), _label_box(b)
        dx, dy = abs(x1 - x2) * ppd, (y1 - y2) * ppd / cos
        need = (h1 + h2) / 2 + 4 - abs(dy)
        if dx < (w1 + w2) / 2 + 4 and need > 0:
            up = 1.0 if dy >= 0 else -1.0  # the northern one moves up, the other down
            shifts = [up * need / 2, -up * need / 2]
    return shifts


def _ends(rows: pl.DataFrame, code: str) -> list[dict[str, Any]]:
    """The lowest and the highest region with a figure (the lowest first)."""
    rated = rows.filter(pl.col("coverage_rate").is_not_null()).sort(["coverage_rate", code])
    if rated.is_empty():
        return []
    ends = [rated.row(0, named=True), rated.row(-1, named=True)]
    return ends[:1] if ends[0][code] == ends[1][code] else ends


def region_map(
    df: pl.DataFrame,
    shapes: dict[str, Any],
    lang: Lang,
    title: str,
    code: str = "region_code",
    name: str = "region_name",
    *,
    names: Mapping[str, str] | None = None,
    base: dict[str, Any] | None = None,
    maritime: Sequence[Line] = (),
) -> go.Figure:
    """Coverage by region drawn from the offline boundary files as filled shapes (no tiles, no
    network). `shapes` holds every region of the map: those without a row in `df` are drawn grey
    as having no data (named from `names`); `base` (the country's provinces, a province's outline)
    is drawn underneath; `maritime` is the South China Sea's line, for a map of the whole country.
    Only the lowest and highest regions are labelled; every region is named on hover, and a dot in
    each region with data carries its code, so a click drills into it."""
    info = {r[code]: r for r in df.iter_rows(named=True)}
    rates = [r["coverage_rate"] for r in info.values() if r["coverage_rate"] is not None] or [0.0]
    low, high = min(rates), max(max(rates), min(rates) + 0.001)
    fig = go.Figure()
    for feature in (base or {}).get("features", []):
        fig.add_trace(_shape(feature, BASE, "", edge="#ffffff").update(hoverinfo="skip"))
    dots: list[tuple[float, float, str, str]] = []
    colours: dict[str, str] = {}
    for feature in shapes["features"]:
        key = feature["properties"]["code"]
        row = info.get(key)
        rate = None if row is None else row["coverage_rate"]
        colours[key] = fill(rate, low, high)
        if row is None:
            text = t("coverage.map_none", lang, name=charts.safe((names or {}).get(key, key)))
        else:
            text = f"{charts.safe(row[name])} {fmt_rate(rate)}"
            dots.append((*feature["properties"]["centre"], key, text))
        fig.add_trace(_shape(feature, colours[key], text))
    for trace in _maritime(maritime, lang) if maritime else []:
        fig.add_trace(trace)
    fig.add_trace(
        go.Scatter(
            x=[x for x, _, _, _ in dots],
            y=[y for _, y, _, _ in dots],
            customdata=[c for _, _, c, _ in dots],
            hovertext=[h for _, _, _, h in dots],
            hoverinfo="text",
            mode="markers",
            marker={
                "size": 7,
                "color": "rgba(29,29,29,0.35)",
                "line": {"width": 1, "color": "white"},
            },
        )
    )
    fig.add_trace(_colour_bar(low, high, lang))
    _label_ends(fig, df, shapes, colours, code, name)
    if NO_DATA in colours.values():  # some region drawn grey
        fig.add_annotation(text=t("coverage.map_no_data", lang), xref="paper", yref="paper", x=0,
                           y=0, xanchor="left", yanchor="bottom", showarrow=False,
                           font={"size": 11, "color": "#4a5560"}, bgcolor=NO_DATA)  # fmt: skip
    _, cos = _scale([*shapes["features"], *(base or {}).get("features", [])])
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1 / cos)
    return charts.layout(fig, title, height=520)


def _colour_bar(low: float, high: float, lang: Lang) -> go.Scatter:
    return go.Scatter(x=[None, None], y=[None, None], mode="markers", hoverinfo="skip",
                      marker={"colorscale": charts.SEQUENTIAL, "cmin": low * 100, "cmax": high * 100,
                              "cauto": False, "color": [low * 100, high * 100], "showscale": True,
                              "colorbar": {"title": {"text": t("fig.coverage_rate", lang)},
                                           "ticksuffix": "%", "len": 0.6}})  # fmt: skip


def _label_ends(
    fig: go.Figure,
    df: pl.DataFrame,
    shapes: dict[str, Any],
    colours: Mapping[str, str],
    code: str,
    name: str,
) -> None:
    """Name the lowest and the highest region on the map, each on a box of its own fill with text
    that contrasts with it, moved apart when they would overlap."""
    centres = {f["properties"]["code"]: f["properties"]["centre"] for f in shapes["features"]}
    ends = [r for r in _ends(df, code) if r[code] in centres]
    points = [
        (*centres[r[code]], f"{charts.safe(r[name])}<br>{fmt_rate(r['coverage_rate'])}")
        for r in ends
    ]
    ppd, cos = _scale(shapes["features"])
    for row, (x, y, text), shift in zip(ends, points, _apart(points, ppd, cos), strict=True):
        colour = colours[row[code]]
        fig.add_annotation(x=x, y=y, text=text, showarrow=False, yshift=shift, bgcolor=colour,
                           bordercolor="#ffffff", borderwidth=1, borderpad=2,
                           font={"size": LABEL_FONT, "color": ink(colour)})  # fmt: skip
