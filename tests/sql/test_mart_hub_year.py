"""marts.hub_year: each hub on each year-end it is recognized, with the organizations it links."""

from __future__ import annotations

import duckdb

from tests.sql.warehouse import build, build_city, hub, link, org, rows


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
