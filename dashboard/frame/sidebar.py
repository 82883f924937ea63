"""The shared sidebar: filter widgets seeded from the URL, read into a Filters value, written back to the URL.

The region picker follows the hierarchy: province, prefecture, county (a level with a single region
is left out, so a one-city register shows its districts only); the selection is the deepest choice
of each branch. Pages move it with choose_regions (a drill, a breadcrumb).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import streamlit as st

from dashboard.core.filters import (
    HUB_TYPES,
    LEVELS,
    ORG_TYPES,
    PARAMS,
    SOURCES,
    Allowed,
    Filters,
    looks_like_region,
    refused,
)
from dashboard.core.regions import LEVELS as REGION_LEVELS
from dashboard.core.regions import RegionTree
from dashboard.core.words import Lang, label, t
from dashboard.frame import ui

# every filter of the sidebar; the router says which of them concern a page's figures
FILTERS = ("year", "base_year", "regions", "levels", "hub_types", "org_types", "sources")
_KEYS = {name: f"f_{name}" for name in FILTERS if name != "regions"}
PICK_KEYS = {"province": "f_provinces", "prefecture": "f_prefectures", "county": "f_districts"}
SCOPE_KEY = "_scope"  # the viewer's regions: set by the sign-in code only, never from the URL
_ALIASES = ("region", "district", "drill")  # `district` and the coverage page's old `drill`


def language() -> Lang:
    """The language: the switch once it exists, else the URL's lang parameter."""
    english = st.session_state.get("f_en", st.query_params.get("lang") == "en")
    return "en" if english else "zh"


def scope() -> tuple[str, ...]:
    """The region codes this viewer may see (empty: no restriction)."""
    return tuple(st.session_state.get(SCOPE_KEY, ()))


def _canonical(allowed: Allowed, tree: RegionTree, lang: Lang) -> Filters:
    previous: Filters | None = st.session_state.get("_filters")
    if previous:
        params = {k: v if isinstance(v, list) else [v] for k, v in previous.to_params().items()}
    else:  # the URL is read on a session's first run only: name what it refused
        params = {k: st.query_params.get_all(k) for k in PARAMS}
        _note_refused({**params, "drill": st.query_params.get_all("drill")}, allowed)
        asked = [c for key in _ALIASES for c in st.query_params.get_all(key)]
        params["region"], params["district"] = asked, []
    f = Filters.from_params({**params, "lang": [lang]}, allowed, scope())
    return replace(f, regions=tree.normalize(f.regions))  # re-validated: a refresh may drop values


def _note_refused(params: dict[str, list[str]], allowed: Allowed) -> None:
    """Keep the URL values the allowlists refused for the notes, each in one note only: for a viewer
    with a scope, a region code it may not see goes to the picker's note (outside your regions), every
    other refused value to the page's (app.py, ui.url_note)."""
    pairs = refused(params, allowed)
    outside = tuple(
        (key, value)
        for key, value in pairs
        if scope() and key in _ALIASES and looks_like_region(value)
    )
    st.session_state["_url_refused"] = tuple(p for p in pairs if p not in outside)
    if outside:
        st.session_state["_outside_scope"] = outside


def _seed(canon: Filters, allowed: Allowed, tree: RegionTree) -> None:
    for name, key in _KEYS.items():
        value = st.session_state.get(key)
        if name in ("year", "base_year"):
            valid = value in allowed.years
        else:
            valid = isinstance(value, list) and set(value) <= set(_choices(name))
        if not valid:
            value = getattr(canon, name)
            st.session_state[key] = value if isinstance(value, int) else list(value)
    # a baseline no later than the year-end: the year just chosen pulls a later baseline down to it
    st.session_state["f_base_year"] = min(
        st.session_state["f_base_year"], st.session_state["f_year"]
    )
    picks = {lvl: st.session_state.get(key) for lvl, key in PICK_KEYS.items()}
    if not all(
        isinstance(v, list) and all(c in tree and tree.level[c] == lvl for c in v)
        for lvl, v in picks.items()
    ):
        picks = dict(tree.split(canon.regions))
    for lvl in REGION_LEVELS:  # a choice whose region above was dropped goes with it
        options = set(tree.options(lvl, picks))
        picks[lvl] = [c for c in picks[lvl] if c in options]
        st.session_state[PICK_KEYS[lvl]] = picks[lvl]


# the sidebar's widgets whose options are shown in words of the language (a page's: worded())
RELABELLED = (*_KEYS.values(), *PICK_KEYS.values())
_WORDED = "_worded"  # session key: the page widgets noted by worded()


def worded(key: str) -> str:
    """A page widget whose options are shown in words: its key, noted so that the language switch
    sends its words anew (see _relabel)."""
    st.session_state.setdefault(_WORDED, {})[key] = None
    return key


def _relabel() -> None:
    """On the language switch, write every worded widget's value back into the state, so the browser
    is sent its words in the new language: Streamlit keys a widget's value by the words shown, and
    kept showing 2016年底 after the switch to English."""
    for key in (*RELABELLED, *st.session_state.get(_WORDED, {})):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def _choices(name: str) -> tuple[str, ...]:
    return {"levels": LEVELS, "hub_types": HUB_TYPES, "org_types": ORG_TYPES, "sources": SOURCES}[
        name
    ]


