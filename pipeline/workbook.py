"""Excel workbooks for briefings (xlsxwriter): a 说明 cover sheet, then one sheet per table with
Chinese headers, numbers as numbers in their formats, codes as text, a frozen header row and
columns wide enough for Chinese text. Pure: frames in, bytes out, the same bytes for the same input.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import polars as pl
import xlsxwriter

# A column's format by name: the number formats a briefing writer expects.
NUMBER_FORMATS = {
    "int": "#,##0",  # counts
    "percent": "0.0%",  # a rate kept as a fraction (0.427 shows as 42.7%)
    "wan": "#,##0.00",  # money in 万元, two decimals
    "yuan": "#,##0.00",
    "pp": "+0.00;-0.00;0.00",  # a change of a rate in percentage points
    "pp_words": '+0.0"个百分点";-0.0"个百分点";0.0"个百分点"',  # the same, saying so in the cell
    "decimal": "0.00",
    "number": "General",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
}
CREATED = datetime(
    2000, 1, 1
)  # the workbook's creation date: fixed, so the bytes never depend on the clock
COVER = "说明"
MAX_WIDTH = 60
_BAD_SHEET = str.maketrans({c: "-" for c in "[]:*?/\\"})


@dataclass(frozen=True)
class Sheet:
    """One table: its sheet name, the frame with final headers, and per column a format name of
    NUMBER_FORMATS (a str for the whole column, or a per-row Series of names). A text column is
    always written as text, so a code keeps every digit."""

    name: str
    frame: pl.DataFrame
    formats: Mapping[str, str | pl.Series] = field(default_factory=dict)


@dataclass(frozen=True)
class Cover:
    """The 说明 sheet: a title, label/value lines (selection, year-end, release, times), definitions."""

    title: str
    lines: Sequence[tuple[str, str]]
    definitions: Sequence[tuple[str, str]] = ()
    definitions_heading: str = "口径说明"


def text_width(value: object) -> int:
    """How many columns a text needs: wide (CJK) characters count 2, others 1."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(value))


def sheet_name(name: str, taken: Sequence[str] = ()) -> str:
    """A valid, unique sheet name: no []:*?/\\, at most 31 characters."""
    base = name.translate(_BAD_SHEET).strip("'")[:31] or "表"
    candidate, n = base, 2
    while candidate.lower() in {t.lower() for t in taken}:
        suffix = f"_{n}"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    return candidate


def workbook_bytes(cover: Cover | None, sheets: Sequence[Sheet]) -> bytes:
    """The workbook: the cover first (if any), then the sheets in order."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    book.set_properties({"created": CREATED, "title": cover.title if cover else ""})
    styles = _Styles(book)
    taken: list[str] = []
    if cover is not None:
        taken.append(COVER)
        _write_cover(book.add_worksheet(COVER), cover, styles)
    for sheet in sheets:
        taken.append(sheet_name(sheet.name, taken))
        _write_sheet(book.add_worksheet(taken[-1]), sheet, styles)
    book.close()
    return buffer.getvalue()


class _Styles:
    """The workbook's formats, made once."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.bold = book.add_format({"bold": True})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.text = book.add_format({"num_format": "@"})
        self.numbers = {k: book.add_format({"num_format": v}) for k, v in NUMBER_FORMATS.items()}


def _write_cover(ws: Any, cover: Cover, styles: _Styles) -> None:
    ws.write_string(0, 0, cover.title, styles.title)
    row = 2
    for label, value in cover.lines:
        ws.write_string(row, 0, label, styles.bold)
        ws.write_string(row, 1, value, styles.wrap)
        row += 1
    if cover.definitions:
        ws.write_string(row + 1, 0, cover.definitions_heading, styles.title)
        for i, (label, value) in enumerate(cover.definitions, start=row + 2):
            ws.write_string(i, 0, label, styles.bold)
            ws.write_string(i, 1, value, styles.wrap)
    labels = [label for label, _ in [*cover.lines, *cover.definitions]]
    ws.set_column(0, 0, min(MAX_WIDTH, max([text_width(x) for x in labels] + [10]) + 2))
    ws.set_column(1, 1, 90)


def _write_sheet(ws: Any, sheet: Sheet, styles: _Styles) -> None:
    frame = sheet.frame
    for j, name in enumerate(frame.columns):
        ws.write_string(0, j, name, styles.head)
        values = frame[name].to_list()
        kinds = _kinds(sheet.formats.get(name), frame.schema[name], frame.height)
        for i, (value, kind) in enumerate(zip(values, kinds, strict=True), start=1):
            _write_cell(ws, i, j, value, kind, styles)
        ws.set_column(j, j, _width(name, values, kinds))
    ws.freeze_panes(1, 0)
    if frame.width:
        ws.autofilter(0, 0, max(frame.height, 1), frame.width - 1)


def _kinds(given: str | pl.Series | None, dtype: pl.DataType, n: int) -> list[str | None]:
    if isinstance(given, pl.Series):
        return given.to_list()
    if given is None:
        if dtype == pl.String:
            given = "text"
        elif dtype == pl.Date:
            given = "date"
        elif dtype == pl.Datetime:
            given = "datetime"
        else:  # a number without a stated kind (a year, say) shows as it is
            given = "number"
    return [given] * n


def _write_cell(ws: Any, i: int, j: int, value: object, kind: str | None, styles: _Styles) -> None:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return  # no figure (a rate over nothing): an empty cell, never 0 and never a crash
    if isinstance(value, str) or kind == "text":
        ws.write_string(i, j, str(value), styles.text)
    elif isinstance(value, bool):
        ws.write_boolean(i, j, value)
    elif isinstance(value, datetime | date):
        ws.write_datetime(i, j, value, styles.numbers[kind or "date"])
    elif isinstance(value, int | float):
        ws.write_number(i, j, value, styles.numbers.get(kind or "number"))
    else:
        ws.write_string(i, j, str(value), styles.text)


def _shown_width(value: object, kind: str | None) -> int:
    if isinstance(value, float) and not math.isfinite(value):
        return 0
    if isinstance(value, float | int) and not isinstance(value, bool):
        return len(f"{value:,.2f}") + 1
    if isinstance(value, datetime):
        return 16
    return text_width(value)


def _width(name: str, values: Sequence[object], kinds: Sequence[str | None]) -> float:
    pairs = list(zip(values, kinds, strict=True))
    try:
        cells = list(dict.fromkeys(pairs))  # each distinct cell measured once
    except TypeError:  # a list or struct value cannot be a key: every cell is measured
        cells = pairs
    widest = max([text_width(name)] + [_shown_width(v, k) for v, k in cells])
    return min(MAX_WIDTH, widest + 2)
