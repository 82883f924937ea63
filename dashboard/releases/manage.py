"""Release management from the browser (admin; no Streamlit here): the releases, pin, unpin, prune with
the same library calls as the CLI, each written to the audit log with the signed-in administrator."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from dashboard.core.words import Lang, t
from pipeline import audit, releases
from pipeline.warehouse import exclusive


def release_table(target: Path, lang: Lang) -> pl.DataFrame:
    """The kept releases, newest first: run, finished, state, pinned, size and rows."""
    rows = []
    for r in releases.read(target).releases:
        state = "missing" if r.missing else ("live" if r.is_live else "kept")
        rows.append(
            {
                "run_id": r.run_id,
                "finished_at": r.finished_at,
                "state": t(f"manage.state.{state}", lang),
                "pinned": t("val.yes" if r.pinned else "val.no", lang),
                "size_mib": round(r.size_bytes / 2**20, 1) if r.size_bytes is not None else None,
                "rows_accepted": r.rows_accepted,
                "rows_rejected": r.rows_rejected,
            }
        )
    keys = {
        "run_id": "col.run_id",
        "finished_at": "col.finished_at",
        "state": "manage.col.state",
        "pinned": "manage.col.pinned",
        "size_mib": "manage.col.size",
        "rows_accepted": "col.rows_accepted",
        "rows_rejected": "col.rows_rejected",
    }
    schema = {
        "run_id": pl.String,
        "finished_at": pl.Datetime("us"),
        "state": pl.String,
        "pinned": pl.String,
        "size_mib": pl.Float64,
        "rows_accepted": pl.Int64,
        "rows_rejected": pl.Int64,
    }
    frame = pl.DataFrame(rows, schema=schema)
    return frame.rename({c: t(k, lang) for c, k in keys.items()})


def run_ids(target: Path) -> list[str]:
    """The kept releases' run ids, newest first."""
    return [r.run_id for r in releases.read(target).releases]


def pin(target: Path, run_id: str, actor: audit.Actor) -> bool:
    """Pin a release (False: it was pinned already); a change is written to the audit log."""
    done = releases.pin(target, run_id)
    if done:
        audit.record(target, "pin", actor, run_id)
    return done


def unpin(target: Path, run_id: str, actor: audit.Actor) -> bool:
    """Unpin a release (False: it was not pinned); a change is written to the audit log."""
    done = releases.unpin(target, run_id)
    if done:
        audit.record(target, "unpin", actor, run_id)
    return done


def prune(target: Path, keep: int, actor: audit.Actor) -> list[str]:
    """Delete releases beyond the newest `keep` (not live, not pinned) under the refresh lock, as
    the CLI does (a refresh running: WarehouseError); the run ids pruned, in the audit log."""
    with exclusive(target, "prune"):
        pruned = releases.prune(target, keep)
        audit.record(target, "prune", actor, None, keep=keep, pruned=pruned)
    return pruned


def audit_table(target: Path, lang: Lang, limit: int = 1000) -> tuple[pl.DataFrame, int]:
    """The newest `limit` events of the audit log, newest first, headed in the reader's language,
    and how many events it holds (of the same read: an event appended meanwhile is in neither)."""
    events = audit.frame(audit.read(target))
    frame = events.reverse().head(limit)
    keys = {
        "recorded_at": "audit.col.at",
        "actor": "audit.col.actor",
        "role": "audit.col.role",
        "via": "audit.col.via",
        "action": "audit.col.action",
        "run_id": "col.run_id",
        "detail": "audit.col.detail",
    }
    return frame.select(list(keys)).rename({c: t(k, lang) for c, k in keys.items()}), events.height
