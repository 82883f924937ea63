"""Releases: every successful refresh's warehouse kept read-only, the ledger of runs, pins, prune, diff.

The CLI (`releases`, `diff`, `pin`, `unpin`, `prune`, `status`) and the dashboard call these names;
neither reimplements them. See docs/releases.md for the layout on disk and the guarantees."""

from __future__ import annotations

from pipeline.releases.diff import (
    Diff,
    FigureChange,
    TableDiff,
    compare,
    diff_releases,
    figure_changes,
    pick,
    record_changes,
    table_diff,
)
from pipeline.releases.files import attached, own_run
from pipeline.releases.layout import Layout, is_run_id
from pipeline.releases.ledger import Ledger, read
from pipeline.releases.messages import ReleaseError
from pipeline.releases.model import InputFile, Leftover, Release, Run
from pipeline.releases.runs import fingerprint, quality_tables, record_failed, record_start
from pipeline.releases.store import (
    DEFAULT_KEEP,
    last_input_checksums,
    pin,
    prune,
    publish,
    recover,
    unpin,
)

__all__ = [
    "DEFAULT_KEEP",
    "Diff",
    "FigureChange",
    "InputFile",
    "Layout",
    "Ledger",
    "Leftover",
    "Release",
    "ReleaseError",
    "Run",
    "TableDiff",
    "attached",
    "compare",
    "diff_releases",
    "figure_changes",
    "fingerprint",
    "is_run_id",
    "last_input_checksums",
    "own_run",
    "pick",
    "pin",
    "prune",
    "publish",
    "quality_tables",
    "read",
    "record_changes",
    "record_failed",
    "record_start",
    "recover",
    "table_diff",
    "unpin",
]
