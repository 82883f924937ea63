"""marts.district_funding and marts.funding_facts: money paid by year, district and source."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import duckdb

from tests.sql.warehouse import build, funding, org, rows

ORGS = [
    org("A", "2018-01-01"),
    org("B", "2018-01-01", district_code="110102", org_type="foundation"),
    org("C", "2018-01-01", district_code="110102"),
]


def test_funding_goes_to_the_record_district_else_the_recipients(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(
        con,
        orgs=ORGS,
        funds=[
            funding("F1", "A", "100.00", "2021-01-05"),  # A's district 110101
            funding("F2", "A", "50.00", "2021-02-01", district_code="110105"),
            funding("F3", "B", "30.00", "2021-03-01"),  # B's district 110102
            funding("F4", "A", "20.00", "2021-12-31"),
            funding("F5", "B", "5.00", "2021-04-01", district_code="110101", source="lottery"),
            funding("F6", "C", "7.00", "2021-05-01", district_code="110101"),
            funding("F7", "A", "1.00", "2022-01-01"),
        ],
    )
    assert rows(con, "select * from marts.district_funding order by all") == [
        (2021, "110101", "东城区", "fiscal", Decimal("127.00"), 3, 2),
        (2021, "110101", "东城区", "lottery", Decimal("5.00"), 1, 1),
        (2021, "110102", "西城区", "fiscal", Decimal("30.00"), 1, 1),
        (2021, "110105", "朝阳区", "fiscal", Decimal("50.00"), 1, 1),
        (2022, "110101", "东城区", "fiscal", Decimal("1.00"), 1, 1),
    ]


def test_funding_facts_keep_one_row_per_recipient(con: duckdb.DuckDBPyConnection) -> None:
    build(
        con,
        orgs=ORGS,
        funds=[
            funding("F1", "A", "100.00", "2021-01-05"),
            funding("F2", "A", "0.50", "2021-06-05", district_code="110101"),
            funding("F3", "B", "30.00", "2021-03-01", district_code="110101"),
        ],
    )
    assert rows(con, "select * from marts.funding_facts order by all") == [
        (2021, "110101", "fiscal", "A", "social_group", Decimal("100.50"), 2, date(2021, 6, 5)),
        (2021, "110101", "fiscal", "B", "foundation", Decimal("30.00"), 1, date(2021, 3, 1)),
    ]


def test_funding_cube_counts_distinct_recipients_exactly(con: duckdb.DuckDBPyConnection) -> None:
    """A recipient paid from two sources in two districts counts once in the "all" rows.

    recipients add up over org_type (a recipient has one), so the check sums over it.
    """
    build(
        con,
        orgs=ORGS,
        funds=[
            funding("F1", "A", "100.00", "2021-01-05"),
            funding("F2", "A", "0.50", "2021-06-05", district_code="110102", source="lottery"),
            funding("F3", "B", "30.00", "2021-03-01", district_code="110101"),
        ],
    )
    assert rows(
        con,
        "select district_code, source, all_districts, all_sources, sum(amount_yuan), sum(records)::int,"
        " sum(recipients)::int from marts.funding_cube group by all"
        " order by all_districts, all_sources, district_code, source",
    ) == [
        ("110101", "fiscal", False, False, Decimal("130.00"), 2, 2),
        ("110102", "lottery", False, False, Decimal("0.50"), 1, 1),
        ("110101", None, False, True, Decimal("130.00"), 2, 2),
        ("110102", None, False, True, Decimal("0.50"), 1, 1),
        (None, "fiscal", True, False, Decimal("130.00"), 2, 2),
        (None, "lottery", True, False, Decimal("0.50"), 1, 1),
        (None, None, True, True, Decimal("130.50"), 3, 2),
    ]
    assert rows(
        con, "select recipient_uscc, amount_yuan, records from marts.recipient_year order by 1"
    ) == [
        ("A", Decimal("100.50"), 2),
        ("B", Decimal("30.00"), 1),
    ]


def test_a_retired_district_on_a_record_counts_in_todays_district(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(
        con,
        orgs=ORGS,
        funds=[
            funding("F1", "A", "9.99", "2019-01-01", district_code="110104"),
            funding("F2", "B", "0.01", "2019-02-01", district_code="110102"),
        ],
    )
    assert rows(
        con,
        "select district_code, district_name, amount_yuan, records, recipients"
        " from marts.district_funding",
    ) == [("110102", "西城区", Decimal("10.00"), 2, 2)]
