"""One hub's own view on the Hubs page: its entry, its links over the years, its organizations by type,
service domain, rating, registration mode and region (a row lists its organizations, an organization
opens its profile), the projects it bought and the money paid to its organizations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import polars as pl
import streamlit as st

from dashboard.core.filters import Filters
from dashboard.core.numbers import fmt_int
from dashboard.core.words import Lang, label, t
from dashboard.frame import ui
from dashboard.hubs import charts, columns, queries, tables

# the view's own state: cleared when another hub is shown
STATE = ("hub_year", "hub_group", "hub_org", "hub_source")


def _picked(table_key: str, frame: pl.DataFrame, column: str, into: str) -> Callable[[], None]:
    """A table's row-selection callback: the clicked row's `column` into session state `into`."""

    def picked() -> None:
        rows = st.session_state[f"tbl_{table_key}"]["selection"]["rows"]
        st.session_state[into] = frame[column][rows[0]] if rows else None

    return picked


def _years(f: Filters, hub_id: str, name: str) -> None:
    lang = f.lang
    st.subheader(t("hubs.years", lang))
    years = queries.hub_years(f, hub_id)
    if years.is_empty():
        ui.empty()
        return
    file = t("hubs.years_file", "zh", hub=name)
    build = lambda: charts.years(years, lang, t("hubs.years_chart", lang))  # noqa: E731
    chart_file = t("hubs.years_chart_file", "zh", hub=name)
    ui.chart(build, years, columns.YEARS, chart_file, "hub_years_chart", parts=(hub_id,))
    st.caption(t("hubs.years_hint", lang))
    pick = _picked("hub_years", years, "year", "hub_year")
    ui.table(years, columns.YEARS, file, "hub_years", on_select=pick, share=0.6)  # the right 3/5


def _groups(orgs: pl.DataFrame, name: str) -> None:
    """The organizations counted by type, domain, rating, mode and region, one tab each."""
    lang = ui.lang()
    tabs = st.tabs([t(f"col.{dim}", lang) for dim in tables.GROUPS])
    for tab, dim in zip(tabs, tables.GROUPS, strict=True):
        with tab:
            counted = tables.group(orgs, dim, lang)
            pick = _picked(f"hub_by_{dim}", counted.with_columns(pick=pl.lit(dim) + ":" + pl.col("key")),
                           "pick", "hub_group")  # fmt: skip
            file = t("hubs.by_file", "zh", by=t(f"col.{dim}", "zh"), hub=name)
            ui.table(counted, columns.GROUP, file, f"hub_by_{dim}", on_select=pick)
    st.caption(t("hubs.by_hint", lang))


def _orgs(f: Filters, hub_id: str, name: str) -> None:
    lang = f.lang
    year = st.session_state.get("hub_year") or f.year
    orgs = tables.with_relations(queries.hub_orgs(f, hub_id, date(year, 12, 31)), lang)
    st.subheader(t("hubs.orgs", lang, year=year))
    if orgs.is_empty():
        ui.empty()
        return
    _groups(orgs, name)
    shown, what = orgs, ""
    group = st.session_state.get("hub_group")
    if group and group.split(":", 1)[0] in tables.GROUPS:
        dim, key = group.split(":", 1)
        shown = tables.members(orgs, dim, key)
        what = _group_words(orgs, dim, key, lang)
        st.caption(t("hubs.orgs_group", lang, what=ui.escape_md(what), n=fmt_int(shown.height)))
        st.button(
            t("hubs.orgs_all", lang), on_click=st.session_state.update, kwargs={"hub_group": None}
        )
    st.caption(t("hubs.orgs_count", lang, n=fmt_int(shown.height)))
    when = t("hubs.orgs_when", "zh", year=year) if year != f.year else ""  # another year-end's list
    file = t("hubs.orgs_file", "zh", hub=name, when=when, what=f"_{what}" if what else "")
    ui.table(
        shown,
        columns.ORGS,
        file,
        "hub_orgs",
        on_select=_picked("hub_orgs", shown, "uscc", "hub_org"),
        screen=columns.ORGS_SCREEN if lang == "zh" else columns.ORGS_SCREEN_EN,
    )
    chosen = st.session_state.get("hub_org")
    hit = shown.filter(pl.col("uscc") == chosen) if chosen else shown.clear()
    if hit.height:
        st.page_link("organizations/page.py", query_params={"org": chosen}, icon=":material/open_in_new:",
                     label=t("hubs.open_org", lang, name=ui.escape_md(hit["name"][0])))  # fmt: skip


def _group_words(orgs: pl.DataFrame, dim: str, key: str, lang: Lang) -> str:
    """One group in words, e.g. 服务领域：职工 (the district's name for a region)."""
    column, vocabulary = tables.GROUPS[dim]
    if key == "none":
        value = t("val.unknown", lang)
    elif vocabulary:
        value = label(vocabulary, key, lang)
    else:
        names = orgs.filter(pl.col(column) == key)["district_name"]
        value = str(names[0]) if names.len() else key
    return t("caption.kv", lang, k=t(f"col.{dim}", lang), v=value)


def _money(f: Filters, hub_id: str, name: str) -> None:
    lang = f.lang
    st.subheader(t("hubs.funding", lang, year=f.year))
    funding = queries.hub_funding(f, hub_id)
    if funding.is_empty():
        ui.empty("app.none_recorded")
        return
    st.caption(t("hubs.funding_note", lang, year=f.year))
    sources = tables.by_source(funding)
    pick = _picked("hub_fund_src", sources, "source", "hub_source")
    ui.table(sources, columns.FUNDING_SOURCE, t("hubs.funding_source_file", "zh", hub=name),
             "hub_fund_src", on_select=pick)  # fmt: skip
    source = st.session_state.get("hub_source")
    source = source if source in sources["source"].to_list() else None
    what = f"_{label('funding_source', source, 'zh')}" if source else ""
    file = t("hubs.funding_org_file", "zh", hub=name, what=what)
    ui.table(tables.by_org(funding, source), columns.FUNDING_ORG, file, "hub_fund_org")


def render(f: Filters, hub_id: str) -> None:
    """The hub's own view (a note when it does not serve the viewer's regions)."""
    lang = f.lang
    if st.session_state.get("_hub_view") != hub_id:  # another hub: its own years, groups, rows
        for key in STATE:
            st.session_state[key] = None
        st.session_state["_hub_view"] = hub_id
    entry = queries.hub_entry(f, hub_id)
    if entry.is_empty():
        ui.empty("hubs.not_found")
        return
    row = entry.row(0, named=True)
    name = str(row["name"])
    st.header(ui.escape_md(name))
    left, right = st.columns([2, 3])
    with left:
        st.subheader(t("hubs.entry", lang))
        ui.table(
            tables.entry(row, lang),
            columns.ENTRY,
            t("hubs.entry_file", "zh", hub=name),
            "hub_entry",
            share=0.4,  # the left 2/5 of the page
        )
    with right:
        _years(f, hub_id, name)
    _orgs(f, hub_id, name)
    filed = queries.hub_filed(f, hub_id)
    if filed.height:
        st.subheader(t("hubs.filed", lang))
        ui.table(
            tables.with_relations(filed, lang),
            columns.FILED,
            t("hubs.filed_file", "zh", hub=name),
            "hub_filed",
        )
    st.subheader(t("hubs.projects", lang))
    ui.table(queries.hub_projects(f, hub_id), columns.PROJECTS, t("hubs.projects_file", "zh", hub=name),
             "hub_projects", empty_key="app.none_recorded", screen=columns.PROJECTS_SCREEN)  # fmt: skip
    _money(f, hub_id, name)
