"""Streamlit helpers the pages share: the current selection, tables and charts with their downloads
(.xlsx and CSV)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection, Hashable, Sequence
from datetime import datetime
from pathlib import PurePath
from typing import Any

import plotly.graph_objects as go
import polars as pl
import pyarrow as pa
import streamlit as st

from dashboard.core import db
from dashboard.core.export import Col, for_screen, header, selection_words, table_csv
from dashboard.core.filters import Filters
from dashboard.core.numbers import GRID
from dashboard.core.regions import RegionTree
from dashboard.core.sheets import table_xlsx
from dashboard.core.words import Lang, definition, t
from dashboard.frame import fit
from pipeline.filenames import file_name
from pipeline.messages import Problem, text_in
from pipeline.workbook import Cover

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHARED_ROWS = 2000  # tables up to this many rows are prepared once for every session showing them
# every ASCII punctuation character (CommonMark lets each be escaped): markdown, HTML, entities and
# Streamlit's own :red[...], :material/icon: and emoji shortcodes all start from one of them
_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
# what Streamlit's markdown turns into a link even when escaped (it finds them in the text itself):
# http(s)://, www. and e-mail addresses; an invisible word joiner (U+2060) breaks each
_AUTOLINK = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=www)(?=\.)|(?=@)")
_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\u2028\u2029]+")


def filters() -> Filters:
    """The selection the router read from the sidebar and the URL for this run."""
    return st.session_state["_filters"]


def tree() -> RegionTree:
    """The regions with data in the viewer's scope, read by the router for this run."""
    return st.session_state["_tree"]


def lang() -> Lang:
    """The language of this run."""
    return filters().lang


def hub_data() -> bool:
    """Whether the delivery on screen had hub data (hubs and hub_links, marts.delivery); without it
    every hub figure is "not provided", never 0."""
    return bool((st.session_state.get("_provenance") or {}).get("has_hub_data", True))


def filed_data() -> bool:
    """Whether the delivery on screen had filed community organizations (a filed_orgs file)."""
    return bool((st.session_state.get("_provenance") or {}).get("has_filed_orgs", False))


def no_hub_data() -> None:
    """Say in words that this delivery has no hub data (where hub figures would be)."""
    st.info(t("app.no_hub_data", lang()), icon="ℹ️")


def escape_md(text: object) -> str:
    """Data text shown as it is inside markdown (headers, captions, alerts, labels, radio and pill
    options): markdown's characters escaped (no emphasis, link, colour directive, icon, formula, entity
    or HTML takes effect), what would still become a link broken by an invisible word joiner (U+2060),
    and line breaks as spaces."""
    unlinked = _AUTOLINK.sub("\u2060", _LINE_BREAKS.sub(" ", str(text)))
    return _MD_SPECIAL.sub(r"\\\1", unlinked)


def _plain(value: object) -> object:
    """A value for a markdown sentence: text (and paths) escaped, numbers and catalogue words kept."""
    return escape_md(value) if isinstance(value, str | PurePath) else value


def said(key: str, language: Lang, **values: object) -> str:
    """A catalogue sentence for a markdown place (alert, caption, header, label) whose values are data
    (names, files, paths, e-mails, errors): each shown as plain text, the sentence's own markup kept."""
    return t(key, language, **{k: _plain(v) for k, v in values.items()})


def problem(exc: Problem, language: Lang) -> str:
    """A command-line problem for a markdown place, its values (file names, headers, cells) as plain
    text."""
    return text_in(language, exc.key, **{k: _plain(v) for k, v in exc.params_in(language).items()})


def empty(key: str = "app.empty") -> None:
    """Say that the selection has no data, instead of drawing nothing."""
    st.info(t(key, lang()), icon="ℹ️")


def _config(
    cols: Sequence[Col], language: Lang, as_text: Collection[str], fitted: fit.Fit
) -> dict[str, object]:
    """Each column's type, number format (core/numbers.py GRID: one number of decimals per unit),
    width (fit to its content and the page: dashboard/frame/fit.py), its header (shortened to fit,
    the full header on hover then) and definition (on hover over its header)."""
    config: dict[str, object] = {}
    for c in cols:
        name = header(c, language)
        width, tip = fitted.widths.get(name), defined(c.key, language)
        if name in fitted.labels:
            tip = f"{name}{'：' if language == 'zh' else ': '}{tip}" if tip else name
        shared: dict[str, Any] = {"width": width, "help": tip, "label": fitted.labels.get(name)}
        if name in as_text:  # a number or date column with gaps, shown as text
            align = "left" if c.kind in ("date", "datetime") else "right"
            config[name] = st.column_config.TextColumn(alignment=align, **shared)
        elif c.kind in GRID:
            shown, step, _ = GRID[c.kind]
            config[name] = st.column_config.NumberColumn(format=shown, step=step, **shared)
        elif c.kind == "date":
            config[name] = st.column_config.DateColumn(format="YYYY-MM-DD", **shared)
        elif c.kind == "datetime":
            config[name] = st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm", **shared)
        else:
            config[name] = st.column_config.Column(**shared)
    return config


