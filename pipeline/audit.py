"""The audit log beside the warehouse (hub.audit.jsonl): who signed in, published, pinned, unpinned, pruned.

Append only, one JSON line per event, fsync'ed; a line cut short by a kill is skipped when read. The
warehouse file is rebuilt by each refresh, so the log lives beside it, and each refresh copies it
(with its own event) into the new release as quality.audit. CLI commands record the OS user; the
dashboard records the signed-in e-mail."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from pipeline import jsonl
from pipeline.messages import text

if TYPE_CHECKING:
    from pipeline.run_record import RunResult

log = logging.getLogger(__name__)
ACTIONS = (
    "sign_in",
    "sign_in_refused",
    "sign_out",
    "publish",
    "publish_failed",
    "refresh",
    "refresh_failed",
    "pin",
    "unpin",
    "prune",
)
COLUMNS: Mapping[str, pl.DataType | type[pl.DataType]] = {
    "recorded_at": pl.Datetime("us"),  # the event's "at"
    "actor": pl.String,
    "via": pl.String,
    "role": pl.String,
    "action": pl.String,
    "run_id": pl.String,
    "detail": pl.String,  # the event's other fields as JSON (files and their SHA-256, keep, ...)
}


@dataclass(frozen=True)
class Actor:
    """Who did it: an e-mail signed in through the browser, or the OS user of a command."""

    name: str
    via: str = "cli"  # "cli" | "browser"
    role: str | None = None


def os_user() -> Actor:
    """The OS user running this command (getpass: $LOGNAME/$USER, else the password database)."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no user name for this uid (a bare container)
        name = f"uid {os.getuid()}"
    return Actor(name, "cli")


def path_of(target: Path) -> Path:
    """data/warehouse/hub.audit.jsonl beside the warehouse data/warehouse/hub.duckdb."""
    return target.with_name(f"{target.stem}.audit.jsonl")


def event(action: str, actor: Actor, run_id: str | None = None, **detail: Any) -> dict[str, Any]:
    """One event as it is written: time, who, what, and its details."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action: {action}")
    return {
        # milliseconds: two events in one second (two quick refreshes) still sort in their order
        "at": dt.datetime.now().isoformat(timespec="milliseconds"),
        "actor": actor.name,
        "via": actor.via,
        "role": actor.role,
        "action": action,
        "run_id": run_id,
        **detail,
    }


def record(
    target: Path, action: str, actor: Actor, run_id: str | None = None, **detail: Any
) -> None:
    """Append one event durably; several processes and sessions may append at once."""
    append(target, event(action, actor, run_id, **detail))


def append(target: Path, entry: Mapping[str, Any]) -> None:
    """Append a prepared event (see `event`) under an exclusive lock, fsync'ed."""
    jsonl.append_line(path_of(target), entry)


def read(target: Path) -> list[dict[str, Any]]:
    """Every event, oldest first (lines that are not an event are skipped and logged)."""
    path = path_of(target)
    if not path.exists():
        return []
    events = []
    for number, line in jsonl.read_lines(path):
        try:
            entry = json.loads(line) if line is not None else None
        except json.JSONDecodeError:
            entry = None
        if not isinstance(entry, dict) or entry.get("action") not in ACTIONS:
            if line is None or line.strip():
                log.warning(text("log.audit_bad_line", file=path.name, line=number))
            continue
        events.append(entry)
    return events


def frame(entries: list[dict[str, Any]]) -> pl.DataFrame:
    """Events as the quality.audit table: recorded_at, actor, via, role, action, run_id, detail
    (the event's other fields as JSON)."""
    fixed = ["at", *(k for k in COLUMNS if k not in ("recorded_at", "detail"))]
    rows = []
    for entry in entries:
        detail = {k: v for k, v in entry.items() if k not in fixed}
        rows.append(
            {
                **{k: entry.get(k) for k in fixed if k != "at"},
                "recorded_at": _when(entry.get("at")),
                "detail": json.dumps(detail, ensure_ascii=False, default=str) if detail else None,
            }
        )
    return pl.DataFrame(rows, schema=COLUMNS)


def _when(value: object) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _action(who: Actor, failed: bool = False) -> str:
    action = "publish" if who.via == "browser" else "refresh"
    return f"{action}_failed" if failed else action


def run_event(result: RunResult, who: Actor) -> dict[str, Any]:
    """The event that says who built a release from which files (their SHA-256): `publish` from
    the browser, `refresh` from the command line."""
    read, accepted, rejected, _ = result.totals()
    files = [
        {"table": i.table_name, "file": i.file, "size_bytes": i.size_bytes, "sha256": i.sha256}
        for i in result.inputs
    ]
    return event(
        _action(who),
        who,
        result.run_id,
        raw_folder=str(result.raw_folder),
        files=files,
        rows_read=read,
        rows_accepted=accepted,
        rows_rejected=rejected,
    )


def run_failed(target: Path, result: RunResult, who: Actor) -> None:
    """Record a refresh or publish that failed, with its error (never masking that error)."""
    try:
        record(
            target,
            _action(who, True),
            who,
            result.run_id,
            raw_folder=str(result.raw_folder),
            error=result.error,
        )
    except OSError as exc:
        log.warning(text("log.audit_unwritable", error=exc))
