"""Column widths that fit a table's content: st.dataframe's own sizing measures a sample of rows and
stops at 500 px, so a longer value further down (a unit, a clerk's message) was cut off."""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, field
from itertools import combinations

import polars as pl

# Pixels per character at the grid's 14 px font, measured in chromium (Source Sans and Noto Sans CJK):
# Latin text 5.6-6.6 a character on average, digits 7.0 ("1,234,567.89" 73 px), "W" 11; a Chinese
# character 14.0, full-width signs （）、… 12. Slightly generous so that a column never cuts.
NARROW_PX = 7.2
WIDE_PX = 14.0
PADDING_PX = 24  # the cell's padding (8 px a side) and a margin
MIN_PX, MAX_PX = 56, 4000  # a clerk's message lists up to 225 characters: wrapped, never cut
PAGE_PX = 816  # a full-width table's room at 1280 px (the page's content is 820 px, less borders)
TEXT_FLOOR_PX = 96  # a text column narrowed to fit the page keeps at least this (or its header)
LINE_PX = 19  # one wrapped line of the grid's text
KEEP_PX = 240  # a text column up to this wide (a line list, a date) is squeezed last
WRAP_LEAST_PX = 3 * WIDE_PX  # a wrapped text column keeps at least three characters a line
WRAP_ROW_PX = 66  # st.dataframe wraps text only in rows taller than 64 px (4rem)
_WIDE = r"[^\x00-\x{2000}]"  # Chinese characters, full-width punctuation (（）、：), the ellipsis …
# a run of letters and digits the grid did not break (a USCC, a project id): drawn on one line, cut;
# codes joined by _ - / (date_not_real, 2041, 2706) were seen broken at those signs
_WORD = r"[A-Za-z0-9]+"
CHOICES = 8  # text columns without Chinese weighed for keeping on one line (2^8 squeezes at most)
# the column of row checkboxes st.dataframe adds to a table whose rows can be chosen: as wide as the
# grid makes it for that many rows (32 px up to 100, 44 seen for a hub's 1,000+ organizations)
SELECT_PX = ((100, 32), (1000, 36), (10_000, 44))
SELECT_MORE_PX = 48


def select_px(rows: int) -> int:
    """The width of the row checkboxes' column of a table of `rows` rows."""
    return next((px for most, px in SELECT_PX if rows <= most), SELECT_MORE_PX)


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


def _word_px(column: pl.Series) -> float:
    """The widest run of letters and digits in a text column (a code, a word), computed by polars:
    the grid drew such a run wider than its column on one line, cut at the cell's edge (USCC
    531100006544103913)."""
    words = column.drop_nulls().str.extract_all(_WORD).explode().drop_nulls()
    if words.is_empty():
        return 0.0
    return float((words.str.len_chars() * NARROW_PX).max() or 0.0)  # type: ignore[arg-type]


def _number_px(column: pl.Series, number_format: str | None) -> float:
    """The widest cell of a number column: its largest and smallest values printed as the grid does."""
    values = column.drop_nulls()
    if values.is_empty():
        return 0.0
    fixed = (number_format or "").startswith("localized:")  # localized with fixed decimals
    template = (
        f"{{:,.{number_format.split(':')[1]}f}}"  # type: ignore[union-attr]
        if fixed
        else _NUMBER_TEXT.get(number_format or "localized", "{:,.3f}")
    )
    extremes = [values.min(), values.max()]
    texts = [template.format(float(v)) for v in extremes if v is not None]  # type: ignore[arg-type]
    if number_format == "localized" and values.dtype.is_integer():
        texts = [f"{int(v):,}" for v in extremes if v is not None]  # type: ignore[call-overload]
    elif number_format == "localized":  # trailing zeros are not printed
        texts = [s.rstrip("0").rstrip(".") for s in texts]
    return max(text_px(s) for s in texts)


