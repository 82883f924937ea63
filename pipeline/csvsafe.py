"""CSV bytes that hold the values as they are: UTF-8 with BOM, codes as plain digits, numbers as
numbers, and a leading ' only on text a spreadsheet would run as a formula.

The rules, documented in docs/dashboard.md (Exports), for every CSV Shuniu writes (the dashboard's
downloads, the briefing pack, `python -m pipeline export --format csv`, the rejection and warning
reports):
- A text cell starting with = + - @ tab or CR (also after blanks) gets a leading ' unless it is a
  plain number (-58400, +3.5, 1e5): a spreadsheet would run such text as a formula. Nothing else
  is changed: a code is written as its digits (110101, 531100006544103913), never as ="…".
- Numbers are written in full in the unit their header states: money exactly to the fen
  (`money_text`: 1.234567 in a 万元 column is 12,345.67 yuan), rates in percent (`percent`).
A spreadsheet opening the CSV would turn an 18-digit code into 5.31100006544104E+17: people who
open files in a spreadsheet take the .xlsx written beside every CSV (codes as text cells).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from pathlib import Path

import polars as pl

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA = r"^\s*[=+\-@\t\r]"  # leading blanks too: a spreadsheet may trim them first
PLAIN_NUMBER = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"
_IDENTIFIER = re.compile(r"(^|_)(uscc|code|id)$|uscc|代码|编号|批次", re.IGNORECASE)
PERCENT_DECIMALS = 10  # a rate in percent: float noise (42.730000000000004) gone, nothing else
MONEY_POWERS = {"yuan": 0, "wan": 4, "yi": 8}  # a money unit -> the power of ten of its yuan


def is_identifier(name: str) -> bool:
    """A column that holds codes, not quantities: uscc, *_code, *_id, or a Chinese 代码/编号 header."""
    return bool(_IDENTIFIER.search(name))


def neutralize(frame: pl.DataFrame) -> pl.DataFrame:
    """Prefix ' to text cells that a spreadsheet would run as a formula; plain numbers and non-text
    columns stay as they are."""
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(_FORMULA) & ~pl.col(c).str.contains(PLAIN_NUMBER))
        .then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c))
        .alias(c)
        for c, dtype in frame.schema.items()
        if dtype == pl.String
    )


def unguard(cell: str) -> str:
    """A cell as neutralize found it: the leading ' taken off text that starts a formula."""
    if cell.startswith("'") and re.match(_FORMULA, cell[1:]):
        return cell[1:]
    return cell


def read_code(cell: str) -> str:
    """A code cell as a program reads it. Codes are plain digits now; a ="…" cell of an older
    export is unwrapped (="110105" -> 110105)."""
    return cell[2:-1] if cell.startswith('="') and cell.endswith('"') else cell


def money_text(value: pl.Expr, unit: str = "wan") -> pl.Expr:
    """Yuan as exact text in `unit` (yuan, wan = 万元, yi = 亿元), to the fen and no further:
    1234567.80 yuan -> 123.45678 (万元); 584000 -> 58.4; -58400 -> -5.84. A float is taken to the
    nearest fen first; missing stays missing."""
    power = MONEY_POWERS[unit]
    fen = value.cast(pl.Decimal(38, 2)).cast(pl.String)  # 584000.00, -12345.67: exact
    negative = fen.str.starts_with("-")
    parts = fen.str.strip_chars_start("-").str.split_exact(".", 1)
    whole, cents = parts.struct.field("field_0"), parts.struct.field("field_1")
    digits = whole.str.zfill(power + 1)
    head = digits.str.head(-power) if power else digits
    moved = digits.str.tail(power) if power else pl.lit("")
    text = (head + "." + moved + cents).str.strip_chars_end("0").str.strip_chars_end(".")
    signed = pl.when(negative & (text != "0")).then("-" + text).otherwise(text)
    return pl.when(value.is_not_null()).then(signed).name.keep()


def percent(value: pl.Expr) -> pl.Expr:
    """A fraction in percent, as a number: 0.4273 -> 42.73 (float noise rounded away)."""
    return (value.cast(pl.Float64) * 100).round(PERCENT_DECIMALS)


def csv_text(frame: pl.DataFrame) -> str:
    """The CSV text (no BOM): formulas neutralized, missing cells empty, everything else as it is."""
    return neutralize(frame).write_csv(null_value="")


def csv_bytes(
    frame: pl.DataFrame,
    headers: Mapping[str, str] | None = None,
    codes: Collection[str] | None = (),  # noqa: ARG001 - kept for callers: codes are plain now
) -> bytes:
    """The frame as CSV: optional header renaming, then csv_text, UTF-8 with BOM. `codes` changes
    nothing any more (codes are written as their digits); it is accepted so callers keep working."""
    if headers:
        frame = frame.rename({k: v for k, v in headers.items() if k in frame.columns})
    return (BOM + csv_text(frame)).encode("utf-8")


def write_csv(
    frame: pl.DataFrame,
    path: Path,
    headers: Mapping[str, str] | None = None,
    codes: Collection[str] | None = (),
) -> Path:
    """Write csv_bytes to a file, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(csv_bytes(frame, headers, codes))
    return path
