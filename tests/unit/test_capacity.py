"""What validates, publishes: amounts are exact DECIMAL(38,2), so the sums the marts compute cannot
overflow for any accepted register; the limits that make it so are proved here, not hoped."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipeline import capacity, limits
from pipeline.cli import EXIT_OK, main
from pipeline.read import LINE, InputError
from schemas import models
from tests.unit import registers as r

ROOT = Path(__file__).parents[2]


def _both(raw: Path, target: Path) -> tuple[int, int]:
    validated = main(["validate", "--raw", str(raw), "--quiet"])
    return validated, main(["refresh", "--raw", str(raw), "--warehouse", str(target), "--quiet"])


def _one(target: Path, sql: str) -> object:
    con = duckdb.connect(str(target), read_only=True)
    try:
        row = con.execute(sql).fetchone()
    finally:
        con.close()
    return row[0] if row else None


def test_a_funding_row_just_under_the_limit_validates_and_publishes(tmp_path: Path) -> None:
    """The issue: 9999999999999990 in funding row 1 overflowed DECIMAL(18,2) once summed."""
    raw = r.write_register(tmp_path / "raw")
    rows = [list(f) for f in r.FUNDING]
    rows[0][3] = "9999999999999990"
    rows.append(["F3", r.ORG_A, "财政资金", "10.01", "2012-05-01", ""])  # past 16 digits together
    r.write_csv(raw / "funding.csv", r.FUNDING_HEADER, rows)
    target = tmp_path / "hub.duckdb"
    assert _both(raw, target) == (EXIT_OK, EXIT_OK)
    funded = "select funding_amount_yuan from marts.headline where year(as_of) = 2012"
    assert _one(target, funded) == Decimal("10000000000000000.01")
    assert _one(target, "select sum(amount_yuan) from marts.funding_facts") == Decimal(
        "10000000000001234.51"
    )


def test_two_projects_of_9000000000000000_yuan_validate_and_publish(tmp_path: Path) -> None:
    projects = [["P2", "社区养老二期", "朝阳区民政局", r.ORG_B, "2012-03-01", "9000000000000000"]]
    projects[0] += ["养老"]
    raw = r.write_register(tmp_path / "raw", {"projects": projects})
    rows = [list(p) for p in r.PROJECTS]
    rows[0][5] = "9000000000000000"
    r.write_csv(raw / "projects.csv", r.PROJECT_HEADER, [*rows, *projects])
    target = tmp_path / "hub.duckdb"
    assert _both(raw, target) == (EXIT_OK, EXIT_OK)
    contracts = "select contract_amount_yuan from marts.headline where year(as_of) = 2012"
    assert _one(target, contracts) == Decimal("18000000000000000.00")


def test_an_amount_is_stored_to_the_fen_however_large(tmp_path: Path) -> None:
    raw = r.write_register(
        tmp_path / "raw",
        {"funding": [["F3", r.ORG_A, "fiscal", "9007199254740993.01", "2012-05-01", ""]]},
    )
    target = tmp_path / "hub.duckdb"
    assert main(["refresh", "--raw", str(raw), "--warehouse", str(target), "--quiet"]) == EXIT_OK
    stored = "select amount_yuan from clean.funding where funding_id = 'F3'"
    assert _one(target, stored) == Decimal("9007199254740993.01")
    kind = "select data_type from information_schema.columns where column_name = 'amount_yuan' and table_name = 'funding'"
    assert _one(target, kind) == "DECIMAL(38,2)"


def test_a_total_over_the_types_capacity_refuses_the_file_naming_its_largest_rows() -> None:
    accepted = pl.DataFrame(
        {LINE: [2, 3, 4, 5], "amount_yuan": [Decimal("60"), Decimal("1"), Decimal("50"), None]},
        schema={LINE: pl.Int64, "amount_yuan": pl.Decimal(38, 2)},
    )
    small = {("funding", "amount_yuan"): 100}
    with pytest.raises(InputError) as err:
        capacity.check_sums("funding", "funding.csv", accepted, small)
    assert str(err.value) == (
        "funding.csv 中「amount_yuan」各行相加超出数据仓库能记录的范围（数值最大的是第 2、4、3、5 行）；"
        "请核对这些行，是否多写了位数。"
    )
    capacity.check_sums("funding", "funding.csv", accepted.head(2), small)  # 61 fits
    capacity.check_sums("funding", "funding.csv", accepted)  # the real capacity: far from it


def test_no_accepted_register_can_overflow_a_sum() -> None:
    """Per-value limit x row limit stays below every summed column's type."""
    most_rows = limits.MAX_ROWS
    per_value = {
        ("funding", "amount_yuan"): models.MAX_YUAN,
        ("projects", "contract_amount_yuan"): models.MAX_YUAN,
        ("organizations", "full_time_staff"): 2_147_483_647,
        ("population", "population"): models.MAX_POPULATION,
    }
    assert per_value.keys() == capacity.SUMMED.keys()
    for key, largest in per_value.items():
        assert largest * most_rows < capacity.SUMMED[key], key
    assert capacity.DECIMAL_38_2 == 10 ** (38 - 2)


