"""marts.project_evaluation: completed projects, whether evaluated, by whom (self-evaluation read from
the evaluator's name too) and their grades, counted by hand; "not provided" without the columns."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from pipeline.transform import run_audits
from tests.sql.warehouse import Row, build, org, project, rows

# Providers A (东城 110101), B (西城 110102), C (朝阳 110105); the purchaser is 民政局 throughout.
PROVIDERS: list[Row] = [
    org("A", "2010-01-01"),
    org("B", "2011-01-01", district_code="110102"),
    org("C", "2012-01-01", district_code="110105"),
]


def _done(pid: str, provider: str, start: str, end: str | None, amount: str, **cols: object) -> Row:
    return project(pid, provider, start, amount, status="completed", end_on=end, **cols)


EVALUATED: list[Row] = [
    # ended 2019-02-28: a third party, as the kind says
    _done("E1", "A", "2018-03-01", "2019-02-28", "100.00", evaluation_grade="good",
          evaluation_kind="third_party", evaluator="某社会工作评估中心"),
    # no kind: the provider's own name is self-evaluation, the purchaser's the purchaser
    _done("E2", "B", "2019-01-01", "2019-12-31", "200.00", evaluation_grade="excellent",
          evaluator="组织B"),
    _done("E3", "B", "2019-01-01", "2019-06-30", "300.00", evaluation_grade="pass",
          evaluator="民政局"),
    # no end date: counts in its start year; nothing says it was evaluated
    _done("E4", "C", "2019-01-01", None, "400.00"),
    # 自评 without a grade is evaluated (by the provider)
    _done("E5", "A", "2019-01-01", "2019-10-01", "500.00", evaluation_kind="self"),
    # a name that is neither provider nor purchaser: evaluated, by whom unstated
    _done("E6", "A", "2019-05-01", "2019-11-01", "600.00", evaluation_grade="fail",
          evaluator="某某事务所"),
    # the kind as given wins over the name
    _done("E7", "B", "2019-02-01", "2019-08-01", "700.00", evaluation_grade="good",
          evaluation_kind="third_party", evaluator="组织B"),
    _done("E8", "B", "2019-03-01", "2020-03-01", "800.00", evaluation_grade="good",
          evaluation_kind="self"),
    # not completed: not counted
    project("E9", "A", "2019-01-01", "900.00", status="ongoing", evaluation_grade="good"),
    project("E10", "A", "2019-01-01", "1000.00", status="terminated", end_on="2019-05-01",
            evaluation_grade="fail"),
]  # fmt: skip
COLUMNS = (
    "year, district_code, is_evaluated, evaluated_by, evaluation_grade, completed_projects,"
    " contract_amount_yuan"
)


def _rows(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return rows(con, f"select {COLUMNS} from marts.project_evaluation order by all")


def _strip(columns: tuple[str, ...]) -> list[Row]:
    """The projects as a refresh loads a file without these columns: empty in every row."""
    return [{**p, **dict.fromkeys(columns)} for p in EVALUATED]


def test_completed_projects_by_evaluator_and_grade_by_hand(con: duckdb.DuckDBPyConnection) -> None:
    build(con, orgs=PROVIDERS, projects=EVALUATED)
    d = Decimal
    assert _rows(con) == [
        (2019, "110101", True, "self", None, 1, d("500.00")),  # E5
        (2019, "110101", True, "third_party", "good", 1, d("100.00")),  # E1
        (2019, "110101", True, "unstated", "fail", 1, d("600.00")),  # E6
        (2019, "110102", True, "purchaser", "pass", 1, d("300.00")),  # E3
        (2019, "110102", True, "self", "excellent", 1, d("200.00")),  # E2
        (2019, "110102", True, "third_party", "good", 1, d("700.00")),  # E7
        (2019, "110105", False, None, None, 1, d("400.00")),  # E4
        (2020, "110102", True, "self", "good", 1, d("800.00")),  # E8
    ]
    assert run_audits(con)["evaluation_matches_projects"] == 0


def test_the_share_evaluated_and_self_evaluated_is_a_sum_over_the_grain(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(con, orgs=PROVIDERS, projects=EVALUATED)
    # 2019: 7 completed, 6 evaluated, 2 by the providers themselves (E2, E5)
    assert rows(
        con,
        "select sum(completed_projects), sum(completed_projects) filter (where is_evaluated),"
        " sum(completed_projects) filter (where evaluated_by = 'self')"
        " from marts.project_evaluation where year = 2019",
    ) == [(7, 6, 2)]


def test_without_who_evaluated_the_evaluator_is_not_provided(
    con: duckdb.DuckDBPyConnection,
) -> None:
    missing = ("evaluator", "evaluation_kind")
    build(con, orgs=PROVIDERS, projects=_strip(missing), projects_missing=missing)
    # graded projects are evaluated, by whom is not provided; E5 (a kind only) now says nothing
    assert rows(
        con,
        "select is_evaluated, evaluated_by, sum(completed_projects) from marts.project_evaluation"
        " group by all order by all",
    ) == [(False, None, 2), (True, None, 6)]


def test_without_any_evaluation_column_nothing_is_said_evaluated_or_not(
    con: duckdb.DuckDBPyConnection,
) -> None:
    missing = ("evaluation_grade", "evaluator", "evaluation_kind")
    build(con, orgs=PROVIDERS, projects=_strip(missing), projects_missing=missing)
    assert rows(
        con,
        "select is_evaluated, evaluated_by, sum(completed_projects) from marts.project_evaluation"
        " group by all",
    ) == [(None, None, 8)]


@pytest.mark.parametrize(
    "change",
    [
        "update marts.project_evaluation set completed_projects = 2 where evaluated_by = 'self'",
        "update marts.project_evaluation set is_evaluated = false where evaluated_by = 'unstated'",
        "update marts.project_evaluation set district_code = '110103' where year = 2020",
    ],
)
def test_the_audit_finds_a_mart_that_disagrees_with_the_projects(
    con: duckdb.DuckDBPyConnection, change: str
) -> None:
    build(con, orgs=PROVIDERS, projects=EVALUATED)
    con.execute(change)
    assert run_audits(con)["evaluation_matches_projects"] >= 1
