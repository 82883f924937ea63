"""marts.hub_year: each hub on each year-end it is recognized, with the organizations it links."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.sql.warehouse import build, build_city, hub, link, org, rows
from tools.mart_equality import compare_table

YEAR_ENDS = Path(__file__).parent / "year_ends"


def test_hub_year_of_the_small_city(con: duckdb.DuckDBPyConnection) -> None:
    build_city(con)
    assert rows(
        con,
        "select year(as_of), hub_id, level_index, type_index, is_mass_org, linked_orgs,"
        " managed_orgs, liaison_orgs from marts.hub_year order by as_of, hub_id",
    ) == [
        (2018, "H1", 0, 0, True, 1, 1, 0),
        (2019, "H1", 0, 0, True, 1, 1, 0),
        (2019, "H2", 2, 9, False, 2, 0, 2),
        (2020, "H1", 0, 0, True, 2, 2, 0),
        (2020, "H3", 1, 2, True, 1, 1, 0),
        (2021, "H1", 0, 0, True, 1, 1, 0),
        (2021, "H3", 1, 2, True, 1, 1, 0),
    ]


def test_an_organization_linked_both_ways_by_one_hub_counts_once_in_linked_orgs(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(
        con,
        orgs=[org("A", "2020-01-01"), org("B", "2020-01-01")],
        hubs=[hub("H1", "family_planning", "district", "2020-01-01")],
        links=[
            link("H1", "A", "managed", "2020-01-01"),
            link("H1", "A", "liaison", "2020-03-01"),
            link("H1", "A", "liaison", "2020-04-01"),
            link("H1", "B", "liaison", "2020-03-01"),
        ],
    )
    assert rows(con, "select linked_orgs, managed_orgs, liaison_orgs from marts.hub_year") == [
        (2, 1, 2)
    ]


def test_a_hub_appears_only_in_years_it_is_recognized(con: duckdb.DuckDBPyConnection) -> None:
    build(
        con,
        orgs=[org("A", "2017-01-01")],
        hubs=[hub("H1", "red_cross", "street", "2018-02-01", "2019-12-31")],
    )
    assert rows(con, "select year(as_of), hub_id, street_name from marts.hub_year") == [
        (2018, "H1", "某街道")
    ]


def _independent(con: duckdb.DuckDBPyConnection) -> tuple[int, int, int, int]:
    """marts.hub_year beside its own range join of marts.links (tests/sql/year_ends/hub_year.sql):
    rows of each side, rows only the mart has, rows only the range join has."""
    con.execute("create schema if not exists year_ends")
    query = (YEAR_ENDS / "hub_year.sql").read_text("utf-8").strip().rstrip(";")
    con.execute(f"create or replace table year_ends.hub_year as\n{query}")
    database = con.execute("select current_database()").fetchall()[0][0]
    found = compare_table(con, (database, "marts", "hub_year"), (database, "year_ends", "hub_year"))
    return found.left_rows, found.right_rows, found.only_left, found.only_right


def test_the_counts_summed_from_the_relations_equal_a_range_join_of_the_links(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """hub_year's counts come from hub_links_by_year; counted per (year-end, hub, organization)
    straight from the link windows they are the same, with links repeated, both ways, ended, and
    starting where another ends."""
    build(
        con,
        orgs=[
            org("A", "2017-01-01"),
            org("B", "2018-06-01", "2021-03-01"),
            org("C", "2019-01-01"),
            org("D", "2021-05-01"),  # the calendar runs to 2021
        ],
        hubs=[
            hub("H1", "family_planning", "district", "2017-01-01"),
            hub("H2", "union", "street", "2018-01-01", "2020-06-30"),
        ],
        links=[
            link("H1", "A", "managed", "2017-02-01", "2019-05-01"),
            link("H1", "A", "managed", "2019-05-01"),
            link("H1", "A", "liaison", "2018-03-01", "2020-01-01"),
            link("H1", "B", "liaison", "2018-07-01"),
            link("H2", "B", "managed", "2018-07-01"),
            link("H2", "C", "liaison", "2019-02-01"),
            link("H2", "C", "managed", "2019-03-01"),
        ],
    )
    assert rows(
        con,
        "select year(as_of), hub_id, linked_orgs, managed_orgs, liaison_orgs"
        " from marts.hub_year order by as_of, hub_id",
    ) == [
        (2017, "H1", 1, 1, 0),
        (2018, "H1", 2, 1, 2),  # A both ways, B liaison
        (2018, "H2", 1, 1, 0),
        (2019, "H1", 2, 1, 2),  # A's second managed link, its liaison still running
        (2019, "H2", 2, 2, 1),  # C both ways
        (2020, "H1", 2, 1, 1),  # A's liaison ended; H2 revoked
        (2021, "H1", 1, 1, 0),  # B deregistered
    ]
    assert _independent(con) == (7, 7, 0, 0)


def test_the_range_join_finds_a_changed_count(con: duckdb.DuckDBPyConnection) -> None:
    build_city(con)
    assert _independent(con) == (7, 7, 0, 0)
    con.execute(
        "update marts.hub_year set liaison_orgs = 1 where hub_id = 'H3' and year(as_of) = 2021"
    )
    assert _independent(con) == (7, 7, 1, 1)
