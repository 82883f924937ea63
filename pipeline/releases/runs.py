"""What a refresh writes about itself: journal events, and the quality tables of its own warehouse."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl
import psutil

from pipeline.releases import journal, ledger
from pipeline.releases.files import sha256_of
from pipeline.releases.layout import Layout
from pipeline.releases.model import InputFile, Run

if TYPE_CHECKING:
    from pipeline.run_record import FileStats, RunResult

RUN_COLUMNS: Mapping[str, pl.DataType | type[pl.DataType]] = {
    "run_id": pl.String,
    "started_at": pl.Datetime("us"),
    "finished_at": pl.Datetime("us"),
    "status": pl.String,
    "raw_folder": pl.String,
    "rows_read": pl.Int64,
    "rows_accepted": pl.Int64,
    "rows_rejected": pl.Int64,
    "rows_warned": pl.Int64,
}


def record(result: RunResult) -> dict[str, Any]:
    """One run as a JSON-ready dict (the journal's failed and succeeded events)."""
    read, accepted, rejected, warned = result.totals()
    return {
        "run_id": result.run_id,
        "started_at": result.started_at.isoformat(),
        "finished_at": result.finished_at.isoformat() if result.finished_at else None,
        "status": result.status,
        "raw_folder": str(result.raw_folder),
        "rows_read": read,
        "rows_accepted": accepted,
        "rows_rejected": rejected,
        "rows_warned": warned,
        "error": result.error,
        "files": [dataclasses.asdict(f) for f in result.files],
        "inputs": [dataclasses.asdict(i) for i in result.inputs],
    }


def record_start(target: Path, result: RunResult) -> None:
    """Journal that the run holds the lock and starts building (a kill from here on shows as interrupted)."""
    me = psutil.Process()
    journal.append(
        Layout(target),
        {
            "event": "started",
            "run_id": result.run_id,
            "started_at": result.started_at.isoformat(),
            "raw_folder": str(result.raw_folder),
            "pid": me.pid,
            "pid_started": me.create_time(),
        },
    )


def record_failed(target: Path, result: RunResult) -> None:
    """Journal a run that failed (its warehouse was not swapped in)."""
    journal.append(Layout(target), {"event": "failed", **record(result)})


def fingerprint(
    paths: Mapping[str, Path],
    files: Sequence[FileStats],
    checksums: Mapping[Path, str] | None = None,
) -> list[InputFile]:
    """Each input file's name, size and SHA-256 (as found while reading; `checksums` gives those
    already computed), with its rows."""
    rows = {f.file: f for f in files}
    known = checksums or {}
    found = []
    for table_name, path in paths.items():
        stats = rows.get(path.name)
        found.append(
            InputFile(
                table_name,
                path.name,
                path.stat().st_size,
                known[path] if path in known else sha256_of(path),
                stats.rows_read if stats else None,
                stats.rows_accepted if stats else None,
                stats.rows_rejected if stats else None,
            )
        )
    return found


INPUT_COLUMNS: Mapping[str, pl.DataType | type[pl.DataType]] = {
    "run_id": pl.String,
    "table_name": pl.String,
    "file": pl.String,
    "size_bytes": pl.Int64,
    "sha256": pl.String,
}


def quality_tables(target: Path, result: RunResult) -> dict[str, pl.DataFrame]:
    """quality.runs (the ledger so far plus this run), quality.release (this run) and quality.inputs."""
    read, accepted, rejected, warned = result.totals()
    this = Run(
        result.run_id,
        result.started_at,
        result.finished_at,
        result.status,
        str(result.raw_folder),
        read,
        accepted,
        rejected,
        warned,
        result.error,
        "live",
    )
    history = [r for r in ledger.read(target).runs if r.run_id != result.run_id]
    runs = pl.DataFrame(
        [{k: getattr(r, k) for k in RUN_COLUMNS} for r in [*history, this]], schema=RUN_COLUMNS
    )
    release = runs.filter(pl.col("run_id") == result.run_id).select(
        "run_id", "started_at", "finished_at", "raw_folder"
    )
    inputs = pl.DataFrame(
        [{"run_id": result.run_id, **dataclasses.asdict(i)} for i in result.inputs],
        schema=INPUT_COLUMNS,
    )
    return {"runs": runs, "release": release, "inputs": inputs}
