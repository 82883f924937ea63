"""Pinned releases: releases/pins.json (a sorted list of run ids), replaced atomically under a lock."""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
from collections.abc import Iterator

from pipeline.releases.layout import Layout, fsync_dir, is_run_id

log = logging.getLogger(__name__)


def read(layout: Layout) -> tuple[str, ...]:
    """The pinned run ids, sorted; none when there is no pins file."""
    try:
        data = json.loads(layout.pins.read_text("utf-8"))
    except FileNotFoundError:
        return ()
    except (
        OSError,
        json.JSONDecodeError,
    ) as exc:  # written atomically, so only a hand edit breaks it
        log.warning("%s cannot be read (%s); no release counts as pinned", layout.pins, exc)
        return ()
    pinned = data.get("pinned", []) if isinstance(data, dict) else []
    return tuple(sorted({p for p in pinned if isinstance(p, str) and is_run_id(p)}))


def write(layout: Layout, pinned: set[str]) -> None:
    """Replace the pins file in one step: a kill leaves the old list or the new one, never half."""
    layout.releases.mkdir(parents=True, exist_ok=True)
    temporary = layout.pins.with_name(f"{layout.pins.name}.tmp-{os.getpid()}")
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump({"pinned": sorted(pinned)}, handle, indent=1)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, layout.pins)
    fsync_dir(layout.releases)


@contextlib.contextmanager
def locked(layout: Layout) -> Iterator[None]:
    """Hold the pins lock: pin, unpin and prune do not interleave (a short wait, never a failure)."""
    layout.releases.mkdir(parents=True, exist_ok=True)
    with layout.pins_lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def temporaries(layout: Layout) -> list[str]:
    """Names of pins files a killed writer left half-written (pins.json.tmp-<pid>)."""
    if not layout.releases.is_dir():
        return []
    return sorted(p.name for p in layout.releases.glob(f"{layout.pins.name}.tmp-*"))
