"""Query results shared by the workers of one server (dashboard/core/results.py): a result read back
from the shared folder is the query's own frame, every query of every page; a key missing everywhere
runs once however many ask at once; the folder stays bounded; without the folder nothing is shared."""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from benchmarks import workload
from dashboard.core import door, results


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "results"
    folder.mkdir()
    monkeypatch.setenv(results.ENV, str(folder))
    return folder


def test_every_page_query_reads_back_as_its_own_frame(
    warehouse: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    con = duckdb.connect(str(warehouse), read_only=True)
    direct = workload._uncached(con)
    compared: list[str] = []

    def through_the_folder(sql: str, params: dict[str, object] | None = None) -> pl.DataFrame:
        own = direct(sql, params)
        key = f"k{len(compared)}"
        results.fetch(key, lambda: own)  # written by the first worker ...
        again = results.fetch(key, lambda: pytest.fail("ran again"))  # ... read by the next
        assert_frame_equal(again, own, check_exact=True)
        compared.append(sql)
        return again

    monkeypatch.setattr(door, "query", through_the_folder)
    for call in workload._calls(workload._queries(), con).values():
        call()
    con.close()
    assert len(compared) > 100
    shared_files = list(shared.glob("*.arrow"))
    assert shared_files and len(shared_files) <= len(compared)


def test_a_missing_key_asked_at_once_runs_once(shared: Path) -> None:
    runs: list[int] = []
    gate = threading.Barrier(6)

    def run() -> pl.DataFrame:
        runs.append(1)
        time.sleep(0.3)  # the others arrive while it runs
        return pl.DataFrame({"a": [1, 2]})

    def ask(_: int) -> pl.DataFrame:
        gate.wait()
        return results.fetch("same", run)

    with ThreadPoolExecutor(max_workers=6) as pool:
        frames = list(pool.map(ask, range(6)))
    assert len(runs) == 1
    assert all(f.equals(frames[0]) for f in frames)


def test_without_the_folder_nothing_is_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(results.ENV, raising=False)
    runs: list[int] = []
    for _ in range(2):
        results.fetch("k", lambda: runs.append(1) or pl.DataFrame({"a": [1]}))
    assert len(runs) == 2


def test_large_results_stay_in_the_worker_that_ran_them(
    shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(results, "MAX_ROWS", 2)
    results.fetch("big", lambda: pl.DataFrame({"a": [1, 2, 3]}))
    results.fetch("small", lambda: pl.DataFrame({"a": [1, 2]}))
    assert sorted(p.name for p in shared.glob("*.arrow")) == ["small.arrow"]


def test_prune_keeps_the_newest_of_the_last_hour(
    shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(results, "MAX_FILES", 3)
    now = time.time()
    for i in range(5):
        results.fetch(f"k{i}", lambda: pl.DataFrame({"a": [1]}))
        os.utime(shared / f"k{i}.arrow", (now - 10 + i, now - 10 + i))
    os.utime(shared / "k4.arrow", (now - results.TTL_S - 1, now - results.TTL_S - 1))
    old = now - results.TTL_S - 1
    (shared / "k9.arrow.123.part").write_bytes(b"cut")  # a writer killed mid-write, long ago
    os.utime(shared / "k9.arrow.123.part", (old, old))
    os.utime(shared / "k1.lock", (old, old))  # an old lock: removed (its result stays)
    assert results.prune(shared, now) == 2  # k4: over an hour old; k0: past the newest three
    assert sorted(p.name for p in shared.glob("*.arrow")) == ["k1.arrow", "k2.arrow", "k3.arrow"]
    # locks stay with their askers (one deleted while held lets a second worker run the query),
    # but not past an hour, and neither does a half-written file
    assert sorted(p.name for p in shared.glob("*.lock")) == [
        "k0.lock",
        "k2.lock",
        "k3.lock",
        "k4.lock",
    ]
    assert not list(shared.glob("*.part"))


def test_prune_keeps_the_folder_within_its_bytes(
    shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder may be in memory (/tmp on tmpfs): pruning keeps the newest results within
    MAX_BYTES, and a result too large in memory is never written."""
    now = time.time()
    for i in range(4):
        results.fetch(f"k{i}", lambda: pl.DataFrame({"a": list(range(1000))}))
        os.utime(shared / f"k{i}.arrow", (now - 10 + i, now - 10 + i))
    size = (shared / "k0.arrow").stat().st_size
    monkeypatch.setattr(results, "MAX_BYTES", 2 * size + size // 2)
    assert results.prune(shared, now) == 2
    assert sorted(p.name for p in shared.glob("*.arrow")) == ["k2.arrow", "k3.arrow"]
    monkeypatch.setattr(results, "MAX_FILE_BYTES", 100)
    results.fetch("large", lambda: pl.DataFrame({"a": list(range(1000))}))
    assert not (shared / "large.arrow").exists()


def test_a_folder_that_cannot_lock_leaves_the_worker_to_run_its_own(
    shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_locks(*_: object) -> None:
        raise OSError(37, "No locks available")

    monkeypatch.setattr(results.fcntl, "flock", no_locks)
    frame = results.fetch("k", lambda: pl.DataFrame({"a": [5]}))
    assert frame.to_dict(as_series=False) == {"a": [5]}


def test_a_folder_gone_leaves_each_worker_to_run_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(results.ENV, str(tmp_path / "gone"))
    assert results.fetch("k", lambda: pl.DataFrame({"a": [1]})).to_dict(as_series=False) == {
        "a": [1]
    }


def test_a_damaged_result_file_is_run_again_and_replaced(shared: Path) -> None:
    """A file that is not a whole Arrow result (a disk that filled, a stray write) is a miss: the
    query runs again and its result replaces the file, never an error on the page."""
    (shared / "k.arrow").write_bytes(b"ARROW1\x00\x00 cut short")
    runs = []
    frame = results.fetch("k", lambda: runs.append(1) or pl.DataFrame({"a": [7]}))
    assert frame.to_dict(as_series=False) == {"a": [7]} and runs == [1]
    again = results.fetch("k", lambda: runs.append(1) or pl.DataFrame({"a": [8]}))
    assert again.to_dict(as_series=False) == {"a": [7]} and runs == [1]  # the rewritten file
