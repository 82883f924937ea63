"""marts.hub_type_coverage: hubs and linked organizations per hub type, every type every year."""

from __future__ import annotations

import duckdb

from schemas import vocab
from tests.sql.warehouse import build, build_city, hub, link, org, rows


def by_type(con: duckdb.DuckDBPyConnection, year: int) -> dict[str, tuple[object, ...]]:
    """hub_type -> (is_mass_org, hubs, managed_orgs, liaison_orgs, linked_orgs, share_of_active)."""
    found = rows(
        con,
        "select hub_type, is_mass_org, hubs, managed_orgs, liaison_orgs, linked_orgs,"
        f" share_of_active from marts.hub_type_coverage where year(as_of) = {year}",
    )
    return {r[0]: r[1:] for r in found}


def test_every_hub_type_of_the_vocabulary_has_a_row_each_year(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build_city(con)
    found = rows(
        con,
        "select year(c.as_of), c.hub_type from marts.hub_type_coverage c"
        " join ref.hub_types t using (hub_type) order by c.as_of, t.type_index",
    )
    expected = [(y, code) for y in range(2018, 2022) for code in vocab.codes(vocab.HUB_TYPE)]
    assert found == expected


def test_hub_types_of_the_small_city_in_2019(con: duckdb.DuckDBPyConnection) -> None:
    build_city(con)
    table = by_type(con, 2019)
    assert table["union"] == (True, 1, 1, 0, 1, 1 / 3)
    assert table["federation"] == (False, 1, 0, 2, 2, 2 / 3)
    assert table["women"] == (True, 0, 0, 0, 0, 0.0)
    assert sum(t[1] for t in table.values()) == 2


def test_hub_types_of_the_small_city_in_2020(con: duckdb.DuckDBPyConnection) -> None:
    build_city(con)
    table = by_type(con, 2020)
    assert table["union"] == (True, 1, 2, 0, 2, 2 / 3)
    assert table["women"] == (True, 1, 1, 0, 1, 1 / 3)
    assert table["federation"] == (False, 0, 0, 0, 0, 0.0)


def test_an_organization_linked_by_two_types_counts_once_per_type(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(
        con,
        orgs=[org("A", "2020-01-01"), org("B", "2020-01-01")],
        hubs=[
            hub("H1", "union", "city", "2020-01-01"),
            hub("H2", "union", "street", "2020-01-01"),
            hub("H3", "disabled", "district", "2020-01-01"),
        ],
        links=[
            link("H1", "A", "managed", "2020-02-01"),
            link("H2", "A", "managed", "2020-02-01"),
            link("H3", "A", "liaison", "2020-02-01"),
        ],
    )
    table = by_type(con, 2020)
    assert table["union"] == (True, 2, 1, 0, 1, 0.5)
    assert table["disabled"] == (True, 1, 0, 1, 1, 0.5)


def test_managed_and_liaison_count_only_their_relation(con: duckdb.DuckDBPyConnection) -> None:
    build(
        con,
        orgs=[org("A", "2020-01-01"), org("B", "2020-01-01"), org("C", "2020-01-01")],
        hubs=[
            hub("H1", "science", "city", "2020-01-01"),
            hub("H2", "science", "street", "2020-01-01"),
        ],
        links=[
            link("H1", "A", "managed", "2020-02-01"),
            link("H2", "A", "liaison", "2020-02-01"),
            link("H2", "B", "liaison", "2020-02-01"),
        ],
    )
    assert by_type(con, 2020)["science"] == (True, 2, 1, 2, 2, 2 / 3)


def test_share_of_active_is_null_when_no_organization_is_active(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(
        con,
        orgs=[org("A", "2018-01-01", "2018-06-01")],
        hubs=[hub("H1", "taiwan", "city", "2019-01-01")],
    )
    assert by_type(con, 2019)["taiwan"] == (True, 1, 0, 0, 0, None)
    assert by_type(con, 2018)["taiwan"] == (True, 0, 0, 0, 0, None)