def export_parts(what: str) -> list[str]:
    """What a download is, for its file name: page (unless the table's name says it: 分区覆盖 on 覆盖),
    what, selection, year-end (on pages whose figures depend on it) and the release it comes from."""
    f, state = filters(), st.session_state
    when = t("filter.year_end", "zh", year=f.year) if state.get("_dated", True) else ""
    run = (state.get("_provenance") or {}).get("run_id")
    page = state.get("_page_zh", "")
    release = t("export.release", "zh", run=run) if run else ""
    regions = selection_words(f.regions, tree().label)
    return [page if page not in what else "", what, regions, when, release]  # the page said once


def export_cover(what: str, now: datetime) -> Cover:
    """The 说明 sheet of a download: page, table, the selection in words, release and times."""
    f, state = filters(), st.session_state
    info = state.get("_provenance") or {}
    finished = info.get("finished_at")
    lines = [
        (t("export.page", "zh"), state.get("_page_zh", "")),
        (t("export.table", "zh"), what),
        (t("export.selection", "zh"), f.caption("zh", tree().label)),
        (t("export.latest", "zh"), str(info.get("latest") or "—")),
        (t("export.run", "zh"), str(info.get("run_id") or "—")),
        (t("export.finished", "zh"), f"{finished:%Y-%m-%d %H:%M}" if finished else "—"),
        (t("export.generated", "zh"), f"{now:%Y-%m-%d %H:%M:%S}"),
    ]
    return Cover(f"{t('app.title', 'zh')} · {what}", lines)


def _number_formats(cols: Sequence[Col], language: Lang) -> dict[str, str]:
    """How the grid prints each number column, for fit.py: its format (localized with its decimals)."""
    out = {}
    for c in cols:
        if c.kind in GRID:
            shown, _, decimals = GRID[c.kind]
            out[header(c, language)] = f"{shown}:{decimals}" if shown == "localized" else shown
    return out


def download(
    df: pl.DataFrame, cols: Sequence[Col], what: str, key: str, label_key: str = "app.download_csv"
) -> None:
    """The rows shown as a workbook (.xlsx, with a 说明 sheet) and as CSV, each built only when
    clicked; the file names say page, table, selection, year-end and release."""
    language, now = lang(), datetime.now()
    parts = export_parts(what)
    cover = export_cover(what, now)
    chart = label_key == "app.download_chart_csv"
    with st.container(horizontal=True):
        st.download_button(
            t("app.download_chart_xlsx" if chart else "app.download_xlsx", language),
            data=lambda: table_xlsx(df, cols, what, cover),
            file_name=file_name(parts, "xlsx", now),
            mime=XLSX_MIME,
            on_click="ignore",
            key=f"dlx_{key}",
            icon=":material/table_view:",
        )
        st.download_button(
            t(label_key, language),
            data=lambda: table_csv(df, cols),
            file_name=file_name(parts, "csv", now),
            mime="text/csv",
            on_click="ignore",
            key=f"dl_{key}",
            icon=":material/download:",
            help=t("export.csv_help", language),
        )


