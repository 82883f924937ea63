"""The values the release library hands out: a run, a release, its input files, a leftover."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

RunStatus = str  # succeeded | failed | interrupted | running
ReleaseState = str  # live | kept | pruned | missing | none
# The catalogue key of each run status and release state: the words `status` and `releases` show.
STATUS_WORDS = {
    "succeeded": "status.succeeded",
    "failed": "status.failed",
    "interrupted": "status.interrupted",
    "running": "status.running",
}
STATE_WORDS = {
    "live": "releases.state.live",
    "kept": "releases.state.kept",
    "pruned": "releases.state.pruned",
    "missing": "releases.state.missing",
    "none": "releases.state.none",
}


def when(value: object) -> dt.datetime | None:
    """A time stamp from the journal (ISO text) or from DuckDB (datetime)."""
    if value is None or isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def count(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


@dataclass(frozen=True)
class InputFile:
    """One input file of a release: name, size and SHA-256 as read, and its rows."""

    table_name: str
    file: str
    size_bytes: int
    sha256: str
    rows_read: int | None = None
    rows_accepted: int | None = None
    rows_rejected: int | None = None

    @classmethod
    def of(cls, data: dict[str, Any]) -> InputFile:
        return cls(
            str(data["table_name"]),
            str(data["file"]),
            int(data["size_bytes"]),
            str(data["sha256"]),
            count(data.get("rows_read")),
            count(data.get("rows_accepted")),
            count(data.get("rows_rejected")),
        )


@dataclass(frozen=True)
class Run:
    """One refresh as the ledger knows it; `release` says what became of its warehouse file."""

    run_id: str
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    status: RunStatus
    raw_folder: str | None
    rows_read: int | None
    rows_accepted: int | None
    rows_rejected: int | None
    rows_warned: int | None
    error: str | None
    release: ReleaseState

    @classmethod
    def of(cls, rec: dict[str, Any], release: ReleaseState) -> Run:
        return cls(
            rec["run_id"],
            when(rec.get("started_at")),
            when(rec.get("finished_at")),
            rec["status"],
            rec.get("raw_folder"),
            count(rec.get("rows_read")),
            count(rec.get("rows_accepted")),
            count(rec.get("rows_rejected")),
            count(rec.get("rows_warned")),
            rec.get("error"),
            release,
        )

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("started_at", "finished_at"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


@dataclass(frozen=True)
class Release:
    """A successful refresh's warehouse, kept read-only: `path` opens with the live tables."""

    run_id: str
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    raw_folder: str | None
    path: Path
    pinned: bool
    missing: bool
    is_live: bool
    size_bytes: int | None
    rows_read: int | None
    rows_accepted: int | None
    rows_rejected: int | None
    inputs: tuple[InputFile, ...]

    def to_json(self) -> dict[str, Any]:
        """The object `releases --json` prints (the key order is part of the format)."""
        data = asdict(self)
        data["path"] = str(self.path)
        for key in ("started_at", "finished_at"):
            data[key] = data[key].isoformat() if data[key] else None
        order = ("run_id", "finished_at", "path", "pinned", "missing", "is_live", "size_bytes")
        return {k: data[k] for k in order} | {k: v for k, v in data.items() if k not in order}


@dataclass(frozen=True)
class Leftover:
    """A file a killed or failed run left behind: a half-built warehouse, a report, a pins draft."""

    run_id: str | None
    path: Path
    size_bytes: int
    kind: str  # building | report | pins

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "path": str(self.path)}
