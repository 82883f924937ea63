"""Work shared across sessions: one query or figure per warehouse version and key, whoever asks and
however many ask at once; every caller still gets a frame object of its own."""

from __future__ import annotations

import os
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest
from polars.testing import assert_frame_equal

from dashboard import db


def _at_once(n: int, ask):  # noqa: ANN001, ANN202 - a callable and its answers
    gate = threading.Barrier(n)

    def go(_: int):  # noqa: ANN202
        gate.wait()
        return ask()

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(go, range(n)))


def test_ten_sessions_asking_one_missing_query_at_once_run_it_once(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[int] = []
    real = db._connection

    def slow_connection(*args: object):  # noqa: ANN202 - widens the window for a second run
        runs.append(1)
        time.sleep(0.5)
        return real(*args)

    monkeypatch.setattr(db, "_connection", slow_connection)
    sql = "select count(*) as n, $tag as tag from marts.calendar"
    frames = _at_once(10, lambda: db.query(sql, {"tag": "ten-at-once"}))
    assert len(runs) == 1
    for frame in frames[1:]:
        assert_frame_equal(frame, frames[0])
    assert len({id(frame) for frame in frames}) == 10  # never one frame object in two sessions


def test_a_new_warehouse_version_runs_the_query_again(warehouse: Path, tmp_path: Path) -> None:
    copy = tmp_path / "hub.duckdb"
    shutil.copy(warehouse, copy)
    os.environ["SHUNIU_WAREHOUSE"] = str(copy)
    try:
        sql = "select count(*) as n from quality.runs"
        before = db.query(sql)["n"][0]
        staged = tmp_path / "next.duckdb"
        shutil.copy(warehouse, staged)
        with duckdb.connect(str(staged)) as con:
            con.execute("delete from quality.runs")
        os.replace(staged, copy)
        assert (before, db.query(sql)["n"][0]) == (before, 0)
    finally:
        os.environ["SHUNIU_WAREHOUSE"] = str(warehouse)


def test_a_shared_figure_is_built_once_for_every_session_asking_at_once(warehouse: Path) -> None:
    builds: list[int] = []

    def build() -> dict[str, str]:
        builds.append(1)
        time.sleep(0.5)
        return {"figure": "one"}

    values = _at_once(10, lambda: db.shared(("test", "built-once"), build))
    assert len(builds) == 1 and all(v is values[0] for v in values)
    assert db.shared(("test", "another key"), lambda: {"figure": "two"}) == {"figure": "two"}