def _cells_px(shown: pl.DataFrame, number_formats: dict[str, str]) -> dict[str, float]:
    """Each column's widest cell in pixels, as the grid prints it."""
    out: dict[str, float] = {}
    for name, dtype in shown.schema.items():
        if dtype == pl.String:
            out[name] = _string_px(shown[name])
        elif dtype == pl.Date:
            out[name] = text_px("2016-12-31")
        elif isinstance(dtype, pl.Datetime):
            out[name] = text_px("2016-12-31 23:59")
        elif dtype.is_numeric():
            out[name] = _number_px(shown[name], number_formats.get(name))
        else:
            out[name] = _string_px(shown[name].cast(pl.String))
    return out


def widths(shown: pl.DataFrame, number_formats: dict[str, str]) -> dict[str, int]:
    """Each column's width in pixels: its header or its widest cell, whichever is wider."""
    cells = _cells_px(shown, number_formats)
    return {name: _fit(max(px, text_px(name))) for name, px in cells.items()}


@dataclass(frozen=True)
class Fit:
    """Column widths that fit a table into its room, the row height when text wraps (None: one line a
    row), and the headers shortened to fit (full header -> shown header, the full one on hover)."""

    widths: dict[str, int]
    row_height: int | None = None
    labels: dict[str, str] = field(default_factory=dict)


def fit(
    shown: pl.DataFrame,
    number_formats: dict[str, str],
    room: int = PAGE_PX,
    whole: Collection[str] = (),
) -> Fit:
    """Widths that keep a table within `room` px (no column past the page's edge: at 1280 px "人均(元)"
    was cut there). Each column fits its header and widest cell; when they add up to more, the text
    columns wider than KEEP_PX give up width in proportion to what they can spare (then the others,
    down to their floor, never narrower than their widest word or code) and wrap (rows grow to hold
    their longest text: none is cut); if that is not enough, the headers wider than their cells are
    shortened (…), the full header on hover. `whole`: text columns kept on
    one line at their full width (lists of numbers, run ids: the grid sometimes draws such a cell on
    one line in a wrapping row, cut at the cell's edge).

    A cell without Chinese is kept on one line when the table can afford it: the grid decides whether
    a line needs wrapping by measuring its first width / (average character width) x 1.5 characters,
    an average the Chinese it has drawn raises (past about 9.75 px a Latin line longer than its cell
    is drawn whole, cut: "Private non-enterprise unit" beside Chinese names). The columns that hold
    the most such text the room allows are kept (_kept_whole); the others wrap as any text (the fit check reads every
    page)."""
    cells = _cells_px(shown, number_formats)
    natural = {name: _fit(max(px, text_px(name))) for name, px in cells.items()}
    if sum(natural.values()) <= room:
        return Fit(natural)
    texts = [n for n, dtype in shown.schema.items() if dtype == pl.String and n not in whole]
    words = {n: _word_px(shown[n]) for n in texts}  # a text column is never narrower than a word
    latin = {n: px for n in texts if (px := _latin_px(shown[n])) > 0}
    return _kept_whole(cells, natural, words, room, latin)


def _kept_whole(
    cells: dict[str, float],
    natural: dict[str, int],
    words: dict[str, float],
    room: int,
    latin: dict[str, float],
) -> Fit:
    """The squeeze that keeps on one line the cells without Chinese (`latin`: each text column's
    widest) of the columns that hold the most of them (in px) within the room: every choice is
    tried (a table has a few such columns; past CHOICES, the widest)."""
    names = sorted(latin, key=lambda n: (-latin[n], n))[:CHOICES]
    best, kept = _squeezed(cells, natural, words, room), 0.0
    for k in range(1, len(names) + 1):
        for chosen in combinations(names, k):
            whole = sum(latin[n] for n in chosen)
            if whole <= kept:
                continue
            tried = _squeezed(cells, natural, words, room, {n: latin[n] for n in chosen})
            if sum(tried.widths.values()) <= room:
                best, kept = tried, whole
    return best


