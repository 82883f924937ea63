"""marts.district_coverage: active and linked organizations per district on every year-end."""

from __future__ import annotations

from datetime import date

import duckdb

from tests.sql.warehouse import build, build_city, hub, link, org, rows


def test_district_coverage_of_the_small_city_includes_zero_districts(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build_city(con)
    columns = "as_of, district_code, district_name, active_orgs, linked_orgs, coverage_rate"
    assert rows(con, f"select {columns} from marts.district_coverage order by 1, 2") == [
        (date(2018, 12, 31), "110101", "东城区", 1, 1, 1.0),
        (date(2018, 12, 31), "110102", "西城区", 0, 0, None),
        (date(2018, 12, 31), "110105", "朝阳区", 0, 0, None),
        (date(2019, 12, 31), "110101", "东城区", 1, 1, 1.0),
        (date(2019, 12, 31), "110102", "西城区", 1, 1, 1.0),
        (date(2019, 12, 31), "110105", "朝阳区", 1, 0, 0.0),
        (date(2020, 12, 31), "110101", "东城区", 2, 2, 1.0),
        (date(2020, 12, 31), "110102", "西城区", 0, 0, None),
        (date(2020, 12, 31), "110105", "朝阳区", 1, 1, 1.0),
        (date(2021, 12, 31), "110101", "东城区", 2, 1, 0.5),
        (date(2021, 12, 31), "110102", "西城区", 0, 0, None),
        (date(2021, 12, 31), "110105", "朝阳区", 1, 1, 1.0),
    ]


def test_a_retired_district_code_counts_in_todays_district_on_every_year_end(
    con: duckdb.DuckDBPyConnection,
) -> None:
    # 崇文区 110103 merged into 东城区 110101 in 2010: A counts in 东城 before 2010 too
    build(
        con,
        orgs=[
            org("A", "2008-01-01", district_code="110103"),
            org("B", "2009-06-01", "2011-03-01"),
            org("C", "2011-01-01", district_code="110105"),
        ],
    )
    assert rows(
        con,
        "select year(as_of), district_code, district_name, active_orgs"
        " from marts.district_coverage where district_code <> '110105' order by as_of",
    ) == [
        (2008, "110101", "东城区", 1),
        (2009, "110101", "东城区", 2),
        (2010, "110101", "东城区", 2),
        (2011, "110101", "东城区", 1),
    ]
    assert rows(con, "select district_code from clean.organizations order by uscc") == [
        ("110103",),
        ("110101",),
        ("110105",),
    ]


def test_an_organization_counts_in_its_own_district_not_its_hubs(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(
        con,
        orgs=[org("A", "2020-01-01", district_code="110106")],
        hubs=[hub("H1", "union", "street", "2020-01-01")],
        links=[link("H1", "A", "liaison", "2020-01-01")],
    )
    assert rows(
        con, "select district_code, active_orgs, linked_orgs from marts.district_coverage"
    ) == [("110106", 1, 1)]
