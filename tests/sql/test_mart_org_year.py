"""marts.org_year: each organization on each year-end it is active, with its link masks."""

from __future__ import annotations

import duckdb

from tests.sql.warehouse import build, build_city, hub, link, org, rows


def linked_years(con: duckdb.DuckDBPyConnection, uscc: str) -> list[tuple[int, bool, int]]:
    return rows(
        con,
        "select year(as_of), is_linked, hubs from marts.org_year"
        f" where uscc = '{uscc}' order by as_of",
    )


def test_a_deregistered_organization_is_active_before_and_not_after(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(
        con,
        orgs=[
            org("A", "2018-03-01", "2020-06-01"),
            org("B", "2018-03-01", "2019-12-31"),
            org("C", "2021-01-01"),
        ],
    )
    found = rows(con, "select uscc, year(as_of) from marts.org_year order by uscc, as_of")
    assert found == [("A", 2018), ("A", 2019), ("B", 2018), ("C", 2021)]


def test_an_organization_registered_on_december_31_is_active_that_year_end(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(con, orgs=[org("A", "2019-12-31"), org("B", "2020-01-01")])
    assert rows(con, "select uscc, year(as_of) from marts.org_year order by uscc, as_of") == [
        ("A", 2019),
        ("A", 2020),
        ("B", 2020),
    ]


def test_an_ended_link_counts_until_it_ends(con: duckdb.DuckDBPyConnection) -> None:
    build(
        con,
        orgs=[org("A", "2018-01-01"), org("B", "2020-06-01")],
        hubs=[hub("H1", "union", "city", "2018-01-01")],
        links=[link("H1", "A", "managed", "2018-01-01", "2020-12-31")],
    )
    assert linked_years(con, "A") == [(2018, True, 1), (2019, True, 1), (2020, False, 0)]


def test_a_link_to_a_revoked_hub_does_not_count(con: duckdb.DuckDBPyConnection) -> None:
    build(
        con,
        orgs=[org("A", "2018-01-01"), org("B", "2020-01-01")],
        hubs=[hub("H1", "women", "district", "2018-01-01", "2019-07-01")],
        links=[link("H1", "A", "liaison", "2018-02-01")],
    )
    assert linked_years(con, "A") == [(2018, True, 1), (2019, False, 0), (2020, False, 0)]


def test_a_link_made_before_its_hub_was_recognized_counts_from_recognition(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(
        con,
        orgs=[org("A", "2018-01-01")],
        hubs=[hub("H1", "youth_league", "street", "2019-12-31")],
        links=[link("H1", "A", "managed", "2018-06-01")],
    )
    assert linked_years(con, "A") == [(2018, False, 0), (2019, True, 1)]


def test_a_link_to_a_deregistered_organization_stops_with_it(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(
        con,
        orgs=[org("A", "2018-01-01", "2020-06-01"), org("B", "2021-01-01")],
        hubs=[hub("H1", "union", "city", "2018-01-01")],
        links=[link("H1", "A", "managed", "2018-01-01")],
    )
    assert linked_years(con, "A") == [(2018, True, 1), (2019, True, 1)]
    assert rows(con, "select year(as_of), linked_orgs from marts.hub_year order by as_of") == [
        (2018, 1),
        (2019, 1),
        (2020, 0),
        (2021, 0),
    ]


def test_mask_bits_are_type_index_times_three_plus_level_index(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(
        con,
        orgs=[org("A", "2020-01-01")],
        hubs=[
            hub("H1", "union", "city", "2020-01-01"),  # bit 0
            hub("H2", "women", "district", "2020-01-01"),  # bit 2 * 3 + 1 = 7
            hub("H3", "federation", "street", "2020-01-01"),  # bit 9 * 3 + 2 = 29
            hub("H4", "other", "street", "2020-01-01"),  # bit 10 * 3 + 2 = 32
        ],
        links=[
            link("H1", "A", "managed", "2020-01-01"),
            link("H2", "A", "managed", "2020-01-01"),
            link("H3", "A", "liaison", "2020-01-01"),
            link("H4", "A", "liaison", "2020-01-01"),
        ],
    )
    assert rows(con, "select managed_mask, liaison_mask, hubs from marts.org_year") == [
        (1 + (1 << 7), (1 << 29) + (1 << 32), 4)
    ]


def test_a_hub_linking_an_organization_twice_counts_as_one_hub(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(
        con,
        orgs=[org("A", "2018-01-01")],
        hubs=[hub("H1", "science", "district", "2018-01-01")],
        links=[
            link("H1", "A", "managed", "2018-01-01", "2020-01-01"),
            link("H1", "A", "liaison", "2018-05-01", "2019-05-01"),
            link("H1", "A", "liaison", "2019-01-01"),
        ],
    )
    bit = 1 << (3 * 3 + 1)
    assert rows(
        con,
        "select year(as_of), managed_mask, liaison_mask, hubs from marts.org_year order by as_of",
    ) == [(2018, bit, bit, 1), (2019, bit, bit, 1)]


def test_org_year_of_the_small_city_carries_attributes_and_flags(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build_city(con)
    found = rows(
        con,
        "select year(as_of), uscc, org_type, district_code, has_party_org,"
        " hubs, is_linked, is_mass_linked from marts.org_year where year(as_of) = 2019 order by uscc",
    )
    assert found == [
        (2019, "A", "social_group", "110101", True, 2, True, True),
        (2019, "B", "foundation", "110102", False, 1, True, False),
        (2019, "D", "social_group", "110105", True, 0, False, False),
    ]
