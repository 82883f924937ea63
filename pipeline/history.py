"""The refresh history kept beside the warehouse (JSON lines), failed runs included."""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

if TYPE_CHECKING:
    from pipeline.refresh import RunResult

log = logging.getLogger(__name__)
RUN_COLUMNS = {
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


def path_for(warehouse: Path) -> Path:
    """hub.duckdb -> hub.runs.jsonl in the same folder."""
    return warehouse.with_name(f"{warehouse.stem}.runs.jsonl")


def record(result: RunResult) -> dict[str, Any]:
    """One run as a JSON-ready dict."""
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
    }


def read(warehouse: Path) -> list[dict[str, Any]]:
    """Every recorded run, oldest first."""
    path = path_for(warehouse)
    if not path.exists():
        return []
    runs = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        try:
            runs.append(json.loads(line))
        except json.JSONDecodeError:  # a line cut short by a crash: skip it, keep the rest
            if line.strip():
                log.warning("%s line %d is not a run record; skipped", path.name, number)
    return runs


def append(warehouse: Path, result: RunResult) -> None:
    """Record a finished run."""
    path = path_for(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record(result), ensure_ascii=False) + "\n")


def with_run(warehouse: Path, result: RunResult) -> pl.DataFrame:
    """The quality.runs table: past runs plus this one."""
    rows = [*read(warehouse), record(result)]
    frame = pl.DataFrame(
        [{k: r.get(k) for k in RUN_COLUMNS} for r in rows],
        schema_overrides={"started_at": pl.String, "finished_at": pl.String},
    )
    return frame.with_columns(
        pl.col("started_at", "finished_at").str.to_datetime(time_unit="us", strict=False)
    ).cast(RUN_COLUMNS)  # type: ignore[arg-type]
