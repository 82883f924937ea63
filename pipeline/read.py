"""Read one input file (CSV in UTF-8/GB18030 or xlsx) into an all-text frame with line numbers."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from pipeline import cells, limits, mojibake
from pipeline.csvfile import InputError, cut_row_width, read_csv
from schemas.tables import Table

__all__ = ["LINE", "InputError", "RawTable", "find_file", "header_key", "read_table"]

LINE = "__line"  # the row's line in its file (header = line 1; xlsx: the sheet row)


@dataclass(frozen=True)
class RawTable:
    """An input file read as text: canonical columns plus the line column, and its encoding.

    `headers` maps each canonical column to the header the file used for it (for the clerk's report);
    `cut_row` is (line, columns, header's columns) of a last line cut short (pipeline/guard);
    `cell_issues` the cells holding a control character (pipeline/cells) or misread text
    (pipeline/mojibake), rejected at their line."""

    table: Table
    path: Path
    frame: pl.DataFrame
    encoding: str
    ignored_headers: tuple[str, ...]
    headers: dict[str, str] = field(default_factory=dict)
    cut_row: tuple[int, int, int] | None = None
    cell_issues: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=cells.SCHEMA))

    def header(self, column: str) -> str:
        """The file's own header of a column; the Chinese label when the file has no such column."""
        if column in self.headers:
            return self.headers[column]
        if any(c.name == column for c in self.table.columns):
            spec = self.table.column(column)
            return spec.aliases[0] if spec.aliases else spec.name
        return column  # an unknown column is named by its own header


def find_file(raw_dir: Path, table: Table, follow_symlinks: bool = False) -> Path | None:
    """The file holding that table (NAME.csv or NAME.xlsx, case-insensitive), or None. A symbolic
    link is refused unless `follow_symlinks` (it could make a refresh read any file the user can,
    into the warehouse and the rejection report)."""
    matches = sorted(
        p
        for p in raw_dir.iterdir()
        if (p.is_file() or p.is_symlink())
        and p.stem.lower() == table.name
        and p.suffix.lower() in (".csv", ".xlsx")
    )
    if len(matches) > 1:
        names = ", ".join(p.name for p in matches)
        raise InputError("input.two_files", folder=raw_dir, names=names, table=table.name)
    if matches and matches[0].is_symlink() and not follow_symlinks:
        raise InputError("input.symlink", file=matches[0].name, target=os.readlink(matches[0]))
    if matches and not matches[0].is_file():  # a link to nothing, or to a folder or a device
        return None
    return matches[0] if matches else None


def header_key(text: str) -> str:
    """A header as it is matched: NFKC (full-width to half-width), trimmed, no inner spaces, lower case."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


# What is rare in a cell and looked at closely where it is found: a control character (pipeline/cells),
# misread text (pipeline/mojibake), a line break inside a quoted value. One pass over each column
# finds the columns holding any of them (most files: none); only those are searched for each.
_RARE = f"{cells.CONTROL}|{mojibake.SUSPECT}|{re.escape(mojibake.LOST)}|\n"


def _rare_columns(frame: pl.DataFrame, headers: list[str]) -> set[str]:
    """The headers of the columns with a cell holding anything _RARE matches."""
    found = frame.select(
        pl.col(h).cast(pl.String).str.contains(_RARE).any().alias(h) for h in headers
    )
    return {h for h in headers if found[h][0]}


def _read_csv(path: Path) -> tuple[pl.DataFrame | None, str, set[str]]:
    frame, encoding = read_csv(path)
    if frame is None:
        return None, encoding, set()
    rare = _rare_columns(frame, frame.columns)
    # A quoted value spanning lines pushes the following rows down: count those newlines.
    multiline = [c for c in rare if frame[c].str.contains("\n", literal=True).any()]
    shift = pl.lit(0)
    if multiline:
        extra = pl.sum_horizontal(
            pl.col(c).str.count_matches("\n", literal=True).fill_null(0) for c in multiline
        )
        shift = extra.cum_sum().shift(1, fill_value=0)
    frame = frame.with_row_index(LINE, offset=2).with_columns(
        (pl.col(LINE).cast(pl.Int64) + shift).alias(LINE)
    )
    return frame, encoding, rare


def _read_xlsx(path: Path) -> pl.DataFrame:
    limits.check_xlsx(path)  # sizes and rows, before any cell is parsed
    try:
        frame = pl.read_excel(
            path, engine="calamine", infer_schema_length=0, drop_empty_rows=False, sheet_id=1
        )
    except Exception as exc:  # fastexcel raises its own error types for broken workbooks
        raise InputError("input.xlsx_broken", file=path.name) from exc
    return frame.with_row_index(LINE, offset=2).with_columns(pl.col(LINE).cast(pl.Int64))


def _cut_row(path: Path, frame: pl.DataFrame, width: int) -> tuple[int, int, int] | None:
    """(line, columns, header's columns) when the CSV's last line is cut short (no line break at
    the end, fewer columns than the header); the line is the last row's."""
    if path.suffix.lower() == ".xlsx" or not frame.height:
        return None
    with path.open("rb") as handle:
        handle.seek(max(path.stat().st_size - 256 * 1024, 0))
        found = cut_row_width(handle.read(), width)
    return None if found is None else (int(frame[LINE][-1]), found, width)


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
            raise InputError("input.repeated_header", file=path.name, header=duplicated.group(1))
        canonical = wanted.get(header_key(header))
        if canonical is None:
            ignored.append(header)
        elif canonical in mapping.values():
            label = _label(table, canonical)
            raise InputError("input.two_columns", file=path.name, column=canonical, label=label)
        else:
            mapping[header] = canonical
    missing = [c for c in table.columns if c.required and c.name not in mapping.values()]
    if missing:
        col = missing[0]
        names = " / ".join((col.name, *col.aliases))
        raise InputError(
            "input.missing_column",
            file=path.name,
            column=col.name,
            label=_label(table, col.name),
            names=names,
        )
    return mapping, tuple(ignored)


def _label(table: Table, column: str) -> str:
    spec = table.column(column)
    return spec.aliases[0] if spec.aliases else spec.name


def _no_rows(path: Path, table: Table) -> RawTable:
    """An empty optional file: no rows (a required file that is empty is refused)."""
    if table.required:
        raise InputError("input.empty", file=path.name)
    schema = {LINE: pl.Int64, **{c.name: pl.String for c in table.columns}}
    encoding = "xlsx" if path.suffix.lower() == ".xlsx" else "utf-8"
    return RawTable(table, path, pl.DataFrame(schema=schema), encoding, ())


def read_table(path: Path, table: Table) -> RawTable:
    """Read a CSV or xlsx file as text, rename its headers to canonical names, number its lines.

    An optional file with no rows, header or not (a 0-byte file too), is read as no rows."""
    if path.stat().st_size == 0:
        return _no_rows(path, table)
    if path.suffix.lower() == ".xlsx":
        frame, encoding = _read_xlsx(path), "xlsx"
        rare = _rare_columns(frame, [h for h in frame.columns if h != LINE])
    else:
        read, encoding, rare = _read_csv(path)
        if read is None:
            return _no_rows(path, table)
        frame = read
    limits.check_frame(path.name, frame, LINE, excel=encoding == "xlsx")
    headers = [h for h in frame.columns if h != LINE]
    if not frame.height and table.required:
        raise InputError("input.header_only", file=path.name)
    mapping, ignored = _map_headers(path, table, headers)
    cut = _cut_row(path, frame, len(headers))
    # an empty line (every cell empty, known column or not) is not a row; anything else is
    frame = frame.filter(~pl.all_horizontal(pl.col(h).is_null() for h in headers))
    columns = {h: mapping.get(h, h) for h in headers if h in rare}
    # control characters and misread text (mojibake): rejected at their cell, whatever the column
    found = pl.concat(
        [cells.control_issues(frame, LINE, columns), mojibake.cell_issues(frame, LINE, columns)]
    )
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
    original = {canonical: header for header, canonical in mapping.items()}
    return RawTable(table, path, frame, encoding, ignored, original, cut, found)
