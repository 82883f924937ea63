"""One line appended to a JSON-lines file so that writers in several processes and a kill mid-write leave it readable."""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any


def append_line(path: Path, entry: Mapping[str, Any]) -> None:
    """Append `entry` as one JSON line under an exclusive lock, fsync'ed. A last line cut short by an
    earlier kill is closed first, so the new line is never glued to it (readers skip the cut one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(dict(entry), ensure_ascii=False, default=str).encode("utf-8") + b"\n"
    with path.open("ab") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            if os.fstat(handle.fileno()).st_size > 0:  # the size now, under the lock
                with path.open("rb") as reader:
                    reader.seek(-1, os.SEEK_END)
                    if reader.read(1) != b"\n":
                        handle.write(b"\n")
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def read_lines(path: Path) -> Iterator[tuple[int, str | None]]:
    """Each line with its number, split at line feeds only (a value may hold U+2028, which
    `str.splitlines` would split at); None for a line that is not UTF-8: one cut by a kill in the
    middle of a character, which the reader skips like any other line it cannot use."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                yield number, raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                yield number, None
