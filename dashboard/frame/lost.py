"""An unknown page: a message in the reader's language and the way back to 总览, where Streamlit
would show its own English "Page not found" pop-up."""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import unquote, urlparse

import streamlit as st

from dashboard.core.words import Lang, t
from dashboard.frame import ui


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

    def show() -> None:
        st.warning(ui.said("app.not_found", lang, path=path), icon=":material/help:")
        st.page_link(home, label=t("app.not_found_back", lang), icon=":material/arrow_back:")

    return st.Page(
        show,
        title=t("app.not_found_title", lang),
        icon=":material/help:",
        url_path=path,
        visibility="hidden",
    )
