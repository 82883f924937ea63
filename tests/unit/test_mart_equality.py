"""tools.mart_equality: two builds' marts are equal only when every row is, repeats included."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tools import mart_equality

ROWS = "(date '2020-12-31', '110101', 10, 0.5), (date '2020-12-31', '110102', 4, null)"


def warehouse(path: Path, *statements: str) -> Path:
    """A warehouse file with marts.district_coverage holding ROWS, then the statements run."""
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    con.execute(
        "create table marts.district_coverage (as_of date, district_code varchar,"
        " active_orgs bigint, coverage_rate double)"
    )
    con.execute(f"insert into marts.district_coverage values {ROWS}")
    for sql in statements:
        con.execute(sql)
    con.close()
    return path


def test_the_same_rows_in_another_order_are_equal(tmp_path: Path) -> None:
    old = warehouse(tmp_path / "old.duckdb")
    new = warehouse(
        tmp_path / "new.duckdb",
        "create or replace table marts.district_coverage as"
        " select * from marts.district_coverage order by district_code desc",
    )
    (found,) = mart_equality.compare_warehouses(old, new)
    assert found.equal and (found.left_rows, found.right_rows) == (2, 2)
    assert mart_equality.main([str(old), str(new)]) == 0


def test_a_changed_figure_is_found_on_both_sides(tmp_path: Path) -> None:
    old = warehouse(tmp_path / "old.duckdb")
    new = warehouse(
        tmp_path / "new.duckdb",
        "update marts.district_coverage set coverage_rate = 0.5000001 where district_code = '110101'",
    )
    (found,) = mart_equality.compare_warehouses(old, new)
    assert (found.only_left, found.only_right) == (1, 1)
    assert [side for side, _ in found.samples] == ["left", "right"]
    assert mart_equality.main([str(old), str(new)]) == 1


def test_a_repeated_row_differs(tmp_path: Path) -> None:
    old = warehouse(tmp_path / "old.duckdb")
    new = warehouse(
        tmp_path / "new.duckdb",
        "insert into marts.district_coverage select * from marts.district_coverage limit 1",
    )
    (found,) = mart_equality.compare_warehouses(old, new)
    assert (found.only_left, found.only_right) == (0, 1)


def test_a_column_one_side_adds_is_listed_and_the_rest_compared(tmp_path: Path) -> None:
    old = warehouse(tmp_path / "old.duckdb")
    new = warehouse(
        tmp_path / "new.duckdb", "alter table marts.district_coverage add column extra integer"
    )
    (found,) = mart_equality.compare_warehouses(old, new)
    assert found.equal and found.right_columns == ("extra",)


def test_a_table_only_one_side_has_is_not_equal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = warehouse(tmp_path / "old.duckdb", "create table marts.org_year (x integer)")
    new = warehouse(tmp_path / "new.duckdb", "create table marts.hub_year (x integer)")
    assert mart_equality.main([str(old), str(new)]) == 1
    said = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert said["org_year"].endswith("only the left side has this table")
    assert said["hub_year"].endswith("only the right side has this table")


def test_a_prototype_model_is_compared_with_the_mart_of_its_name(tmp_path: Path) -> None:
    base = warehouse(tmp_path / "w.duckdb")
    proto = tmp_path / "proto"
    proto.mkdir()
    (proto / "a_counts.sql").write_text(
        "select as_of, district_code, active_orgs from marts.district_coverage"
    )
    (proto / "district_coverage.sql").write_text(
        "select as_of, district_code, active_orgs,"
        " if(district_code = '110101', 0.5, null)::double as coverage_rate from proto.a_counts"
    )
    (found,) = mart_equality.compare_prototype(base, proto)
    assert found.equal and found.table == "district_coverage"
    (proto / "district_coverage.sql").write_text(
        "select as_of, district_code, active_orgs + 1 as active_orgs, 0.5 as coverage_rate"
        " from proto.a_counts"
    )
    (found,) = mart_equality.compare_prototype(base, proto)
    assert (found.only_left, found.only_right) == (2, 2)


def test_one_warehouse_without_a_prototype_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        mart_equality.main([str(warehouse(tmp_path / "w.duckdb"))])
