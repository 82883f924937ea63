"""The Coverage page's sections in words and lists: a region's cards, the sum line (counties plus the
row of its own add up to the region), the row of its own's note and organizations, what the map
cannot draw, and the filed community organizations of a district."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl
import streamlit as st

from dashboard.core.filters import Filters
from dashboard.core.numbers import fmt_int, fmt_rate
from dashboard.core.words import Lang, t
from dashboard.coverage import columns, queries
from dashboard.frame import ui
from dashboard.frame.navigate import OWN_OPEN


def cards(row: Mapping[str, object], filed: bool, hubs: bool, lang: Lang) -> list[tuple[str, str]]:
    """A region's cards: registered (and filed, together), linked and coverage or "not provided"."""
    n = lambda key: fmt_int(row.get(key, 0))  # type: ignore[arg-type]  # noqa: E731
    out = [(t("fig.active_orgs", lang), n("active_orgs"))]
    if filed:
        out += [
            (t("fig.filed_orgs", lang), n("filed_orgs")),
            (t("fig.total_orgs", lang), n("total_orgs")),
        ]
    na = t("coverage.not_provided", lang)
    linked = n("linked_orgs") if hubs else na
    rate = fmt_rate(row.get("coverage_rate")) if hubs else na  # type: ignore[arg-type]
    return [*out, (t("fig.linked_orgs", lang), linked), (t("fig.coverage_rate", lang), rate)]


def _own_row(ranking: pl.DataFrame) -> dict[str, object] | None:
    rows = ranking.filter(pl.col("is_unassigned"))
    return rows.row(0, named=True) if rows.height else None


def sum_line(f: Filters, node: str, name: str, ranking: pl.DataFrame, level: str) -> None:
    """The region's own figure and its parts, so a reader sees counties plus the row of its own add
    up: 莆田市：存续社会组织 92 家 = 各区县 85 家 + 莆田市本级（未落区县） 7 家；备案 12 家，合计 104 家。"""
    found = queries.region_coverage(f, [node])
    if found.is_empty():
        return
    whole, lang = found.row(0, named=True), f.lang
    regions = ranking.filter(~pl.col("is_unassigned"))
    own = _own_row(ranking)
    parts = t("coverage.sum_parts", lang, level=level, n=fmt_int(regions["active_orgs"].sum()))
    if own is not None:
        parts += t("coverage.sum_own", lang, own=own["region_name"], n=fmt_int(own["active_orgs"]))  # type: ignore[arg-type]
    filed = ""
    if whole.get("filed_orgs") is not None and ui.filed_data():
        filed = t("coverage.sum_filed", lang, filed=fmt_int(whole["filed_orgs"]),  # type: ignore[arg-type]
                  total=fmt_int(whole["total_orgs"]))  # type: ignore[arg-type]  # fmt: skip
    n = fmt_int(whole["active_orgs"])  # type: ignore[arg-type]
    st.caption(t("coverage.sum", lang, region=name, n=n, parts=parts, filed=filed))


def own_off_map(ranking: pl.DataFrame, level: str, lang: Lang) -> None:
    """Under the map: how many organizations it cannot draw (the row of its own) and where they are."""
    own = _own_row(ranking)
    if own is not None and own["total_orgs"]:
        n = fmt_int(own["total_orgs"])  # type: ignore[arg-type]
        st.caption(t("coverage.own_off_map", lang, name=own["region_name"], n=n, level=level))


def off_map(unmapped: pl.DataFrame, lang: Lang) -> None:
    """Under the map: the ranked regions without a boundary file (a functional zone, a code newer
    than the map data), named."""
    sep = t("caption.list_sep", lang)
    zones = unmapped.filter(pl.col("is_zone"))["region_name"].to_list()
    newer = unmapped.filter(~pl.col("is_zone"))["region_name"].to_list()
    if zones:
        st.caption(t("coverage.map_zone", lang, names=sep.join(zones)))
    if newer:
        st.caption(t("coverage.map_missing", lang, names=sep.join(newer)))


def own_list(f: Filters, ranking: pl.DataFrame, own: str, hubs: bool) -> None:
    """The row of its own in words, and its organizations (open when its bar was clicked)."""
    row, lang = _own_row(ranking), f.lang
    if row is None or not row["active_orgs"]:
        return
    name, n = str(row["region_name"]), fmt_int(row["active_orgs"])  # type: ignore[arg-type]
    st.caption(t("coverage.own_note", lang, name=name))
    opened = bool(st.session_state.pop(OWN_OPEN, False))
    with st.expander(t("coverage.own_list", lang, name=name, n=n), expanded=opened):
        orgs = columns.with_type_labels(queries.drill_orgs(f, own), lang)
        file = t("coverage.orgs_file", "zh", district=name)
        drill = columns.drill(hubs, where=True)
        ui.table(orgs, drill, file, "own_orgs", screen=columns.drill_screen(drill, lang))


def filed_list(f: Filters, name: str, hubs: bool) -> None:
    """A district's filed community organizations (备案), apart from the registered ones."""
    filed, lang = queries.filed_orgs(f), f.lang
    st.subheader(t("coverage.filed", lang, district=name))
    st.caption(t("coverage.filed_count", lang, n=fmt_int(filed.height)))
    ui.table(
        filed, columns.filed(hubs), t("coverage.filed_file", "zh", district=name), "filed_orgs"
    )
