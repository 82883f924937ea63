"""A refresh end to end on tiny registers: reconciliation, rejections at their lines, all-or-nothing swaps."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from pipeline import releases
from pipeline.refresh import refresh_warehouse
from pipeline.warehouse import WarehouseError
from tests.unit import registers as r

MARTS = [
    "headline",
    "district_coverage",
    "hub_type_coverage",
    "district_funding",
    "org_segments",
    "coverage_cube",
    "hub_year",
    "funding_facts",
]
BAD_USCC = r.ORG_A[:-1] + ("0" if r.ORG_A[-1] != "0" else "1")
ORG_D = r.uscc("1", "110106", "MJ0000004")
# Bad rows, each inserted at a position of its file; the rule that rejects it is in the comment.
BAD = {
    "organizations": [
        (
            1,
            [BAD_USCC, "坏代码协会", "社会团体", "区级", "110105", "2012-01-01", "", "", ""],
        ),  # check char
        (3, [ORG_D, "", "社会团体", "区级", "110106", "2012-01-01", "", "", ""]),  # name missing
        (
            4,
            [r.ORG_A, "重复的协会", "社会团体", "区级", "110105", "2013-01-01", "", "", ""],
        ),  # duplicate
    ],
    "hubs": [(0, ["H3", "丰台区残联", "区级", "110106", "", "残联", "2099-13-01", ""])],  # bad date
    "hub_links": [
        (1, ["H9", r.ORG_A, "联系", "2012-01-01", ""]),  # unknown hub
        (2, ["H1", ORG_D, "联系", "2012-01-01", ""]),  # org rejected (no name)
        (3, ["H3", r.ORG_C, "联系", "2012-01-01", ""]),  # hub rejected (bad date)
        (4, ["H1", r.ORG_C, "联系", "2012-01-01", "2011-01-01"]),  # ended before linked
    ],
    "funding": [
        (1, ["F9", BAD_USCC, "fiscal", "100", "2012-01-01", ""]),  # recipient rejected
        (2, ["F1", r.ORG_A, "fiscal", "100", "2012-01-01", ""]),
    ],  # duplicate id
    "projects": [(0, ["P2", "无开始日期", "民政局", r.ORG_A, "", "1万", "养老"])],  # start missing
}


def messy_register(folder: Path) -> dict[str, set[int]]:
    """The tiny register with BAD rows spread through every file; returns the lines expected rejected."""
    clean = {
        "organizations": r.ORGS,
        "hubs": r.HUBS,
        "hub_links": r.LINKS,
        "funding": r.FUNDING,
        "projects": r.PROJECTS,
    }
    headers = {
        "organizations": r.ORG_HEADER,
        "hubs": r.HUB_HEADER,
        "hub_links": r.LINK_HEADER,
        "funding": r.FUNDING_HEADER,
        "projects": r.PROJECT_HEADER,
    }
    expected: dict[str, set[int]] = {}
    folder.mkdir(parents=True)
    for name, rows in clean.items():
        merged = list(rows)
        for position, row in BAD[name]:
            merged.insert(position, row)
        bad_rows = [row for _, row in BAD[name]]
        expected[f"{name}.csv"] = {
            i + 2 for i, row in enumerate(merged) if any(row is b for b in bad_rows)
        }
        r.write_csv(folder / f"{name}.csv", headers[name], merged)
    return expected


def read_marts(path: Path) -> dict[str, pl.DataFrame]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {m: con.sql(f"select * from marts.{m} order by all").pl() for m in MARTS}
    finally:
        con.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_row_read_is_accepted_or_rejected_per_file(tmp_path: Path) -> None:
    result = refresh_warehouse(
        messy_register(tmp_path / "raw") and tmp_path / "raw", tmp_path / "w.duckdb"
    )
    for f in result.files:
        assert f.rows_read == f.rows_accepted + f.rows_rejected, f
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    stats = con.sql(
        "select file, rows_read, rows_accepted, rows_rejected from quality.file_stats order by file"
    )
    assert stats.fetchall() == sorted(
        [
            ("funding.csv", 4, 2, 2),
            ("hub_links.csv", 7, 3, 4),
            ("hubs.csv", 3, 2, 1),
            ("organizations.csv", 6, 3, 3),
            ("projects.csv", 2, 1, 1),
        ]
    )


def test_a_messy_register_rejects_exactly_its_bad_rows_and_keeps_the_clean_figures(
    tmp_path: Path,
) -> None:
    expected = messy_register(tmp_path / "messy")
    refresh_warehouse(tmp_path / "messy", tmp_path / "messy_wh.duckdb")
    refresh_warehouse(r.write_register(tmp_path / "clean"), tmp_path / "clean_wh.duckdb")
    con = duckdb.connect(str(tmp_path / "messy_wh.duckdb"), read_only=True)
    rejected = con.sql("select distinct file, line from quality.rejected_rows").fetchall()
    con.close()
    assert {(f, line) for f, line in rejected} == {
        (f, line) for f, lines in expected.items() for line in lines
    }
    messy, clean = (
        read_marts(tmp_path / "messy_wh.duckdb"),
        read_marts(tmp_path / "clean_wh.duckdb"),
    )
    for name in MARTS:
        assert_frame_equal(messy[name], clean[name], check_dtypes=True)


def test_a_reference_to_a_rejected_row_is_rejected_with_that_reason(tmp_path: Path) -> None:
    messy_register(tmp_path / "raw")
    refresh_warehouse(tmp_path / "raw", tmp_path / "w.duckdb")
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    rows = con.sql(
        'select file, line, "column", rule from quality.rejected_rows '
        "where rule like '%reference' order by file, line"
    ).fetchall()
    assert rows == [
        ("funding.csv", 3, "recipient_uscc", "rejected_reference"),
        ("hub_links.csv", 3, "hub_id", "unknown_reference"),
        ("hub_links.csv", 4, "uscc", "rejected_reference"),
        ("hub_links.csv", 5, "hub_id", "rejected_reference"),
    ]


def test_a_failed_refresh_leaves_the_warehouse_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "w.duckdb"
    refresh_warehouse(r.write_register(tmp_path / "raw"), target)
    before = digest(target)

    def explode(*_: object, **__: object) -> None:
        raise RuntimeError("crash half-way")

    monkeypatch.setattr("pipeline.warehouse.build_marts", explode)
    with pytest.raises(RuntimeError, match="crash half-way"):
        refresh_warehouse(tmp_path / "raw", target)
    assert digest(target) == before
    assert (
        sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".w.duckdb.building")) == []
    )
    assert [run.status for run in releases.read(target).runs] == ["succeeded", "failed"]


def test_a_second_refresh_at_the_same_time_is_refused(tmp_path: Path) -> None:
    import fcntl

    target = tmp_path / "w.duckdb"
    with (tmp_path / ".w.duckdb.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        with pytest.raises(WarehouseError) as err:
            refresh_warehouse(r.write_register(tmp_path / "raw"), target)
    assert str(err.value) == f"{target} 正在被另一次刷新使用；请等它完成。"


def test_a_reader_keeps_its_snapshot_while_a_refresh_swaps_the_file(tmp_path: Path) -> None:
    target = tmp_path / "w.duckdb"
    refresh_warehouse(r.write_register(tmp_path / "raw"), target)
    reader = duckdb.connect(str(target), read_only=True)
    before = reader.execute("select count(*) from clean.organizations").fetchone()
    extra = [
        [
            r.uscc("1", "110106", "MJ0000009"),
            "新协会",
            "社会团体",
            "区级",
            "110106",
            "2012-01-01",
            "",
            "",
            "",
        ]
    ]
    refresh_warehouse(r.write_register(tmp_path / "raw2", {"organizations": extra}), target)
    assert reader.execute("select count(*) from clean.organizations").fetchone() == before
    reader.close()
    fresh = duckdb.connect(str(target), read_only=True)
    assert fresh.execute("select count(*) from clean.organizations").fetchone() == (before[0] + 1,)
    fresh.close()


def test_a_warehouse_named_like_one_of_its_schemas_is_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(WarehouseError) as err:
        refresh_warehouse(r.write_register(tmp_path / "raw"), tmp_path / "marts.duckdb")
    assert str(err.value) == (
        "marts.duckdb 不能用作数据仓库文件名（DuckDB 会把它与模式“marts”混淆）；请换一个文件名，如 hub.duckdb。"
    )


def test_the_warehouse_connections_draw_no_progress_bar(tmp_path: Path) -> None:
    """DuckDB draws a progress bar for queries over 2 s (the 1M-organization transform's), into the
    refresh's own step messages or a log; the warehouse's connections switch it off."""
    from pipeline import warehouse

    for con in (
        warehouse.connect_for_build(tmp_path / "build.duckdb"),
        warehouse.connect(tmp_path / "read.duckdb"),
    ):
        ((shown,),) = con.execute("select current_setting('enable_progress_bar')").fetchall()
        con.close()
        assert shown is False
