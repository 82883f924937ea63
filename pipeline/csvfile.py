"""A CSV file decoded one way, whole (UTF-8 or GB18030), or refused with the line that stops it."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import polars as pl

from pipeline.messages import Problem, text
from pipeline.mojibake import utf8_line
from schemas.limits import HEADER_LIMIT, MAX_COLUMNS

BOM = b"\xef\xbb\xbf"
FIELD_LIMIT = 2**31 - 1  # the csv module's default (128 KB) fails on a quote left open
DELIMITERS = {b";": ("input.delimiter.semicolon", ";"), b"\t": ("input.delimiter.tab", "Tab")}
DELIMITERS[b"|"] = ("input.delimiter.pipe", "|")
_NOT_UTF8 = re.compile("[\udc80-\udcff]")  # bytes that are not UTF-8, kept by surrogateescape


class InputError(Problem):
    """A file cannot be used at all; the message is one sentence naming the file and the fix."""


def read_csv(path: Path) -> tuple[pl.DataFrame | None, str]:
    """The CSV as an all-text frame (None for an empty file) and the encoding it was decoded in."""
    with path.open("rb") as handle:
        head = handle.read(HEADER_LIMIT + 1)
    if not head.removeprefix(BOM).strip():
        return None, "utf-8"
    check_head(path.name, head)
    if head.startswith(BOM):
        return _parse_utf8(path, "utf-8-sig"), "utf-8-sig"
    header = head.split(b"\n", 1)[0]
    if not _is_utf8(header):  # polars would read a GBK header lossily: the header decides
        return parse(path.name, gb18030_as_utf8(path.name, path.read_bytes())), "gb18030"
    return _parse_utf8(path, "utf-8"), "utf-8"


def check_head(name: str, head: bytes) -> None:
    """Refuse a file that is not a comma-separated text table, judging by its first line."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("input.utf16", file=name)
    end = head.find(b"\n")
    header = head[: end if end >= 0 else len(head)]
    if b"\x00" in header or _looks_binary(head[:4096]):
        raise InputError("input.binary", file=name)
    if b"\r" in header.rstrip(b"\r"):
        raise InputError("input.cr_only", file=name)
    if (end < 0 and len(head) > HEADER_LIMIT) or end > HEADER_LIMIT:
        raise InputError("input.long_header", file=name, limit=HEADER_LIMIT // 1024)
    if b"," not in header:
        for byte, (key, shown) in DELIMITERS.items():
            if byte in header:
                raise InputError("input.other_delimiter", file=name, name=text(key), shown=shown)
    found = header_width(header)
    if found > MAX_COLUMNS:  # refused before any row is parsed: wide tables are slow to check
        raise InputError("input.too_wide", file=name, found=found, limit=MAX_COLUMNS)


_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def _looks_binary(start: bytes) -> bool:
    """Control bytes thick in the first 4 KB (at least 8, over 1%): a binary file. A few are a
    damaged row's problem, rejected at its line (pipeline/cells)."""
    found = len(start) - len(start.translate(None, _CONTROL_BYTES))
    return found >= 8 and found * 100 > len(start)


def header_width(header: bytes) -> int:
    """How many columns a header line has (quoted commas are not separators)."""
    line = header.removeprefix(BOM).rstrip(b"\r").decode("utf-8", "replace")
    return len(next(csv.reader([line]), [""]))


def cut_row_width(tail: bytes, width: int) -> int | None:
    """The columns of a last line cut short (the file's `tail` holds no line break after it, and
    it has fewer columns than the header's `width`); None for a file that ends whole. A last line
    that closes a quoted value begun on an earlier line is not judged (nor one longer than the
    tail): a quote left open is refused on its own."""
    if not tail.strip() or tail.endswith((b"\n", b"\r")) or b"\n" not in tail:
        return None
    last = tail[tail.rfind(b"\n") + 1 :]
    if last.count(b'"') % 2:
        return None
    found = len(next(csv.reader([last.decode("utf-8", "replace")]), []))
    return found if found < width else None


def _parse_utf8(path: Path, encoding: str) -> pl.DataFrame | None:
    """Parse in place (polars checks every value is UTF-8); on a bad byte, look at the whole file."""
    try:
        return parse(path.name, path)
    except _NotUtf8:
        data = path.read_bytes()
    lines = data.decode("utf-8", "surrogateescape")
    bad = _NOT_UTF8.search(lines)
    if bad is None:  # polars saw a bad byte we cannot find: refuse rather than guess
        raise InputError("input.unknown_encoding", file=path.name, line=1, guess=likely(data))
    bad_line = _line_of(lines, bad.start())
    if encoding == "utf-8-sig":
        raise InputError(
            "input.bom_not_utf8", file=path.name, line=bad_line, guess=_guess(data, bad_line)
        )
    first = re.search(r"[^\x00-\x7f]", lines)
    assert first is not None
    first_line = _line_of(lines, first.start())
    if first_line < bad_line:  # the file began in UTF-8, then a line is in another encoding
        raise InputError(
            "input.mixed_utf8_first",
            file=path.name,
            good=first_line,
            line=bad_line,
            guess=_guess(data, bad_line),
        )
    return parse(path.name, gb18030_as_utf8(path.name, data))


def gb18030_as_utf8(name: str, data: bytes) -> bytes:
    """A GB18030/GBK file as UTF-8 bytes; refused when a line is UTF-8 pasted in, or does not decode."""
    pasted = utf8_line(data)
    if pasted is not None:
        raise InputError("input.mixed_gb_first", file=name, line=pasted)
    try:
        return data.decode("gb18030").encode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            "input.unknown_encoding", file=name, line=line, guess=_guess(data, line)
        ) from None


