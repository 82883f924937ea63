"""社会组织 Organizations: search by name or USCC; one organization's register entry, hubs over time, projects, funding."""

from __future__ import annotations

import re

import polars as pl
import streamlit as st

from dashboard.core.numbers import fmt_int
from dashboard.core.words import t
from dashboard.frame import counts, navigate, sidebar, ui
from dashboard.organizations import charts, columns, queries
from dashboard.organizations.entry import register_entry

USCC = re.compile(r"^[0-9A-Z]{18}$")
HUB_LINKS = 12  # hubs linked to by name under an organization's links
f = ui.filters()
lang = f.lang

ui.url_choice("org_q", lambda q: 0 < len(q) <= 60, "")
ui.url_choice("org", lambda u: bool(USCC.match(u)))
navigate.arrived("org", lambda u: bool(USCC.match(u)))  # a link from another page (a hub's view)
text = st.text_input(
    t("orgs.search", lang), key="org_q", max_chars=60, placeholder=t("orgs.search_hint", lang)
)
ui.keep_in_url("org_q", text.strip() or None)
found = queries.search_orgs(f, text, queries.SEARCH_LIMIT) if text.strip() else pl.DataFrame()
total = int(found["total"][0]) if found.height else 0


def hub_links(links: pl.DataFrame) -> None:
    """A link to each hub's own view on the Hubs page (names escaped: page_link reads markdown)."""
    hubs = links.unique("hub_id", keep="first", maintain_order=True).head(HUB_LINKS)
    st.caption(t("orgs.hub_links", lang))
    with st.container(horizontal=True):
        for hub_id, name in hubs.select("hub_id", "hub_name").iter_rows():
            st.page_link("hubs/page.py", label=ui.escape_md(name), query_params={"hub": hub_id},
                         icon=":material/account_tree:")  # fmt: skip


def _open_row() -> None:
    rows = st.session_state["tbl_search"]["selection"]["rows"]
    if rows:
        st.session_state["org"] = found["uscc"][rows[0]]


if text.strip():
    cut = counts.rows_note(found.height, total, lang, "orgs.found_many")
    st.caption(cut if total > found.height else t("orgs.found", lang, n=fmt_int(total)))
    ui.table(
        found,
        columns.SEARCH,
        t("orgs.search_file", "zh"),
        "search",
        height=min(38 + 35 * found.height, 320),
        on_select=_open_row,
    )
options = found["uscc"].to_list() if found.height else []
if st.session_state.get("org") and st.session_state["org"] not in options:
    options.insert(0, st.session_state["org"])
if not options:
    st.info(t("orgs.start", lang))
    st.stop()
org_names = (
    dict(zip(found["uscc"].to_list(), found["name"].to_list(), strict=True)) if found.height else {}
)
if len(options) == 1 and not st.session_state.get("org"):
    st.session_state["org"] = options[0]
uscc = st.selectbox(
    t("orgs.pick", lang),
    options,
    key=sidebar.worded("org"),
    placeholder=t("orgs.pick_none", lang),
    format_func=lambda u: t("orgs.option", lang, name=org_names.get(u, u), uscc=u),
)
navigate.written("org", uscc)
if uscc is None:
    st.stop()
entry = queries.org_entry(f, uscc)
if entry.is_empty():  # also an organization outside the viewer's regions
    ui.empty("orgs.not_found")
    st.stop()
row = entry.row(0, named=True)
st.header(ui.escape_md(row["name"]))
register = register_entry(row, lang)
left, right = st.columns([2, 3])
with left:
    st.subheader(t("orgs.register", lang))
    ui.table(register, columns.ENTRY, t("orgs.register_file", "zh", uscc=uscc), "entry", share=0.4)
links = queries.org_links(f, uscc)
with right:
    st.subheader(t("orgs.hubs", lang))
    if not ui.hub_data():  # not "never linked": this delivery has no hub data
        ui.no_hub_data()
    elif links.is_empty():
        st.info(t("orgs.no_links", lang))
    else:
        ui.chart(  # up to the year-end the page is at, never past it
            lambda: charts.link_timeline(
                links, lang, t("orgs.timeline", lang, year=f.year), f.as_of
            ),
            links,
            columns.LINKS,
            t("orgs.timeline_file", "zh", uscc=uscc),
            "links",
            parts=(uscc, f.as_of),
        )
if ui.hub_data() and not links.is_empty():  # under both columns: the links at the page's width
    file = t("orgs.links_file", "zh", uscc=uscc)
    ui.table(links, columns.LINKS, file, "links_table", screen=columns.LINKS_SCREEN)
    hub_links(links)
st.subheader(t("orgs.projects", lang))
ui.table(
    queries.org_projects(f, uscc),
    columns.ORG_PROJECTS,
    t("orgs.projects_file", "zh", uscc=uscc),
    "org_projects",
    empty_key="app.none_recorded",
)
st.subheader(t("orgs.funding", lang))
ui.table(
    queries.org_funding(f, uscc),
    columns.ORG_FUNDING,
    t("orgs.funding_file", "zh", uscc=uscc),
    "org_funding",
    empty_key="app.none_recorded",
)
