"""The shared sidebar: filter widgets seeded from the URL, read into a Filters value, written back to the URL."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from dashboard.filters import HUB_TYPES, LEVELS, ORG_TYPES, PARAMS, SOURCES, Allowed, Filters
from dashboard.i18n import Lang, label, t

# page url_path -> the filters that concern its figures
PAGE_FILTERS: dict[str, tuple[str, ...]] = {
    "": ("year", "base_year", "districts", "levels", "hub_types", "org_types", "sources"),
    "coverage": ("year", "districts", "levels", "hub_types", "org_types", "sources"),
    "funding": ("year", "districts", "levels", "hub_types", "org_types", "sources"),
    "organizations": (),
    "quality": (),
    "changes": ("year",),
}
_KEYS = {name: f"f_{name}" for name in PAGE_FILTERS[""]}


def language() -> Lang:
    """The language: the switch once it exists, else the URL's lang parameter."""
    english = st.session_state.get("f_en", st.query_params.get("lang") == "en")
    return "en" if english else "zh"


def _canonical(allowed: Allowed, lang: Lang) -> Filters:
    previous: Filters | None = st.session_state.get("_filters")
    params = previous.to_params() if previous else {k: st.query_params.get_all(k) for k in PARAMS}
    as_lists = {k: v if isinstance(v, list) else [v] for k, v in params.items()}
    return Filters.from_params(
        {**as_lists, "lang": [lang]}, allowed
    )  # re-validated: a refresh may drop values


def _seed(canon: Filters, allowed: Allowed) -> None:
    for name, key in _KEYS.items():
        value = st.session_state.get(key)
        if name in ("year", "base_year"):
            valid = value in allowed.years
        else:
            valid = isinstance(value, list) and set(value) <= set(_choices(name, allowed))
        if not valid:
            value = getattr(canon, name)
            st.session_state[key] = value if isinstance(value, int) else list(value)
    # a baseline no later than the year-end: the year just chosen pulls a later baseline down to it
    st.session_state["f_base_year"] = min(
        st.session_state["f_base_year"], st.session_state["f_year"]
    )


def _choices(name: str, allowed: Allowed) -> tuple[str, ...]:
    return {
        "districts": allowed.districts,
        "levels": LEVELS,
        "hub_types": HUB_TYPES,
        "org_types": ORG_TYPES,
        "sources": SOURCES,
    }[name]


def _reset(allowed: Allowed, lang: Lang) -> None:
    default = Filters.from_params({"lang": [lang]}, allowed)
    st.session_state["_filters"] = default
    for name, key in _KEYS.items():
        value = getattr(default, name)
        st.session_state[key] = value if isinstance(value, int) else list(value)


def _widgets(page: str, allowed: Allowed, names: Mapping[str, str], lang: Lang) -> None:
    shown = PAGE_FILTERS.get(page, ())
    years = sorted(allowed.years, reverse=True)
    year_end = lambda y: t("filter.year_end", lang, year=y)  # noqa: E731
    vocab_of = {
        "levels": "hub_level",
        "hub_types": "hub_type",
        "org_types": "org_type",
        "sources": "funding_source",
    }
    if "year" in shown:
        st.selectbox(t("filter.year", lang), years, key="f_year", format_func=year_end)
    if "base_year" in shown:
        st.selectbox(
            t("filter.base", lang),
            [y for y in years if y <= st.session_state["f_year"]],
            key="f_base_year",
            format_func=year_end,
        )
    if "districts" in shown:
        st.multiselect(
            t("filter.districts", lang),
            allowed.districts,
            key="f_districts",
            format_func=lambda c: names.get(c, c),
            placeholder=t("filter.all", lang),
        )
    for name in ("levels", "hub_types", "org_types", "sources"):
        if name in shown:
            vocabulary = vocab_of[name]
            st.multiselect(
                t(f"filter.{name}", lang),
                _choices(name, allowed),
                key=f"f_{name}",
                format_func=lambda c, v=vocabulary: label(v, c, lang),
                placeholder=t("filter.all", lang),
            )
    if shown:
        st.button(t("filter.reset", lang), on_click=_reset, args=(allowed, lang), key="f_reset")
    else:
        st.caption(t("app.not_applicable", lang))


def render(page: str, allowed: Allowed, names: Mapping[str, str], lang: Lang) -> Filters:
    """Draw the filters that concern this page; return the whole selection and keep it in the URL."""
    canon = _canonical(allowed, lang)
    _seed(canon, allowed)
    with st.sidebar:
        st.subheader(t("filter.header", lang))
        _widgets(page, allowed, names, lang)
        st.toggle(t("filter.english", lang), key="f_en", value=lang == "en")
    shown = PAGE_FILTERS.get(page, ())
    values = {
        name: (st.session_state[_KEYS[name]] if name in shown else getattr(canon, name))
        for name in _KEYS
    }
    params = Filters(
        **{k: (v if isinstance(v, int) else tuple(v)) for k, v in values.items()}, lang=lang
    ).to_params()
    selection = Filters.from_params(
        {k: v if isinstance(v, list) else [v] for k, v in params.items()}, allowed
    )
    st.session_state["_filters"] = selection
    _sync_url(selection)
    return selection


def _sync_url(f: Filters) -> None:
    want = f.to_params()
    for key in PARAMS:
        value = want.get(key)
        if value is None:
            if key in st.query_params:
                del st.query_params[key]
            continue
        values = value if isinstance(value, list) else [value]
        if st.query_params.get_all(key) != values:
            st.query_params[key] = values
