"""资金 Funding: per region (one level below the selection, or every prefecture or county of it), source
and year; per linked organization and resident; top recipients; projects. Breadcrumbs and a drill as
on Coverage."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.core import labels
from dashboard.core.charts import ranked_ends
from dashboard.core.numbers import fmt_int, fmt_money, money_unit
from dashboard.core.words import t
from dashboard.frame import counts, navigate, ui
from dashboard.funding import charts, columns, delivery, queries

TOP = 20  # recipients listed (all of them counted)
BAR_ENDS = 20  # more than 2 x BAR_ENDS regions: bars for the largest and smallest BAR_ENDS only

f = ui.filters()
lang = f.lang
tree = ui.tree()
place = tree.view(f.regions)
navigate.breadcrumbs(place, tree, lang)
level, ranked = navigate.rank_level(place, tree, lang)
word = navigate.level_word(level if place.ranked else tree.level.get(place.node or ""), lang)
# money filed with the region's own code: a row of its own beside the regions one level below
own = navigate.own_funding_code(place) if level == place.level else None
by_region = queries.funding_by_region(f, list(ranked or [c for c in [place.node] if c]), own)
by_region = navigate.own_named(by_region, place, tree, lang)
by_region = navigate.ranked_names(by_region, place, tree, level)
by_source = queries.funding_by_source(f)

totals = queries.funding_totals(f)
unit = money_unit(totals["amount_yuan"], lang)  # 亿元 or 万元 for every card, bar, axis of the page
ui.cards(
    [(t("funding.total", lang, year=f.year), fmt_money(totals["amount_yuan"], lang, unit)),
     (t("col.records", lang), fmt_int(totals["records"])),
     (t("col.recipients", lang), fmt_int(totals["recipients"]))],
    ["fig.funding_amount_yuan", "col.records", "col.recipients"],
)  # fmt: skip

if by_region.is_empty():
    ui.empty()
else:
    ends = charts.ends(by_region, lang, unit)  # the least and the most, named
    if ends:
        where = navigate.place_name(place, tree, lang)
        st.markdown(
            ui.said("funding.ends_sentence", lang, where=where, level=word, year=f.year, **ends)
        )
    shown = ranked_ends(by_region, BAR_ENDS)
    left, right = st.columns(2)
    with left:
        ui.chart(
            lambda: charts.money_bars(
                shown,
                "region_name",
                t("funding.by_region", lang, year=f.year, level=word),
                lang,
                unit,
            ),
            shown,
            columns.FUNDING_REGION,
            t("funding.district_file", "zh"),
            "fund_district",
        )
        if shown.height < by_region.height:
            st.caption(t("funding.ends", lang, total=by_region.height, n=BAR_ENDS, level=word))
    with right:
        sources = by_source.with_columns(
            labels.vocab("source", "funding_source", lang).alias("source_label")
        )
        ui.chart(
            lambda: charts.money_bars(
                sources, "source_label", t("funding.by_source", lang, year=f.year), lang, unit
            ),
            by_source,
            columns.FUNDING_SOURCE,
            t("funding.source_file", "zh"),
            "fund_source",
        )
    if place.ranked:
        regions = by_region.filter(~pl.col("is_unassigned"))["region_code"].to_list()
        navigate.drill_list(place, tree, lang, regions, level)
    st.subheader(t("funding.per_head", lang, year=f.year, level=word))
    st.caption(t("funding.per_head_note", lang))
    if not ui.hub_data():  # per linked organization: blank, and why
        ui.no_hub_data()
    ui.table(by_region, columns.FUNDING_REGION, t("funding.district_file", "zh"), "fund_table")

by_year = queries.funding_by_year(f).filter(pl.col("year") <= f.year)  # up to the year-end shown
if not by_year.is_empty():
    fig = lambda: charts.stacked_years(by_year, lang, t("funding.by_year", lang, year=f.year), unit)  # noqa: E731
    ui.chart(fig, by_year, columns.FUNDING_YEAR, t("funding.year_file", "zh"), "fund_years")

st.subheader(t("funding.top", lang, year=f.year))
top = queries.top_recipients(f, TOP)
if top.height:
    st.caption(counts.rows_note(top.height, int(top["total"][0]), lang, "funding.top_cut"))
ui.table(top, columns.RECIPIENTS, t("funding.top_file", "zh"), "top")

st.subheader(t("funding.projects", lang, year=f.year))
# only the tab shown is computed and drawn (a click on another reruns the page): four charts per
# render were the most of this page's figures, three of them hidden (docs/scale.md)
tabs = st.tabs(
    [t(f"col.{dim}", lang) for dim in queries.PROJECT_DIMS], key="proj_tab", on_change="rerun"
)
for tab, dim in zip(tabs, queries.PROJECT_DIMS, strict=True):
    with tab:
        if not tab.open:
            continue
        rows = queries.projects_by(f, dim)
        if rows.is_empty():
            ui.empty()
            continue
        title = t("funding.projects_by", lang, by=t(f"col.{dim}", lang))
        file = t("funding.projects_file", "zh", by=t(f"col.{dim}", "zh"))
        ui.chart(
            lambda rows=rows, dim=dim, title=title: charts.project_bars(
                rows, dim, lang, title, unit
            ),
            rows,
            columns.projects_by(dim),
            file,
            f"proj_{dim}",
        )
delivery.show(f, place, word)
ui.definitions(["fig.funding_amount_yuan", "fig.projects_started", "fig.linked_orgs",
                "fig.providers_4a_plus", "fig.projects_evaluated"])  # fmt: skip
