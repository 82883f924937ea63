"""A ranking's ends in words: the lowest and the highest region named in one sentence, as a leader
asks ("which prefecture of the country has the lowest coverage?")."""

from __future__ import annotations

import polars as pl

from dashboard.core.filters import Filters
from dashboard.core.numbers import fmt_int, fmt_rate
from dashboard.core.regions import RegionTree
from dashboard.core.words import Lang, t
from dashboard.coverage import queries
from dashboard.frame import ui
from dashboard.frame.navigate import top_name


def ends(ranking: pl.DataFrame, value: str = "coverage_rate") -> tuple[dict, dict, int] | None:
    """The lowest and the highest row with a figure (ties by code) and how many have one, or None
    for fewer than two; a row for organizations known only above the level (莆田市本级（未落区县）)
    is no region to name."""
    rows = ranking.filter(pl.col(value).is_not_null())
    if "is_unassigned" in rows.columns:
        rows = rows.filter(~pl.col("is_unassigned").fill_null(False))
    if rows.height < 2:
        return None
    ordered = rows.sort([value, "region_code"])
    return ordered.row(0, named=True), ordered.row(-1, named=True), rows.height


def sentence(ranking: pl.DataFrame, where: str, level: str, lang: Lang) -> str | None:
    """全国336个地市中，覆盖率最低的是河源市 · 广东省（59.2%，联系123家/存续208家），最高的是……;
    as markdown (names escaped). None when there are fewer than two regions with a figure."""
    found = ends(ranking)
    if found is None:
        return None
    low, high, counted = found
    return ui.said(
        "coverage.ends_sentence",
        lang,
        where=where,
        n=fmt_int(counted),
        level=level,
        low=low["region_name"],
        low_rate=fmt_rate(low["coverage_rate"]),
        low_n=f"{fmt_int(low['linked_orgs'])}/{fmt_int(low['active_orgs'])}",
        high=high["region_name"],
        high_rate=fmt_rate(high["coverage_rate"]),
        high_n=f"{fmt_int(high['linked_orgs'])}/{fmt_int(high['active_orgs'])}",
    )


def prefectures_sentence(f: Filters, tree: RegionTree, lang: Lang) -> str | None:
    """For a selection that spans provinces (the Overview of a national register): the lowest and
    the highest prefecture of them all, in one sentence; None otherwise."""
    view = tree.view(f.regions)
    if view.leaf or view.level != "province":
        return None
    within = view.ranked if view.several else (view.node,) if view.node else ()
    ranking = queries.region_coverage(f, tree.at_level("prefecture", within))
    ranking = ranking.with_columns(
        pl.col("region_code")
        .replace_strict(
            {c: tree.with_parent(c) for c in ranking["region_code"].to_list() if c in tree},
            default=pl.col("region_name"),
        )
        .alias("region_name")
    )
    where = t("region.several", lang) if view.several else top_name(view, tree, lang)
    return sentence(ranking, where, t("region.prefecture", lang), lang)
