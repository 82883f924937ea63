"""The record of one run (refresh or validation), file by file: refresh, audit, releases and warehouse
share it, and it imports none of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.releases.model import InputFile


@dataclass(frozen=True)
class FileStats:
    """Rows of one input file: read = accepted + rejected."""

    file: str
    table_name: str
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    rows_warned: int


@dataclass
class RunResult:
    """What a refresh (or a validation) did."""

    run_id: str
    raw_folder: Path
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    status: str = "running"
    files: list[FileStats] = field(default_factory=list)
    rejected_report: Path | None = None
    warnings_report: Path | None = None
    error: str | None = None
    inputs: list[InputFile] = field(default_factory=list)
    release: Path | None = None  # the release file kept for this run
    pruned: list[str] = field(default_factory=list)  # releases pruned after it
    audit_event: dict[str, Any] | None = None  # this run's audit event (also in quality.audit)

    def totals(self) -> tuple[int, int, int, int]:
        """Rows read, accepted, rejected, warned over all files."""
        return (
            sum(f.rows_read for f in self.files),
            sum(f.rows_accepted for f in self.files),
            sum(f.rows_rejected for f in self.files),
            sum(f.rows_warned for f in self.files),
        )
