"""覆盖 Coverage: the regions one level below the selection ranked (bars, map), by hub type and level;
drill province -> prefecture -> county -> organizations, breadcrumbs back up; "as registered" switch."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.core.charts import ranked_ends
from dashboard.core.numbers import fmt_int, fmt_money, fmt_rate
from dashboard.core.words import t
from dashboard.coverage import charts, columns, geo, queries, reach
from dashboard.frame import navigate, ui
from dashboard.funding.queries import funding_totals

BAR_ENDS = 20  # more than 2 x BAR_ENDS regions: bars for the lowest and highest BAR_ENDS only
MAP_MAX = 100  # more regions than this: no map (a province level map of 31 shapes is light)

f = ui.filters()
lang = f.lang
tree = ui.tree()
place = tree.view(f.regions)
navigate.breadcrumbs(place, tree, lang)


def _leaf(code: str) -> None:
    """One region with nothing below it: its figures and the organizations behind them."""
    found = queries.region_coverage(f, [code])
    money = funding_totals(f)["amount_yuan"]
    row = found.row(0, named=True) if found.height else {}
    ui.cards([(t("fig.active_orgs", lang), fmt_int(row.get("active_orgs", 0))),
              (t("fig.linked_orgs", lang), fmt_int(row.get("linked_orgs", 0))),
              (t("fig.coverage_rate", lang), fmt_rate(row.get("coverage_rate"))),
              (t("funding.total", lang, year=f.year), fmt_money(money, lang))])  # fmt: skip
    show = st.segmented_control(t("coverage.show", lang), ["all", "linked", "not_linked"],
                                key="drill_show", default="all",
                                format_func=lambda k: t(f"coverage.show_{k}", lang))  # fmt: skip
    orgs = columns.with_type_labels(queries.drill_orgs(f), lang)
    if show in ("linked", "not_linked"):
        orgs = orgs.filter(pl.col("is_linked") == (show == "linked"))
    name = tree.label.get(code, code)
    st.caption(t("coverage.drill_count", lang, n=fmt_int(orgs.height), district=name))
    ui.table(orgs, columns.DRILL, t("coverage.orgs_file", "zh", district=name), "drill_orgs")


def _map(ranking: pl.DataFrame, level_word: str) -> None:
    """The ranked regions' shapes (today's codes only), with a note for those without a shape."""
    codes = ranking.filter(pl.col("is_current"))["region_code"].to_list()
    if len(codes) > MAP_MAX:
        st.info(t("coverage.map_too_many", lang, total=len(codes), limit=MAP_MAX))
        return
    shapes = geo.regions(tuple(codes))
    drawn = {feature["properties"]["code"] for feature in shapes["features"]}
    if not drawn:
        st.info(t("coverage.no_map", lang))
        return
    title = t("coverage.map", lang, level=level_word)
    fig = lambda: charts.district_map(ranking, shapes, lang, title, "region_code", "region_name")  # noqa: E731
    on_pick = navigate.on_pick("fig_map", tree)
    rows = ranking.with_columns(on_map=pl.col("region_code").is_in(sorted(drawn)))
    ui.chart(fig, rows, columns.REGION_MAP, t("coverage.map_file", "zh"), "map", on_select=on_pick)
    missing = [tree.label.get(c, c) for c in codes if c not in drawn]
    if missing:
        st.caption(t("coverage.map_missing", lang, names=t("caption.list_sep", lang).join(missing)))


def _ranking() -> None:
    """The regions below the current one (or the chosen ones), lowest coverage first."""
    word = navigate.level_word(place.level, lang)
    registered = st.toggle(t("coverage.as_registered", lang), key="as_registered",
                           help=t("coverage.as_registered_help", lang))  # fmt: skip
    ui.keep_in_url("registered", "1" if registered else None)
    ranking = queries.region_coverage(f, place.ranked, registered, place.level or "county")
    if ranking.is_empty():
        ui.empty()
        return
    if registered:
        st.caption(t("coverage.registered_note", lang))
    navigate.drill_list(
        place, tree, lang, ranking.filter(pl.col("is_current"))["region_code"].to_list()
    )
    shown = ranked_ends(ranking, BAR_ENDS)
    left, right = st.columns(2)
    with left:
        title = t("coverage.by_region", lang, level=word)
        bars = lambda: charts.district_bars(shown, lang, title, "region_code", "region_name")  # noqa: E731 - built on a cache miss
        on_pick = navigate.on_pick("fig_regions", tree)
        ui.chart(
            bars,
            shown,
            columns.REGION,
            t("coverage.district_file", "zh"),
            "regions",
            on_select=on_pick,
        )
        hint = "coverage.click_hint_county" if place.level == "county" else "coverage.click_hint"
        st.caption(t(hint, lang, level=word))
        if shown.height < ranking.height:
            st.caption(t("coverage.ends", lang, total=ranking.height, n=BAR_ENDS, level=word))
    with right:
        _map(ranking, word)
    if shown.height < ranking.height:
        st.subheader(t("coverage.ranking", lang, level=word))
        ui.table(ranking, columns.REGION, t("coverage.ranking_file", "zh"), "district_ranking")


def _by_hubs() -> None:
    # one above the other: in half the page, the bars' labels ran past the chart's edge at 1280 px
    types = queries.hub_type_coverage(f, [f.as_of])
    title = t("coverage.by_type", lang)
    fig = lambda: charts.hub_type_bars(types, lang, title)  # noqa: E731
    ui.chart(fig, types, columns.HUB_TYPE, t("coverage.type_file", "zh"), "types")
    levels = queries.level_coverage(f)
    title = t("coverage.by_level", lang)
    fig = lambda: charts.level_bars(levels, lang, title)  # noqa: E731
    ui.chart(fig, levels, columns.LEVEL, t("coverage.level_file", "zh"), "levels")
    if f.regions or f.scope:
        st.caption(t("coverage.level_note", lang))


if "as_registered" not in st.session_state:  # the switch from the URL the first time (default off)
    st.session_state["as_registered"] = ui.url_value("registered", ("1",)) == "1"
if place.leaf:
    if place.node is None:
        ui.empty()
    else:
        _leaf(place.node)
    st.stop()
_ranking()
_by_hubs()
reach.render(place.ranked, navigate.level_word(place.level, lang))
ui.definitions(["fig.coverage_rate", "fig.linked_orgs", "col.hub_type", "coverage.reach"])
