"""UTF-8 text pasted into a GB18030 file, found cell by cell whatever its script (Chinese, Latin,
symbols, mixed): read as GB18030 it would be stored garbled (Café Société 协会 as
Caf茅 Soci茅t茅 鍗忎細)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np

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
