"""CSV bytes a spreadsheet opens safely: UTF-8 with BOM, formulas in text cells neutralized, all-digit
codes kept as text.

Two rules, documented in docs/dashboard.md (Exports):
- A text cell starting with = + - @ tab or CR gets a leading ' unless it is a plain number (-58400,
  +3.5, 1e5): a spreadsheet would run such text as a formula, and a plain number is harmless.
- A code a spreadsheet would read as a number (all digits, or digits with an exponent like
  531100001234567E12; credit code, region code, any column named as an identifier) is written as
  ="531100006544103913": Excel, WPS and LibreOffice all show it as that text, where the bare digits
  would become 5.31100006544104E+17 (the last digits lost). A machine reader removes the =" and ".
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
# a code a spreadsheet would read as a number: digits, also with a decimal point or an exponent
# (a credit code's organization part may hold an E: 531100001234567E12 would become 5.3E+26)
ALL_DIGITS = r"^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$"
_IDENTIFIER = re.compile(r"(^|_)(uscc|code|id)$|uscc|代码|编号|批次", re.IGNORECASE)


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


def protect_codes(frame: pl.DataFrame, codes: Collection[str]) -> pl.DataFrame:
    """All-digit values of the code columns as ="…" (text in Excel, WPS and LibreOffice); a code
    column of numbers becomes text first."""
    exprs = []
    for c in codes:
        if c not in frame.columns:
            continue
        text = pl.col(c).cast(pl.String)
        wrapped = pl.lit('="') + text + pl.lit('"')
        exprs.append(pl.when(text.str.contains(ALL_DIGITS)).then(wrapped).otherwise(text).alias(c))
    return frame.with_columns(exprs) if exprs else frame


def read_code(cell: str) -> str:
    """A code as written by protect_codes, back to its digits (="110105" -> 110105); other text as is."""
    return cell[2:-1] if cell.startswith('="') and cell.endswith('"') else cell


def csv_text(frame: pl.DataFrame, codes: Collection[str] | None = None) -> str:
    """The CSV text (no BOM): formulas neutralized, then codes protected (by default every column
    whose name says it is an identifier), missing cells empty."""
    chosen = [c for c in frame.columns if is_identifier(c)] if codes is None else codes
    return protect_codes(neutralize(frame), chosen).write_csv(null_value="")


def csv_bytes(
    frame: pl.DataFrame,
    headers: Mapping[str, str] | None = None,
    codes: Collection[str] | None = (),
) -> bytes:
    """The frame as CSV for Excel: optional header renaming, then csv_text (codes: the columns, after
    renaming, to protect; None: every identifier column), UTF-8 with BOM."""
    if headers:
        frame = frame.rename({k: v for k, v in headers.items() if k in frame.columns})
    return (BOM + csv_text(frame, codes)).encode("utf-8")


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
