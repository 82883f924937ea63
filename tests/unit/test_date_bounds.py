"""Date bounds end to end: one implausible date is rejected at its line and cannot stretch the calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest
from polars.testing import assert_frame_equal

from pipeline.refresh import refresh_warehouse
from tests.unit import registers as r
from tests.unit.test_refresh import MARTS, read_marts

REFRESH_DATE = dt.date(2026, 11, 23)
ORG_E = r.uscc("1", "110106", "MJ0000005")
ORG_ROW = [ORG_E, "丰台区新协会", "社会团体", "区级", "110106"]


def year_ends(path: Path) -> list[dt.date]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return [row[0] for row in con.sql("select as_of from marts.headline order by 1").fetchall()]
    finally:
        con.close()


def rejected(path: Path) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        query = 'select file, line, "column", rule, value from quality.rejected_rows order by all'
        return con.sql(query).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("clean")
    target = folder / "hub.duckdb"
    refresh_warehouse(r.write_register(folder / "raw"), target, refresh_date=REFRESH_DATE)
    return target


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            {"funding": [["F9", r.ORG_A, "fiscal", "100", "2999-01-01", ""]]},
            ("funding.csv", 4, "paid_on", "date_out_of_range", "2999-01-01"),
        ),
        (
            {"organizations": [[*ORG_ROW, "0001-01-01", "", "", ""]]},
            ("organizations.csv", 5, "registered_on", "date_out_of_range", "0001-01-01"),
        ),
        (
            {"organizations": [[*ORG_ROW, "2012-01-01", "2999-12-31", "注销", ""]]},
            ("organizations.csv", 5, "deregistered_on", "date_out_of_range", "2999-12-31"),
        ),
        (
            {"projects": [["P9", "远期项目", "民政局", r.ORG_A, "2999-01-01", "1万", "养老"]]},
            ("projects.csv", 3, "start_on", "date_out_of_range", "2999-01-01"),
        ),
    ],
    ids=["payment-2999", "registered-0001", "deregistered-2999", "project-2999"],
)
def test_one_implausible_date_is_rejected_and_the_year_ends_stay_the_same(
    tmp_path: Path, clean: Path, extra: dict[str, list[list[str]]], expected: tuple[object, ...]
) -> None:
    target = tmp_path / "hub.duckdb"
    raw = r.write_register(tmp_path / "raw", extra)
    result = refresh_warehouse(raw, target, refresh_date=REFRESH_DATE)
    assert result.status == "succeeded"
    assert rejected(target) == [expected]
    assert year_ends(target) == year_ends(clean)
    assert year_ends(target)[0] == dt.date(2010, 12, 31)
    assert year_ends(target)[-1] == dt.date(2013, 12, 31)  # the last payment, 2013-01-01
    marts, clean_marts = read_marts(target), read_marts(clean)
    for name in MARTS:
        assert_frame_equal(marts[name], clean_marts[name])


def test_the_calendar_reaches_at_most_the_year_after_the_refresh(tmp_path: Path) -> None:
    planned = [["P8", "明年项目", "民政局", r.ORG_A, "2027-12-31", "1万", "养老"]]
    target = tmp_path / "hub.duckdb"
    raw = r.write_register(tmp_path / "raw", {"projects": planned})
    refresh_warehouse(raw, target, refresh_date=REFRESH_DATE)
    assert rejected(target) == []
    assert year_ends(target)[-1] == dt.date(2027, 12, 31)
