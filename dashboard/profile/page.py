"""社会组织概况 Register profile: the summary, type and level, registration mode, ratings, party and
union coverage, service domains, the trend and purchased services; every figure drills to its organizations."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard.core.export import Col
from dashboard.core.numbers import fmt_int
from dashboard.core.words import labels, t
from dashboard.frame import counts, sidebar, ui
from dashboard.profile import charts, columns, hub_facts, picks, queries, summary, ways
from dashboard.profile import tables as profile

f = ui.filters()
lang = f.lang
p = profile.load(f)
tabs = profile.tables(p, lang)
names = ui.tree().label
region = summary.region_word(p.extent, [names.get(c, c) for c in f.regions], lang)
facts = summary.facts(tabs, p.missing, p.cells)
delivered = set(p.extent.get("delivered") or ())  # type: ignore[call-overload]
levels = profile.levels_present(p.cells)
LIMIT = 2000  # organizations listed (and downloaded) behind one figure


def _clicked(chart: str) -> None:
    points = st.session_state[f"fig_{chart}"]["selection"]["points"]
    data = points[0].get("customdata") if points else None
    data = data[0] if isinstance(data, list) else data
    if isinstance(data, str) and picks.parse(data, p.missing) is not None:
        st.session_state["pick"] = data


def _missing(column: str) -> bool:
    """Whether a column was not delivered; if so, say so where its figures would be."""
    if column in p.missing:
        st.info(profile.note(column, lang), icon="ℹ️")
    return column in p.missing


def _table(frame: pl.DataFrame, cols: Sequence[Col], name: str) -> None:
    ui.table(frame, cols, t(f"profile.{name}_file", "zh"), name)


def _chart(
    build: Callable[[], go.Figure], rows: pl.DataFrame, cols: Sequence[Col], name: str
) -> None:
    """A profile chart whose bars drill (a click lists the organizations behind the bar); the figure
    is built on a cache miss only, and depends on the columns not delivered too."""
    file = t(f"profile.{name}_chart_file", "zh")
    ui.chart(build, rows, cols, file, f"{name}_chart",
             on_select=lambda: _clicked(f"{name}_chart"), parts=(p.missing,))  # fmt: skip


ui.url_choice("pick", lambda k: picks.parse(k, p.missing) is not None)
pick = st.session_state["pick"]
ui.keep_in_url("pick", pick)
if pick is not None:
    criteria = picks.parse(pick, p.missing) or {}
    st.button(
        f"← {t('page.profile', lang)}", on_click=st.session_state.update, kwargs={"pick": None}
    )
    filed = picks.FILED in criteria
    orgs = queries.profile_filed(f, LIMIT) if filed else queries.profile_orgs(f, criteria, LIMIT)
    total = orgs["total"][0] if orgs.height else 0
    what, n = picks.words(criteria, lang), fmt_int(total)
    st.caption(t("profile.drill_count", lang, what=what, n=n))
    if total > orgs.height:
        st.caption(counts.rows_note(orgs.height, total, lang, "profile.drill_cut"))
    shown = columns.profile_orgs(p.missing, delivered, filed)
    file = t("profile.orgs_file", "zh", what=picks.words(criteria, "zh"))
    ui.table(orgs, shown, file, "profile_orgs")
    st.stop()

st.subheader(t("profile.summary", lang))
st.text(summary.sentence(facts, p.missing, region, f.year, lang))
st.text(summary.hub_sentence(hub_facts.load(f), region, f.year, lang))
if not facts["active"]:
    st.stop()
ui.cards(summary.cards(facts, p.missing, lang), summary.card_keys(facts))
offered = picks.choices(p.missing, levels, p.filed is not None)
st.selectbox(t("profile.pick", lang), offered, key=sidebar.worded("pick"),
             format_func=lambda k: picks.words(picks.parse(k) or {}, lang),
             placeholder=t("profile.pick_none", lang))  # fmt: skip

# Each table across the page, its chart under it: beside a chart, half the page was too narrow for
# a table's columns at 1280 px.
st.subheader(t("profile.type_level", lang))
_missing("registration_level")
_table(tabs.type_level, columns.type_level(levels), "type_level")
rows = charts.type_level_rows(tabs.type_level)
build = lambda: charts.type_level(tabs.type_level, p.missing, lang)[0]  # noqa: E731
_chart(build, rows, columns.type_level(levels), "type_level")
st.caption(t("profile.click_hint", lang))
st.subheader(t("profile.modes", lang))  # across the page: in half of it, "直接登记占比" was cut
if not _missing("registration_mode"):
    _table(tabs.modes, columns.PROFILE_MODES, "modes")
st.subheader(t("profile.ratings", lang))
if not _missing("rating"):
    rows = charts.ratings_rows(tabs.ratings)
    build = lambda: charts.ratings(tabs.ratings, lang)[0]  # noqa: E731
    _chart(build, rows, columns.PROFILE_RATINGS, "ratings")
st.subheader(t("profile.party_union", lang))
_missing("has_party_org")
_missing("has_union")
_missing(profile.HUB_LINKS)  # linked and not linked: only with hub data
_table(tabs.party_union, columns.PROFILE_PARTY_UNION, "party_union")
if not {"has_party_org", "has_union"} <= set(p.missing):
    build = lambda: charts.party_union(tabs.party_union, p.missing, lang)  # noqa: E731
    _chart(build, tabs.party_union, columns.PROFILE_PARTY_UNION, "party_union")
st.subheader(t("profile.ways", lang))
_missing("union_form")
_missing("party_org_form")
if ways.provided(p.missing):
    st.caption(t("profile.ways_note", lang))
    _table(ways.table(p.cells, p.missing, lang), columns.PROFILE_WAYS, "ways")
st.subheader(t("profile.domains", lang))
if not _missing("service_domain"):
    _chart(
        lambda: charts.domains(tabs.domains, lang),
        tabs.domains,
        columns.PROFILE_DOMAINS,
        "domains",
    )
    _table(tabs.domains, columns.PROFILE_DOMAINS, "domains")

st.subheader(t("profile.trend", lang, year=f.year))
series = profile.trend(p.series, p.missing)
for slot, name in zip(st.columns(2), charts.TRENDS, strict=True):
    with slot:
        if name == "trend_rates" and not charts.has_rates(series):  # in words, not an empty chart
            st.info(profile.note(profile.HUB_LINKS, lang), icon="ℹ️")
            continue
        ui.chart(
            lambda name=name: charts.trend(series, name, lang),
            series,
            columns.PROFILE_TREND,
            t(f"profile.{name}_file", "zh"),
            name,
            parts=(p.missing,),
        )

st.subheader(t("profile.projects", lang, year=f.year))
projects = queries.projects_by_category_year(f)
since = projects["records_from"][0] if projects.height else None
st.caption(t("profile.projects_note", lang, since=since or "—"))
if projects.is_empty():
    ui.empty("app.none_recorded")
else:
    fig = lambda: charts.category_years(projects, labels("project_category", lang),  # noqa: E731
                                        t("profile.projects_chart", lang),
                                        t("profile.projects_first", lang))  # fmt: skip
    ui.chart(
        fig,
        projects,
        columns.PROFILE_PROJECTS,
        t("profile.projects_chart_file", "zh"),
        "projects_chart",
    )
    _table(projects, columns.PROFILE_PROJECTS, "projects")
ui.definitions(["fig.active_orgs", "fig.linked_orgs", "profile.direct", "profile.rated_4a_plus",
                "profile.party_share", "profile.union_formal", "profile.union_effective",
                "profile.party_formal", "profile.party_effective", "profile.staff_avg",
                "profile.not_provided"])  # fmt: skip
