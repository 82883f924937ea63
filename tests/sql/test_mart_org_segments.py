"""marts.org_segments: each organization's year-ends in runs of the same state, with its link masks.

Most tests read the segments spread over their year-ends (ORG_YEARS: one row per organization per
year-end on which it is active, as marts.org_year held them), so the hand counts are year by year."""

from __future__ import annotations

import duckdb

from tests.sql.warehouse import build, build_city, hub, link, org, rows

# the segments spread over their year-ends
ORG_YEARS = (
    "(select calendar.as_of, s.* exclude (first_as_of, last_as_of) from marts.org_segments s"
    " join marts.calendar on calendar.as_of between s.first_as_of and s.last_as_of) as org_year"
)


def linked_years(con: duckdb.DuckDBPyConnection, uscc: str) -> list[tuple[int, bool, int]]:
    return rows(
        con,
        f"select year(as_of), is_linked, hubs from {ORG_YEARS}"
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
    found = rows(con, f"select uscc, year(as_of) from {ORG_YEARS} order by uscc, as_of")
    assert found == [("A", 2018), ("A", 2019), ("B", 2018), ("C", 2021)]


def test_an_organization_registered_on_december_31_is_active_that_year_end(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(con, orgs=[org("A", "2019-12-31"), org("B", "2020-01-01")])
    assert rows(con, f"select uscc, year(as_of) from {ORG_YEARS} order by uscc, as_of") == [
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
    assert rows(con, f"select managed_mask, liaison_mask, hubs from {ORG_YEARS}") == [
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
        f"select year(as_of), managed_mask, liaison_mask, hubs from {ORG_YEARS} order by as_of",
    ) == [(2018, bit, bit, 1), (2019, bit, bit, 1)]


def test_the_small_city_on_a_year_end_carries_attributes_and_flags(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build_city(con)
    found = rows(
        con,
        "select year(as_of), uscc, org_type, district_code, has_party_org,"
        f" hubs, is_linked, is_mass_linked from {ORG_YEARS} where year(as_of) = 2019 order by uscc",
    )
    assert found == [
        (2019, "A", "social_group", "110101", True, 2, True, True),
        (2019, "B", "foundation", "110102", False, 1, True, False),
        (2019, "D", "social_group", "110105", True, 0, False, False),
    ]


def test_the_small_city_breaks_where_a_link_starts_or_stops_counting(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """A: H1 from 2018, H2 counting 2019 only; B: 2019 only; C: H1-C ended 2021-06-30; D: H3
    counts from its recognition (2020-07-01); each segment's year-ends first to last."""
    build_city(con)
    found = rows(
        con,
        "select uscc, year(first_as_of), year(last_as_of), hubs from marts.org_segments"
        " order by uscc, first_as_of",
    )
    assert found == [
        ("A", 2018, 2018, 1),
        ("A", 2019, 2019, 2),
        ("A", 2020, 2021, 1),
        ("B", 2019, 2019, 1),
        ("C", 2020, 2020, 1),
        ("C", 2021, 2021, 0),
        ("D", 2019, 2019, 0),
        ("D", 2020, 2021, 1),
    ]


def test_an_organization_without_links_has_one_segment_to_the_calendars_end(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """Not yet deregistered: up to the last year-end of the calendar, not beyond."""
    build(con, orgs=[org("A", "2018-03-01"), org("B", "2021-05-01", "2021-09-01")])
    assert rows(
        con,
        "select uscc, first_as_of::varchar, last_as_of::varchar, is_linked from marts.org_segments",
    ) == [("A", "2018-12-31", "2021-12-31", False)]


def test_the_pair_a_later_link_takes_over_breaks_no_count(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """Two rows of one hub and organization overlapping in 2019: the hub is counted once on every
    year-end, also where the second row takes over the pair (2020)."""
    build(
        con,
        orgs=[org("A", "2018-01-01"), org("B", "2020-01-01")],
        hubs=[hub("H1", "union", "city", "2018-01-01")],
        links=[
            link("H1", "A", "managed", "2018-01-01", "2020-06-01"),
            link("H1", "A", "liaison", "2019-03-01"),
        ],
    )
    assert linked_years(con, "A") == [(2018, True, 1), (2019, True, 1), (2020, True, 1)]


def test_a_link_that_never_represents_its_pair_ends_no_segment_past_the_organization(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """Two open links of one hub, both counting from registration: the later-made one never stands
    for the pair (represents_pair_from_on NULL), which must not stretch the organization's segments
    to the calendar's end (deregistered 2016-12-20: its year-ends are 2013-2015)."""
    build(
        con,
        orgs=[org("A", "2013-01-12", "2016-12-20"), org("B", "2018-01-01")],
        hubs=[hub("H1", "union", "city", "2005-01-01")],
        links=[link("H1", "A", "managed", "2006-07-16"), link("H1", "A", "managed", "2005-06-11")],
    )
    assert rows(
        con,
        "select year(first_as_of), year(last_as_of), hubs from marts.org_segments"
        " where uscc = 'A' order by first_as_of",
    ) == [(2013, 2015, 1)]
