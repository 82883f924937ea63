"""Router: page config, the shared sidebar filters, the navigation, the provenance line, then the page."""

from __future__ import annotations

import duckdb
import streamlit as st

from dashboard.access import auth
from dashboard.core import db
from dashboard.core.filters import Filters
from dashboard.core.words import Lang, t
from dashboard.frame import lost, queries, release, sidebar, ui
from pipeline.warehouse import FORMAT

PAGES = [
    ("overview/page.py", "page.overview", ":material/dashboard:", ""),
    ("coverage/page.py", "page.coverage", ":material/hub:", "coverage"),
    ("funding/page.py", "page.funding", ":material/payments:", "funding"),
    ("profile/page.py", "page.profile", ":material/groups:", "profile"),
    ("hubs/page.py", "page.hubs", ":material/account_tree:", "hubs"),
    ("organizations/page.py", "page.organizations", ":material/search:", "organizations"),
    ("changes/page.py", "page.changes", ":material/difference:", "changes"),
    ("quality/page.py", "page.quality", ":material/fact_check:", "quality"),
]
# page url path -> the sidebar's filters that concern its figures (none: the sidebar says so)
FILTERS: dict[str, tuple[str, ...]] = {
    "": sidebar.FILTERS,
    "coverage": ("year", "regions", "levels", "hub_types", "org_types", "sources"),
    "funding": ("year", "regions", "levels", "hub_types", "org_types", "sources"),
    "profile": ("year", "regions"),
    "hubs": ("year", "base_year", "regions", "levels", "hub_types"),
    "changes": ("year",),
}
# pages for what a role may do beyond reading: (path, title key, icon, url path, may the role use it)
TOOLS = [
    (
        "publish/page.py",
        "page.publish",
        ":material/upload_file:",
        "publish",
        auth.Access.can_publish,
    ),
    (
        "releases/page.py",
        "page.releases",
        ":material/inventory_2:",
        "releases",
        auth.Access.can_manage,
    ),
]


def _stop_with(message: str, tools: list[st.Page] | None = None) -> None:
    """Say why no figure can be shown; staff still reach their pages (to publish a first release)."""
    st.error(message, icon="⚠️")
    if tools:
        page = st.navigation(tools)
        st.title(page.title)
        page.run()
    st.stop()


def _tools(access: auth.Access, lang: str) -> list[st.Page]:
    return [
        st.Page(path, title=t(key, lang), icon=icon, url_path=url)  # type: ignore[arg-type]
        for path, key, icon, url, may in TOOLS
        if may(access)
    ]


def _page_zh(url_path: str) -> str:
    """A page's title in Chinese (download file names are Chinese in both languages)."""
    keys = {url: key for _, key, _, url in PAGES} | {tool[3]: tool[1] for tool in TOOLS}
    return t(keys[url_path], "zh") if url_path in keys else ""


def _provenance(f: Filters) -> tuple[str, str | None]:
    """The line above the page: year-end, latest record, the release as the date and time it was
    finished; the release's run id on hover (a run id such as 20261206T092401-f656 means little)."""
    lang, year = f.lang, f.year
    info = queries.provenance(f)
    st.session_state["_provenance"] = info  # downloads name the release they come from
    finished, run_id = info["finished_at"], info["run_id"]
    line = t(
        "app.provenance",
        lang,
        as_of=t("filter.year_end", lang, year=year),
        latest=info["latest"] or "—",
        release=f"{finished:%Y-%m-%d %H:%M}" if finished else t("app.no_run", lang),
    )
    return line, t("app.provenance_run", lang, run_id=run_id) if run_id else None


def _release_lines(choice: release.Choice, lang: Lang) -> None:
    """Under the provenance line: a refused `?release=` in one sentence; an earlier release said plainly."""
    if choice.note is not None:
        key, run_id = (
            choice.note
        )  # a malformed value is any text: escaped and cut, as every URL note
        shown = ui.url_values([(release.PARAM, run_id)], lang) if key == "release.bad" else run_id
        st.warning(t(key, lang, run=shown), icon=":material/warning:")
    if choice.historical and choice.release is not None:
        finished = release.minute(choice.release)
        st.warning(
            t("release.viewing", lang, run=choice.release.run_id, finished=finished),
            icon=":material/history:",
        )
        st.button(t("release.back", lang), on_click=release.back_to_latest, type="tertiary",
                  icon=":material/arrow_back:", key="release_back")  # fmt: skip


def _same_format(choice: release.Choice, lang: Lang, tools: list[st.Page]) -> None:
    """Stop with a sentence when the shown file was built by an earlier version (its marts differ from
    what these pages read): the live warehouse wants a refresh, an old release cannot be shown."""
    try:
        found = db.file_format()
    except duckdb.Error as error:
        _stop_with(ui.said("app.bad_warehouse", lang, error=type(error).__name__), tools)
    if found == FORMAT:
        return
    if choice.historical and choice.release is not None:
        st.button(t("release.back", lang), on_click=release.back_to_latest, type="tertiary",
                  icon=":material/arrow_back:", key="release_back_old")  # fmt: skip
        _stop_with(ui.said("app.old_release", lang, run=choice.release.run_id), tools)
    _stop_with(ui.said("app.old_warehouse", lang, path=db.shown_path()), tools)


def main() -> None:
    """Frame every page: filters in the sidebar, the selection and its source above the page."""
    lang = sidebar.language()
    st.set_page_config(page_title=t("app.title", lang), page_icon="🏛️", layout="wide")
    access = auth.gate(lang)  # stops here for a visitor who may see nothing; sets the scope
    auth.sidebar(access, lang)
    tools = _tools(access, lang)
    choice = release.choose()  # ?release=RUN: which file every query of this run reads
    if db.pin_version() is None:  # that file's identity, read once for the whole run
        _stop_with(ui.said("app.no_warehouse", lang, path=db.warehouse_path()), tools)
    _same_format(choice, lang, tools)
    viewer = Filters.for_scope(sidebar.scope())  # the viewer's regions, before any selection
    try:
        allowed, tree = queries.allowed(viewer), queries.tree(viewer)
    except duckdb.Error as error:
        _stop_with(ui.said("app.bad_warehouse", lang, error=type(error).__name__), tools)
    if not allowed.years:
        _stop_with(t("app.no_years", lang), tools)
    pages = [  # the default page answers at / and at /overview, its folder's name
        st.Page(
            path, title=t(key, lang), icon=icon, url_path=url or path.split("/")[0], default=not url
        )
        for path, key, icon, url in PAGES
    ] + tools
    known = {p.url_path for p in pages} | {path.split("/")[0] for path, *_ in PAGES}
    unknown = lost.page(st.context.url, known, pages[0], lang)  # not Streamlit's English pop-up
    page = st.navigation(pages + ([unknown] if unknown else []))
    fields = FILTERS.get(page.url_path, ())
    selection = sidebar.render(fields, allowed, tree, lang)
    st.session_state["_tree"] = tree
    st.session_state["_page_zh"] = _page_zh(page.url_path)  # downloads name the page they come from
    st.title(page.title)
    line, run = _provenance(selection)
    st.caption(line, help=run)
    _release_lines(choice, lang)
    st.session_state["_dated"] = "year" in fields  # download names carry the year-end only then
    if fields:
        st.caption(selection.caption(lang, tree.label, fields))
    ui.url_note(st.session_state.pop("_url_refused", ()))
    page.run()


main()
