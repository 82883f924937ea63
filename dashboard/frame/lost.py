"""An unknown page: a message in the reader's language and the way back to 总览, where Streamlit
would show its own English "Page not found" pop-up."""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import parse_qsl, unquote, urlencode, urlparse

import streamlit as st

from dashboard.core.words import Lang, t
from dashboard.frame import ui

# A nested path (a/b) is none of Streamlit's pages (a page's url_path has no "/"), and its server
# answers it with a page whose scripts (./static/...) resolve under a/ and fail to load: a blank page.
# The door (dashboard/access/middleware.py) sends such an address here instead, the path asked for
# in ?path=, and this page says so as for any unknown page.
NESTED = "not-found"
# first segments of Streamlit's own routes (its core, files, components, sign-in), never a page
STREAMLIT_ROUTES = frozenset({"_stcore", "media", "component", "static", "app", "auth"})


def nested(path: str, query: str = "") -> str | None:
    """Where the door sends a page address with more than one segment below the server's base path
    (`path`: /a/b; `query`: its query string, kept): the unknown page NESTED, the path asked for in
    ?path=; None for any other address (a page's own, one segment, any under Streamlit's own routes:
    the browser app finds its server by asking /coverage/_stcore/health, then /_stcore/health)."""
    parts = path.strip("/").split("/")
    if len(parts) < 2 or STREAMLIT_ROUTES.intersection(parts):  # the app probes /page/_stcore/...
        return None
    kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "path"]
    return f"{NESTED}?{urlencode([('path', '/'.join(parts)), *kept])}"


def unknown_path(url: str | None, base: str, known: Collection[str]) -> str | None:
    """The page path of an address at which no page answers (None: a page's own, or the root). `base`:
    the server's baseUrlPath; a nested path (a/b) is none of Streamlit's pages' paths, so None too."""
    path = unquote(urlparse(url or "").path).strip("/")
    base = base.strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :].strip("/")
    return path if path and "/" not in path and path not in known else None


def page(url: str | None, known: Collection[str], home: st.Page, lang: Lang) -> st.Page | None:
    """A hidden page at the unknown path of this address that says so and links back to the
    overview (`home`); None when the address is a page's own."""
    base = str(st.get_option("server.baseUrlPath") or "")
    path = unknown_path(url, base, known)
    if path is None:
        return None
    url_path, asked = path, st.query_params.get("path") if path == NESTED else None
    path = asked or path  # the nested path the door sent here (a/b)

    def show() -> None:
        st.warning(ui.said("app.not_found", lang, path=path), icon=":material/help:")
        st.page_link(home, label=t("app.not_found_back", lang), icon=":material/arrow_back:")

    return st.Page(
        show,
        title=t("app.not_found_title", lang),
        icon=":material/help:",
        url_path=url_path,
        visibility="hidden",
    )
