"""Keeping releases: publish the swapped-in file, recover after a kill, pin, unpin, prune."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.killpoints import pause_point
from pipeline.messages import Word
from pipeline.releases import journal, ledger, pins
from pipeline.releases.files import describe
from pipeline.releases.layout import Layout, fsync_dir, is_run_id
from pipeline.releases.messages import ReleaseError
from pipeline.releases.model import Release
from pipeline.releases.runs import record

if TYPE_CHECKING:
    from pipeline.run_record import RunResult

log = logging.getLogger(__name__)
DEFAULT_KEEP = 12
READ_ONLY = 0o444


def publish(target: Path, result: RunResult) -> Path:
    """After the swap: link the live file into the releases folder and index it in the journal."""
    layout = Layout(target)
    fsync_dir(target.parent)  # the swap is on disk before anything refers to it
    path = layout.release(result.run_id)
    layout.releases.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.link(target, path)  # the same inode: no second copy on disk
        fsync_dir(layout.releases)
    journal.append(layout, {"event": "succeeded", **record(result)})
    return path


def _adopt_live(layout: Layout, run_id: str) -> None:
    """Link a live file that is no release yet (a kill after the swap, or an older warehouse)."""
    path = layout.release(run_id)
    if path.exists() or Path(f"{layout.target}.wal").exists():
        return
    layout.releases.mkdir(parents=True, exist_ok=True)
    os.chmod(layout.target, READ_ONLY)
    os.link(layout.target, path)
    fsync_dir(layout.releases)
    log.info("kept the live warehouse as release %s", run_id)


def recover(target: Path) -> None:
    """Under the refresh lock, before building: remove what killed runs left, finish a killed publish."""
    layout = Layout(target)
    led = ledger.read(target)
    for leftover in led.leftovers:
        if leftover.kind == "pins":
            with pins.locked(layout):
                leftover.path.unlink(missing_ok=True)
        else:
            leftover.path.unlink(missing_ok=True)
        log.info("removed %s, left by run %s", leftover.path, leftover.run_id)
    to_index = list(led.unjournaled)
    if led.live_run_id is not None and not led.live_linked:
        _adopt_live(layout, led.live_run_id)
        to_index.append(led.live_run_id)
    for run_id in dict.fromkeys(to_index):
        path = layout.release(run_id)
        described = describe(path if path.exists() else target)
        if described is not None and described["run_id"] == run_id:
            journal.append(layout, {"event": "succeeded", **described})


def _existing(led: ledger.Ledger, run_id: str, action: Word) -> Release:
    if not is_run_id(run_id):
        raise ReleaseError("releases.unknown_run", run=run_id, warehouse=led.target)
    rel = led.release(run_id)
    if rel.missing:
        raise ReleaseError("releases.missing_file", run=run_id, path=rel.path, action=action)
    return rel


def pin(target: Path, run_id: str) -> bool:
    """Protect release `run_id` from pruning; False when it was pinned already."""
    layout = Layout(target)
    _existing(ledger.read(target), run_id, Word("releases.action.pinned"))
    with pins.locked(layout):
        pinned = set(pins.read(layout))
        if run_id in pinned:
            return False
        pins.write(layout, pinned | {run_id})
    return True


def unpin(target: Path, run_id: str) -> bool:
    """Let release `run_id` be pruned again; False when it was not pinned."""
    layout = Layout(target)
    with pins.locked(layout):
        pinned = set(pins.read(layout))
        if run_id not in pinned:
            if is_run_id(run_id):
                ledger.read(target).release(run_id)  # an unknown run id is an error
            else:
                raise ReleaseError("releases.unknown_run", run=run_id, warehouse=target)
            return False
        pins.write(layout, pinned - {run_id})
    return True


def prune(target: Path, keep: int = DEFAULT_KEEP) -> list[str]:
    """Delete releases beyond the newest `keep`, except the live and pinned ones; their run ids.

    The journal says `pruned` before the file goes, so a kill in between leaves a release that is
    still listed (the file wins) and is pruned again next time, never one listed as missing."""
    if keep < 1:
        raise ReleaseError("releases.bad_keep")
    layout = Layout(target)
    with pins.locked(layout):
        led = ledger.read(target)
        protected = {r.run_id for r in led.releases[:keep]} | set(led.pins) | {led.live_run_id}
        victims = [r for r in reversed(led.releases) if r.run_id not in protected]
        for rel in victims:
            journal.append(layout, {"event": "pruned", "run_id": rel.run_id, "at": journal.now()})
            pause_point("during_prune")
            if rel.path.parent == layout.releases:
                rel.path.unlink(missing_ok=True)
            for report in layout.reports_of(rel.run_id):
                report.unlink(missing_ok=True)
            shutil.rmtree(layout.uploads_of(rel.run_id), ignore_errors=True)
    return [r.run_id for r in victims]


def last_input_checksums(target: Path) -> dict[str, str]:
    """The SHA-256 of each input file (by file name) of the newest release; empty when none."""
    for rel in ledger.read(target).releases:
        if not rel.missing:
            return {i.file: i.sha256 for i in rel.inputs}
    return {}