def choose_regions(codes: list[str], tree: RegionTree) -> None:
    """Make these regions the selection (a callback: a drill, a breadcrumb); [] = everything."""
    regions = tree.normalize(codes)
    previous: Filters | None = st.session_state.get("_filters")
    if previous is not None:
        st.session_state["_filters"] = replace(previous, regions=regions)
    for lvl, picks in tree.split(regions).items():
        st.session_state[PICK_KEYS[lvl]] = picks
    st.session_state.pop("_outside_scope", None)


def _reset(allowed: Allowed, lang: Lang) -> None:
    default = Filters.from_params({"lang": [lang]}, allowed, scope())
    st.session_state["_filters"] = default
    for name, key in _KEYS.items():
        value = getattr(default, name)
        st.session_state[key] = value if isinstance(value, int) else list(value)
    for key in PICK_KEYS.values():
        st.session_state[key] = []
    st.session_state.pop("_outside_scope", None)


def _picker(tree: RegionTree, lang: Lang) -> None:
    """Province, prefecture and county choices, each inside the choices above it."""
    picks = {lvl: list(st.session_state[key]) for lvl, key in PICK_KEYS.items()}
    for lvl in REGION_LEVELS:
        if sum(1 for c in tree.codes() if tree.level[c] == lvl) < 2 and not picks[lvl]:
            continue  # one region at this level: choosing it changes nothing
        picks[lvl] = st.multiselect(
            t(f"filter.{lvl}", lang),
            tree.options(lvl, picks),
            key=PICK_KEYS[lvl],
            format_func=lambda c: tree.label.get(c, c),
            placeholder=t("filter.all", lang),
            select_all=False,  # an empty choice is "all" already; the option's text is English only
        )


def _outside_note(lang: Lang) -> None:
    """The link's regions outside the viewer's scope, named (until the regions are chosen again)."""
    outside = st.session_state.get("_outside_scope")
    if outside:
        st.caption(t("filter.outside_scope", lang, values=ui.url_values(outside, lang)))


def _widgets(shown: Sequence[str], allowed: Allowed, tree: RegionTree, lang: Lang) -> None:
    years = sorted(allowed.years, reverse=True)
    year_end = lambda y: t("filter.year_end", lang, year=y)  # noqa: E731
    vocab_of = {
        "levels": "hub_level",
        "hub_types": "hub_type",
        "org_types": "org_type",
        "sources": "funding_source",
    }
    if "year" in shown:
        st.selectbox(
            t("filter.year", lang),
            years,
            key="f_year",
            format_func=year_end,
            placeholder=t("app.choose", lang),
        )
    if "base_year" in shown:
        st.selectbox(
            t("filter.base", lang),
            [y for y in years if y <= st.session_state["f_year"]],
            key="f_base_year",
            format_func=year_end,
            placeholder=t("app.choose", lang),
        )
    if "regions" in shown:
        _picker(tree, lang)
    _outside_note(lang)  # on every page: the link's values are dropped from the URL on every page
    for name in ("levels", "hub_types", "org_types", "sources"):
        if name in shown:
            vocabulary = vocab_of[name]
            st.multiselect(
                t(f"filter.{name}", lang),
                _choices(name),
                key=f"f_{name}",
                format_func=lambda c, v=vocabulary: label(v, c, lang),
                placeholder=t("filter.all", lang),
                select_all=False,
            )
    if shown:
        st.button(t("filter.reset", lang), on_click=_reset, args=(allowed, lang), key="f_reset")
    else:
        st.caption(t("app.not_applicable", lang))


def render(shown: Sequence[str], allowed: Allowed, tree: RegionTree, lang: Lang) -> Filters:
    """Draw the filters that concern this page (`shown`); return the whole selection and keep it in
    the URL."""
    canon = _canonical(allowed, tree, lang)
    _seed(canon, allowed, tree)
    with st.sidebar:
        st.subheader(t("filter.header", lang))
        _widgets(shown, allowed, tree, lang)
        st.toggle(t("filter.english", lang), key="f_en", value=lang == "en", on_change=_relabel)
    values = {
        name: (st.session_state[_KEYS[name]] if name in shown else getattr(canon, name))
        for name in _KEYS
    }
    picks = {lvl: st.session_state[key] for lvl, key in PICK_KEYS.items()}
    regions = tree.join(picks) if "regions" in shown else canon.regions
    params = Filters(
        **{k: (v if isinstance(v, int) else tuple(v)) for k, v in values.items()},
        regions=regions,
        lang=lang,
    ).to_params()
    selection = Filters.from_params(
        {k: v if isinstance(v, list) else [v] for k, v in params.items()}, allowed, scope()
    )
    st.session_state["_filters"] = selection
    _sync_url(selection)
    return selection


def _sync_url(f: Filters) -> None:
    want = f.to_params()
    for key in (*PARAMS, "drill"):
        value = want.get(key)
        if value is None:
            if key in st.query_params:
                del st.query_params[key]
            continue
        values = value if isinstance(value, list) else [value]
        if st.query_params.get_all(key) != values:
            st.query_params[key] = values
