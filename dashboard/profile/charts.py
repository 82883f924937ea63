"""The profile page's charts (pure: tables in, figures out): which columns, colours and drill keys of
its tables, and the builders only it uses (stacked, grouped and counted bars, the projects grid)."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
import polars as pl

from dashboard.core import charts
from dashboard.core.numbers import fmt_int, fmt_rate, paren
from dashboard.core.words import Lang, label, t
from dashboard.profile import picks
from dashboard.profile.tables import ORG_TYPES

TYPE_COLOURS = dict(zip(ORG_TYPES, (charts.BLUE, "#e0a030", "#3c9a5f"), strict=True))
LEVEL_PARTS = (("city", "col.city_level", charts.BLUE), ("district", "col.district_level", "#7fb0dc"),
               ("level_unknown", "col.level_unknown", charts.GREY))  # fmt: skip
_LEVEL_CODE = {"city": "city", "district": "district", "level_unknown": "none"}


def type_level_rows(table: pl.DataFrame) -> pl.DataFrame:
    """The rows the type-by-level chart draws (the types, not their total)."""
    return table.filter(pl.col("org_type") != "all")


def type_level(
    table: pl.DataFrame, missing: tuple[str, ...], lang: Lang
) -> tuple[go.Figure, pl.DataFrame]:
    """Organizations by type, stacked by registration level (one bar per type when the level was
    not delivered); the rows it draws."""
    rows = type_level_rows(table)
    title = t("profile.type_level_chart", lang)
    if "registration_level" in missing:
        parts = [("active_orgs", t("fig.active_orgs", lang), charts.BLUE)]
        keys = [[picks.key(org_type=c) for c in rows["org_type"]]]
        return stacked_bars(rows, parts, title, keys), rows
    used = [p for p in LEVEL_PARTS if p[0] != "level_unknown" or (rows["level_unknown"].sum() or 0)]
    parts = [(column, t(key, lang), colour) for column, key, colour in used]
    keys = [[picks.key(org_type=c, registration_level=_LEVEL_CODE[col]) for c in rows["org_type"]]
            for col, _, _ in used]  # fmt: skip
    return stacked_bars(rows, parts, title, keys), rows


def ratings_rows(table: pl.DataFrame) -> pl.DataFrame:
    """The rows the ratings chart draws (each rating and not rated, not 4A or above together)."""
    return table.filter(pl.col("rating") != "4A_plus")


def ratings(table: pl.DataFrame, lang: Lang) -> tuple[go.Figure, pl.DataFrame]:
    """Organizations per rating and not rated (4A and 5A in blue); the rows it draws."""
    rows = ratings_rows(table)
    colours = [charts.BLUE if r in ("4A", "5A") else charts.GREY for r in rows["rating"]]
    keys = [picks.key(rating=r) for r in rows["rating"]]
    title = t("profile.ratings_chart", lang)
    return count_bars(rows, "orgs", title, colours, keys, lang), rows


def party_union(table: pl.DataFrame, missing: tuple[str, ...], lang: Lang) -> go.Figure:
    """Party-organization and union coverage among all, linked and not linked organizations."""
    linked = {"all": {}, "linked": {"is_linked": "true"}, "not_linked": {"is_linked": "false"}}
    series, keys = [], []
    for column, flag, key, colour in (("party_share", "has_party_org", "col.party_share", charts.RED),
                                      ("union_share", "has_union", "col.union_share", charts.BLUE)):  # fmt: skip
        if flag not in missing:
            series.append((column, t(key, lang), colour))
            keys.append([picks.key(**{flag: "true"}, **linked[g]) for g in table["group"]])
    return share_bars(table, series, t("profile.party_union_chart", lang), keys)


def domains(table: pl.DataFrame, lang: Lang) -> go.Figure:
    """Organizations per service domain stacked by type."""
    parts = [(c, label("org_type", c, lang), TYPE_COLOURS[c]) for c in ORG_TYPES]
    keys = [[picks.key(service_domain=d, org_type=c) for d in table["service_domain"]]
            for c in ORG_TYPES]  # fmt: skip
    return stacked_bars(table, parts, t("profile.domains_chart", lang), keys)


TRENDS = ("trend_counts", "trend_rates")  # the trend charts' keys


def trend(series: pl.DataFrame, name: str, lang: Lang) -> go.Figure:
    """One trend chart over the year-ends: counts (trend_counts) or shares (trend_rates)."""
    if name == "trend_counts":
        counts = [("active_orgs", t("fig.active_orgs", lang), charts.GREY),
                  ("linked_orgs", t("fig.linked_orgs", lang), charts.BLUE),
                  ("with_party_org", t("col.with_party_org", lang), charts.RED),
                  ("with_union", t("col.with_union", lang), "#e0a030")]  # fmt: skip
        return charts.trend_lines(series, counts, t("profile.trend_counts", lang), percent=False)
    rates = [("coverage_rate", t("fig.coverage_rate", lang), charts.BLUE),
             ("party_share", t("col.party_share", lang), charts.RED),
             ("union_share", t("col.union_share", lang), "#e0a030")]  # fmt: skip
    return charts.trend_lines(series, rates, t("profile.trend_rates", lang), percent=True)


def trends(series: pl.DataFrame, lang: Lang) -> list[tuple[go.Figure, str]]:
    """Counts and shares over the year-ends: (figure, chart key) each."""
    return [(trend(series, name, lang), name) for name in TRENDS]


def stacked_bars(
    df: pl.DataFrame,
    parts: Sequence[tuple[str, str, str]],
    title: str,
    picks: Sequence[Sequence[str]] | None = None,
) -> go.Figure:
    """Horizontal bars in the frame's order (its `label` column, first on top), stacked by parts =
    (column, name, colour), each bar's total at its end; picks[i][j] is bar j's part i drill key."""
    fig = go.Figure()
    names = [charts.safe(v) for v in df["label"].to_list()]
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
                hovertemplate="%{y} · " + charts.safe(name) + ": %{x:,}<extra></extra>",
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
    charts.layout(fig, title, height=charts.bar_height(df.height) + 60)
    return charts.legend_on_top(fig, [name for _, name, _ in parts])


def share_bars(
    df: pl.DataFrame,
    series: Sequence[tuple[str, str, str]],
    title: str,
    picks: Sequence[Sequence[str]] | None = None,
) -> go.Figure:
    """Grouped vertical bars of shares (fractions, shown in %) per row `label`: series = (column,
    name, colour); picks[i][j] is the drill key of series i at row j."""
    fig = go.Figure()
    groups = [charts.safe(v) for v in df["label"].to_list()]
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
                hovertemplate="%{x} · " + charts.safe(name) + ": %{text}<extra></extra>",
            )
        )
    top = max([v for c, _, _ in series for v in df[c].to_list() if v is not None] or [0.0])
    fig.update_yaxes(range=[0, max(top * 130, 10)], ticksuffix="%", tickformat=",.0f")
    fig.update_layout(barmode="group", bargap=0.25)
    charts.layout(fig, title, height=380)
    return charts.legend_on_top(fig, [name for _, name, _ in series])


def count_bars(
    df: pl.DataFrame,
    value_col: str,
    title: str,
    colours: list[str],
    picks: Sequence[str],
    lang: Lang = "zh",
) -> go.Figure:
    """Horizontal bars per row `label` labelled count (share of active), each carrying its drill key."""
    fig = charts.hbars(
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
    rows = [charts.safe(names.get(c, c) if c else "—") for c in codes]
    z = [[(cells.get((c, y)) or {}).get("projects") for y in years] for c in codes]
    fig = go.Figure(
        go.Heatmap(
            x=years,
            y=rows,
            z=z,
            text=[[fmt_int(v) if v else "" for v in line] for line in z],
            texttemplate="%{text}",
            colorscale=[[0.0, "#e8eff7"], [1.0, charts.BLUE]],
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
            marker={"symbol": "square-open", "size": 26, "color": charts.RED, "line": {"width": 2}},
            hoverinfo="skip",
        )
    )
    fig.update_xaxes(tickformat="d", dtick=1 if len(years) <= 15 else 2, type="linear")
    fig.update_yaxes(autorange="reversed", type="category")
    charts.layout(fig, title, height=charts.bar_height(len(codes)) + 60)
    return charts.legend_on_top(fig, [first_label])
