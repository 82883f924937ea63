"""A refresh killed (SIGKILL) at any point leaves `status` and the warehouse agreeing; the next one cleans up.

The kill is deterministic: the child process blocks at a named point (pipeline.killpoints, env
SHUNIU_PAUSE_AT) and writes a marker file; the test waits for the marker, then kills."""

from __future__ import annotations

import hashlib
import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from pipeline import releases
from pipeline.refresh import refresh_warehouse
from tests.unit import registers as r
from tests.unit.test_cli import run

# point -> (the killed run's status afterwards, whether the new warehouse is live, leftover kinds)
CASES: dict[str, tuple[str, bool, set[str]]] = {
    "before_build": ("interrupted", False, set()),
    "after_copy": ("interrupted", False, {"building"}),  # the live file copied, to carry marts
    "during_load": ("interrupted", False, {"building"}),
    "before_swap": ("interrupted", False, {"building", "report"}),
    "after_swap": ("succeeded", True, set()),
    "during_prune": ("succeeded", True, set()),
}


def kill_refresh_at(point: str, raw: Path, target: Path, *extra: str) -> None:
    """Run the refresh command in a child process and SIGKILL it once it waits at `point`."""
    marker = target.parent / f"paused-at-{point}"
    env = {
        "PATH": "/usr/bin:/bin",
        "SHUNIU_TODAY": "2026-11-23",
        "PYTHONPATH": str(Path.cwd()),
        "SHUNIU_PAUSE_AT": point,
        "SHUNIU_PAUSE_FILE": str(marker),
    }
    args = ["refresh", "--raw", str(raw), "--warehouse", str(target), "--quiet", *extra]
    child = subprocess.Popen(
        [sys.executable, "-m", "pipeline", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 180
    while not marker.exists():
        if child.poll() is not None:
            pytest.fail(f"the refresh ended before {point}: {child.stderr.read()!r}")  # type: ignore[union-attr]
        if time.monotonic() > deadline:
            child.kill()
            pytest.fail(f"the refresh never reached {point}")
        time.sleep(0.02)  # polling for the marker, not guessing a moment
    child.send_signal(signal.SIGKILL)
    child.wait()
    marker.unlink()


def status(target: Path) -> dict[str, Any]:
    done = run("status", "--warehouse", str(target), "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def live_runs(target: Path) -> tuple[str, str]:
    """The live warehouse's own run, and the newest run of its quality.runs (what the dashboard shows)."""
    with releases.attached(w=target) as con:
        own = con.execute("select run_id from w.quality.release").fetchone()
        newest = con.execute(
            "select run_id from w.quality.runs order by started_at desc limit 1"
        ).fetchone()
    assert own is not None and newest is not None
    return own[0], newest[0]


def assert_agree(target: Path) -> dict[str, Any]:
    """Status and the warehouse files agree; every succeeded run's release exists (or was pruned)."""
    shown = status(target)
    own, newest = live_runs(target)
    assert own == newest == shown["live_run_id"] == shown["newest_succeeded"]
    for run_ in shown["runs"]:
        if run_["status"] == "succeeded":
            assert run_["release"] in ("live", "kept", "pruned"), run_
    for rel in shown["releases"]:
        assert not rel["missing"] and Path(rel["path"]).exists(), rel
    return shown


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("point", list(CASES))
def test_a_refresh_killed_at_any_point_leaves_status_and_warehouse_agreeing(
    point: str, tmp_path: Path
) -> None:
    killed_status, swapped, leftover_kinds = CASES[point]
    target, raw = tmp_path / "hub.duckdb", r.write_register(tmp_path / "raw")
    earlier = [refresh_warehouse(raw, target, lambda _: None).run_id]
    if point == "during_prune":
        earlier.append(refresh_warehouse(raw, target, lambda _: None).run_id)
    before = digest(target)
    kill_refresh_at(point, raw, target, "--keep", "1")

    shown = assert_agree(target)
    killed = shown["runs"][-1]
    assert killed["run_id"] not in earlier and killed["status"] == killed_status
    assert [x["run_id"] for x in shown["runs"][:-1]] == earlier
    assert (shown["live_run_id"] == killed["run_id"]) is swapped
    if not swapped:
        assert digest(target) == before  # the previous warehouse, byte for byte
    assert {x["kind"] for x in shown["leftovers"]} == leftover_kinds
    assert all(x["run_id"] == killed["run_id"] for x in shown["leftovers"])
    if point == "during_prune":  # killed after journaling the prune, before deleting: still there
        assert earlier[0] in [x["run_id"] for x in shown["releases"]]

    after = refresh_warehouse(raw, target, lambda _: None)
    shown = assert_agree(target)
    assert shown["leftovers"] == [] and shown["live_run_id"] == after.run_id
    assert not list(tmp_path.glob(".hub.duckdb.building-*"))
    assert not list((tmp_path / "reports").glob(f"*-{killed['run_id']}.csv")) or swapped
    if swapped:  # the killed run's warehouse was live: it is kept as a release, not lost
        kept = [x["run_id"] for x in shown["releases"]]
        assert killed["run_id"] in kept
        assert (tmp_path / "hub.releases" / f"{killed['run_id']}.duckdb").exists()


def test_the_first_refresh_killed_while_loading_leaves_no_warehouse_and_says_so(
    tmp_path: Path,
) -> None:
    target, raw = tmp_path / "hub.duckdb", r.write_register(tmp_path / "raw")
    kill_refresh_at("during_load", raw, target)
    shown = status(target)
    assert not target.exists()
    assert [x["status"] for x in shown["runs"]] == ["interrupted"]
    assert (shown["live_run_id"], shown["newest_succeeded"], shown["releases"]) == (None, None, [])
    assert [x["kind"] for x in shown["leftovers"]][:1] == ["building"]
    refresh_warehouse(raw, target, lambda _: None)
    assert assert_agree(target)["leftovers"] == []
