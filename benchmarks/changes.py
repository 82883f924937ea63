"""The 变化 page's queries at scale: the revision note and a reason's records between two national releases.

Uses the two releases `python -m benchmarks.diff` builds (data/national/diff/hub.duckdb), building
them the same way when they are missing. Prints seconds per query (each a cache miss: a new
connection with both files attached) and the reasons found; run with
`python -m benchmarks.changes [--orgs N] [--year Y]`."""

from __future__ import annotations

import argparse
import shutil
from datetime import date
from pathlib import Path

from benchmarks.diff import second_delivery, timed
from benchmarks.run import REPO, ensure_register
from dashboard.changes import compare as changes
from dashboard.changes import note as revision
from dashboard.core import db
from pipeline import releases
from pipeline.refresh import refresh_warehouse


def _pair(work: Path, orgs: int, seed: int) -> Path:
    target = work / "diff" / "hub.duckdb"
    if len([r for r in releases.read(target).releases if not r.missing]) >= 2:
        return target
    raw = ensure_register(work / "raw", orgs, seed)
    changed = second_delivery(raw, work / "raw-second")
    shutil.rmtree(target.parent, ignore_errors=True)
    quiet = lambda _: None  # noqa: E731
    timed("refresh, first delivery", lambda: refresh_warehouse(raw, target, quiet, keep=2))
    timed("refresh, second delivery", lambda: refresh_warehouse(changed, target, quiet, keep=2))
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orgs", type=int, default=1_000_000, help="organizations in the register")
    parser.add_argument("--seed", type=int, default=7, help="seed of the register")
    parser.add_argument(
        "--year", type=int, help="the year-end (default: the newest release's last)"
    )
    parser.add_argument("--work", type=Path, default=REPO / "data" / "national", help="work folder")
    args = parser.parse_args()
    target = _pair(args.work, args.orgs, args.seed)
    old, new = releases.pick(releases.read(target), None, None)
    ov, nv = db.file_version(old.path), db.file_version(new.path)
    with releases.attached(w=new.path) as con:
        ((last,),) = con.execute("select max(year) from w.marts.calendar").fetchall()
    as_of = date(args.year or last, 12, 31)
    print(f"{old.run_id} -> {new.run_id} at {as_of}")
    timed(
        "the overview's sentence (organizations, headline)",
        lambda: changes.summary(ov, nv, as_of, ("orgs", "headline")),
    )
    summary = timed(
        "the rest of the revision note (hubs, funding, projects, districts)",
        lambda: changes.summary(ov, nv, as_of),
    )
    for reason, units in revision.reasons_found(summary):
        print(f"  {reason:<18} {units:>9,}")
    found = dict(revision.reasons_found(summary))
    biggest = max(found, key=lambda r: found[r]) if found else "org_removed"
    rows = timed(
        f"records({biggest}, limit 10,000)",
        lambda: changes.records(ov, nv, as_of, biggest, 10_000),
    )
    print(f"  rows: {rows.height:,}")
    timed("records per input file (as diff)", lambda: changes.table_counts(ov, nv))


if __name__ == "__main__":
    main()
