"""Moving through the regions on a page: breadcrumbs back up, a drill one level down (a bar, a map
shape or a list); each move changes the sidebar's region selection, so the URL reproduces the view."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import streamlit as st

from dashboard.core.regions import RegionTree, View
from dashboard.core.words import Lang, t
from dashboard.frame import sidebar, ui

_RANK_TITLE = {"province": "province", "prefecture": "prefecture", "county": "county"}
RANK_PARAM, RANK_KEY = "rank", "rank_level"  # the URL parameter and the widget's key


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


OWN_OPEN = "own_open"  # session key: the ranking's row of its own was clicked (its list opens)


def on_pick(key: str, tree: RegionTree, own: str | None = None) -> Callable[[], None]:
    """A chart's selection callback: drill into the region of the clicked bar or shape; the bar of
    the row of its own (code `own`: 莆田市本级（未落区县）) is no region to go into: it opens its list."""

    def picked() -> None:
        points = st.session_state[key]["selection"]["points"]
        data = points[0].get("customdata") if points else None
        code = data[0] if isinstance(data, list) else data
        if own is not None and code == own:
            st.session_state[OWN_OPEN] = True
        elif isinstance(code, str) and code in tree:
            go([code], tree)

    return picked


def place_name(view: View, tree: RegionTree, lang: Lang) -> str:
    """Where a page stands, in words: 全国 (or the top of the data), 四川省, 所选地区."""
    if view.several:
        return t("region.several", lang)
    return top_name(view, tree, lang) if view.node is None else tree.label.get(view.node, view.node)


def drill_list(
    view: View, tree: RegionTree, lang: Lang, codes: list[str], level: str | None = None
) -> None:
    """A list to drill into one of the ranked regions (as clicking its bar does)."""

    def chosen() -> None:
        code = st.session_state.get("drill_pick")
        st.session_state["drill_pick"] = None
        if code in tree:
            go([code], tree)

    st.selectbox(
        t("region.pick", lang, level=level_word(level or view.level, lang)),
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


NATION = "100000"  # the country's code: where a 民政部 organization (or payment) is known at


def own_funding_code(view: View) -> str | None:
    """The code whose money lies in none of the ranked regions: the region shown (the country at
    the top); none when several regions are chosen side by side or at a leaf."""
    if view.several or view.leaf:
        return None
    return view.node or NATION


def own_named(ranking: pl.DataFrame, view: View, tree: RegionTree, lang: Lang) -> pl.DataFrame:
    """Name a ranking's row of its own (is_unassigned) as the region's row of its own in the
    coverage marts (莆田市本级（未落区县）), or, for a region without one (money only), in words of
    the same form."""
    if "is_unassigned" not in ranking.columns or not ranking["is_unassigned"].any():
        return ranking
    if view.node in tree.own:
        name = tree.own[view.node][1]
    else:
        region = tree.name.get(view.node, view.node) if view.node else t("region.nation", lang)
        name = t(f"region.own_{view.level or 'county'}", lang, region=region)
    unassigned = pl.col("is_unassigned")
    return ranking.with_columns(
        pl.when(unassigned).then(pl.lit(name)).otherwise(pl.col("region_name")).alias("region_name")
    )


def rank_level(view: View, tree: RegionTree, lang: Lang) -> tuple[str | None, tuple[str, ...]]:
    """The level a page ranks, chosen apart from the region it stands in (`?rank=`): the regions
    one level below (default), or every prefecture or county of the country or the region. Returns
    the level and the regions ranked at it (within the viewer's scope: the tree holds no other)."""
    levels = tree.rank_levels(view)
    asked = ui.url_value(RANK_PARAM, levels)  # a level this view does not offer is named in a note
    if len(levels) < 2:
        ui.keep_in_url(RANK_PARAM, None)
        return view.level, view.ranked
    if st.session_state.get(RANK_KEY) not in levels:  # the URL's value the first time
        st.session_state[RANK_KEY] = asked or view.level or levels[0]
    where = (
        top_name(view, tree, lang) if view.node is None else tree.label.get(view.node, view.node)
    )
    chosen = st.segmented_control(
        t("rank.level", lang, where=ui.escape_md(where)),
        levels,
        key=sidebar.worded(RANK_KEY),
        format_func=lambda lvl: t("rank.all", lang, level=level_word(lvl, lang)),
        required=True,
        help=t("rank.help", lang),
    )
    level = chosen if chosen in levels else view.level
    ui.keep_in_url(RANK_PARAM, None if level == view.level else level)
    return level, tree.ranked_at(view, level)


def ranked_names(
    frame: pl.DataFrame, view: View, tree: RegionTree, level: str | None
) -> pl.DataFrame:
    """A ranking deeper than the level below the view names each region with the one above it
    (河源市 · 广东省): its parent is not on the page."""
    if level == view.level or level is None or frame.is_empty():
        return frame
    codes = frame["region_code"].unique().to_list()
    shown = {c: tree.with_parent(c) for c in codes if c in tree}
    named = pl.col("region_code").replace_strict(shown, default=pl.col("region_name"))
    if "is_unassigned" in frame.columns:  # 莆田市本级（未落区县） keeps its own words
        named = pl.when(pl.col("is_unassigned")).then(pl.col("region_name")).otherwise(named)
    return frame.with_columns(named.alias("region_name"))
