"""The benchmark's query workload (benchmarks/workload.py) runs as `make bench` runs it: outside a
server, on a warehouse named only by its path (no SHUNIU_WAREHOUSE), every query timed."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import workload


def test_every_query_is_timed_on_a_warehouse_named_by_its_path(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SHUNIU_WAREHOUSE", raising=False)
    timings = workload.query_latencies(warehouse, repeats=1)
    assert {"allowed", "regions", "headline_series[all]", "org_funding"} <= set(timings)
    assert all(t["p50_ms"] > 0 and t["p95_ms"] >= t["p50_ms"] for t in timings.values())
