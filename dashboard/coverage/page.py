"""覆盖 Coverage: the regions one level below the selection ranked (bars, map, table) with the row of
organizations known at no region below (市本级（未落区县）), by hub type and level; drill province ->
prefecture -> county -> organizations, breadcrumbs back up; "as registered" switch. Without hub data
the counts only, and the page says so."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard.core.charts import ranked_ends
from dashboard.core.numbers import fmt_int, fmt_money
from dashboard.core.words import t
from dashboard.coverage import charts, columns, geo, queries, reach, sections
from dashboard.coverage import ranking as ranked
from dashboard.frame import navigate, ui
from dashboard.funding.queries import funding_totals

BAR_ENDS = 20  # more than 2 x BAR_ENDS regions: bars for the lowest and highest BAR_ENDS only
MAP_MAX = 100  # more regions than this: no map (a province level map of 31 shapes is light)

f = ui.filters()
lang = f.lang
tree = ui.tree()
place = tree.view(f.regions)
hubs, filed = ui.hub_data(), ui.filed_data()
navigate.breadcrumbs(place, tree, lang)


def _leaf(code: str) -> None:
    """One region with nothing below it: its figures and the organizations behind them."""
    found = queries.region_coverage(f, [code])
    money = funding_totals(f)["amount_yuan"]
    row = found.row(0, named=True) if found.height else {}
    keys = ["fig.active_orgs", *(["fig.filed_orgs", "fig.total_orgs"] if filed else [])]
    keys += ["fig.linked_orgs", "fig.coverage_rate", "fig.funding_amount_yuan"]
    ui.cards(sections.cards(row, filed, hubs, lang)
             + [(t("funding.total", lang, year=f.year), fmt_money(money, lang))], keys)  # fmt: skip
    show = "all"
    if hubs:
        show = st.segmented_control(t("coverage.show", lang), ["all", "linked", "not_linked"],
                                    key="drill_show", default="all",
                                    format_func=lambda k: t(f"coverage.show_{k}", lang))  # fmt: skip
    orgs = columns.with_type_labels(queries.drill_orgs(f), lang)
    if show in ("linked", "not_linked"):
        orgs = orgs.filter(pl.col("is_linked") == (show == "linked"))
    name = tree.label.get(code, code)
    st.caption(t("coverage.drill_count", lang, n=fmt_int(orgs.height), district=name))
    drill = columns.drill(hubs)
    ui.table(orgs, drill, t("coverage.orgs_file", "zh", district=name), "drill_orgs",
             screen=columns.drill_screen(drill, lang))  # fmt: skip
    if filed:
        sections.filed_list(f, name, hubs)


def _map(ranking: pl.DataFrame, level: str | None, level_word: str) -> None:
    """The ranked regions' shapes (today's codes only) with every other region of the map grey: the
    whole country (Taiwan, Hong Kong, Macau and the maritime line included) or the region entered;
    a note for those without a shape and for the row of organizations no map can draw."""
    places = ranking.filter(pl.col("is_current") & ~pl.col("is_unassigned"))
    codes = places["region_code"].to_list()
    if len(codes) > MAP_MAX:
        st.info(t("coverage.map_too_many", lang, total=len(codes), limit=MAP_MAX))
        return
    country = place.node is None and not place.several and not place.top
    frame, base = _map_frame(level, codes, country)
    shapes = geo.regions(tuple(sorted(set(codes) | set(frame))))
    drawn = {feature["properties"]["code"] for feature in shapes["features"]}
    if not drawn & set(codes):
        st.info(t("coverage.no_map", lang))
        return
    title = t("coverage.map", lang, level=level_word)
    options = {"names": geo.names(tuple(sorted(drawn - set(codes)))), "base": base,
               "maritime": geo.maritime() if country else ()}  # fmt: skip

    def fig() -> go.Figure:  # built on a cache miss
        return charts.district_map(
            places, shapes, lang, title, "region_code", "region_name", **options
        )

    on_pick = navigate.on_pick("fig_map", tree)
    rows = places.with_columns(on_map=pl.col("region_code").is_in(sorted(drawn)))
    ui.chart(fig, rows, columns.REGION_MAP, t("coverage.map_file", "zh"), "map", on_select=on_pick)
    sections.off_map(places.filter(~pl.col("region_code").is_in(sorted(drawn))), lang)
    sections.own_off_map(ranking, level_word, lang)


def _map_frame(
    level: str | None, codes: list[str], country: bool
) -> tuple[tuple[str, ...], dict | None]:
    """What the map draws besides the ranked regions: every region of the level inside the region
    entered (grey without data) when they are few enough, else its outline (the country's provinces)."""
    if place.several or level is None:
        return (), None
    node = None if country else place.node
    frame = geo.within(level, node)
    if len(frame) <= MAP_MAX:
        return frame, None
    outline = geo.within("province", None) if country else (node,) if node else ()
    return (), geo.regions(tuple(outline))


def _ranking() -> None:
    """The regions ranked at the level chosen (one level below by default), lowest coverage first,
    the lowest and highest named in a sentence; one level below, with the row of its own of the
    region shown. Without hub data the counts only, most organizations first."""
    if not hubs:
        ui.no_hub_data()
    registered = st.toggle(t("coverage.as_registered", lang), key="as_registered",
                           help=t("coverage.as_registered_help", lang))  # fmt: skip
    ui.keep_in_url("registered", "1" if registered else None)
    level, codes = navigate.rank_level(place, tree, lang)
    word = navigate.level_word(level, lang)
    below = level == place.level  # the row of its own stands beside the regions one level below
    own = place.own if below else None
    ranking = queries.region_coverage(f, codes, registered, level or "county", own=own)
    if ranking.is_empty():
        ui.empty()
        return
    ranking = navigate.ranked_names(ranking, place, tree, level)
    if not hubs:  # no coverage to rank by: the most organizations first
        ranking = ranking.sort(["total_orgs", "region_code"], descending=[True, False])
    if registered:
        st.caption(t("coverage.registered_note", lang))
    said = ranked.sentence(ranking, navigate.place_name(place, tree, lang), word, lang)
    if said:
        st.markdown(said)
    regions_only = ranking.filter(pl.col("is_current") & ~pl.col("is_unassigned"))
    navigate.drill_list(place, tree, lang, regions_only["region_code"].to_list(), level)
    if hubs:
        _charts(ranking, level, word, own)
    st.subheader(t("coverage.ranking" if hubs else "coverage.ranking_counts", lang, level=word))
    shows_filed = filed and not (registered or f.org_types)  # filed: no type, no code as filed
    cols = columns.ranking(shows_filed, hubs, filed_links=not (f.levels or f.hub_types))
    ui.table(ranking, cols, t("coverage.ranking_file", "zh"), "district_ranking")
    if below and place.node is not None and not place.several and not registered:
        sections.sum_line(f, place.node, tree.label.get(place.node, place.node), ranking, word)
    if own is not None:
        sections.own_list(f, ranking, own, hubs)


def _charts(ranking: pl.DataFrame, level: str | None, word: str, own: str | None) -> None:
    """The ranking's bars (the lowest and highest when there are many), then its map (one above the
    other: side by side, a map of the country was too small to read at 1280 px)."""
    shown = ranked_ends(ranking, BAR_ENDS)
    title = t("coverage.by_region", lang, level=word)
    bars = lambda: charts.district_bars(shown, lang, title, "region_code", "region_name")  # noqa: E731 - built on a cache miss
    on_pick = navigate.on_pick("fig_regions", tree, own=own)
    ui.chart(bars, shown, columns.REGION, t("coverage.district_file", "zh"), "regions",
             on_select=on_pick)  # fmt: skip
    hint = "coverage.click_hint_county" if level == "county" else "coverage.click_hint"
    st.caption(t(hint, lang, level=word))
    if shown.height < ranking.height:
        st.caption(t("coverage.ends", lang, total=ranking.height, n=BAR_ENDS, level=word))
    _map(ranking, level, word)


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
    if not hubs:
        ui.no_hub_data()
    if place.node is None:
        ui.empty()
    else:
        _leaf(place.node)
    st.stop()
_ranking()
if hubs:
    _by_hubs()
    reach.render(place.ranked, navigate.level_word(place.level, lang))
keys = ["fig.coverage_rate", "fig.linked_orgs", "col.hub_type"] if hubs else ["fig.active_orgs"]
keys += ["fig.filed_orgs", *(["fig.total_coverage_rate"] if hubs else [])] if filed else []
ui.definitions(keys + (["coverage.reach"] if hubs else []))
