"""A refresh profiled stage by stage: wall and CPU seconds of every step, loads and SQL models.

    python -m benchmarks.profile                          # the 1M register of make bench
    python -m benchmarks.profile --raw data/raw --json /tmp/profile.json

The refresh runs in this process; each progress message marks the end of the step before it, and
the wall clock and this process's CPU time (every thread: polars, DuckDB, the loader) are read at
each mark. Loads run in a worker thread beside reading and checking the next file, so their own
seconds are logged apart (`loaded ...`) and only the wait for the last one is a step of its own.
CPU seconds are the steadier figure on a shared machine; shares are of the refresh's wall time."""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from pipeline import messages
from pipeline.refresh import refresh_warehouse

REPO = Path(__file__).resolve().parent.parent
COVERAGE = "calendar|org_segments|coverage_cube|hub_type_coverage|district_coverage|region_coverage|register_profile|headline"
FUNDING = "funding_facts|district_funding|region_funding|recipient_year|funding_cube|projects"
GROUPS = (  # a step's group: the first pattern its message matches
    ("read", r"^reading "),
    ("normalize", r"^normalizing "),
    ("validate", r"^validating "),
    ("load (wait)", r"^(loading |waiting for the last load)"),
    ("transform: coverage", rf"^marts\.({COVERAGE})$"),
    ("transform: links, hubs", r"^marts\.(links|hub_year)$"),
    ("transform: funding", rf"^marts\.({FUNDING})$"),
    ("transform: other", r"^(staging|marts)\."),
    ("audits", r"^auditing "),
    ("revision (vs the previous release)", r"^comparing "),
    ("other", r""),
)
LOADED = re.compile(r"^loaded (\w+) \((\d+) rows\) in ([\d.]+) s$")


class Marks(logging.Handler):
    """Collects the warehouse's `loaded ...` log lines."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.loads: list[tuple[str, int, float]] = []

    def emit(self, record: logging.LogRecord) -> None:
        found = LOADED.match(record.getMessage())
        if found:
            self.loads.append((found[1], int(found[2]), float(found[3])))


def profile(raw: Path, target: Path, keep: int = 1) -> dict[str, object]:
    """Refresh `raw` into `target`; every step's wall and CPU seconds, and every load's seconds."""
    messages.set_language("en")  # the groups read the English progress words
    handler = Marks()
    logging.getLogger("pipeline.warehouse").addHandler(handler)
    logging.getLogger("pipeline.warehouse").setLevel(logging.INFO)
    steps: list[tuple[str, float, float]] = []  # message, wall and CPU at its start
    start, cpu = time.perf_counter(), time.process_time()

    def progress(message: str) -> None:
        steps.append((message, time.perf_counter() - start, time.process_time() - cpu))

    result = refresh_warehouse(raw, target, progress, keep=keep)
    end = (time.perf_counter() - start, time.process_time() - cpu)
    timed = [
        {"step": m, "wall_s": round(w1 - w0, 3), "cpu_s": round(c1 - c0, 3)}
        for (m, w0, c0), (_, w1, c1) in zip(steps, [*steps[1:], ("end", *end)], strict=True)
    ]
    return {
        "rows_read": result.totals()[0],
        "wall_s": round(end[0], 2),
        "cpu_s": round(end[1], 2),
        "load_average": os.getloadavg(),
        "steps": timed,
        "loads": [{"table": t, "rows": n, "wall_s": s} for t, n, s in handler.loads],
    }


def group_of(step: str) -> str:
    return next(name for name, pattern in GROUPS if re.search(pattern, step))


def print_profile(found: dict[str, object]) -> None:
    """Groups, then the steps of more than 1% of the wall time, then the loads."""
    wall, steps = float(found["wall_s"]), found["steps"]  # type: ignore[arg-type]
    print(f"refresh: {wall:.1f} s wall, {found['cpu_s']} s CPU, {found['rows_read']:,} rows read")
    print(f"load average (1, 5, 15 min) at the end: {found['load_average']}")
    groups: dict[str, list[float]] = {}
    for step in steps:  # type: ignore[attr-defined]
        entry = groups.setdefault(group_of(step["step"]), [0.0, 0.0])
        entry[0] += step["wall_s"]
        entry[1] += step["cpu_s"]
    print(f"\n{'group':24}{'wall s':>9}{'share':>8}{'CPU s':>9}")
    for name, (w, c) in sorted(groups.items(), key=lambda g: -g[1][0]):
        print(f"{name:24}{w:9.2f}{100 * w / wall:7.1f}%{c:9.2f}")
    print(f"\n{'step (> 1% of the wall time)':44}{'wall s':>9}{'CPU s':>9}")
    for step in steps:  # type: ignore[attr-defined]
        if step["wall_s"] > wall / 100:
            print(f"{step['step'][:44]:44}{step['wall_s']:9.2f}{step['cpu_s']:9.2f}")
    print("\nloads (in a worker thread, beside the next file's reading and checking)")
    for load in found["loads"]:  # type: ignore[attr-defined]
        print(f"  {load['table']:20}{load['rows']:>12,} rows{load['wall_s']:9.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--raw", type=Path, default=REPO / "data" / "national" / "raw")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--warehouse", type=Path, help="refresh into this file and keep it")
    parser.add_argument("--keep", type=int, default=1, help="releases kept (--warehouse)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="shuniu-profile-"))
    try:
        found = profile(args.raw, args.warehouse or work / "hub.duckdb", args.keep)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_profile(found)
    if args.json:
        args.json.write_text(json.dumps(found, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