def likely(data: bytes) -> str:
    """The encoding these bytes most likely are in (charset-normalizer), GB18030 first among ties."""
    import charset_normalizer  # only when a file is refused

    names = [match.encoding for match in charset_normalizer.from_bytes(data[:4096])]
    if "gb18030" in names:
        return "GB18030/GBK"
    return names[0] if names else text("input.guess_unknown")


def _guess(data: bytes, line: int) -> str:
    return likely(data.split(b"\n")[line - 1])


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class _NotUtf8(Exception):
    """polars found a value that is not UTF-8."""


def parse(name: str, source: Path | bytes) -> pl.DataFrame | None:
    """polars' all-text read of UTF-8 CSV (None: no data at all); a broken table is refused
    naming its first bad line."""
    try:
        return pl.read_csv(source, infer_schema=False, truncate_ragged_lines=False)
    except pl.exceptions.NoDataError:
        return None
    except pl.exceptions.ComputeError as exc:
        if "utf-8" in str(exc).lower() and isinstance(source, Path):
            raise _NotUtf8 from exc
        data = source if isinstance(source, bytes) else source.read_bytes()
        raise broken_table(
            name, data.decode("utf-8", "replace").removeprefix("\ufeff"), exc
        ) from exc


def broken_table(name: str, content: str, exc: Exception) -> InputError:
    """Why polars could not read the table: a quote never closed, or a row wider than the header."""
    opened, start = False, 1
    for number, line in enumerate(content.split("\n"), start=1):
        if not opened:
            start = number
        if line.count('"') % 2:
            opened = not opened
    if opened:
        return InputError("input.unclosed_quote", file=name, line=start)
    csv.field_size_limit(FIELD_LIMIT)
    reader = csv.reader(io.StringIO(content))
    width, begins = None, 1
    for row in reader:
        if width is None:
            width = len(row)
        elif len(row) > width:
            return InputError(
                "input.ragged_line", file=name, line=begins, found=len(row), expected=width
            )
        begins = reader.line_num + 1
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
    return InputError("input.not_csv", file=name, detail=detail)
