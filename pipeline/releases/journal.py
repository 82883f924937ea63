"""The journal of runs beside the warehouse (hub.runs.jsonl): one JSON line per event, append only.

Events: `started` (the lock is held, nothing built yet), `failed` (with the error), `succeeded` (an
index entry written after the swap; the release file is the proof), `pruned` (written before the
file is deleted). Lines from before releases existed have no `event` and carry their `status`."""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

from pipeline import jsonl
from pipeline.releases.layout import Layout, is_run_id

log = logging.getLogger(__name__)
Event = dict[str, Any]


def append(layout: Layout, event: Event) -> None:
    """Add one event durably; a line cut short by an earlier kill is closed first, not glued to."""
    jsonl.append_line(layout.journal, event)


def read(layout: Layout) -> list[Event]:
    """Every event, oldest first; legacy lines become events named after their status."""
    path = layout.journal
    if not path.exists():
        return []
    events = []
    for number, line in jsonl.read_lines(path):
        try:
            event = json.loads(line) if line is not None else None
        except json.JSONDecodeError:  # a line cut short by a kill: skip it, keep the rest
            event = None
        if event is None:
            if line is None or line.strip():
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
