"""The ledger of runs and releases: a view over what exists (release files, the live file) and the journal.

A run succeeded exactly when a warehouse file it built exists (or existed: the journal indexes it);
the journal adds what no file can say (failed, interrupted and pruned runs). So the view cannot
disagree with the warehouses: it is computed from them each time."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from pipeline.messages import Word
from pipeline.releases import journal, pins
from pipeline.releases.files import describe
from pipeline.releases.layout import Layout, is_run_id
from pipeline.releases.messages import ReleaseError
from pipeline.releases.model import STATUS_WORDS, InputFile, Leftover, Release, Run, count, when

Record = dict[str, Any]
FIELDS: tuple[str, ...] = ("started_at", "finished_at", "raw_folder", "error", "inputs")
FIELDS += ("rows_read", "rows_accepted", "rows_rejected", "rows_warned")


@dataclass(frozen=True)
class Ledger:
    """Everything `status` shows, computed from the files on disk and the journal."""

    target: Path
    runs: tuple[Run, ...]  # oldest first, failed and interrupted ones included
    releases: tuple[Release, ...]  # newest first; a release whose file was deleted is `missing`
    pins: tuple[str, ...]
    leftovers: tuple[Leftover, ...]
    live_run_id: str | None
    live_linked: bool  # the live file is a hard link of its release file
    unjournaled: tuple[str, ...]  # releases on disk whose success the journal does not list yet
    disk_bytes: int  # the release files and the live file, each inode counted once

    def release(self, run_id: str) -> Release:
        """The release `run_id`; a one-sentence ReleaseError when there is none."""
        for rel in self.releases:
            if rel.run_id == run_id:
                return rel
        run = next((r for r in self.runs if r.run_id == run_id), None)
        if run is not None and run.release == "pruned":
            raise ReleaseError("releases.pruned_run", run=run_id)
        if run is not None and run.status != "succeeded":
            status = Word(STATUS_WORDS.get(run.status, run.status))
            raise ReleaseError("releases.no_release", run=run_id, status=status)
        raise ReleaseError("releases.unknown_run", run=run_id, warehouse=self.target)

    def newest_succeeded(self) -> str | None:
        """The run id of the newest successful run (the live warehouse's, when they agree)."""
        done = [r for r in self.runs if r.status == "succeeded"]
        return done[-1].run_id if done else None


def _sort_key(rec: Record) -> tuple[str, str]:
    run_id = rec["run_id"]
    started = when(rec.get("started_at"))
    if started is None and is_run_id(run_id):
        started = dt.datetime.strptime(run_id[:15], "%Y%m%dT%H%M%S")
    return (started.isoformat() if started else "", run_id)


def _from_journal(events: list[journal.Event]) -> tuple[dict[str, Record], set[str]]:
    """Run records from the journal, and the ids whose success it indexes."""
    records: dict[str, Record] = {}
    indexed: set[str] = set()
    for ev in events:
        run_id, kind = ev["run_id"], ev["event"]
        if kind == "pruned":
            rec = records.setdefault(run_id, {"run_id": run_id, "status": "succeeded"})
            rec["release"] = "pruned"
            continue
        rec = records.setdefault(run_id, {"run_id": run_id, "status": "interrupted"})
        rec.update({k: ev[k] for k in (*FIELDS, "pid", "pid_started") if k in ev})
        if kind in ("failed", "legacy_failed"):
            rec.update(status="failed", release="none")
        elif kind == "legacy_succeeded":  # before releases were kept
            rec.update(status="succeeded", release="none")
        elif kind == "succeeded":
            rec.update(status="succeeded", release="missing")  # until its file is found
            indexed.add(run_id)
    return records, indexed


def _alive(rec: Record) -> bool:
    """Whether the process that started this run still runs (same pid and same start time)."""
    pid, started = rec.get("pid"), rec.get("pid_started")
    if not isinstance(pid, int) or started is None:
        return False
    try:
        return abs(psutil.Process(pid).create_time() - float(started)) < 1.0
    except psutil.Error:
        return False


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except FileNotFoundError:
        return None


def _release_files(layout: Layout) -> dict[str, os.stat_result]:
    if not layout.releases.is_dir():
        return {}
    found = {}
    for path in layout.releases.glob("*.duckdb"):
        st = _stat(path)
        if st is not None and is_run_id(path.stem):
            found[path.stem] = st
    return found


def _live(target: Path, files: dict[str, os.stat_result]) -> tuple[str | None, bool, Record | None]:
    """The live file's run id, whether it is linked to its release file, and its record if read."""
    st = _stat(target)
    if st is None:
        return None, False, None
    for run_id, other in files.items():
        if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
            return run_id, True, None
    rec = describe(target)  # swapped in but not linked yet, or a warehouse from before releases
    if rec is None or not is_run_id(str(rec["run_id"])):
        return None, False, None
    return rec["run_id"], False, rec


def _leftovers(layout: Layout, records: dict[str, Record]) -> list[Leftover]:
    running = {r for r, rec in records.items() if rec["status"] == "running"}
    found = []
    for run_id, path in layout.building_files():
        if run_id not in running and (st := _stat(path)):
            found.append(Leftover(run_id, path, st.st_size, "building"))
    for run_id, rec in records.items():
        if rec["status"] in ("failed", "interrupted"):
            for path in layout.reports_of(run_id):
                if st := _stat(path):
                    found.append(Leftover(run_id, path, st.st_size, "report"))
    for name in pins.temporaries(layout):
        path = layout.releases / name
        if st := _stat(path):
            found.append(Leftover(None, path, st.st_size, "pins"))
    return found


def _release(
    layout: Layout, rec: Record, pinned: set[str], files: dict[str, os.stat_result]
) -> Release:
    run_id, state = rec["run_id"], rec["release"]
    st = files.get(run_id)
    path = layout.release(run_id)
    if st is None and state == "live":  # swapped in, not linked into the releases folder yet
        path, st = layout.target, _stat(layout.target)
    return Release(
        run_id=run_id,
        started_at=when(rec.get("started_at")),
        finished_at=when(rec.get("finished_at")),
        raw_folder=rec.get("raw_folder"),
        path=path,
        pinned=run_id in pinned,
        missing=state == "missing",
        is_live=state == "live",
        size_bytes=st.st_size if st else None,
        rows_read=count(rec.get("rows_read")),
        rows_accepted=count(rec.get("rows_accepted")),
        rows_rejected=count(rec.get("rows_rejected")),
        inputs=tuple(InputFile.of(i) for i in rec.get("inputs") or ()),
    )


def read(target: Path) -> Ledger:
    """The ledger of the warehouse `target`, as the files on disk and the journal say now."""
    layout = Layout(target)
    records, indexed = _from_journal(journal.read(layout))
    files = _release_files(layout)
    live_id, linked, live_rec = _live(target, files)
    for run_id in files:
        if run_id not in indexed:  # described by the file itself (the journal was not reached)
            records[run_id] = {
                **records.get(run_id, {}),
                **(describe(layout.release(run_id)) or {}),
            }
        records[run_id].update(run_id=run_id, status="succeeded", release="kept")
    if live_id is not None:
        records[live_id] = {**records.get(live_id, {}), **(live_rec or {}), "run_id": live_id}
        records[live_id].update(status="succeeded", release="live")
    pinned = set(pins.read(layout))
    for run_id in pinned - files.keys() - {live_id}:
        records.setdefault(run_id, {"run_id": run_id, "status": "succeeded"})["release"] = "missing"
    for rec in records.values():
        rec.setdefault("release", "none")
        if rec["status"] == "interrupted" and _alive(rec):
            rec["status"] = "running"
    ordered = sorted(records.values(), key=_sort_key)
    kept = [r for r in reversed(ordered) if r["release"] in ("live", "kept", "missing")]
    inodes = {(st.st_dev, st.st_ino): st.st_size for st in files.values()}
    if (st := _stat(target)) is not None:
        inodes[(st.st_dev, st.st_ino)] = st.st_size
    return Ledger(
        target,
        tuple(Run.of(r, r["release"]) for r in ordered),
        tuple(_release(layout, r, pinned, files) for r in kept),
        tuple(sorted(pinned)),
        tuple(_leftovers(layout, records)),
        live_id,
        linked,
        tuple(sorted(r for r in files if r not in indexed)),
        sum(inodes.values()),
    )
