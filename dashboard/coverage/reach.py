"""The Coverage page's section on each mass organization's reach in its own field (领域覆盖): per hub
type on the year-end (stacked bars and a table), the trend of the share its own hubs link, and the
regions one level below the selection."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
import streamlit as st

from dashboard.core.words import t
from dashboard.coverage import charts, columns, queries
from dashboard.frame import ui


def render(ranked: Sequence[str], level_word: str) -> None:
    """The section for the selection (its ranked regions, when there are some)."""
    f = ui.filters()
    lang = f.lang
    st.subheader(t("coverage.reach", lang, year=f.year))
    st.caption(t("coverage.reach_note", lang))
    series = queries.field_reach(f)
    now = series.filter(pl.col("year") == f.year)
    if now.is_empty():
        ui.empty()
        return
    if now["reached_by_any"].null_count():
        st.info(t("coverage.reach_none", lang), icon="ℹ️")
    else:
        title = t("coverage.reach_chart", lang, year=f.year)
        build = lambda: charts.reach_bars(now, lang, title)  # noqa: E731 - built on a cache miss
        ui.chart(build, now, columns.REACH, t("coverage.reach_chart_file", "zh"), "reach")
        trend = series.filter(pl.col("year") <= f.year)
        reached = trend.filter(pl.col("reached_by_any") > 0)[
            "year"
        ]  # from the first year a hub links
        trend = trend.filter(pl.col("year") >= reached.min()) if reached.len() else trend
        title = t("coverage.reach_trend", lang)
        build = lambda: charts.reach_trend(trend, lang, title)  # noqa: E731
        ui.chart(
            build, trend, columns.REACH_YEARS, t("coverage.reach_trend_file", "zh"), "reach_trend"
        )
    ui.table(
        now,
        columns.REACH,
        t("coverage.reach_file", "zh"),
        "reach_table",
        screen=columns.REACH_SCREEN,
    )
    if ranked:
        st.subheader(t("coverage.reach_regions", lang, level=level_word, year=f.year))
        regions = queries.field_reach_by_region(f, ranked)
        file = t("coverage.reach_regions_file", "zh")
        ui.table(
            regions,
            columns.REACH_REGIONS,
            file,
            "reach_regions",
            screen=columns.REACH_REGIONS_SCREEN,
        )
