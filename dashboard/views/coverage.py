"""覆盖 Coverage: by district (ranked bars, map), by hub type and level; drill city -> district -> organizations."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import charts, columns, geo, queries, ui
from dashboard.i18n import label, t

f = ui.filters()
lang = f.lang
districts = queries.district_coverage(f)
codes = districts["district_code"].to_list()
names = dict(zip(codes, districts["district_name"].to_list(), strict=True))


def _drill(code: str | None) -> None:
    st.session_state["drill"] = code


def _picked() -> None:
    points = st.session_state["fig_districts"]["selection"]["points"]
    data = points[0].get("customdata") if points else None
    _drill(
        (data[0] if isinstance(data, list) else data)
        if data in codes or isinstance(data, list)
        else None
    )


ui.url_choice("drill", lambda code: code in codes)
if st.session_state["drill"] not in codes:
    st.session_state["drill"] = None
drill = st.session_state["drill"]
ui.keep_in_url("drill", drill)

if drill:
    crumbs = st.columns([1, 9], vertical_alignment="center")
    back = f"← {t('coverage.city', lang)}"
    crumbs[0].button(back, on_click=_drill, args=(None,), key="crumb_city", type="secondary")
    crumbs[1].text(f"{t('coverage.city', lang)} › {names[drill]}")

if drill is None:
    if districts.is_empty():
        ui.empty()
        st.stop()
    st.selectbox(
        t("coverage.pick", lang),
        codes,
        key="drill",
        format_func=lambda c: names[c],
        placeholder=t("coverage.pick_none", lang),
    )
    left, right = st.columns([1, 1])
    with left:
        ui.chart(
            charts.district_bars(districts, lang, t("coverage.by_district", lang)),
            districts,
            columns.DISTRICT,
            t("coverage.district_file", "zh"),
            "districts",
            on_select=_picked,
        )
        st.caption(t("coverage.click_hint", lang))
    with right:
        shapes = geo.districts(codes)
        if shapes["features"]:
            ui.chart(
                charts.district_map(districts, shapes, lang, t("coverage.map", lang)),
                districts,
                columns.DISTRICT,
                t("coverage.district_file", "zh"),
                "map",
            )
        else:
            st.info(t("coverage.no_map", lang))
    left, right = st.columns(2)
    with left:
        types = queries.hub_type_coverage(f, [f.as_of])
        ui.chart(
            charts.hub_type_bars(types, lang, t("coverage.by_type", lang)),
            types,
            columns.HUB_TYPE,
            t("coverage.type_file", "zh"),
            "types",
        )
    with right:
        levels = queries.level_coverage(f)
        ui.chart(
            charts.level_bars(
                levels, lang, t("coverage.by_level", lang), with_hubs=not f.districts
            ),
            levels,
            columns.LEVEL,
            t("coverage.level_file", "zh"),
            "levels",
        )
        if f.districts:
            st.caption(t("coverage.level_note", lang))
    ui.definitions(["fig.coverage_rate", "fig.linked_orgs", "col.hub_type"])
else:
    row = districts.filter(pl.col("district_code") == drill).row(0, named=True)
    cards = st.columns(3)
    cards[0].metric(t("fig.active_orgs", lang), charts.fmt_int(row["active_orgs"]), border=True)
    cards[1].metric(t("fig.linked_orgs", lang), charts.fmt_int(row["linked_orgs"]), border=True)
    cards[2].metric(
        t("fig.coverage_rate", lang), charts.fmt_rate(row["coverage_rate"]), border=True
    )
    show = st.segmented_control(
        t("coverage.show", lang),
        ["all", "linked", "not_linked"],
        key="drill_show",
        default="all",
        format_func=lambda k: t(f"coverage.show_{k}", lang),
    )
    orgs = queries.drill_orgs(f, drill).with_columns(
        pl.col("linked_types")
        .map_elements(
            lambda s: t("caption.list_sep", lang).join(
                label("hub_type", c, lang) for c in s.split(",")
            ),
            return_dtype=pl.String,
        )
        .fill_null("—")
        .alias("linked_types_label")
    )
    if show in ("linked", "not_linked"):
        orgs = orgs.filter(pl.col("is_linked") == (show == "linked"))
    st.caption(
        t("coverage.drill_count", lang, n=charts.fmt_int(orgs.height), district=names[drill])
    )
    ui.table(
        orgs, columns.DRILL, t("coverage.orgs_file", "zh", district=names[drill]), "drill_orgs"
    )
