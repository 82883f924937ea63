"""资金 Funding: per region (one level below the selection), source and year; per linked organization
and resident; top recipients; projects. Breadcrumbs and a drill as on Coverage."""

from __future__ import annotations

import streamlit as st

from dashboard.core import labels
from dashboard.core.numbers import fmt_int, fmt_money
from dashboard.core.words import t
from dashboard.frame import navigate, ui
from dashboard.funding import charts, columns, queries

f = ui.filters()
lang = f.lang
tree = ui.tree()
place = tree.view(f.regions)
navigate.breadcrumbs(place, tree, lang)
word = navigate.level_word(place.level if place.ranked else tree.level.get(place.node or ""), lang)
by_region = queries.funding_by_region(f, list(place.ranked or [c for c in [place.node] if c]))
by_source = queries.funding_by_source(f)

totals = queries.funding_totals(f)
cards = st.columns(3)
cards[0].metric(
    t("funding.total", lang, year=f.year),
    fmt_money(totals["amount_yuan"], lang),
    border=True,
)
cards[1].metric(t("col.records", lang), fmt_int(totals["records"]), border=True)
cards[2].metric(t("col.recipients", lang), fmt_int(totals["recipients"]), border=True)

if by_region.is_empty():
    ui.empty()
else:
    left, right = st.columns(2)
    with left:
        ui.chart(
            lambda: charts.money_bars(
                by_region,
                "region_name",
                t("funding.by_region", lang, year=f.year, level=word),
                lang,
            ),
            by_region,
            columns.FUNDING_REGION,
            t("funding.district_file", "zh"),
            "fund_district",
        )
    with right:
        sources = by_source.with_columns(
            labels.vocab("source", "funding_source", lang).alias("source_label")
        )
        ui.chart(
            lambda: charts.money_bars(
                sources, "source_label", t("funding.by_source", lang, year=f.year), lang
            ),
            by_source,
            columns.FUNDING_SOURCE,
            t("funding.source_file", "zh"),
            "fund_source",
        )
    if place.ranked:
        navigate.drill_list(place, tree, lang, by_region["region_code"].to_list())
        own = float(totals["amount_yuan"]) - float(by_region["amount_yuan"].sum())
        if place.node and not place.several and own >= 0.01:  # filed with the region's own code
            name = tree.label.get(place.node, place.node)
            st.caption(t("funding.own_level", lang, amount=fmt_money(own, lang), region=name))
    st.subheader(t("funding.per_head", lang, year=f.year, level=word))
    st.caption(t("funding.per_head_note", lang))
    ui.table(by_region, columns.FUNDING_REGION, t("funding.district_file", "zh"), "fund_table")

by_year = queries.funding_by_year(f)
if not by_year.is_empty():
    fig = lambda: charts.stacked_years(by_year, lang, t("funding.by_year", lang))  # noqa: E731
    ui.chart(fig, by_year, columns.FUNDING_YEAR, t("funding.year_file", "zh"), "fund_years")

st.subheader(t("funding.top", lang, year=f.year))
ui.table(queries.top_recipients(f, 20), columns.RECIPIENTS, t("funding.top_file", "zh"), "top")

st.subheader(t("funding.projects", lang, year=f.year))
tabs = st.tabs([t(f"col.{dim}", lang) for dim in queries.PROJECT_DIMS])
for tab, dim in zip(tabs, queries.PROJECT_DIMS, strict=True):
    with tab:
        cols = columns.projects_by(dim)
        rows = queries.projects_by(f, dim)
        if rows.is_empty():
            ui.empty()
            continue
        title = t("funding.projects_by", lang, by=t(f"col.{dim}", lang))
        file = t("funding.projects_file", "zh", by=t(f"col.{dim}", "zh"))
        ui.chart(
            lambda rows=rows, dim=dim, title=title: charts.project_bars(rows, dim, lang, title),
            rows,
            cols,
            file,
            f"proj_{dim}",
        )
ui.definitions(["fig.funding_amount_yuan", "fig.projects_started", "fig.linked_orgs"])
