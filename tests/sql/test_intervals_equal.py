"""Coverage from intervals (marts.org_segments) equals coverage from organizations x year-ends.

The year-end formulation the marts were built with before (tests/sql/year_ends: marts.org_year, the
coverage cube and the register profile read from it) is built beside the marts and compared row by
row: the cube, the profile, and the segments spread over their year-ends against org_year itself;
and marts.hub_year (summed from hub_links_by_year) against its own range join of the links."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.refresh import refresh_warehouse
from pipeline.sample.civil_affairs_files import write_civil_affairs
from pipeline.sample.register import write_sample
from tests.sql.warehouse import build_city
from tests.sql.year_ends.compare import build_reference, compare, compare_file

REPO = Path(__file__).resolve().parents[2]


def _said(found: list) -> dict[str, tuple[int, int, int, int]]:
    return {t.table: (t.left_rows, t.right_rows, t.only_left, t.only_right) for t in found}


def test_the_small_city_counts_the_same_both_ways(con: duckdb.DuckDBPyConnection) -> None:
    build_city(con)
    build_reference(con)
    found, typed = compare(con)
    assert typed == []
    assert all(t.equal for t in found), _said(found)
    # 2018: A; 2019: A, B, D; 2020 and 2021: A, C, D
    assert _said(found)["segment_years / org_year"] == (10, 10, 0, 0)


def test_a_changed_segment_is_found(con: duckdb.DuckDBPyConnection) -> None:
    """C's link ended 2021-06-30: its 2021 segment claimed linked differs on every side."""
    build_city(con)
    con.execute(
        "update marts.org_segments set managed_mask = 1, hubs = 1, is_linked = true"
        " where uscc = 'C' and year(first_as_of) = 2021"
    )
    con.execute("create or replace table marts.coverage_cube as "
                + (REPO / "pipeline/sql/marts/coverage_cube.sql").read_text("utf-8"))  # fmt: skip
    build_reference(con)
    found, _ = compare(con)
    said = _said(found)
    assert said["segment_years / org_year"] == (10, 10, 1, 1)
    assert said["coverage_cube"][2:] == (1, 1)  # C's 2021 key moved to another mask
    assert said["register_profile"][2:] == (0, 0)  # built before the change


def _refreshed(raw: Path, target: Path) -> Path:
    result = refresh_warehouse(raw, target)
    assert result.status == "succeeded", result.error
    return target


@pytest.mark.slow
def test_the_bundled_sample_counts_the_same_both_ways(tmp_path: Path) -> None:
    found, typed = compare_file(_refreshed(REPO / "data" / "raw", tmp_path / "hub.duckdb"))
    assert typed == [] and all(t.equal for t in found), _said(found)
    said = _said(found)
    assert min(said[t][0] for t in said if t != "hub_year") > 10_000
    assert said["hub_year"][0] > 1_000  # hubs x the years they are recognized


@pytest.mark.slow
def test_a_national_shaped_sample_counts_the_same_both_ways(tmp_path: Path) -> None:
    """The generator of the national benchmark (make bench) at 30,000 organizations."""
    write_sample(tmp_path / "raw", scale="national", seed=7, orgs=30_000)
    found, typed = compare_file(_refreshed(tmp_path / "raw", tmp_path / "hub.duckdb"))
    assert typed == [] and all(t.equal for t in found), _said(found)
    assert _said(found)["segment_years / org_year"][0] > 100_000


@pytest.mark.slow
@pytest.mark.parametrize("hubs", [True, False], ids=["with_hubs", "without_hubs"])
def test_the_whole_country_civil_affairs_sample_counts_the_same_both_ways(
    tmp_path: Path, hubs: bool
) -> None:
    write_civil_affairs(tmp_path / "raw", seed=20180401, orgs=3000, hubs=hubs)
    found, typed = compare_file(_refreshed(tmp_path / "raw", tmp_path / "hub.duckdb"))
    assert typed == [] and all(t.equal for t in found), _said(found)
    shutil.rmtree(tmp_path / "raw")
