"""Registers as the bureaus keep them: level splits, organizations known at no county, filed ones.

A tiny Putian, counted by hand on 2019-12-31 (the last year-end: D registered in 2019): A city-registered, known only at 350300 (市本级);
B city-registered in 荔城区 350304; C, D district-registered in 350304 and 城厢区 350302; E
registered by 福建省民政厅 at 350000 (省本级); F registered by 民政部 (100000). Filed: G in 350304
(linked by hub H1), J in 350302, K filed in 350302 then registered as D in 2019 (counted once, as
registered, from then). Hub H1 (a street hub of 350304) links A and G.
Funding paid in 2019 (PUTIAN_FUNDS): 100.00 to A, 10.00 to C, 1.00 to E, 1,000.00 to F, and 0.50
to F naming 城厢区 350302 as the record's own district.
"""

from __future__ import annotations

from decimal import Decimal

import duckdb

from tests.sql.warehouse import Row, build, funding, hub, insert, link, org, rows

END = "2019-12-31"
LAST = "2016-12-31"  # the delivery without hubs below
PUTIAN_FUNDS = [
    funding("P1", "A", "100.00", "2019-03-01"),
    funding("P2", "C", "10.00", "2019-03-01"),
    funding("P3", "E", "1.00", "2019-03-01"),
    funding("P4", "F", "1000.00", "2019-03-01"),
    funding("P5", "F", "0.50", "2019-03-01", district_code="350302"),
]


def _putian(con: duckdb.DuckDBPyConnection, funds: list[Row] | None = None) -> None:
    insert(
        con,
        "filed_orgs",
        [
            {
                "filing_id": "G",
                "name": "社区队G",
                "district_code": "350304",
                "filed_on": "2016-01-01",
            },
            {
                "filing_id": "J",
                "name": "社区队J",
                "district_code": "350302",
                "filed_on": "2017-01-01",
            },
            {
                "filing_id": "K",
                "name": "社区队K",
                "district_code": "350302",
                "filed_on": "2015-01-01",
            },
        ],
    )
    h1 = {**hub("H1", "federation", "street", "2015-01-01"), "district_code": "350304"}
    build(
        con,
        orgs=[
            org("A", "2015-01-01", registration_level="city", district_code="350300"),
            org("B", "2015-01-01", registration_level="city", district_code="350304"),
            org("C", "2015-01-01", district_code="350304"),
            org("D", "2019-06-01", district_code="350302", filing_id="K"),
            org("E", "2015-01-01", registration_level="province", district_code="350000"),
            org("F", "2015-01-01", registration_level="national", district_code="100000"),
        ],
        hubs=[h1],
        links=[link("H1", "A", "liaison", "2016-01-01"), link("H1", "G", "liaison", "2016-01-01")],
        funds=funds or [],
    )


def test_the_headline_counts_registered_and_filed_apart_and_together(
    con: duckdb.DuckDBPyConnection,
) -> None:
    _putian(con)
    assert rows(
        con,
        "select active_orgs, linked_orgs, filed_orgs, filed_linked_orgs, total_orgs,"
        f" total_linked_orgs, total_coverage_rate from marts.headline where as_of = '{END}'",
    ) == [(6, 1, 2, 1, 8, 2, 0.25)]
    # 2018: D not yet registered, K counts as filed
    assert rows(
        con, "select active_orgs, filed_orgs from marts.headline where as_of = '2018-12-31'"
    ) == [(5, 3)]


def test_the_level_split_is_by_the_registering_bureau(con: duckdb.DuckDBPyConnection) -> None:
    _putian(con)
    assert rows(
        con,
        "select registration_level, sum(active_orgs) from marts.register_profile"
        f" where as_of = '{END}' and not filed group by 1 order by 1",
    ) == [("city", 2), ("district", 2), ("national", 1), ("province", 1)]
    assert rows(
        con,
        "select sum(active_orgs), sum(linked_orgs), count(org_type) from marts.register_profile"
        f" where as_of = '{END}' and filed",
    ) == [(2, 1, 0)]


def test_an_organization_known_at_no_county_has_a_row_of_its_own(
    con: duckdb.DuckDBPyConnection,
) -> None:
    _putian(con)
    got = rows(
        con,
        "select region_level, region_code, region_name, parent_code, is_unassigned, active_orgs,"
        " linked_orgs, filed_orgs from marts.region_coverage"
        f" where as_of = '{END}' order by region_level, is_unassigned, region_code",
    )
    assert got == [
        ("county", "350302", "城厢区", "350300", False, 1, 0, 1),
        ("county", "350304", "荔城区", "350300", False, 2, 0, 1),
        ("county", "350300", "莆田市本级（未落区县）", "350300", True, 1, 1, 0),
        ("prefecture", "350300", "莆田市", "350000", False, 4, 1, 2),
        ("prefecture", "350000", "福建省本级（未落地市）", "350000", True, 1, 0, 0),
        ("province", "350000", "福建省", None, False, 5, 1, 2),
        ("province", "100000", "全国本级（未落省份）", None, True, 1, 0, 0),
    ]
    assert rows(
        con,
        "select district_code, district_name, is_unassigned, active_orgs, filed_orgs"
        f" from marts.district_coverage where as_of = '{END}' order by district_code",
    ) == [
        ("100000", "全国本级（未落省份）", True, 1, 0),
        ("350000", "福建省本级（未落地市）", True, 1, 0),
        ("350300", "莆田市本级（未落区县）", True, 1, 0),
        ("350302", "城厢区", False, 1, 1),
        ("350304", "荔城区", False, 2, 1),
    ]


