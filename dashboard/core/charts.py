"""Charts' common layout (pure DataFrame -> plotly Figure): the one home of colours, fonts, the
template and label sizes, and the builders several pages share (lines over the years, bars)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import plotly.graph_objects as go
import plotly.io as pio
import polars as pl

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


def safe(text: object) -> str:
    """Data text for a chart label: plotly reads a few HTML tags in text, so angle brackets are escaped."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def bar_height(bars: int) -> int:
    """Enough height for every bar label, without one lone bar filling a tall chart."""
    return 110 + 28 * max(bars, 2)


def text_width(text: str) -> int:
    """Rough pixel width of a label: CJK characters twice as wide as Latin ones."""
    return sum(13 if ord(ch) > 0x2E80 else 7 for ch in text)


def layout(fig: go.Figure, title: str, height: int = 420) -> go.Figure:
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
    layout(fig, title, height=360)
    widest = max((text_width(a.text) for a in fig.layout.annotations), default=0)
    fig.update_layout(margin={"r": 20 + widest})
    return fig


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
            y=[safe(v) for v in df[label_col].to_list()],
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
    return layout(fig, title, height=bar_height(df.height))


def legend_on_top(fig: go.Figure, names: Sequence[str], width: int = 440) -> go.Figure:
    """A horizontal legend between the title and the plot, with room for as many rows as the names
    need at about `width` pixels (a half-page chart): no entry hides the title or the axis."""
    rows = max(1, math.ceil(sum(text_width(n) + 40 for n in names) / width))
    fig.update_layout(
        showlegend=True,
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
                "traceorder": "normal"},
        title={"y": 0.99, "yref": "container", "yanchor": "top"},
        margin={"t": 56 + 22 * rows},
    )  # fmt: skip
    return fig


def ranked_ends(ranked: pl.DataFrame, n: int) -> pl.DataFrame:
    """The first n and last n rows of a ranked frame (all of it when it has at most 2n rows)."""
    if ranked.height <= 2 * n:
        return ranked
    return pl.concat([ranked.head(n), ranked.tail(n)])
