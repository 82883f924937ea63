"""Column widths that fit a table's content: st.dataframe's own sizing measures a sample of rows and
stops at 500 px, so a longer value further down (a unit, a clerk's message) was cut off."""

from __future__ import annotations

import math

import polars as pl

# Pixels per character at the grid's 14 px font, measured in chromium (Source Sans and Noto Sans CJK):
# Latin text 5.6-6.6 a character on average, digits 7.0 ("1,234,567.89" 73 px), "W" 11; a Chinese
# character 14.0, full-width signs （）、… 12. Slightly generous so that a column never cuts.
NARROW_PX = 7.2
WIDE_PX = 14.0
PADDING_PX = 24  # the cell's padding (8 px a side) and a margin
MIN_PX, MAX_PX = (
    56,
    4000,
)  # a clerk's message lists up to 225 characters: never cut, the grid scrolls
_WIDE = r"[^\x00-\x{2000}]"  # Chinese characters, full-width punctuation (（）、：), the ellipsis …
# how st.dataframe prints a number column (ui._FORMATS): format -> Python format of one value
_NUMBER_TEXT = {
    "localized": "{:,.3f}",  # the browser shows up to three decimals, with thousands separators
    "%.1f%%": "{:.1f}%",
    "%+.2f": "{:+.2f}",
    "%.2f": "{:.2f}",
}


def text_px(text: str) -> float:
    """The width a text takes in the grid's font (an estimate that errs on the wide side)."""
    wide = sum(1 for ch in text if ord(ch) > 0x2000)
    return (len(text) - wide) * NARROW_PX + wide * WIDE_PX


def _fit(px: float) -> int:
    return int(min(max(math.ceil(px) + PADDING_PX, MIN_PX), MAX_PX))


def _string_px(column: pl.Series) -> float:
    """The widest cell of a text column, computed by polars (no Python per row)."""
    if column.is_empty():
        return 0.0
    chars = column.fill_null("").str.len_chars()
    wide = column.fill_null("").str.count_matches(_WIDE)
    px = (chars - wide) * NARROW_PX + wide * WIDE_PX
    return float(px.max() or 0.0)  # type: ignore[arg-type]


def _number_px(column: pl.Series, number_format: str | None) -> float:
    """The widest cell of a number column: its largest and smallest values printed as the grid does."""
    values = column.drop_nulls()
    if values.is_empty():
        return 0.0
    template = _NUMBER_TEXT.get(number_format or "localized", "{:,.3f}")
    extremes = [values.min(), values.max()]
    texts = [template.format(float(v)) for v in extremes if v is not None]  # type: ignore[arg-type]
    if number_format == "localized" and values.dtype.is_integer():
        texts = [f"{int(v):,}" for v in extremes if v is not None]  # type: ignore[call-overload]
    elif number_format == "localized":  # trailing zeros are not printed
        texts = [s.rstrip("0").rstrip(".") for s in texts]
    return max(text_px(s) for s in texts)


def widths(shown: pl.DataFrame, number_formats: dict[str, str]) -> dict[str, int]:
    """Each column's width in pixels: its header or its widest cell, whichever is wider."""
    out: dict[str, int] = {}
    for name, dtype in shown.schema.items():
        if dtype == pl.String:
            cells = _string_px(shown[name])
        elif dtype == pl.Date:
            cells = text_px("2016-12-31")
        elif isinstance(dtype, pl.Datetime):
            cells = text_px("2016-12-31 23:59")
        elif dtype.is_numeric():
            cells = _number_px(shown[name], number_formats.get(name))
        else:
            cells = _string_px(shown[name].cast(pl.String))
        out[name] = _fit(max(cells, text_px(name)))
    return out
