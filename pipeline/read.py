"""Read one input file (CSV in UTF-8/GB18030 or xlsx) into an all-text frame with line numbers."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from schemas.tables import Table

LINE = "__line"  # the row's line in its file (header = line 1; xlsx: the sheet row)


class InputError(Exception):
    """A file cannot be used at all; the message is one sentence naming the file and the fix."""


@dataclass(frozen=True)
class RawTable:
    """An input file read as text: canonical columns plus the line column, and its encoding."""

    table: Table
    path: Path
    frame: pl.DataFrame
    encoding: str
    ignored_headers: tuple[str, ...]


def find_file(raw_dir: Path, table: Table) -> Path | None:
    """The file holding that table (NAME.csv or NAME.xlsx, case-insensitive), or None."""
    matches = sorted(
        p
        for p in raw_dir.iterdir()
        if p.is_file() and p.stem.lower() == table.name and p.suffix.lower() in (".csv", ".xlsx")
    )
    if len(matches) > 1:
        names = ", ".join(p.name for p in matches)
        raise InputError(
            f"{raw_dir}: both {names} hold table '{table.name}'; keep only one of them."
        )
    return matches[0] if matches else None


def header_key(text: str) -> str:
    """A header as it is matched: NFKC (full-width to half-width), trimmed, no inner spaces, lower case."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def _parse_csv(path: Path, source: Path | bytes) -> pl.DataFrame:
    try:
        return pl.read_csv(source, infer_schema=False, truncate_ragged_lines=False)
    except pl.exceptions.NoDataError as exc:
        raise InputError(f"{path.name} is empty; it needs a header row and data rows.") from exc


def _read_csv(path: Path) -> tuple[pl.DataFrame, str]:
    with path.open("rb") as handle:
        head = handle.read(4096)
    if b"\x00" in head:
        raise InputError(
            f"{path.name} is not a text table (it looks binary); save it as CSV (UTF-8) or .xlsx."
        )
    try:
        try:  # polars checks that every value is valid UTF-8 while it reads (and skips a BOM)
            frame = _parse_csv(path, path)
            encoding = "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
        except pl.exceptions.ComputeError as exc:
            if "utf-8" not in str(exc):
                raise
            frame, encoding = _parse_csv(path, _gb18030_as_utf8(path)), "gb18030"
    except pl.exceptions.PolarsError as exc:
        raise InputError(
            f"{path.name} could not be read as a CSV table ({exc.__class__.__name__}); "
            "check that every row has the header's number of columns."
        ) from exc
    # A quoted value spanning lines pushes the following rows down: count those newlines.
    multiline = [c for c in frame.columns if frame[c].str.contains("\n", literal=True).any()]
    shift = pl.lit(0)
    if multiline:
        extra = pl.sum_horizontal(
            pl.col(c).str.count_matches("\n", literal=True).fill_null(0) for c in multiline
        )
        shift = extra.cum_sum().shift(1, fill_value=0)
    frame = frame.with_row_index(LINE, offset=2).with_columns(
        (pl.col(LINE).cast(pl.Int64) + shift).alias(LINE)
    )
    return frame, encoding


def _gb18030_as_utf8(path: Path) -> bytes:
    try:
        return path.read_bytes().decode("gb18030").encode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path.name} is neither UTF-8 nor GB18030/GBK text; save it again as CSV UTF-8 or .xlsx."
        ) from exc


def _read_xlsx(path: Path) -> pl.DataFrame:
    try:
        frame = pl.read_excel(
            path, engine="calamine", infer_schema_length=0, drop_empty_rows=False, sheet_id=1
        )
    except Exception as exc:  # fastexcel raises its own error types for broken workbooks
        raise InputError(
            f"{path.name} could not be opened as an Excel workbook; save it again as .xlsx "
            "or as CSV."
        ) from exc
    return frame.with_row_index(LINE, offset=2).with_columns(pl.col(LINE).cast(pl.Int64))


def _map_headers(
    path: Path, table: Table, headers: list[str]
) -> tuple[dict[str, str], tuple[str, ...]]:
    wanted = {
        header_key(name): col.name for col in table.columns for name in (col.name, *col.aliases)
    }
    mapping: dict[str, str] = {}
    ignored: list[str] = []
    for header in headers:
        canonical = wanted.get(header_key(header))
        if canonical is None:
            ignored.append(header)
        elif canonical in mapping.values():
            raise InputError(f"{path.name} has two columns for '{canonical}'; delete one of them.")
        else:
            mapping[header] = canonical
    missing = [c for c in table.columns if c.required and c.name not in mapping.values()]
    if missing:
        col = missing[0]
        names = " / ".join((col.name, *col.aliases))
        raise InputError(
            f"{path.name} has no column '{col.name}' (header {names}); add that column."
        )
    return mapping, tuple(ignored)


def read_table(path: Path, table: Table) -> RawTable:
    """Read a CSV or xlsx file as text, rename its headers to canonical names, number its lines."""
    if path.suffix.lower() == ".xlsx":
        frame, encoding = _read_xlsx(path), "xlsx"
    else:
        frame, encoding = _read_csv(path)
    headers = [h for h in frame.columns if h != LINE]
    mapping, ignored = _map_headers(path, table, headers)
    frame = frame.select(
        pl.col(LINE),
        *(pl.col(src).cast(pl.String).alias(dst) for src, dst in mapping.items()),
        *(
            pl.lit(None, pl.String).alias(c.name)
            for c in table.columns
            if c.name not in mapping.values()
        ),
    )
    data_cols = [c.name for c in table.columns]
    blank = pl.all_horizontal(pl.col(c).is_null() for c in data_cols)  # an empty line, not a row
    frame = frame.filter(~blank).select(LINE, *data_cols)
    return RawTable(table, path, frame, encoding, ignored)
