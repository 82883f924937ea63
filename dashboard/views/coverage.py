"""覆盖 Coverage: by district (ranked bars, map), by hub type and level; drill city -> district -> organizations."""

from __future__ import annotations

from dataclasses import replace

import polars as pl
import streamlit as st

from dashboard import charts, columns, figures, geo, queries, ui
from dashboard.i18n import t

f = ui.filters()
lang = f.lang
districts = queries.district_coverage(f)
codes = districts["district_code"].to_list()
names = dict(zip(codes, districts["district_name"].to_list(), strict=True))
district_file = t("coverage.district_file", "zh")
BAR_ENDS = 20  # more than 2 x BAR_ENDS districts: bars for the lowest and highest BAR_ENDS only
MAP_MAX = 100  # more districts than this: no map (thousands of shapes take seconds to draw)


def _drill(code: str | None) -> None:
    st.session_state["drill"] = code if code in codes else None


def _picked() -> None:
    points = st.session_state["fig_districts"]["selection"]["points"]
    data = points[0].get("customdata") if points else None
    _drill(data[0] if isinstance(data, list) else data)


ui.url_choice("drill", lambda code: code in codes)
_drill(st.session_state["drill"])
drill = st.session_state["drill"]
ui.keep_in_url("drill", drill)

if drill is None:
    if districts.is_empty():
        ui.empty()
        st.stop()
    st.selectbox(t("coverage.pick", lang), codes, key="drill", format_func=lambda c: names[c],
                 placeholder=t("coverage.pick_none", lang))  # fmt: skip
    left, right = st.columns(2)
    shown = figures.ranked_ends(districts, BAR_ENDS)
    with left:
        title = t("coverage.by_district", lang)
        bars = lambda: charts.district_bars(shown, lang, title)  # noqa: E731 - built on a cache miss
        ui.chart(bars, shown, columns.DISTRICT, district_file, "districts", on_select=_picked)
        st.caption(t("coverage.click_hint", lang))
        if shown.height < districts.height:
            st.caption(t("coverage.ends", lang, total=districts.height, n=BAR_ENDS))
    with right:
        shapes = geo.districts(tuple(codes)) if len(codes) <= MAP_MAX else None
        if shapes is None:
            st.info(t("coverage.map_too_many", lang, total=len(codes), limit=MAP_MAX))
        elif shapes["features"]:
            title = t("coverage.map", lang)
            shape_map = lambda: charts.district_map(districts, shapes, lang, title)  # noqa: E731
            ui.chart(shape_map, districts, columns.DISTRICT, t("coverage.map_file", "zh"), "map")
        else:
            st.info(t("coverage.no_map", lang))
    if shown.height < districts.height:
        st.subheader(t("coverage.ranking", lang))
        ranking_file = t("coverage.ranking_file", "zh")
        ui.table(districts, columns.DISTRICT, ranking_file, "district_ranking")
    left, right = st.columns(2)
    with left:
        types = queries.hub_type_coverage(f, [f.as_of])
        title = t("coverage.by_type", lang)
        fig = lambda: charts.hub_type_bars(types, lang, title)  # noqa: E731
        ui.chart(fig, types, columns.HUB_TYPE, t("coverage.type_file", "zh"), "types")
    with right:
        levels = queries.level_coverage(f)
        title = t("coverage.by_level", lang)
        fig = lambda: charts.level_bars(levels, lang, title, with_hubs=not f.districts)  # noqa: E731
        ui.chart(fig, levels, columns.LEVEL, t("coverage.level_file", "zh"), "levels")
        if f.districts:
            st.caption(t("coverage.level_note", lang))
    ui.definitions(["fig.coverage_rate", "fig.linked_orgs", "col.hub_type"])
    st.stop()

crumbs = st.columns([1, 9], vertical_alignment="center")
back = f"← {t('coverage.city', lang)}"
crumbs[0].button(back, on_click=_drill, args=(None,), key="crumb_city")
crumbs[1].text(f"{t('coverage.city', lang)} › {names[drill]}")
row = districts.filter(pl.col("district_code") == drill).row(0, named=True)
money = queries.funding_totals(replace(f, districts=(drill,)))["amount_yuan"]
ui.cards([(t("fig.active_orgs", lang), charts.fmt_int(row["active_orgs"])),
          (t("fig.linked_orgs", lang), charts.fmt_int(row["linked_orgs"])),
          (t("fig.coverage_rate", lang), charts.fmt_rate(row["coverage_rate"])),
          (t("funding.total", lang, year=f.year), charts.fmt_money(money, lang))])  # fmt: skip
show = st.segmented_control(t("coverage.show", lang), ["all", "linked", "not_linked"],
                            key="drill_show", default="all",
                            format_func=lambda k: t(f"coverage.show_{k}", lang))  # fmt: skip
orgs = figures.with_type_labels(queries.drill_orgs(f, drill), lang)
if show in ("linked", "not_linked"):
    orgs = orgs.filter(pl.col("is_linked") == (show == "linked"))
st.caption(t("coverage.drill_count", lang, n=charts.fmt_int(orgs.height), district=names[drill]))
ui.table(orgs, columns.DRILL, t("coverage.orgs_file", "zh", district=names[drill]), "drill_orgs")
