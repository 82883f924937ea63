"""Who holds a warehouse's lock: the operation, process and start time its holder writes beside the
lock file (the lock file itself is never written), so that one refused can say what it waits for."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import tempfile
import time
from pathlib import Path

import psutil

from pipeline.messages import Word

# the operations that take the lock, and the catalogue keys of their words (holder, waiter)
OPERATIONS = {
    "refresh": ("lock.holder.refresh", "lock.waiter.refresh"),
    "publish": ("lock.holder.publish", "lock.waiter.publish"),
    "prune": ("lock.holder.prune", "lock.waiter.prune"),
}
_READ_TRIES = 5  # the holder writes right after locking: wait a moment for it


def path_of(lock: Path) -> Path:
    """.hub.duckdb.lock.holder beside the lock .hub.duckdb.lock."""
    return lock.with_name(f"{lock.name}.holder")


def write(lock: Path, operation: str) -> None:
    """Say which operation holds `lock` (held by this process), in which process, since when.

    Written to a new file then renamed over the name: a link planted there is replaced, never
    followed."""
    if operation not in OPERATIONS:
        raise ValueError(f"unknown lock operation: {operation}")
    me = psutil.Process()
    said = {
        "operation": operation,
        "pid": me.pid,
        "pid_started": me.create_time(),
        "since": dt.datetime.now().isoformat(timespec="seconds"),
    }
    handle, temporary = tempfile.mkstemp(dir=lock.parent, prefix=f"{lock.name}.holder-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(said, out)
        os.replace(temporary, path_of(lock))
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def clear(lock: Path) -> None:
    """Remove the holder's note before letting the lock go."""
    path_of(lock).unlink(missing_ok=True)


def read(lock: Path) -> dict[str, object] | None:
    """The holder's operation word, process and start time; None when no living process says it
    holds `lock` (an older holder writes nothing; a note left by a killed one is not believed)."""
    for attempt in range(_READ_TRIES):
        said = _said(path_of(lock))
        if said is not None:
            return said
        if attempt + 1 < _READ_TRIES:
            time.sleep(0.02)
    return None


def _said(path: Path) -> dict[str, object] | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ELOOP, errno.EACCES):
            return None
        raise
    try:
        data = os.read(fd, 4096)
    finally:
        os.close(fd)
    try:
        said = json.loads(data)
        words = OPERATIONS[said["operation"]]
        since = dt.datetime.fromisoformat(said["since"])
        pid = int(said["pid"])
        alive = abs(psutil.Process(pid).create_time() - float(said["pid_started"])) < 1.0
    except (ValueError, KeyError, TypeError, psutil.Error):
        return None
    if not alive:
        return None
    return {"holder": Word(words[0]), "pid": pid, "since": f"{since:%Y-%m-%d %H:%M:%S}"}


def waiter(operation: str | None) -> Word:
    """The word for the operation that waits."""
    return Word(OPERATIONS[operation][1] if operation in OPERATIONS else "lock.waiter.other")
