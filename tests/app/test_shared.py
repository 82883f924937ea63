"""Work shared across sessions: one query or figure per warehouse version and key, whoever asks and
however many ask at once; every caller still gets a frame object of its own; never across scopes."""

from __future__ import annotations

import os
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from polars.testing import assert_frame_equal
from streamlit.testing.v1 import AppTest

from dashboard.core import db
from tests.app.conftest import APP


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


def _recording(monkeypatch: pytest.MonkeyPatch) -> list[tuple[tuple, bool]]:
    """Every db.shared call the pages make, as (key, whether this call built the value)."""
    calls: list[tuple[tuple, bool]] = []
    real = db.shared

    def shared(key: tuple, build):  # noqa: ANN001, ANN202 - as db.shared
        built: list[bool] = []

        def building():  # noqa: ANN202
            built.append(True)
            return build()

        value = real(key, building)
        calls.append((key, bool(built)))
        return value

    monkeypatch.setattr(db, "shared", shared)
    return calls


def _without_scope(key: tuple) -> tuple:
    """A shared key as it would be if it did not carry the viewer's scope."""
    if key[0] == "chart":  # ("chart", key, what, Filters, content, *parts)
        return (*key[:3], replace(key[3], scope=()), *key[4:])
    return (*key[:5], *key[6:])  # ("table", key, what, language, cols, scope, content)


def _coverage_as(
    scope: tuple[str, ...], calls: list[tuple[tuple, bool]], as_viewer
) -> list[tuple[tuple, bool]]:
    start = len(calls)
    at = as_viewer(AppTest.from_file(str(APP), default_timeout=60), list(scope))
    at.run()
    at.switch_page("coverage/page.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return calls[start:]


def test_viewers_with_different_scopes_never_share_a_figure_or_table(
    national: Path, monkeypatch: pytest.MonkeyPatch, as_viewer
) -> None:
    """莆田市 (350300) holds one district, 城厢区 (350302): several figures of a viewer scoped to the
    city and of one scoped to the district draw the same rows. Each still gets entries built for its
    own scope, and a second viewer of the city gets the first one's."""
    db._shared.clear()
    calls = _recording(monkeypatch)
    city = _coverage_as(("350300",), calls, as_viewer)
    district = _coverage_as(("350302",), calls, as_viewer)
    again = _coverage_as(("350300",), calls, as_viewer)
    city_keys, district_keys = {k for k, _ in city}, {k for k, _ in district}
    assert city_keys and district_keys
    assert not city_keys & district_keys  # no entry of one scope handed to the other
    same_rows = {_without_scope(k) for k in city_keys} & {_without_scope(k) for k in district_keys}
    assert {k[0] for k in same_rows} == {"chart", "table"}  # without the scope they would be shared
    first: set[tuple] = set()
    for key, built in district:  # the district's viewer built every entry it was shown
        assert built or key in first, key
        first.add(key)
    assert [k for k, _ in again] == [k for k, _ in city]
    assert not any(built for _, built in again)  # the same scope still shares
