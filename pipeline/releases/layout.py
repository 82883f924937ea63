"""Where a warehouse's releases, journal, pins and reports live, and what a run id looks like."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

RUN_ID = re.compile(r"^\d{8}T\d{6}-[0-9a-f]{4}$")
BUILDING = ".building-"


def is_run_id(text: str) -> bool:
    """Whether `text` has the form of a run id (20261123T114501-3f2a); nothing else names a file."""
    return bool(RUN_ID.fullmatch(text))


@dataclass(frozen=True)
class Layout:
    """The files beside the live warehouse `target` (data/warehouse/hub.duckdb)."""

    target: Path

    @property
    def releases(self) -> Path:
        """data/warehouse/hub.releases/: one read-only <run_id>.duckdb per kept release, pins.json."""
        return self.target.with_name(f"{self.target.stem}.releases")

    @property
    def journal(self) -> Path:
        """data/warehouse/hub.runs.jsonl: one JSON line per event of a run (started, failed, ...)."""
        return self.target.with_name(f"{self.target.stem}.runs.jsonl")

    @property
    def pins(self) -> Path:
        return self.releases / "pins.json"

    @property
    def pins_lock(self) -> Path:
        return self.releases / ".pins.lock"

    @property
    def reports(self) -> Path:
        return self.target.parent / "reports"

    def release(self, run_id: str) -> Path:
        """The file of release `run_id` (whether it exists or not)."""
        assert is_run_id(run_id), run_id
        return self.releases / f"{run_id}.duckdb"

    def building(self, run_id: str) -> Path:
        """The file a refresh builds before the swap (.hub.duckdb.building-<run_id>)."""
        return self.target.with_name(f".{self.target.name}{BUILDING}{run_id}")

    def building_files(self) -> list[tuple[str, Path]]:
        """(run id, path) of every half-built file and its .wal beside the warehouse."""
        found = []
        for path in sorted(self.target.parent.glob(f".{self.target.name}{BUILDING}*")):
            found.append((path.name.split(BUILDING, 1)[1].removesuffix(".wal"), path))
        return found

    def uploads_of(self, run_id: str) -> Path:
        """The files a publish from the browser built release `run_id` from (uploads/<run id>/)."""
        assert is_run_id(run_id), run_id
        return self.target.parent / "uploads" / run_id

    def reports_of(self, run_id: str) -> list[Path]:
        """The rejection and warning reports a refresh writes for `run_id` (CSV and .xlsx)."""
        kinds = ("rejected_rows", "warnings")
        return [
            self.reports / f"{kind}-{run_id}.{ext}" for kind in kinds for ext in ("csv", "xlsx")
        ]


def fsync_dir(folder: Path) -> None:
    """Make a rename or link in `folder` durable (a power cut after it keeps it)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
