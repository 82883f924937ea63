"""总览 Overview: headline cards against a baseline, the change in words, each hub type's share, the trend."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from dashboard.changes import compare as changes
from dashboard.changes import note as revision
from dashboard.core.numbers import fmt_delta, fmt_multiple, fmt_value
from dashboard.core.words import has, t
from dashboard.frame import queries, release, ui
from dashboard.overview import briefing, columns, figures
from dashboard.overview.pack import briefing_zip

f = ui.filters()
lang = f.lang
since = changes.since_previous(f)  # nothing to say with one release only, or to a scoped viewer
if since is not None:
    before, summary = since
    st.info(
        revision.sentence(summary, before.run_id, release.minute(before), f.year, lang),
        icon=":material/difference:",
    )
    st.page_link("changes/page.py", label=t("chg.see", lang), icon=":material/difference:")
view = briefing.overview(f, ui.tree().view(f.regions).ranked)
now, base = figures.year_row(view.series, f.year), figures.year_row(view.series, f.base_year)

cards = figures.headline_figures(f)
same = f.base_year == f.year  # no change to show against itself
if not same:  # said once above the cards: a card's own line has no room for it at 1280 px
    st.caption(t("overview.cards_note", lang, year=f.base_year))
for start in range(0, len(cards), ui.CARDS_PER_ROW):
    row = cards[start : start + ui.CARDS_PER_ROW]
    for slot, (key, column, kind) in zip(st.columns(ui.CARDS_PER_ROW), row, strict=False):
        b, c = base[column], now[column]
        flow = "_year" if column in figures.FLOWS else ""  # a year's total, not a year-end stock
        delta = None if same or b is None or c is None else fmt_delta(kind, c - b, lang)
        times = figures.multiple(b, c) if kind == "count" else None
        if delta and times is not None:
            delta = t("overview.delta_times", lang, delta=delta, times=fmt_multiple(times, lang))
        slot.metric(
            t(f"card.{column}", lang) if has(f"card.{column}") else t(key, lang),
            fmt_value(kind, c, lang),
            delta,
            border=True,
            help=t(
                f"overview.card_{'help' if same else 'tip'}{flow}",
                lang,
                year=f.year,
                base=f.base_year,
            ),
        )

st.markdown(briefing.sentence(view.change, f))
for line in briefing.hub_lines(view, f, ui.tree().label, lang):  # plain text: region names
    st.text(line)

# one above the other: side by side, half the page was too narrow for their columns at 1280 px
st.subheader(t("overview.change", lang, base=f.base_year, year=f.year))
ui.table(view.change, columns.CHANGE, t("overview.change_file", "zh"), "change")
st.subheader(t("overview.types", lang))
st.caption(t("overview.types_note", lang))
ui.table(view.types, columns.TYPE_INCREASE, t("overview.types_file", "zh"), "types")

st.subheader(t("overview.trend", lang, year=f.year))
if view.series.is_empty():
    ui.empty()
else:
    left, right = st.columns(2)
    with left:
        ui.chart(
            lambda: briefing.trend_counts(view.series, lang),
            view.series,
            columns.TREND,
            t("overview.trend_counts_file", "zh"),
            "trend_counts",
        )
    with right:
        ui.chart(
            lambda: briefing.trend_rates(view.series, lang),
            view.series,
            columns.TREND,
            t("overview.trend_rates_file", "zh"),
            "trend_rates",
        )

st.subheader(t("overview.briefing", lang))
st.caption(t("overview.briefing_note", lang))
names, provenance = ui.tree().label, queries.provenance(f)
st.download_button(
    t("overview.briefing_button", lang),
    data=lambda: briefing_zip(briefing.pack(view, f, names, provenance)),  # built when clicked
    file_name=briefing.pack_name(f, provenance, datetime.now(), names),
    mime="application/zip",
    on_click="ignore",
    key="dl_briefing",
    type="primary",
    icon=":material/folder_zip:",
)
ui.definitions(
    [
        "fig.hubs_total",
        "fig.active_orgs",
        "fig.linked_orgs",
        "fig.coverage_rate",
        "fig.mass_org_share",
        "fig.funding_amount_yuan",
        "fig.projects_started",
        "col.multiple",
        "col.hub_type",
    ]
)
