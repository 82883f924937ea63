"""marts.calendar: the year-ends every dated mart is computed on."""

from __future__ import annotations

from datetime import date

import duckdb

from tests.sql.warehouse import build, funding, hub, link, org, project, rows


def years(con: duckdb.DuckDBPyConnection, table: str = "marts.calendar") -> list[int]:
    return [r[0] for r in rows(con, f"select year(as_of) from {table} order by as_of")]


def test_calendar_runs_from_the_first_registration_to_the_latest_of_five_dates(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(
        con,
        orgs=[org("A", "2016-05-01"), org("B", "2015-11-30", "2023-01-01")],
        hubs=[hub("H1", "union", "city", "2014-01-01", "2024-06-01")],
        links=[link("H1", "A", "managed", "2017-01-01", "2025-01-01")],
        projects=[project("P1", "A", "2019-03-01", "1.00", end_on="2026-12-31")],
        funds=[funding("F1", "A", "1.00", "2020-02-02")],
    )
    assert years(con) == [2015, 2016, 2017, 2018, 2019, 2020]
    assert years(con, "marts.headline") == [2015, 2016, 2017, 2018, 2019, 2020]


def test_calendar_extends_to_a_later_recognition_or_link(con: duckdb.DuckDBPyConnection) -> None:
    build(
        con,
        orgs=[org("A", "2016-05-01")],
        hubs=[hub("H1", "union", "city", "2018-01-01")],
        links=[link("H1", "A", "managed", "2017-03-01")],
    )
    assert years(con) == [2016, 2017, 2018]


def test_calendar_rows_are_december_31_with_their_year(con: duckdb.DuckDBPyConnection) -> None:
    build(con, orgs=[org("A", "2019-12-31")], funds=[funding("F1", "A", "1.00", "2020-01-01")])
    assert rows(con, "select as_of, year from marts.calendar order by as_of") == [
        (date(2019, 12, 31), 2019),
        (date(2020, 12, 31), 2020),
    ]


def test_without_organizations_every_dated_mart_is_empty(con: duckdb.DuckDBPyConnection) -> None:
    build(con, hubs=[hub("H1", "union", "city", "2018-01-01")])
    counts = rows(
        con,
        "select (select count(*) from marts.calendar), (select count(*) from marts.headline),"
        " (select count(*) from marts.hub_type_coverage), (select count(*) from marts.hub_year)",
    )
    assert counts == [(0, 0, 0, 0)]
