"""Mojibake, both ways. UTF-8 text pasted into a GB18030 file, found cell by cell whatever its script
(Chinese, Latin, symbols, mixed): read as GB18030 it would be stored garbled (Café Société 协会 as
Caf茅 Soci茅t茅 鍗忎細). And text already garbled when the file was saved: UTF-8 read as GBK (管理 as
绠＄悊) or GBK read as UTF-8 (�), rejected at its cell with how to save the file correctly."""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np
import polars as pl

from schemas import messages

# What pasted text is made of: besides ASCII, letters and signs of Latin script (accents included),
# common punctuation and symbols, and Chinese (CJK ideographs, their punctuation, full-width forms).
# Real GB18030 text that happens to be valid UTF-8 decodes to other scripts (Cyrillic, Arabic,
# Greek, combining marks...) or to lone accented letters (see tests/unit/test_mojibake.py).
_PASTED = re.compile(
    "[\t\n\r\x20-\x7e"
    "\u00a0-\u024f\u1e00-\u1eff"  # Latin-1, Latin Extended-A/B and Additional
    "\u2000-\u206f\u20a0-\u20cf\u2100-\u27bf"  # punctuation, currency, letterlike, arrows, signs
    "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]*"
)
# and it says something: an ASCII letter or digit, or a Chinese character
_SAYS = re.compile("[A-Za-z0-9\u3400-\u4dbf\u4e00-\u9fff]")
_CHUNK = 1 << 22


def looks_pasted(text: str) -> bool:
    """Whether a cell's UTF-8 reading is text a clerk could have written (see _PASTED)."""
    return bool(_PASTED.fullmatch(text)) and bool(_SAYS.search(text))


def utf8_line(data: bytes) -> int | None:
    """The first line of a GB18030 file with a cell that is UTF-8 text pasted in, or None."""
    for start, end in _utf8_cells(data):
        try:
            cell = data[start:end].decode("utf-8")
        except UnicodeDecodeError:  # overlong forms and surrogates pass the byte test only
            continue
        if looks_pasted(cell):
            return data.count(b"\n", 0, start) + 1
    return None


def _utf8_cells(data: bytes) -> Iterator[tuple[int, int]]:
    """(start, end) of each cell (between commas and line breaks) that holds a non-ASCII byte
    and whose every non-ASCII byte belongs to a well-formed UTF-8 sequence; in file order."""
    begin = 0
    while begin < len(data):
        cut = data.find(b"\n", begin + _CHUNK)
        end = len(data) if cut < 0 else cut + 1
        yield from ((begin + s, begin + e) for s, e in _cells_of(data[begin:end]))
        begin = end


def _cells_of(part: bytes) -> Iterator[tuple[int, int]]:
    a = np.frombuffer(part, np.uint8)
    if not (a >= 0x80).any():
        return
    cont = (a & 0xC0) == 0x80
    covered = np.zeros(len(a), bool)  # bytes of a well-formed sequence (lead + continuations)
    for low, high, size in ((0xC2, 0xDF, 2), (0xE0, 0xEF, 3), (0xF0, 0xF4, 4)):
        lead = (a >= low) & (a <= high)
        for k in range(1, size):
            lead[: len(a) - k] &= cont[k:]
            lead[len(a) - k :] = False
        for k in range(size):
            covered[k:] |= lead[: len(a) - k]
    wide = a >= 0x80
    stray = wide & ~covered
    starts = np.concatenate(([0], np.flatnonzero((a == 0x2C) | (a == 0x0A)) + 1))
    starts = starts[starts < len(a)]  # a cell owns its closing comma or line break
    ends = np.append(starts[1:], len(a))
    candidates = np.logical_or.reduceat(wide, starts) & ~np.logical_or.reduceat(stray, starts)
    for k in np.flatnonzero(candidates).tolist():
        yield int(starts[k]), int(ends[k])


