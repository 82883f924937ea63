"""Work a refresh overlaps with reading the next file: loading the table before, hashing the inputs.

polars and DuckDB release the GIL while they work and hashlib does on large blocks, so a thread
each keeps both cores busy where one side alone would leave one idle (docs/scale.md)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import polars as pl

from pipeline.read import InputError, find_file
from pipeline.releases.files import sha256_of
from schemas.tables import CHECK_ORDER

Sink = Callable[[str, pl.DataFrame], None]


class Loader:
    """Loads one table in a worker thread while the caller checks the next: at most one load runs
    (the next waits for it), so at most one checked table waits in memory besides the one read.

    A load's error is raised by the next `load` or by `finish`; leaving the block waits for a load
    still running (the building file is never closed under it)."""

    def __init__(self, sink: Sink, pool: ThreadPoolExecutor) -> None:
        self.sink, self.pool = sink, pool
        self.running: Future[None] | None = None

    def load(self, name: str, accepted: pl.DataFrame) -> None:
        """Wait for the load before, then start loading this table."""
        self.finish()
        self.running = self.pool.submit(self.sink, name, accepted)

    def finish(self) -> None:
        """Wait for the running load (re-raising its error)."""
        running, self.running = self.running, None
        if running is not None:
            running.result()


@contextlib.contextmanager
def loader(sink: Sink) -> Iterator[Loader]:
    """A Loader over `sink` for the duration of the block; its last load is waited for on leaving."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="shuniu-load") as pool:
        yield Loader(sink, pool)


@contextlib.contextmanager
def fingerprints(
    raw_dir: Path, follow_symlinks: bool = False
) -> Iterator[Mapping[Path, Future[str]]]:
    """Start hashing every input file of `raw_dir` (SHA-256) in a worker thread, in the order the
    refresh checks them (schemas.tables.CHECK_ORDER).

    A file that cannot be found cleanly (no folder, two files for a table, a symbolic link not
    to be followed) is not hashed here: the refresh refuses it with its own message."""
    paths: list[Path] = []
    if raw_dir.is_dir():
        for table in CHECK_ORDER:
            with contextlib.suppress(InputError):
                path = find_file(raw_dir, table, follow_symlinks)
                if path is not None:
                    paths.append(path)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="shuniu-sha256") as pool:
        futures = {path: pool.submit(sha256_of, path) for path in paths}
        try:
            yield futures
        finally:
            for future in futures.values():
                future.cancel()
