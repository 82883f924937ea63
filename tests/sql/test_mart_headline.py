"""marts.headline: the city's figures on every year-end, counted by hand on tiny registers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import duckdb

from tests.sql.warehouse import build, build_city, funding, hub, link, org, project, rows

HEADLINE_COLUMNS = [
    "as_of",
    "hubs_city",
    "hubs_district",
    "hubs_street",
    "hubs_total",
    "active_orgs",
    "linked_orgs",
    "coverage_rate",
    "mass_org_linked_orgs",
    "mass_org_share",
    "projects_started",
    "contract_amount_yuan",
    "funding_amount_yuan",
    # registered and filed apart and together (the registers issue)
    "filed_orgs",
    "filed_linked_orgs",
    "total_orgs",
    "total_linked_orgs",
    "total_coverage_rate",
]
CONTRACT_COLUMNS = ", ".join(HEADLINE_COLUMNS[:13])


def test_headline_of_the_small_city_matches_the_hand_count(con: duckdb.DuckDBPyConnection) -> None:
    build_city(con)
    assert rows(con, f"select {CONTRACT_COLUMNS} from marts.headline order by as_of") == [
        (date(2018, 12, 31), 1, 0, 0, 1, 1, 1, 1.0, 1, 1.0, 0, Decimal("0.00"), Decimal("0.00")),
        (date(2019, 12, 31), 1, 0, 1, 2, 3, 2, 2 / 3, 1, 1 / 3, 1, Decimal("1234.50"),
         Decimal("100.00")),
        (date(2020, 12, 31), 1, 1, 0, 2, 3, 3, 1.0, 3, 1.0, 0, Decimal("0.00"), Decimal("0.00")),
        (date(2021, 12, 31), 1, 1, 0, 2, 3, 2, 2 / 3, 2, 2 / 3, 1, Decimal("50000.00"),
         Decimal("210.50")),
    ]  # fmt: skip


def test_headline_has_the_contract_columns_in_order(con: duckdb.DuckDBPyConnection) -> None:
    build_city(con)
    columns = [c[0] for c in rows(con, "describe marts.headline")]
    assert columns == HEADLINE_COLUMNS


def test_a_year_without_active_organizations_has_null_rates_and_zero_counts(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(
        con,
        orgs=[org("A", "2018-03-01", "2019-02-01")],
        hubs=[hub("H1", "union", "city", "2020-05-01")],
    )
    assert rows(
        con,
        "select year(as_of), active_orgs, linked_orgs, coverage_rate, mass_org_share, hubs_total"
        " from marts.headline order by as_of",
    ) == [(2018, 1, 0, 0.0, 0.0, 0), (2019, 0, 0, None, None, 0), (2020, 0, 0, None, None, 1)]


def test_an_organization_linked_by_two_hubs_counts_once(con: duckdb.DuckDBPyConnection) -> None:
    build(
        con,
        orgs=[org("A", "2020-01-01"), org("B", "2020-01-01")],
        hubs=[hub("H1", "union", "city", "2020-01-01"), hub("H2", "other", "street", "2020-01-01")],
        links=[link("H1", "A", "managed", "2020-02-01"), link("H2", "A", "liaison", "2020-02-01")],
    )
    assert rows(
        con,
        "select active_orgs, linked_orgs, coverage_rate, mass_org_linked_orgs from marts.headline",
    ) == [(2, 1, 0.5, 1)]


def test_mass_org_share_counts_only_links_to_mass_organization_hubs(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(
        con,
        orgs=[org("A", "2020-01-01"), org("B", "2020-01-01"), org("C", "2020-01-01")],
        hubs=[
            hub("H1", "federation", "city", "2020-01-01"),
            hub("H2", "other", "district", "2020-01-01"),
            hub("H3", "red_cross", "street", "2020-01-01"),
        ],
        links=[
            link("H1", "A", "managed", "2020-02-01"),
            link("H2", "B", "liaison", "2020-02-01"),
            link("H3", "C", "liaison", "2020-02-01"),
        ],
    )
    assert rows(
        con, "select linked_orgs, mass_org_linked_orgs, mass_org_share from marts.headline"
    ) == [(3, 1, 1 / 3)]


def test_projects_count_by_start_year_and_funding_by_paid_year(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(
        con,
        orgs=[org("A", "2019-01-01")],
        projects=[
            project("P1", "A", "2019-12-31", "10.00", end_on="2021-06-30"),
            project("P2", "A", "2020-01-01", "5.25"),
            project("P3", "A", "2020-08-01", "1.00"),
        ],
        funds=[
            funding("F1", "A", "7.00", "2019-06-01", project_id="P2"),
            funding("F2", "A", "3.50", "2021-01-01"),
        ],
    )
    assert rows(
        con,
        "select year(as_of), projects_started, contract_amount_yuan, funding_amount_yuan"
        " from marts.headline order by as_of",
    ) == [
        (2019, 1, Decimal("10.00"), Decimal("7.00")),
        (2020, 2, Decimal("6.25"), Decimal("0.00")),
        (2021, 0, Decimal("0.00"), Decimal("3.50")),
    ]


def test_hubs_count_by_level_only_while_recognized(con: duckdb.DuckDBPyConnection) -> None:
    build(
        con,
        orgs=[org("A", "2019-01-01")],
        hubs=[
            hub("H1", "union", "city", "2019-01-01"),
            hub("H2", "women", "district", "2019-01-01", "2020-12-31"),
            hub("H3", "science", "street", "2019-12-31", "2021-01-01"),
            hub("H4", "youth_league", "street", "2020-01-01"),
        ],
    )
    assert rows(
        con,
        "select year(as_of), hubs_city, hubs_district, hubs_street, hubs_total"
        " from marts.headline order by as_of",
    ) == [(2019, 1, 1, 1, 3), (2020, 1, 0, 2, 3)]