# The other way round: UTF-8 text read as GBK and saved as it showed (a Chinese-Windows Excel opening a
# UTF-8 CSV without BOM, then 另存为): 管理 becomes 绠＄悊, 是 becomes 鏄? (a lost byte written as ?).
# Each Chinese character of UTF-8 is a lead byte E0-EF and two continuation bytes 80-BF, so its
# misreading begins with a GBK character of bytes (E0-EF, 80-BF), followed by one of (80-BF, E0-EF),
# by the ? of a lost byte, or by the end of the cell: cells matching that are looked at one by one.


def _gbk_chars(leads: range, trails: range) -> str:
    found = []
    for lead in leads:
        for trail in trails:
            try:
                found.append(bytes([lead, trail]).decode("gb18030"))
            except UnicodeDecodeError:
                continue
    return "".join(found)


_HEAD = _gbk_chars(range(0xE0, 0xF0), range(0x80, 0xC0))
_NEXT = _gbk_chars(range(0x80, 0xC0), range(0xE0, 0xF0))
SUSPECT = f"[{re.escape(_HEAD)}](?:[{re.escape(_NEXT)}]|\\?|$)"
LOST = "\ufffd"  # what a program writes for bytes it could not decode: GBK read as UTF-8
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")


def misread(cell: str) -> str | None:
    """The text a cell held before its UTF-8 bytes were read as GBK and saved again (绠＄悊 -> 管理),
    a character whose last byte was lost shown as ? (鏄? -> ?); None for text that is not such a
    misreading (real Chinese text never is: see tests/unit/test_mojibake.py)."""
    try:
        data = cell.encode("gb18030")
    except UnicodeEncodeError:
        return None
    if data.isascii():
        return None
    pieces, cut = data.split(b"?"), False
    read = []
    for k, piece in enumerate(pieces):
        try:
            read.append(piece.decode("utf-8"))
        except UnicodeDecodeError as exc:
            # a character cut short is allowed only where a ? stands for its lost last byte
            if (
                k == len(pieces) - 1
                or exc.reason != "unexpected end of data"
                or exc.end != len(piece)
            ):
                return None
            read.append(piece[: exc.start].decode("utf-8"))
            cut = True
    text = "?".join(read)
    if cut:  # a character lost: what is left needs only be text a clerk could have written
        return text if _PASTED.fullmatch(text) else None
    return text if _CJK.search(text) and looks_pasted(text) else None


ISSUES = {"line": pl.Int64, "column": pl.String, "rule": pl.String, "value": pl.String,
          "message": pl.String}  # fmt: skip


def cell_issues(frame: pl.DataFrame, line: str, columns: dict[str, str]) -> pl.DataFrame:
    """One issue per cell of misread text: `mojibake` (UTF-8 read as GBK and saved: the message
    gives the text it was) or `mojibake_lost` (a program wrote � for bytes it could not read: GBK
    read as UTF-8). `columns` maps each header to the table's column (or to itself), as
    pipeline.cells.control_issues; the message names the column by the file's header."""

    def suspect(header: str) -> pl.Expr:
        text = pl.col(header).cast(pl.String)
        return text.str.contains(SUSPECT) | text.str.contains(LOST, literal=True)

    any_in = frame.select(suspect(h).any().alias(h) for h in columns)  # the columns in parallel
    rows = []
    for header, column in columns.items():
        if not any_in[header][0]:
            continue
        cells = frame.filter(suspect(header)).select(line, pl.col(header).cast(pl.String))
        for number, value in cells.iter_rows():
            found = _issue(value, header)
            if found is not None:
                rows.append((number, column, found[0], value, found[1]))
    return pl.DataFrame(rows, schema=ISSUES, orient="row")


def _issue(value: str, header: str) -> tuple[str, str] | None:
    """(rule, message) for a misread cell, None for a sound one."""
    if LOST in value:
        return "mojibake_lost", messages.MESSAGES["mojibake_lost"].format(label=header)
    original = misread(value)
    if original is None:
        return None
    readable = original.strip("?").strip()
    said = (
        f"（原文应为「{original}」{'，? 处的字已丢失' if '?' in original else ''}）"
        if readable
        else ""
    )
    return "mojibake", messages.MESSAGES["mojibake"].format(label=header, original=said)
