"""The Overview's figures, tables and charts for a selection, and the briefing pack built from them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

import plotly.graph_objects as go
import polars as pl

from dashboard.core import charts
from dashboard.core.export import selection_words
from dashboard.core.filters import Filters
from dashboard.core.numbers import fmt_delta, fmt_int, fmt_multiple, fmt_rate
from dashboard.core.regions import RegionTree
from dashboard.core.words import DEFINITIONS, Lang, definition, t
from dashboard.coverage import charts as coverage_charts
from dashboard.coverage import columns as coverage_columns
from dashboard.coverage.queries import hub_type_coverage, region_coverage
from dashboard.frame.queries import regions
from dashboard.overview import columns, figures
from dashboard.overview.pack import Briefing, cover_text
from dashboard.overview.queries import headline_series
from dashboard.profile import hub_facts, summary
from dashboard.profile import tables as profile
from pipeline.filenames import file_name
from pipeline.workbook import Cover


@dataclass(frozen=True)
class Overview:
    """Everything the Overview page and the briefing pack show for one selection."""

    series: pl.DataFrame
    change: pl.DataFrame
    types: pl.DataFrame
    types_now: pl.DataFrame
    districts: pl.DataFrame  # the regions one level below the selection (see regions.View)
    profile: profile.Profile | None = None  # the register's profile of the year-end and regions
    hubs: hub_facts.Hubs | None = None  # the hubs and the fields' reach of the year-end and regions


def overview(f: Filters, ranked: Sequence[str] | None = None) -> Overview:
    """Query and compute the Overview of a selection; `ranked`: the regions its table ranks (by
    default the regions one level below the selection, as the Coverage page ranks them)."""
    if ranked is None:
        ranked = RegionTree.from_frame(regions(f)).view(f.regions).ranked
    series = headline_series(f).filter(pl.col("year") <= f.year)  # the trend ends at the year
    change = figures.change_table(series, f)
    linked = change.filter(pl.col("figure") == "fig.linked_orgs")["increase"]
    by_type = hub_type_coverage(f, sorted({f.base_as_of, f.as_of}))
    types = figures.type_increase(by_type, f, linked[0] if linked.len() else None)
    types_now = by_type.filter(pl.col("as_of") == f.as_of)
    districts = region_coverage(f, ranked)
    hubs = hub_facts.load(f)
    return Overview(series, change, types, types_now, districts, profile.load(f), hubs)


def trend_counts(series: pl.DataFrame, lang: Lang) -> go.Figure:
    """Active, linked and mass-organization-linked organizations over the years."""
    lines = [
        ("active_orgs", t("fig.active_orgs", lang), charts.GREY),
        ("linked_orgs", t("fig.linked_orgs", lang), charts.BLUE),
        ("mass_org_linked_orgs", t("fig.mass_org_linked_orgs", lang), charts.RED),
    ]
    return charts.trend_lines(series, lines, t("overview.trend_counts", lang), percent=False)


def trend_rates(series: pl.DataFrame, lang: Lang) -> go.Figure:
    """Coverage rate and mass-organization share over the years."""
    lines = [
        ("coverage_rate", t("fig.coverage_rate", lang), charts.BLUE),
        ("mass_org_share", t("fig.mass_org_share", lang), charts.RED),
    ]
    return charts.trend_lines(series, lines, t("overview.trend_rates", lang), percent=True)


def sentence(change: pl.DataFrame, f: Filters) -> str:
    """The change in words, Beijing-style: from 358 to 11,977 (33.5 times), coverage from 5.0% to 42.7%."""
    rows = {r["figure"]: r for r in change.iter_rows(named=True)}
    linked, rate = rows["fig.linked_orgs"], rows["fig.coverage_rate"]
    if f.base_year == f.year:
        return t(
            "overview.same_year",
            f.lang,
            year=f.year,
            c=fmt_int(linked["current"]),
            rc=fmt_rate(rate["current"]),
        )
    return t(
        "overview.sentence",
        f.lang,
        base=f.base_year,
        year=f.year,
        b=fmt_int(linked["base"]),
        c=fmt_int(linked["current"]),
        m=fmt_multiple(linked["multiple"], f.lang),
        inc=fmt_delta("count", linked["increase"], f.lang),
        rb=fmt_rate(rate["base"]),
        rc=fmt_rate(rate["current"]),
    )


def hub_lines(view: Overview, f: Filters, names: Mapping[str, str], lang: Lang) -> list[str]:
    """The hubs in the reports' words, then the field its own mass organization reaches least (for
    the year-end and regions of the selection, every hub type and level)."""
    if view.hubs is None or view.profile is None:
        return []
    chosen = [names.get(code, code) for code in f.regions]
    region = summary.region_word(view.profile.extent, chosen, lang)
    weakest = summary.weakest_field(view.hubs, region, lang)
    return [summary.hub_sentence(view.hubs, region, f.year, lang), *([weakest] if weakest else [])]


def _minute(moment: object) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if isinstance(moment, datetime) else "—"


GENERATED = "生成时间"  # the cover's one line that depends on the clock


def pack(
    view: Overview,
    f: Filters,
    names: Mapping[str, str],
    provenance: Mapping[str, object],
    now: datetime | None = None,
) -> Briefing:
    """The briefing pack's content (in Chinese): cover, the three tables, the charts.

    The cover names the release (its refresh run); the time it was generated (`now`, default the
    clock) is its last line of the selection block and the pack's only part that changes with it."""
    zh = replace(f, lang="zh")
    lines = [
        ("筛选条件", zh.caption("zh", names)),
        ("统计时点", f"{f.as_of}"),
        ("对比基准", f"{f.base_as_of}"),
        ("数据最新记录日期", str(provenance.get("latest") or "—")),
        ("刷新批次", str(provenance.get("run_id") or "—")),  # the release the pack was built from
        ("刷新完成时间", _minute(provenance.get("finished_at"))),
        (GENERATED, f"{now or datetime.now():%Y-%m-%d %H:%M:%S}"),
    ]
    if view.profile is not None:  # the summary in the reports' words (year-end and regions only)
        chosen = [names.get(code, code) for code in f.regions]
        lines.append(("社会组织概况", summary.of_profile(view.profile, chosen, "zh")))
        lines += [("枢纽概况", line) for line in hub_lines(view, f, names, "zh")]
    definitions = [(t(k, "zh"), definition(k, "zh")) for k in DEFINITIONS]
    title = f"{t('app.title', 'zh')} · 简报数据包"
    cover = cover_text(title, lines, definitions)
    # the workbook's 说明 sheet: the same lines but the clock's, so its bytes depend on the data only
    sheet_cover = Cover(title, [x for x in lines if x[0] != GENERATED], definitions)
    tables = {
        "总览指标": (view.change, columns.CHANGE),
        "分区覆盖": (view.districts, coverage_columns.REGION),
        "枢纽类型增量": (view.types, columns.TYPE_INCREASE),
        "历年趋势": (view.series, columns.TREND),
    }
    chart_set = {
        "历年组织数": trend_counts(view.series, "zh"),
        "历年覆盖率": trend_rates(view.series, "zh"),
        "分区覆盖率": coverage_charts.district_bars(
            view.districts,
            "zh",
            t("coverage.by_region", "zh", level="地区"),
            "region_code",
            "region_name",
        ),
        "枢纽类型": coverage_charts.hub_type_bars(
            view.types_now, "zh", t("coverage.by_type", "zh")
        ),
    }
    return Briefing(cover, tables, chart_set, sheet_cover, subtitle(f, names, provenance))


def subtitle(f: Filters, names: Mapping[str, str], provenance: Mapping[str, object]) -> str:
    """A chart image's subtitle: year-end, the chosen filters (else all regions), the release."""
    chosen = [
        k for k in ("regions", "levels", "hub_types", "org_types", "sources") if getattr(f, k)
    ]
    selection = (
        f.caption("zh", names, chosen) if chosen or f.scope else t("export.all_regions", "zh")
    )
    run = provenance.get("run_id")
    return t(
        "export.subtitle",
        "zh",
        as_of=t("filter.year_end", "zh", year=f.year),
        selection=selection,
        release=t("export.release", "zh", run=run) if run else "—",
    )


def pack_name(
    f: Filters,
    provenance: Mapping[str, object],
    now: datetime,
    names: Mapping[str, str] | None = None,
) -> str:
    """The pack's file name: what, the chosen regions, the year-end, the release it was built from,
    when downloaded."""
    run = provenance.get("run_id")
    where = selection_words(f.regions, names or {})
    when = t("filter.year_end", "zh", year=f.year)
    return file_name(["简报数据包", where, when, f"批次{run}" if run else ""], "zip", now)
