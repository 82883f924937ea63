"""The journal of runs beside the warehouse (hub.runs.jsonl): one JSON line per event, append only.

Events: `started` (the lock is held, nothing built yet), `failed` (with the error), `succeeded` (an
index entry written after the swap; the release file is the proof), `pruned` (written before the
file is deleted). Lines from before releases existed have no `event` and carry their `status`."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from typing import Any

from pipeline.releases.layout import Layout, is_run_id

log = logging.getLogger(__name__)
Event = dict[str, Any]


def append(layout: Layout, event: Event) -> None:
    """Add one event durably; a line cut short by an earlier kill is closed first, not glued to."""
    path = layout.journal
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("ab") as handle:
        if handle.tell() > 0:
            with path.open("rb") as reader:
                reader.seek(-1, os.SEEK_END)
                if reader.read(1) != b"\n":
                    handle.write(b"\n")
        handle.write(json.dumps(event, ensure_ascii=False).encode("utf-8") + b"\n")
        handle.flush()
        os.fsync(handle.fileno())


def read(layout: Layout) -> list[Event]:
    """Every event, oldest first; legacy lines become events named after their status."""
    path = layout.journal
    if not path.exists():
        return []
    events = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        try:
            event = json.loads(line)
        except json.JSONDecodeError:  # a line cut short by a kill: skip it, keep the rest
            if line.strip():
                log.warning("%s line %d is not a run record; skipped", path.name, number)
            continue
        if not isinstance(event, dict) or not is_run_id(str(event.get("run_id"))):
            log.warning("%s line %d names no run id; skipped", path.name, number)
            continue  # a run id names files (reports, releases): nothing else may
        event.setdefault("event", f"legacy_{event.get('status')}")
        events.append(event)
    return events


def now() -> str:
    """A time stamp for an event."""
    return dt.datetime.now().isoformat()
