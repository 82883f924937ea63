"""marts.coverage_cube: active organizations counted by district, type, level and link masks."""

from __future__ import annotations

from datetime import date

import duckdb

from tests.sql.warehouse import build, build_city, hub, link, org, rows


def test_the_cube_groups_identical_organizations(con: duckdb.DuckDBPyConnection) -> None:
    build(
        con,
        orgs=[
            org("A", "2020-01-01", has_party_org=True),
            org("B", "2020-01-01", has_union=True),
            org("C", "2020-01-01", has_party_org=True, has_union=True),
            org("D", "2020-01-01", org_type="foundation"),
        ],
        hubs=[hub("H1", "union", "city", "2020-01-01")],
        links=[link("H1", "A", "managed", "2020-01-01"), link("H1", "B", "managed", "2020-01-01")],
    )
    assert rows(con, "select * from marts.coverage_cube order by org_type, managed_mask desc") == [
        (date(2020, 12, 31), "110101", "110101", "foundation", "district", 0, 0, 1, 0, 0),
        (date(2020, 12, 31), "110101", "110101", "social_group", "district", 1, 0, 2, 1, 1),
        (date(2020, 12, 31), "110101", "110101", "social_group", "district", 0, 0, 1, 1, 1),
    ]


def test_the_cube_keeps_the_registered_code_beside_todays(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(
        con,
        orgs=[
            org("A", "2009-01-01", district_code="110103"),
            org("B", "2009-01-01"),
            org("C", "2009-01-01", district_code="110104"),
        ],
    )
    assert rows(
        con,
        "select year(as_of), district_code, registered_district_code, sum(orgs)::int"
        " from marts.coverage_cube where year(as_of) = 2009 group by all order by 2, 3",
    ) == [
        (2009, "110101", "110101", 1),
        (2009, "110101", "110103", 1),
        (2009, "110102", "110104", 1),
    ]


def test_cube_sums_equal_the_segments_counts_on_each_year_end(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build_city(con)
    cube = rows(
        con,
        "select year(as_of), sum(orgs), sum(with_party_org), sum(with_union),"
        " sum(orgs) filter (where (managed_mask | liaison_mask) <> 0)"
        " from marts.coverage_cube group by as_of order by as_of",
    )
    segments = rows(
        con,
        "select year(as_of), count(*), count(*) filter (where has_party_org),"
        " count(*) filter (where has_union), count(*) filter (where is_linked)"
        " from marts.org_segments s join marts.calendar"
        " on calendar.as_of between s.first_as_of and s.last_as_of group by as_of order by as_of",
    )
    assert (
        cube
        == segments
        == [(2018, 1, 1, 0, 1), (2019, 3, 2, 1, 2), (2020, 3, 2, 2, 3), (2021, 3, 2, 2, 2)]
    )
