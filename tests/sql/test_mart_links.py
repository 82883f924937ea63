"""marts.links: every link with its hub and organization, and the window in which it counts."""

from __future__ import annotations

from datetime import date

import duckdb

from tests.sql.warehouse import build, build_city, hub, link, org, rows


def test_the_effective_window_is_where_link_hub_and_organization_overlap(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(
        con,
        orgs=[org("A", "2018-01-01", "2022-03-01"), org("B", "2019-01-01")],
        hubs=[
            hub("H1", "union", "city", "2019-04-01", "2021-07-01"),
            hub("H2", "other", "city", "2018-01-01"),
        ],
        links=[
            link("H1", "A", "managed", "2018-06-01"),  # from recognition to revocation
            link("H2", "A", "liaison", "2018-06-01"),  # until deregistration
            link("H2", "B", "liaison", "2019-02-01", "2020-02-01"),  # until it ended
            link("H1", "B", "managed", "2018-01-01", "2019-04-01"),  # ends as the hub starts
        ],
    )
    assert rows(
        con,
        "select hub_id, uscc, effective_from_on, effective_until_on from marts.links"
        " order by hub_id, uscc",
    ) == [
        ("H1", "A", date(2019, 4, 1), date(2021, 7, 1)),
        ("H1", "B", None, None),
        ("H2", "A", date(2018, 6, 1), date(2022, 3, 1)),
        ("H2", "B", date(2019, 2, 1), date(2020, 2, 1)),
    ]


def test_links_carry_the_hub_and_the_organization_district(con: duckdb.DuckDBPyConnection) -> None:
    build_city(con)
    assert rows(
        con,
        "select hub_name, hub_type, hub_level, uscc, district_code, relation,"
        " mask_bit from marts.links where hub_id = 'H3'",
    ) == [("枢纽H3", "women", "district", "D", "110105", "managed", 7)]


def test_only_the_first_running_link_of_a_pair_represents_it(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(
        con,
        orgs=[org("A", "2018-01-01")],
        hubs=[hub("H1", "union", "city", "2018-01-01")],
        links=[
            link("H1", "A", "managed", "2018-01-01", "2020-01-01"),
            link("H1", "A", "liaison", "2018-05-01", "2019-05-01"),
            link("H1", "A", "liaison", "2019-01-01"),
        ],
    )
    assert rows(
        con, "select linked_on, represents_pair_from_on from marts.links order by linked_on"
    ) == [
        (date(2018, 1, 1), date(2018, 1, 1)),
        (date(2018, 5, 1), None),
        (date(2019, 1, 1), date(2020, 1, 1)),
    ]
