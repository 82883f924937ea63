"""Live data: a refresh that swaps the file is picked up without a restart; many viewers query at once."""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import duckdb
import pytest

from dashboard.core import db
from tests.app.conftest import metrics, run


@pytest.fixture
def live(warehouse: Path, tmp_path: Path):
    """A private copy of the warehouse that the dashboard reads, and a function that swaps in a changed copy."""
    target = tmp_path / "hub.duckdb"
    shutil.copyfile(warehouse, target)  # not the mode: a release file is read-only
    os.environ["SHUNIU_WAREHOUSE"] = str(target)

    def swap(sql: str) -> None:
        staged = tmp_path / "next.duckdb"
        shutil.copyfile(warehouse, staged)
        with duckdb.connect(str(staged)) as con:
            con.execute(sql)
        os.replace(staged, target)  # what a refresh does

    yield swap
    os.environ["SHUNIU_WAREHOUSE"] = str(warehouse)


def test_an_open_page_picks_up_a_swapped_warehouse(live, last_year: int) -> None:
    at = run()
    assert metrics(at)["存续社会组织"] != "0"
    live(
        f"update quality.runs set run_id = 'swapped-run'; delete from marts.coverage_cube where year(as_of) = {last_year}"
    )
    at.run()
    assert not at.exception
    assert metrics(at)["存续社会组织"] == "0"
    assert "swapped-run" in at.caption[0].proto.help  # the release's run id, on hover


def test_a_query_after_the_swap_reads_the_new_file(live) -> None:
    before = db.query("select count(*) as n from marts.calendar")["n"][0]
    live("delete from marts.calendar where year = (select max(year) from marts.calendar)")
    assert db.query("select count(*) as n from marts.calendar")["n"][0] == before - 1


def test_many_viewers_at_once_each_get_their_own_cursor(
    warehouse: Path, con: duckdb.DuckDBPyConnection
) -> None:
    years = [y for (y,) in con.sql("select year from marts.calendar order by year").fetchall()]
    expected = dict(
        con.execute("select year(as_of), sum(orgs) from marts.coverage_cube group by 1").fetchall()
    )
    sql = "select coalesce(sum(orgs), 0) as n from marts.coverage_cube where as_of = $d and $i >= 0"

    def ask(i: int) -> tuple[int, int]:
        year = years[i % len(years)]
        return year, db.query(sql, {"d": date(year, 12, 31), "i": i})["n"][
            0
        ]  # $i defeats the cache

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(ask, range(160)))
    assert all(n == expected.get(year, 0) for year, n in answers)