def test_every_audit_passes_on_the_putian_register(con: duckdb.DuckDBPyConnection) -> None:
    from pipeline.transform import run_audits

    _putian(con, PUTIAN_FUNDS)
    assert {name: n for name, n in run_audits(con).items() if n} == {}


def test_money_of_an_organization_known_at_no_county_counts_where_it_is_known(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """A's money counts in 莆田 and 福建 (no county), E's in 福建 only, F's (民政部, 100000) in the
    country's row of its own beside the provinces; F's record naming 350302 counts there."""
    _putian(con, PUTIAN_FUNDS)
    assert rows(
        con,
        "select region_level, region_code, region_name, amount_yuan, records, recipients,"
        " parent_code, is_unassigned from marts.region_funding where year = 2019",
    ) == [
        ("province", "350000", "福建省", Decimal("111.50"), 4, 4, None, False),
        ("province", "100000", "全国本级（未落省份）", Decimal("1000.00"), 1, 1, None, True),
        ("prefecture", "350300", "莆田市", Decimal("110.50"), 3, 3, "350000", False),
        ("county", "350302", "城厢区", Decimal("0.50"), 1, 1, "350300", False),
        ("county", "350304", "荔城区", Decimal("10.00"), 1, 1, "350300", False),
    ]
    # the provinces and the country's row add up to the headline's money
    assert rows(
        con, "select funding_amount_yuan from marts.headline where as_of = '2019-12-31'"
    ) == [(Decimal("1111.50"),)]


def test_without_hub_data_every_hub_figure_is_not_provided_not_zero(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """The Putian register delivered without hubs and hub_links: the same active and filed
    counts, and every figure that needs hubs NULL (not 0, not 0%); the audits pass. The filing
    (2016) is the latest record: the year-ends reach 2016."""
    insert(con, "filed_orgs", [{"filing_id": "G", "name": "社区队G", "district_code": "350304",
                                "filed_on": "2016-01-01"}])  # fmt: skip
    build(
        con,
        orgs=[
            org("A", "2015-01-01", registration_level="city", district_code="350300"),
            org("C", "2015-01-01", district_code="350304"),
        ],
        hub_data=False,
    )
    assert rows(con, "select has_hub_data from marts.delivery") == [(False,)]
    assert rows(
        con,
        "select active_orgs, filed_orgs, total_orgs, hubs_total, linked_orgs, coverage_rate,"
        " mass_org_share, filed_linked_orgs, total_linked_orgs, total_coverage_rate"
        f" from marts.headline where as_of = '{LAST}'",
    ) == [(2, 1, 3, None, None, None, None, None, None, None)]
    assert rows(
        con,
        "select district_code, active_orgs, filed_orgs, linked_orgs, coverage_rate,"
        f" total_linked_orgs from marts.district_coverage where as_of = '{LAST}' order by 1",
    ) == [("350300", 1, 0, None, None, None), ("350304", 1, 1, None, None, None)]
    assert rows(
        con,
        "select region_level, region_code, active_orgs, linked_orgs, hubs_total"
        f" from marts.region_coverage where as_of = '{LAST}' and region_level <> 'county'",
    ) == [("province", "350000", 2, None, None), ("prefecture", "350300", 2, None, None)]
    assert rows(
        con,
        "select filed, is_linked, sum(active_orgs), count(linked_orgs) from marts.register_profile"
        f" where as_of = '{LAST}' group by all order by filed",
    ) == [(False, None, 2, 0), (True, None, 1, 0)]
    assert rows(
        con,
        "select count(*), count(hubs), count(linked_orgs), count(share_of_active)"
        f" from marts.hub_type_coverage where as_of = '{LAST}'",
    ) == [(11, 0, 0, 0)]
    from pipeline.transform import run_audits

    assert {name: n for name, n in run_audits(con).items() if n} == {}


def test_a_delivered_hub_file_without_rows_is_zero_hubs_not_missing_data(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(con, orgs=[org("A", "2015-01-01")])
    assert rows(con, "select hubs_total, linked_orgs, coverage_rate from marts.headline") == [
        (0, 0, 0.0)
    ]