def table(
    df: pl.DataFrame,
    cols: Sequence[Col],
    what: str,
    key: str,
    height: int | None = None,
    empty_key: str = "app.empty",
    on_select: Callable[[], None] | None = None,
    share: float = 1.0,
    screen: Sequence[Col] | None = None,
    one_line: Collection[str] = (),
) -> None:
    """A table as the reader sees it, and its CSV download; an empty selection says so. `share`: the
    part of the page's width it has (0.4 in a column of two fifths): its columns fit in it. `screen`:
    the columns shown, when they differ from the download's (codes kept in the file only). `one_line`:
    text columns (by name) never wrapped, each as wide as its longest cell (fit.fit's `whole`)."""
    if df.is_empty():
        empty(empty_key)
        return
    language = lang()
    options: dict[str, object] = (
        {"on_select": on_select, "selection_mode": "single-row"} if on_select else {}
    )
    # the viewer's scope in the key too: a table is shared only among viewers of the same regions
    shown_cols = cols if screen is None else screen
    whole = tuple(header(c, language) for c in shown_cols if c.name in one_line)
    room = int(fit.PAGE_PX * share) - (12 if share < 1 else 0)  # less the gap between columns
    room -= fit.select_px(df.height) if on_select else 0  # less the column of row checkboxes
    key_ = ("table", key, what, language, shown_cols, filters().scope, content(df), room, whole)
    prepare = lambda: _screen_table(df, shown_cols, language, room, whole)  # noqa: E731
    shown, as_text, fitted = db.shared(key_, prepare) if df.height <= SHARED_ROWS else prepare()
    row = fitted.row_height or 35
    st.dataframe(
        shown,
        column_config=_config(shown_cols, language, as_text, fitted),
        hide_index=True,
        key=f"tbl_{key}",
        height=height or min(38 + row * df.height, 738),
        row_height=fitted.row_height,
        **options,
    )
    download(df, cols, what, key)


def frame(df: pl.DataFrame) -> None:
    """A small table built by a page itself (publish, releases, audit), its columns fit to content."""
    widths = fit.widths(df, {})
    config = {name: st.column_config.Column(width=w) for name, w in widths.items()}
    st.dataframe(df, hide_index=True, column_config=config)  # type: ignore[arg-type]


def content(df: pl.DataFrame) -> tuple[object, ...]:
    """What a frame holds, as a cache key: its columns and a digest of its rows in order (hashed by
    polars, no Python per row). Keys on content cannot show one viewer another viewer's rows."""
    rows = df.hash_rows(seed=7).to_numpy().tobytes() if df.height else b""
    return tuple(df.columns), df.height, hashlib.blake2b(rows, digest_size=16).hexdigest()


def _screen_table(
    df: pl.DataFrame,
    cols: Sequence[Col],
    language: Lang,
    room: int = fit.PAGE_PX,
    whole: Collection[str] = (),
) -> tuple[pa.Table, frozenset[str], fit.Fit]:
    """The table as st.dataframe shows it, as an Arrow table: immutable, so sessions can share it, and
    st.dataframe sends it as it is (a polars frame would go through pandas on every render); with the
    width of each column that fits its header and its widest cell within the table's room (px)."""
    shown, as_text = for_screen(df, cols, language)
    fitted = fit.fit(shown, _number_formats(cols, language), room, whole)
    return shown.to_arrow(compat_level=pl.CompatLevel.oldest()), frozenset(as_text), fitted


def chart(
    build: Callable[[], go.Figure],
    df: pl.DataFrame,
    cols: Sequence[Col],
    what: str,
    key: str,
    on_select: Callable[[], None] | None = None,
    parts: tuple[Hashable, ...] = (),
) -> None:
    """A chart and the CSV of the rows behind it. The figure is built once per warehouse version,
    selection (language and the viewer's scope included: Filters holds both), chart key, the rows it
    draws (`df`, by content) and `parts` (whatever else it depends on), and shared by every session
    that shows the same: building a plotly figure costs 25-100 ms of CPU. A viewer never gets a
    figure built for another scope, even where the rows are the same."""
    fig = db.shared(("chart", key, what, filters(), content(df), *parts), build)
    if on_select is None:
        st.plotly_chart(fig, key=f"fig_{key}", config=plotly_config(filters().lang))
    else:
        st.plotly_chart(
            fig,
            key=f"fig_{key}",
            on_select=on_select,
            selection_mode="points",
            config=plotly_config(filters().lang),
        )
    download(df, cols, what, key, "app.download_chart_csv")


CARDS_PER_ROW = (
    3  # a card's label, value and change fit on one line each at 1280 px in either language
)


# The chart toolbar's tooltips in Chinese: plotly.js takes a locale's dictionary in the config
# (`locales`), so nothing is downloaded; keys are plotly.js's own English strings.
_PLOTLY_ZH = {
    "Autoscale": "自动缩放",
    "Box Select": "框选",
    "Lasso Select": "套索选择",
    "Pan": "平移",
    "Zoom": "缩放",
    "Zoom in": "放大",
    "Zoom out": "缩小",
    "Reset axes": "重置坐标轴",
    "Reset view": "重置视图",
    "Reset views": "重置视图",
    "Download plot as a png": "下载图片（PNG）",
    "Download plot as a PNG": "下载图片（PNG）",
    "Download plot": "下载图片",
    "Toggle Spike Lines": "显示或隐藏辅助线",
    "Show closest data on hover": "悬停时显示最近的数据",
    "Compare data on hover": "悬停时比较数据",
    "Toggle show closest data on hover": "切换悬停显示",
    "Double-click to zoom back out": "双击恢复原比例",
    "Taking snapshot - this may take a few seconds": "正在生成图片，请稍候",
    "Snapshot succeeded": "图片已生成",
    "Sorry, there was a problem downloading your snapshot!": "抱歉，图片下载失败。",
    "trace": "系列",
}