COUNTS = {"orgs", "records", "linked_orgs", "active_orgs", "hubs_total", "hubs", "recipients"}
COUNTS |= {"with_union", "with_party_org"}
# counts of organizations or projects (count(*) below them): hubs' links, field reach, providers
COUNTS |= {"linked", "managed", "liaison", "filed_linked_orgs", "projects", "completed_projects"}
COUNTS |= {"field_orgs", "reached_by_own", "reached_by_any"}
COUNTS |= {"filed_field_orgs", "filed_reached_by_own", "filed_reached_by_any"}
# partial sums summed again, each at most the total of the column it is a part of: the delivery's
# per-provider 4A+ money and projects (dashboard/funding/queries.py, PROVIDER_SECTION)
RESUMMED = {"amount_4a_plus": "contract_amount_yuan", "projects_4a_plus": "projects"}


def test_every_sum_the_marts_and_the_dashboard_compute_is_of_a_count_or_a_checked_column() -> None:
    summed = {column for _, column in capacity.SUMMED}
    sources = [
        *(ROOT / "pipeline" / "sql" / "marts").glob("*.sql"),
        *(ROOT / "dashboard").rglob("*.py"),
    ]
    found = set()
    for source in sources:
        for arg in re.findall(r"\bsum\(\s*(?:\w+\.)?(\w+)\s*\)", source.read_text("utf-8")):
            found.add(arg)
    assert found, "no sum found: the pattern is wrong"
    assert set(RESUMMED.values()) <= COUNTS | summed  # parts of a count or of a checked column
    assert found <= COUNTS | summed | RESUMMED.keys(), found - COUNTS - summed - RESUMMED.keys()


def test_every_amount_the_warehouse_keeps_is_decimal_38_2() -> None:
    sql = [*(ROOT / "pipeline" / "sql").rglob("*.sql")]
    types = {
        t
        for path in sql
        for t in re.findall(r"decimal\(\s*\d+\s*,\s*\d+\s*\)", path.read_text("utf-8"), re.I)
    }
    assert types == {"decimal(38, 2)"}
    assert models.AMOUNT == pl.Decimal(38, 2)


def test_a_population_above_two_billion_is_rejected(tmp_path: Path) -> None:
    from pipeline.normalize import normalize
    from pipeline.read import read_table
    from pipeline.validate import check_table
    from schemas.tables import POPULATION

    path = r.write_csv(
        tmp_path / "population.csv",
        ["district_code", "year", "population"],
        [["110105", "2020", "3452000"], ["110108", "2020", "9000000000000000000"]],
    )
    raw = read_table(path, POPULATION)
    typed, parsed = normalize(raw)
    checked = check_table(raw, typed, parsed, {})
    assert checked.rejected.select("line", "column", "rule").rows() == [
        (3, "population", "less_than_or_equal_to")
    ]


def test_the_releases_diff_sees_a_fen_on_ten_quadrillion_yuan(tmp_path: Path) -> None:
    from pipeline import releases

    target = tmp_path / "wh" / "hub.duckdb"
    for folder, amount in (("a", "9999999999999990.00"), ("b", "9999999999999990.01")):
        raw = r.write_register(tmp_path / folder)
        rows = [list(f) for f in r.FUNDING]
        rows[0][3] = amount
        r.write_csv(raw / "funding.csv", r.FUNDING_HEADER, rows)
        assert main(["refresh", "--raw", str(raw), "--warehouse", str(target), "--quiet"]) == 0
    diff = releases.diff_releases(target)
    assert diff.tables["funding"].changed == 1
    moved = [(f.table, f.as_of.year, f.figure) for f in diff.figures]
    assert ("headline", 2012, "funding_amount_yuan") in moved
