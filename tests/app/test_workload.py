"""The benchmark's query workload (benchmarks/workload.py) runs as `make bench` runs it: in a process
of its own, outside a server, on a warehouse named only by its path (no SHUNIU_WAREHOUSE), every
query timed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = """
import json, sys
from pathlib import Path
from benchmarks import workload
print(json.dumps(workload.query_latencies(Path(sys.argv[1]), repeats=1)))
"""


def test_every_query_is_timed_on_a_warehouse_named_by_its_path(warehouse: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SHUNIU_WAREHOUSE"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(warehouse)],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    timings = json.loads(done.stdout.strip().splitlines()[-1])
    assert {"allowed", "regions", "headline_series[all]", "org_funding"} <= set(timings)
    assert all(t["p50_ms"] > 0 and t["p95_ms"] >= t["p50_ms"] for t in timings.values())
