"""CSV bytes a spreadsheet opens safely: UTF-8 with BOM, formulas in text cells neutralized."""

from __future__ import annotations

from pathlib import Path

import polars as pl

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize(frame: pl.DataFrame) -> pl.DataFrame:
    """Prefix ' to text cells that a spreadsheet would run as a formula; numbers stay numbers."""
    text_cols = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    pattern = "^[" + "".join("\\" + c if c in "-+" else c for c in FORMULA_START) + "]"
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(pattern))
        .then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c))
        .alias(c)
        for c in text_cols
    )


def csv_bytes(frame: pl.DataFrame, headers: dict[str, str] | None = None) -> bytes:
    """The frame as CSV for Excel: neutralized, optional header renaming, UTF-8 with BOM."""
    safe = neutralize(frame)
    if headers:
        safe = safe.rename({k: v for k, v in headers.items() if k in safe.columns})
    return b"\xef\xbb\xbf" + safe.write_csv().encode("utf-8")


def write_csv(frame: pl.DataFrame, path: Path, headers: dict[str, str] | None = None) -> Path:
    """Write csv_bytes to a file, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(csv_bytes(frame, headers))
    return path