def _squeezed(
    cells: dict[str, float],
    natural: dict[str, int],
    words: dict[str, float],
    room: int,
    one_line: dict[str, float] | None = None,
) -> Fit:
    """fit()'s squeeze of the text columns (`words`: each one's widest word); `one_line`: the widest
    cell without Chinese of the text columns that keep it on one line."""
    texts, one_line = list(words), one_line or {}
    floor = {
        n: max(_fit(text_px(n)), TEXT_FLOOR_PX, _fit(words[n]), _fit(one_line.get(n, 0.0)))
        for n in texts
    }
    keep = {n: max(floor[n], min(natural[n], KEEP_PX)) for n in texts}
    out = _squeeze(dict(natural), keep, sum(natural.values()) - room)  # _shorten narrows out
    out = _squeeze(out, floor, sum(out.values()) - room)
    wrapped = [n for n in texts if out[n] < natural[n]]  # a wrapped column may wrap further
    least = {
        n: max(min(cells[n], WRAP_LEAST_PX), words[n], one_line.get(n, 0.0))
        if n in wrapped
        else cells[n]
        for n in cells
    }
    labels = _shorten(out, least, sum(out.values()) - room)
    need = max((_lines(cells[n], out[n]) for n in wrapped), default=1)
    row = max(WRAP_ROW_PX, need * LINE_PX + 14) if need > 1 else None
    return Fit(out, row, labels)


def _latin_px(column: pl.Series) -> float:
    """The widest cell without Chinese in a text column (polars, no Python per row)."""
    latin = column.drop_nulls().filter(~column.drop_nulls().str.contains(_WIDE))
    return _string_px(latin)


def _squeeze(out: dict[str, int], floor: dict[str, int], excess: int) -> dict[str, int]:
    """Text columns wider than their floor give up width in proportion to what they can spare,
    until the excess is gone or they are at their floor."""
    spare = {n: out[n] - floor[n] for n in floor if out[n] > floor[n]}
    if excess <= 0 or not spare:
        return out
    share = min(1.0, excess / sum(spare.values()))
    return {n: w - math.ceil(spare.get(n, 0) * share) for n, w in out.items()}


def _lines(text_width: float, width: int) -> int:
    """How many lines a text of this width takes in a column this wide (one more for the space a
    break at a word's end leaves)."""
    per_line = max(width - PADDING_PX - WIDE_PX, 1)
    return math.ceil(text_width / per_line)


def _shorten(out: dict[str, int], cells: dict[str, float], excess: int) -> dict[str, str]:
    """Shorten headers wider than their cells (`cells`: the least a column's cells need) until the
    excess is gone, a character at a time from the header that costs most beyond its cells (so the
    longest go first and each keeps as many of its words as it can); each column narrowed (in
    `out`) to its shortened header, which keeps its unit: 每家联系…(元)."""
    keep = {n: len(_base(n)) for n in out}
    labels: dict[str, str] = {}
    while excess > 0:
        costs = {n: out[n] - _fit(cells[n]) for n in out if keep[n] > 2 and out[n] > _fit(cells[n])}
        if not costs:
            break
        name = max(costs, key=lambda n: (costs[n], n))
        keep[name] -= 1
        labels[name] = _short(name, keep[name])
        width = _fit(max(cells[name], text_px(labels[name])))
        excess -= out[name] - width
        out[name] = width
    return labels


def _base(header: str) -> str:
    """A header less its unit: 每家联系组织 of 每家联系组织(元)."""
    at = header.find("(")
    return header[:at] if at > 0 else header


def _short(header: str, keep: int) -> str:
    """A header cut to its first `keep` characters and an ellipsis, its unit kept: 每家联系…(元)."""
    base = _base(header)
    return header if keep >= len(base) else base[:keep].rstrip() + "…" + header[len(base) :]
