"""Read one input file (CSV in UTF-8/GB18030 or xlsx) into an all-text frame with line numbers."""

from __future__ import annotations

import csv
import io
import re
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


def _first_ragged_line(text: str) -> int | None:
    """The file line of the first row whose field count differs from the header's, if any."""
    reader = csv.reader(io.StringIO(text))
    width = None
    for row in reader:
        if width is None:
            width = len(row)
        elif row and len(row) != width:
            return reader.line_num
    return None


def _not_a_table(path: Path, source: Path | bytes, exc: Exception) -> InputError:
    data = source if isinstance(source, bytes) else source.read_bytes()
    line = _first_ragged_line(data.decode("utf-8", errors="replace").removeprefix("\ufeff"))
    where = f" at line {line}" if line else ""
    return InputError(
        f"{path.name} could not be read as a CSV table{where} ({exc.__class__.__name__}); "
        "make every row have the header's number of columns and close every quote."
    )


def _parse_csv(path: Path, source: Path | bytes) -> pl.DataFrame:
    try:
        return pl.read_csv(source, infer_schema=False, truncate_ragged_lines=False)
    except pl.exceptions.NoDataError as exc:
        raise InputError(f"{path.name} is empty; it needs a header row and data rows.") from exc
    except pl.exceptions.ComputeError as exc:
        if "utf-8" in str(exc):
            raise
        raise _not_a_table(path, source, exc) from exc


def _utf8_source(path: Path, head: bytes) -> tuple[Path | bytes, str]:
    """The CSV as polars should read it, and its encoding: UTF-8 is read in place, GB18030 converted.

    The header decides (polars would decode a GBK header lossily); a file whose header is UTF-8 but
    whose values are not is checked whole, so that a GBK cell in a UTF-8 file is refused, not garbled."""
    header = head.split(b"\n", 1)[0]
    bom = header.startswith(b"\xef\xbb\xbf")
    try:
        header.decode("utf-8")
    except UnicodeDecodeError:
        if bom:
            raise InputError(
                f"{path.name} starts as UTF-8 (BOM) but is not; save it again as CSV UTF-8."
            ) from None
        return _gb18030_as_utf8(path), "gb18030"
    return path, "utf-8-sig" if bom else "utf-8"


def _read_csv(path: Path) -> tuple[pl.DataFrame, str]:
    with path.open("rb") as handle:
        head = handle.read(65536)
    if b"\x00" in head[:4096]:
        raise InputError(
            f"{path.name} is not a text table (it looks binary); save it as CSV (UTF-8) or .xlsx."
        )
    source, encoding = _utf8_source(path, head)
    try:  # polars checks that every value is valid UTF-8 while it reads (and skips a BOM)
        frame = _parse_csv(path, source)
    except pl.exceptions.ComputeError:
        if encoding == "gb18030" or b"\xef\xbb\xbf" == head[:3]:
            raise InputError(
                f"{path.name} is not valid UTF-8; save it again as CSV UTF-8."
            ) from None
        source, encoding = _gb18030_as_utf8(path, mixed_check=True), "gb18030"
        frame = _parse_csv(path, source)
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


def _gb18030_as_utf8(path: Path, *, mixed_check: bool = False) -> bytes:
    data = path.read_bytes()
    if mixed_check:  # UTF-8 Chinese text next to the bad bytes: two encodings in one file
        lines = data.split(b"\n")
        utf8 = [i for i, line in enumerate(lines) if _is_utf8_chinese(line)]
        bad = next((i for i, line in enumerate(lines) if not _decodes(line)), None)
        if utf8 and bad is not None:
            raise InputError(
                f"{path.name} mixes encodings (line {bad + 1} is not UTF-8 but line {utf8[0] + 1} is); "
                "save the whole file again as CSV UTF-8."
            )
    try:
        return data.decode("gb18030").encode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path.name} is neither UTF-8 nor GB18030/GBK text; save it again as CSV UTF-8 or .xlsx."
        ) from exc


def _decodes(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _is_utf8_chinese(line: bytes) -> bool:
    return not line.isascii() and _decodes(line)


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
        duplicated = re.match(r"^(.*?)(_duplicated_\d+|_\d+)$", header)
        if duplicated and duplicated.group(1) in headers:  # polars/fastexcel renamed a repeat
            raise InputError(
                f"{path.name} has the column '{duplicated.group(1)}' twice; delete one of them."
            )
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
    if not frame.height and table.required:
        raise InputError(f"{path.name} has a header but no data rows; add the register's rows.")
    mapping, ignored = _map_headers(path, table, headers)
    # an empty line (every cell empty, known column or not) is not a row; anything else is
    frame = frame.filter(~pl.all_horizontal(pl.col(h).is_null() for h in headers))
    frame = frame.select(
        pl.col(LINE),
        *(pl.col(src).cast(pl.String).alias(dst) for src, dst in mapping.items()),
        *(
            pl.lit(None, pl.String).alias(c.name)
            for c in table.columns
            if c.name not in mapping.values()
        ),
    )
    frame = frame.select(LINE, *(c.name for c in table.columns))
    return RawTable(table, path, frame, encoding, ignored)
