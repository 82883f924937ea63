"""枢纽 Hubs: every hub serving the selected regions (and the viewer's), ranked by the organizations it
links at the year-end, with the baseline, the increase and its share; searchable, filtered by the
sidebar's hub types and levels. A row (or ?hub=ID) opens the hub's own view (hubs/view.py) in its
place, with a way back to the ranking."""

from __future__ import annotations

import re

import streamlit as st

from dashboard.core.numbers import fmt_delta, fmt_int
from dashboard.core.words import t
from dashboard.frame import navigate, sidebar, ui
from dashboard.hubs import charts, columns, queries, view

HUB_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z_.\-]{0,39}")  # the form of a hub id in a link
TOP = 15  # hubs in the chart

f = ui.filters()
lang = f.lang
ui.url_choice("hub_q", lambda q: 0 < len(q) <= 60, "")
navigate.arrived("hub", lambda h: bool(HUB_ID.fullmatch(h)))
st.session_state.setdefault("hub", None)
search = str(st.session_state["hub_q"])
table = queries.hub_table(f, search)

if st.session_state["hub"] is not None:  # one hub's own view, the ranking's hubs to switch to
    st.button(
        f"← {t('hubs.ranking', lang)}", on_click=st.session_state.update, kwargs={"hub": None}
    )
    options = table["hub_id"].to_list()
    names = dict(zip(options, table["name"].to_list(), strict=True))
    if st.session_state["hub"] not in names:
        options.insert(0, st.session_state["hub"])
    hub = st.selectbox(t("hubs.pick", lang), options, key=sidebar.worded("hub"),
                       placeholder=t("app.choose", lang), format_func=lambda h: t("hubs.option", lang, name=names.get(h, h), id=h))  # fmt: skip
    navigate.written("hub", hub)
    if hub is not None:
        view.render(f, hub)
    st.stop()
navigate.written("hub", None)

st.text_input(
    t("hubs.search", lang), key="hub_q", max_chars=60, placeholder=t("hubs.search_hint", lang)
)
ui.keep_in_url("hub_q", search.strip() or None)
if f.regions or f.scope:
    st.caption(t("hubs.scope_note", lang))
recognized = int(table["is_recognized"].sum()) if table.height else 0
ui.cards([(t("hubs.shown", lang), fmt_int(table.height)),
          (t("hubs.recognized", lang, year=f.year), fmt_int(recognized)),
          (t("hubs.total_increase", lang), fmt_delta("count", table["increase"].sum(), lang))])  # fmt: skip


def _open() -> None:
    rows = st.session_state["tbl_hubs"]["selection"]["rows"]
    if rows:
        st.session_state["hub"] = table["hub_id"][rows[0]]


if table.is_empty():
    ui.empty()
else:
    top = table.head(TOP)
    title = t("hubs.top", lang, year=f.year, base=f.base_year, n=top.height)
    build = lambda: charts.top_hubs(top, title, lang)  # noqa: E731 - built on a cache miss
    ui.chart(build, top, columns.TOP, t("hubs.top_file", "zh"), "top_hubs")
    st.subheader(t("hubs.ranking", lang))
    st.caption(t("hubs.count", lang, year=f.year, base=f.base_year, n=fmt_int(table.height)))
    q = search.strip()
    what = t("hubs.search_file", "zh", q=q) if q else t("hubs.ranking_file", "zh")
    ui.table(table, columns.HUBS, what, "hubs", on_select=_open, screen=columns.HUBS_SCREEN)
ui.definitions(["hubs.ranking", "fig.linked_orgs", "fig.hubs_total"])
