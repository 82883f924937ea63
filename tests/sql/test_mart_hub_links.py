"""marts.hub_links_by_year and marts.hub_links_by_district: the organizations each hub links, by
relation, counted by hand on tiny registers."""

from __future__ import annotations

import duckdb

from pipeline.transform import run_audits
from tests.sql.warehouse import Row, build, hub, insert, link, org, rows

# 2019-2021, by hand (a link counts on D when it runs, its hub is recognized, its organization is
# active; ended_on / revoked_on / deregistered_on = D no longer counts on D):
# HC (union, city, 110000) links A managed and liaison (counts once in 'any'), B (deregistered
#   2020-06-01), C twice as liaison (2019-02-01..2020-05-01 and from 2020-04-01: once in 2020).
#   2019: managed {A}, liaison {A, B, C}, any {A, B, C}; 2020 and 2021: managed {A},
#   liaison {A, C}, any {A, C}. A lies in 110101, B and C in 110102: links in two districts.
# HR (women, district, revoked 2021-01-01) links C managed 2019-05-01..2019-12-31 (ended on the
#   year-end: not counted) and D (registered 2020-03-01) from 2020-03-05.
#   2019: none; 2020: managed {D}; 2021: not recognized (no rows).
# E registers in 2021 so that the calendar reaches 2021.
REGISTER: dict[str, list[Row]] = {
    "orgs": [
        org("A", "2019-01-01"),
        org("B", "2019-01-01", "2020-06-01", district_code="110102"),
        org("C", "2019-01-01", district_code="110102"),
        org("D", "2020-03-01", district_code="110105"),
        org("E", "2021-02-01"),
    ],
    "hubs": [
        hub("HC", "union", "city", "2019-01-01"),
        {**hub("HR", "women", "district", "2019-01-01", "2021-01-01"), "district_code": "110105"},
    ],
    "links": [
        link("HC", "A", "managed", "2019-02-01"),
        link("HC", "A", "liaison", "2019-03-01"),
        link("HC", "B", "liaison", "2019-02-01"),
        link("HC", "C", "liaison", "2019-02-01", "2020-05-01"),
        link("HC", "C", "liaison", "2020-04-01"),
        link("HR", "C", "managed", "2019-05-01", "2019-12-31"),
        link("HR", "D", "managed", "2020-03-05"),
    ],
}
BY_YEAR = (
    "select hub_id, year(as_of), relation, linked_orgs, filed_linked_orgs, total_linked_orgs"
    " from marts.hub_links_by_year order by 2, 1, 3"
)


def test_each_hub_links_its_active_organizations_by_relation(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(con, **REGISTER)
    assert rows(con, BY_YEAR) == [
        ("HC", 2019, "any", 3, 0, 3),
        ("HC", 2019, "liaison", 3, 0, 3),
        ("HC", 2019, "managed", 1, 0, 1),
        ("HR", 2019, "any", 0, 0, 0),
        ("HR", 2019, "liaison", 0, 0, 0),
        ("HR", 2019, "managed", 0, 0, 0),
        ("HC", 2020, "any", 2, 0, 2),
        ("HC", 2020, "liaison", 2, 0, 2),
        ("HC", 2020, "managed", 1, 0, 1),
        ("HR", 2020, "any", 1, 0, 1),
        ("HR", 2020, "liaison", 0, 0, 0),
        ("HR", 2020, "managed", 1, 0, 1),
        ("HC", 2021, "any", 2, 0, 2),
        ("HC", 2021, "liaison", 2, 0, 2),
        ("HC", 2021, "managed", 1, 0, 1),
    ]
    assert {name: n for name, n in run_audits(con).items() if n} == {}


def test_a_city_level_hub_is_split_by_the_districts_of_its_organizations(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(con, **REGISTER)
    assert rows(
        con,
        "select year(as_of), district_code, relation, linked_orgs from marts.hub_links_by_district"
        " where hub_id = 'HC' order by 1, 2, 3",
    ) == [
        (2019, "110101", "any", 1),
        (2019, "110101", "liaison", 1),
        (2019, "110101", "managed", 1),
        (2019, "110102", "any", 2),
        (2019, "110102", "liaison", 2),
        (2020, "110101", "any", 1),
        (2020, "110101", "liaison", 1),
        (2020, "110101", "managed", 1),
        (2020, "110102", "any", 1),
        (2020, "110102", "liaison", 1),
        (2021, "110101", "any", 1),
        (2021, "110101", "liaison", 1),
        (2021, "110101", "managed", 1),
        (2021, "110102", "any", 1),
        (2021, "110102", "liaison", 1),
    ]
    # a hub without counting links has no district rows (its year rows are zeros)
    assert rows(
        con,
        "select count(*) from marts.hub_links_by_district where hub_id = 'HR' and year(as_of) = 2019",
    ) == [(0,)]


def test_filed_organizations_count_apart_until_they_register(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """F1 is filed in 2019 and linked by its filing id; G registers under F1 on 2020-07-01: from
    then the link counts for G (registered, in G's district), F1 no longer counts as filed. F2 is
    filed but its filing ended on 2019-12-31 (not counted that year-end)."""
    insert(con, "filed_orgs", [
        {"filing_id": "F1", "name": "社区队F1", "district_code": "110105", "filed_on": "2019-01-01"},
        {"filing_id": "F2", "name": "社区队F2", "district_code": "110101", "filed_on": "2019-01-01",
         "ended_on": "2019-12-31"},
    ])  # fmt: skip
    build(
        con,
        orgs=[
            org("A", "2019-01-01"),
            org("G", "2020-07-01", filing_id="F1", district_code="110102"),
        ],
        hubs=[hub("HS", "federation", "street", "2019-01-01")],
        links=[
            link("HS", "F1", "liaison", "2019-06-01"),
            link("HS", "F2", "managed", "2019-06-01"),
            link("HS", "A", "managed", "2019-06-01"),
        ],
    )
    assert rows(con, BY_YEAR) == [
        ("HS", 2019, "any", 1, 1, 2),
        ("HS", 2019, "liaison", 0, 1, 1),
        ("HS", 2019, "managed", 1, 0, 1),
        ("HS", 2020, "any", 2, 0, 2),
        ("HS", 2020, "liaison", 1, 0, 1),
        ("HS", 2020, "managed", 1, 0, 1),
    ]
    assert rows(
        con,
        "select year(as_of), district_code, linked_orgs, filed_linked_orgs"
        " from marts.hub_links_by_district where relation = 'any' order by 1, 2",
    ) == [(2019, "110101", 1, 0), (2019, "110105", 0, 1), (2020, "110101", 1, 0),
          (2020, "110102", 1, 0)]  # fmt: skip
    assert {name: n for name, n in run_audits(con).items() if n} == {}


def test_without_hub_data_there_are_no_hub_rows(con: duckdb.DuckDBPyConnection) -> None:
    build(con, orgs=[org("A", "2019-01-01")], hub_data=False)
    assert rows(con, "select count(*) from marts.hub_links_by_year") == [(0,)]
    assert {name: n for name, n in run_audits(con).items() if n} == {}


def test_the_audit_catches_a_hub_that_links_more_than_are_linked(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(con, **REGISTER)
    con.execute(
        "update marts.hub_links_by_year set linked_orgs = 9, total_linked_orgs = 9"
        " where hub_id = 'HC' and relation = 'any' and year(as_of) = 2020"
    )
    found = run_audits(con)
    assert found["hub_links_within_active"] == 1
    assert found["hub_links_agree"] == 1
