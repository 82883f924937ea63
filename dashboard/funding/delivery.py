"""资金: who can deliver purchased services (the provider's rating and registration type, per region and
year, how many projects each provider holds) and who evaluated the completed ones (自评 named as
such); figures whose column was not delivered say 未提供, never 0."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dashboard.core.filters import Filters
from dashboard.core.numbers import fmt_int, fmt_rate
from dashboard.core.regions import View
from dashboard.core.words import Lang, t
from dashboard.frame import ui
from dashboard.funding import charts, columns, providers, queries
from schemas.tables import TABLES_BY_NAME

# the columns a missing figure names, as the clerk's file heads them
HEADERS = {
    "rating_band": ("organizations", ("rating",)),
    "registration_mode": ("organizations", ("registration_mode", "supervising_unit")),
    "evaluation": ("projects", ("evaluation_grade", "evaluator", "evaluation_kind")),
    "evaluator": ("projects", ("evaluator", "evaluation_kind")),
}


def note(figure: str, lang: Lang) -> None:
    """Say that a figure is not provided, naming the columns the delivery lacks."""
    table, names = HEADERS[figure]
    header = "、".join(TABLES_BY_NAME[table].column(c).aliases[0] for c in names)
    what = t(f"funding.lacks_{figure}", lang)
    column = ", ".join(names)
    st.info(t("funding.missing_note", lang, header=header, column=column, what=what), icon="ℹ️")


def _cards(totals: dict[str, object], rated: bool, lang: Lang) -> None:
    na = t("funding.not_provided", lang)
    money, four_a = totals["contract_amount_yuan"], totals["amount_4a_plus"]
    share = providers.share(four_a, money) if rated else None  # type: ignore[arg-type]
    ui.cards([
        (t("funding.providers_count", lang), fmt_int(totals["providers"])),  # type: ignore[arg-type]
        (t("funding.share_4a_plus", lang), fmt_rate(share) if rated else na),
        (t("funding.providers_4a_plus", lang),
         fmt_int(totals["providers_4a_plus"]) if rated else na),  # type: ignore[arg-type]
    ], ["col.providers", "col.share_4a_plus", "fig.providers_4a_plus"])  # fmt: skip


def _attributes(f: Filters, delivered: Sequence[str], lang: Lang) -> None:
    """Projects, money and providers by rating band, organization type and registration mode."""
    dims = list(queries.PROVIDER_DIMS)
    # only the tab shown is drawn (a click on another reruns the page), as the project tabs
    tabs = st.tabs([t(f"funding.by_{d}", lang) for d in dims], key="prov_tab", on_change="rerun")
    for tab, by in zip(tabs, dims, strict=True):
        with tab:
            if not tab.open:
                continue
            if by in providers.NEEDS and providers.lacks(by, delivered):
                note(by, lang)
                continue
            rows = providers.by_attribute(queries.providers_by(f, by), by, lang)
            file = t("funding.providers_file", "zh", by=t(f"funding.by_{by}", "zh"))
            ui.table(rows, columns.providers_by(by), file, f"prov_{by}")


def _regions(f: Filters, place: View, rated: bool, word: str, lang: Lang) -> None:
    if not place.ranked:
        return
    st.subheader(t("funding.providers_region", lang, year=f.year, level=word))
    rows = queries.providers_by_region(f, list(place.ranked))
    rows = providers.with_4a_share(rows.sort("contract_amount_yuan", descending=True), rated)
    ui.table(rows, columns.PROVIDER_REGIONS, t("funding.providers_region_file", "zh"), "prov_reg")


def _years(f: Filters, rated: bool, lang: Lang) -> None:
    rows = providers.with_4a_share(queries.providers_by_year(f), rated)
    if rows.is_empty():
        return
    title, file = t("funding.providers_years", lang), t("funding.providers_years_file", "zh")
    if not rated:
        ui.table(rows, columns.PROVIDER_YEARS, file, "prov_years")
        return
    name = t("col.share_4a_plus", lang)
    build = lambda: charts.share_4a_years(rows, title, name)  # noqa: E731
    ui.chart(build, rows, columns.PROVIDER_YEARS, file, "prov_years")


def _counts(f: Filters, lang: Lang) -> None:
    st.subheader(t("funding.by_count", lang, year=f.year))
    rows = providers.by_count(queries.providers_by_count(f), lang)
    title, file = t("funding.by_count_chart", lang), t("funding.by_count_file", "zh")
    ui.chart(lambda: charts.provider_counts(rows, lang, title), rows, columns.PROVIDER_COUNTS,
             file, "prov_counts")  # fmt: skip


def show(f: Filters, place: View, word: str) -> None:
    """Both sections: who delivers the projects started in the selected year, who evaluated the
    completed ones (`word`: what the ranked regions are called, 区县 or 地市)."""
    totals = queries.provider_totals(f)
    delivered = list(totals["delivered"] or [])  # type: ignore[call-overload]
    _providers(f, totals, delivered, place, word)
    _evaluation(f, delivered)


def _providers(
    f: Filters, totals: dict[str, object], delivered: list[str], place: View, word: str
) -> None:
    lang = f.lang
    st.subheader(t("funding.providers", lang, year=f.year))
    st.caption(t("funding.providers_note", lang))
    if not totals["projects"]:
        ui.empty()
        return
    rated = not providers.lacks("rating_band", delivered)
    _cards(totals, rated, lang)  # the rating tab says which column is missing
    _attributes(f, delivered, lang)
    _regions(f, place, rated, word, lang)
    _years(f, rated, lang)
    _counts(f, lang)


def _evaluation(f: Filters, delivered: list[str]) -> None:
    lang = f.lang
    st.subheader(t("funding.evaluation", lang, year=f.year))
    st.caption(t("funding.evaluation_note", lang))
    if all(column.partition(".")[0] != "projects" for column in delivered):  # no projects file
        ui.empty("app.none_recorded")
        return
    if providers.lacks("evaluation", delivered):
        note("evaluation", lang)
        return
    table = providers.evaluation(queries.evaluation(f), lang)
    if table.is_empty():
        ui.empty()
        return
    facts, who = providers.evaluation_facts(table), not providers.lacks("evaluator", delivered)
    na = t("funding.not_provided", lang)
    st.caption(t("funding.completed", lang, n=fmt_int(facts["completed"])))
    ui.cards([
        (t("funding.evaluated_share", lang), fmt_rate(facts["evaluated_share"])),
        (t("funding.third_party_share", lang), fmt_rate(facts["third_party_share"]) if who else na),
        (t("funding.self_share", lang), fmt_rate(facts["self_share"]) if who else na),
    ], ["funding.evaluated_share", "funding.third_party_share", "funding.self_share"])  # fmt: skip
    if not who:
        note("evaluator", lang)
    ui.table(table, columns.EVALUATION, t("funding.evaluation_file", "zh"), "evaluation")
