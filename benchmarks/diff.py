"""The release diff at scale: two deliveries of the national register, refreshed, then compared.

The second delivery drops every 100th organization and renames every 100th (offset 50); the links,
projects and funding of dropped organizations are then rejected, so those tables change too (the
register's deliberate faults, rejected rows and repeated codes, move the counts a little off 1%).
Prints seconds per step and the counts; run with `python -m benchmarks.diff [--orgs N]`."""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

from benchmarks.deliveries import second_delivery
from benchmarks.run import REPO, ensure_register
from pipeline import releases
from pipeline.refresh import refresh_warehouse


def timed(label: str, step):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    value = step()
    print(f"{label}: {time.perf_counter() - started:.2f} s", flush=True)
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orgs", type=int, default=1_000_000, help="organizations in the register")
    parser.add_argument("--seed", type=int, default=7, help="seed of the register")
    parser.add_argument("--work", type=Path, default=REPO / "data" / "national", help="work folder")
    args = parser.parse_args()
    raw = ensure_register(args.work / "raw", args.orgs, args.seed)
    changed = second_delivery(raw, args.work / "raw-second")
    target = args.work / "diff" / "hub.duckdb"
    shutil.rmtree(target.parent, ignore_errors=True)
    quiet = lambda _: None  # noqa: E731
    timed("refresh, first delivery", lambda: refresh_warehouse(raw, target, quiet, keep=2))
    timed("refresh, second delivery", lambda: refresh_warehouse(changed, target, quiet, keep=2))
    diff = timed(
        "diff (5 tables, headline and district figures)", lambda: releases.diff_releases(target)
    )
    for name, t in diff.tables.items():
        print(f"  {name:<14} added {t.added:>9,}  removed {t.removed:>9,}  changed {t.changed:>9,}")
    print(f"  figures moved: {len(diff.figures):,}")
    old, new = releases.pick(releases.read(target), None, None)
    with releases.attached(old=old.path, new=new.path) as con:
        rows = timed(
            "record_changes(organizations, changed, limit 100)",
            lambda: releases.record_changes(con, "organizations", "changed", 100),
        )
    print(f"  rows: {rows.height}; disk: {releases.read(target).disk_bytes / 2**20:,.0f} MiB")


if __name__ == "__main__":
    main()
