"""Query results shared by the workers of one server: a folder of Arrow files, one per cache key.

Each worker caches results in its own memory (db._cached); behind a proxy, a result one worker
missing in its memory would run the same query again in every worker. With SHUNIU_SHARED_RESULTS
set (deploy/serve.py sets a private folder per start for its workers), a worker's miss reads the
result another worker wrote, or runs it once for all of them: a lock file per key, so the other
workers wait for the first (their wait holds no GIL) instead of running it too.

The key is db's: a digest of the warehouse version (path, inode, mtime), the SQL and every bound
value, the viewer's scope among them, so a file holds exactly the rows of that query on that file.
"""

from __future__ import annotations

import fcntl
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl

log = logging.getLogger(__name__)
ENV = "SHUNIU_SHARED_RESULTS"
MAX_ROWS = 200_000  # larger results stay in the worker that ran them (a drill's, a search's)
MAX_FILE_BYTES = 32 * 2**20  # ... and so do results this large in memory
MAX_FILES = 4096  # pruning keeps the newest this many results ...
MAX_BYTES = 512 * 2**20  # ... within this many bytes (the folder may be in memory: tmpfs) ...
TTL_S = 3600  # ... of the last hour, as the workers' own caches do
PRUNE_EVERY = 64  # writes between two prunings of the folder, per worker

_writes = 0


def folder() -> Path | None:
    """The shared folder, or None when results are not shared (one process: `make run`, tests)."""
    configured = os.environ.get(ENV)
    return Path(configured) if configured else None


def fetch(key: str, run: Callable[[], pl.DataFrame]) -> pl.DataFrame:
    """The result stored under `key` by any worker, else `run()`'s, stored for the others."""
    root = folder()
    if root is None:
        return run()
    path = root / f"{key}.arrow"
    found = _read(path)
    if found is not None:
        return found
    try:
        lock = (root / f"{key}.lock").open("a")
    except OSError:  # the folder gone or full: this worker runs it for itself
        log.warning("shared results folder %s not usable; running the query here", root)
        return run()
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)  # another worker running the same query: wait for it
        except OSError:  # no locks on this file system (ENOLCK): this worker runs it for itself
            log.warning("shared results folder %s cannot lock; running the query here", root)
            return run()
        try:
            found = _read(path)
            if found is not None:
                return found
            frame = run()
            if frame.height <= MAX_ROWS and frame.estimated_size() <= MAX_FILE_BYTES:
                _write(frame, path)
            return frame
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _read(path: Path) -> pl.DataFrame | None:
    """The stored result, or None (none stored, or a file that cannot be read as one: it is run
    again and rewritten, never shown half-read)."""
    try:
        data = path.read_bytes()  # read whole: pruning may remove the file after
    except OSError:
        return None
    try:
        return pl.read_ipc(data)
    except Exception:  # noqa: BLE001 - any unreadable file is a miss, not a page's error
        log.warning("shared result %s unreadable; running the query again", path.name)
        return None


def _write(frame: pl.DataFrame, path: Path) -> None:
    """Written aside and renamed into place: a reader sees a whole file or none."""
    global _writes
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    try:
        frame.write_ipc(part, compat_level=pl.CompatLevel.newest())
        os.replace(part, path)
    except Exception:  # noqa: BLE001 - a full disk (OSError or polars' own): still this worker's answer
        log.warning("could not share a query result in %s", path.parent)
        part.unlink(missing_ok=True)
        return
    _writes += 1
    if _writes % PRUNE_EVERY == 0:
        prune(path.parent)


def prune(root: Path, now: float | None = None) -> int:
    """Remove results older than TTL_S and all but the newest MAX_FILES within MAX_BYTES; how many
    results were removed. A worker reading one as it goes keeps its copy. Lock files are left to
    their results' askers (one deleted while held would let a second worker run the same query);
    a lock or a half-written `.part` (a worker killed mid-write) older than TTL_S is removed."""
    now = time.time() if now is None else now
    entries = []
    for path in root.iterdir():
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        if path.suffix == ".arrow":
            entries.append((stat.st_mtime, stat.st_size, path))
        elif path.suffix in (".lock", ".part") and now - stat.st_mtime > TTL_S:
            path.unlink(missing_ok=True)
    entries.sort(reverse=True)
    gone, total = [], 0
    for index, (mtime, size, path) in enumerate(entries):
        total += size
        if index >= MAX_FILES or total > MAX_BYTES or now - mtime > TTL_S:
            gone.append(path)
    for path in gone:
        path.unlink(missing_ok=True)
    return len(gone)