def plotly_config(language: Lang) -> dict[str, object]:
    """A chart's plotly.js settings: no logo; in Chinese, the toolbar's tooltips in Chinese."""
    if language != "zh":
        return {"displaylogo": False}
    locale = {"dictionary": _PLOTLY_ZH, "format": {"decimal": ".", "thousands": ","}}
    return {"displaylogo": False, "locale": "zh-CN", "locales": {"zh-CN": locale}}


def cards(items: Sequence[tuple[str, str]], keys: Sequence[str | None] = ()) -> None:
    """Rows of bordered metric cards, three to a row: (label, formatted value); `keys`, the
    catalogue keys of the figures (in the same order), give each card its definition as help."""
    language = lang()
    helps = [defined(k, language) if k else None for k in keys] + [None] * len(items)
    for start in range(0, len(items), CARDS_PER_ROW):
        row = items[start : start + CARDS_PER_ROW]
        tips = helps[start : start + CARDS_PER_ROW]
        for slot, (name, value), tip in zip(st.columns(CARDS_PER_ROW), row, tips, strict=False):
            slot.metric(name, value, border=True, help=tip)


def defined(key: str, lang: Lang) -> str | None:
    """The written definition of a figure or column (schemas/definitions.py, or a words file's
    [definitions]), None when there is none."""
    try:
        return definition(key, lang)
    except KeyError:
        return None


def with_definition(key: str, note: str, lang: Lang) -> str:
    """A card's help: what the card's numbers are (year, baseline), then the figure's definition."""
    found = defined(key, lang)
    return f"{note}\n\n{found}" if found else note


def definitions(keys: Sequence[str]) -> None:
    """The definitions of the page's figures, folded away."""
    language = lang()
    with st.expander(t("app.definitions", language)):
        for key in keys:
            st.markdown(f"**{t(key, language)}**：{definition(key, language)}")


URL_NOTE_VALUES = 10  # values named in the note; more are counted
URL_NOTE_CHARS = 40  # a value longer than this is cut in the note


def url_values(pairs: Sequence[tuple[str, str]], language: Lang) -> str:
    """URL values as markdown-safe text for a note: key=value (escaped, cut short), the first ten
    named and the rest counted."""
    shown = []
    for key, value in pairs[:URL_NOTE_VALUES]:
        cut = "…" if len(value) > URL_NOTE_CHARS else ""
        shown.append(f"{escape_md(key)}={escape_md(value[:URL_NOTE_CHARS])}{cut}")
    text = t("caption.list_sep", language).join(shown)
    more = len(pairs) - len(shown)
    return text + t("app.url_more", language, n=more) if more else text


def url_note(pairs: Sequence[tuple[str, str]]) -> None:
    """Name the URL values that were ignored (escaped, cut short), so a bad link does not pass silently."""
    if not pairs:
        return
    language = lang()
    st.warning(t("app.url_ignored", language, values=url_values(pairs, language)), icon="⚠️")


def url_value(key: str, allowed: Collection[str] | Callable[[str], bool]) -> str | None:
    """A page parameter's value in the URL if the allowlist takes it; a refused value is named in a
    note and removed from the URL (None then, as when there is none)."""
    value = st.query_params.get(key)
    if value is None or (allowed(value) if callable(allowed) else value in allowed):
        return value
    url_note([(key, value)])
    del st.query_params[key]
    return None


def url_choice(
    key: str, allowed: Collection[str] | Callable[[str], bool], default: str | None = None
) -> None:
    """Seed a page widget's state from the URL the first time (allowlisted), so a link reproduces the
    view; a value the allowlist refuses is named in a note."""
    if key in st.session_state:
        return
    value = url_value(key, allowed)
    st.session_state[key] = default if value is None else value


def keep_in_url(key: str, value: str | None) -> None:
    """Write a page's own state into the URL (or remove it)."""
    if value in (None, ""):
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value
