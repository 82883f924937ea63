"""The caps on what a refresh reads (workbook size, rows, columns, cell length; their values are in
schemas/limits.py), checked before parsing where the file allows it."""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

import polars as pl

from pipeline.csvfile import BOM, InputError, check_head
from schemas.limits import (
    HEADER_LIMIT,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_ROWS,
    XLSX_MAX_RATIO,
    XLSX_MAX_ROWS,
    XLSX_MAX_UNPACKED,
    XLSX_RATIO_GRACE,
)

__all__ = [
    "HEADER_LIMIT",
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "XLSX_MAX_RATIO",
    "XLSX_MAX_ROWS",
    "XLSX_MAX_UNPACKED",
    "check_frame",
    "check_xlsx",
    "precheck_file",
]

_CHUNK = 1 << 20
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def precheck_file(path: Path) -> None:
    """The checks that need no parsing, for a file about to be read (or an upload just written):
    a CSV's first line (encoding marks, delimiter, header length and width), an xlsx's sizes and
    rows. Raises InputError with one sentence naming the file and the fix."""
    if path.suffix.lower() == ".xlsx":
        check_xlsx(path)
        return
    with path.open("rb") as handle:
        head = handle.read(HEADER_LIMIT + 1)
    if head.removeprefix(BOM).strip():
        check_head(path.name, head)


def check_xlsx(path: Path) -> None:
    """Refuse a workbook that unpacks to more than XLSX_MAX_UNPACKED (as declared, or as it
    really unpacks), packs a part more than XLSX_MAX_RATIO times, or whose first sheet has more
    than XLSX_MAX_ROWS rows; before any cell is parsed."""
    try:
        with zipfile.ZipFile(path) as book:
            parts = book.infolist()
            _check_declared(path.name, parts)
            sheet = _first_sheet(book)
            for part in parts:
                rows = _unpack(path.name, book, part, counting=part.filename == sheet)
                if rows > XLSX_MAX_ROWS:
                    raise InputError(
                        "input.xlsx_rows", file=path.name, rows=rows, limit=XLSX_MAX_ROWS
                    )
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
        raise InputError("input.xlsx_broken", file=path.name) from exc
    except (RuntimeError, NotImplementedError) as exc:  # encrypted parts, unknown compression
        raise InputError("input.xlsx_broken", file=path.name) from exc


def _mb(size: int) -> str:
    return f"{size / 2**20:,.0f}"


def _check_declared(name: str, parts: list[zipfile.ZipInfo]) -> None:
    declared = sum(p.file_size for p in parts)
    if declared > XLSX_MAX_UNPACKED:
        raise InputError(
            "input.xlsx_unpacked", file=name, size=_mb(declared), limit=_mb(XLSX_MAX_UNPACKED)
        )
    for part in parts:
        big = part.file_size > XLSX_RATIO_GRACE
        if big and part.file_size > XLSX_MAX_RATIO * max(part.compress_size, 1):
            ratio = part.file_size // max(part.compress_size, 1)
            raise InputError("input.xlsx_ratio", file=name, ratio=ratio, limit=XLSX_MAX_RATIO)


def _unpack(name: str, book: zipfile.ZipFile, part: zipfile.ZipInfo, *, counting: bool) -> int:
    """Unpack one part as a stream, refusing it past its declared size; its <row> elements when
    `counting` (0 otherwise)."""
    seen, rows, tail = 0, 0, b""
    with book.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            seen += len(chunk)
            if seen > part.file_size:  # the declared size lied: never trust the rest
                raise InputError("input.xlsx_broken", file=name)
            if counting:
                buffer = tail + chunk
                rows += sum(1 for m in _ROW.finditer(buffer) if m.end() > len(tail))
                tail = buffer[-64:]
    return rows


def _first_sheet(book: zipfile.ZipFile) -> str | None:
    """The part name of the workbook's first sheet (the one read), or None when it cannot be told."""
    try:
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return None
    first = next((e for e in workbook.iter() if e.tag.endswith("}sheet")), None)
    if first is None:
        return None
    wanted = first.get(_NS_REL)
    for rel in rels:
        if rel.get("Id") == wanted:
            target = rel.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join("xl", target))
    return None


def check_frame(name: str, frame: pl.DataFrame, line: str, *, excel: bool) -> None:
    """Refuse a table read wider than MAX_COLUMNS, longer than its row limit, or with a cell
    longer than MAX_CELL_CHARS (naming its line and header); `line` is the line-number column."""
    headers = [c for c in frame.columns if c != line]
    if len(headers) > MAX_COLUMNS:
        raise InputError("input.too_wide", file=name, found=len(headers), limit=MAX_COLUMNS)
    limit = XLSX_MAX_ROWS if excel else MAX_ROWS
    if frame.height > limit:
        raise InputError("input.too_long", file=name, rows=frame.height, limit=limit)
    longest = frame.select(pl.col(headers).cast(pl.String).str.len_chars().max())
    over = [h for h in headers if (longest[h][0] or 0) > MAX_CELL_CHARS]
    if over:
        at = frame.filter(pl.col(over[0]).cast(pl.String).str.len_chars() > MAX_CELL_CHARS)
        raise InputError(
            "input.long_cell",
            file=name,
            line=at[line][0],
            header=over[0],
            length=longest[over[0]][0],
            limit=MAX_CELL_CHARS,
        )
