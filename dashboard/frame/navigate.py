"""Moving through the regions on a page: breadcrumbs back up, a drill one level down (a bar, a map
shape or a list); each move changes the sidebar's region selection, so the URL reproduces the view."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard.core.regions import RegionTree, View
from dashboard.core.words import Lang, t
from dashboard.frame import sidebar, ui

_RANK_TITLE = {"province": "province", "prefecture": "prefecture", "county": "county"}


def top_name(view: View, tree: RegionTree, lang: Lang) -> str:
    """The name of the top of the data: the region a one-region register opens at, else 全国."""
    return tree.name.get(view.top[-1], view.top[-1]) if view.top else t("region.nation", lang)


def level_word(level: str | None, lang: Lang) -> str:
    """省 / 地市 / 区县 (地区 when the regions ranked are of several levels)."""
    return t(f"region.{_RANK_TITLE.get(level or '', 'mixed')}", lang)


def breadcrumbs(view: View, tree: RegionTree, lang: Lang) -> None:
    """全国 › 四川省 › 达州市 › 通川区: every region above the current one goes back to it."""
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    here = not view.path and not view.several
    crumbs: list[tuple[str, list[str], str]] = [(top_name(view, tree, lang), [], "crumb_top")]
    crumbs += [(tree.label.get(c, c), [c], f"crumb_{c}") for c in view.path]
    if view.several:
        names = t("caption.list_sep", lang).join(tree.label.get(c, c) for c in view.ranked)
        crumbs.append((t("region.chosen", lang, n=len(view.ranked), names=names), [], ""))
    for i, (name, codes, key) in enumerate(crumbs):
        last = i == len(crumbs) - 1
        if i:
            row.text("›")
        if last or (here and not i):
            row.text(name)
        else:
            row.button(name, key=key, type="tertiary", on_click=go, args=(codes, tree))


def go(codes: list[str], tree: RegionTree) -> None:
    """Show these regions (a callback)."""
    sidebar.choose_regions(codes, tree)


def on_pick(key: str, tree: RegionTree) -> Callable[[], None]:
    """A chart's selection callback: drill into the region of the clicked bar or shape."""

    def picked() -> None:
        points = st.session_state[key]["selection"]["points"]
        data = points[0].get("customdata") if points else None
        code = data[0] if isinstance(data, list) else data
        if isinstance(code, str) and code in tree:
            go([code], tree)

    return picked


def drill_list(view: View, tree: RegionTree, lang: Lang, codes: list[str]) -> None:
    """A list to drill into one of the ranked regions (as clicking its bar does)."""

    def chosen() -> None:
        code = st.session_state.get("drill_pick")
        st.session_state["drill_pick"] = None
        if code in tree:
            go([code], tree)

    st.selectbox(
        t("region.pick", lang, level=level_word(view.level, lang)),
        [c for c in codes if c in tree],
        key=sidebar.worded("drill_pick"),
        index=None,
        format_func=lambda c: tree.label.get(c, c),
        placeholder=t("region.pick_none", lang),
        on_change=chosen,
    )


def arrived(key: str, allowed: Callable[[str], bool]) -> None:
    """Follow a link from another page that names a page value in the URL (?hub=…, ?org=…): the
    first time the URL carries a value this page did not write itself, it becomes the page's state
    (a value the allowlist refuses is named in a note and removed). Call before the page's widget of
    that key, and keep_in_url(key, …) after it, as every page value does."""
    value = ui.url_value(key, allowed)
    seen = f"_url_seen_{key}"
    if value is not None and value != st.session_state.get(seen):
        st.session_state[key] = value
    st.session_state[seen] = value


def written(key: str, value: str | None) -> None:
    """Write a page value into the URL and remember it, so that arrived() tells a link's value from
    the page's own."""
    ui.keep_in_url(key, value)
    st.session_state[f"_url_seen_{key}"] = value or None
