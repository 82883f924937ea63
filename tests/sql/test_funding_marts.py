"""The funding marts from one pass over the records: distinct recipients exact in every row.

marts.funding_facts is the one pass over the payments; recipient_year, funding_cube,
district_funding and region_funding derive from it and from one another, counting distinct
recipients through recipient_year's sole district (a recipient paid in several districts in a year
is counted from its own facts). Checked by hand on a few records, then against a count by
definition on random registers."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.transform import build_model
from tests.sql.warehouse import build, empty_warehouse, funding, insert, org, rows

FUNDING_MODELS = (
    "staging.organizations",
    "staging.funding",
    "marts.funding_facts",
    "marts.recipient_year",
    "marts.funding_cube",
    "marts.district_funding",
    "marts.region_funding",
)
# counties of two prefectures of Sichuan, a prefecture's own code, and a Beijing district
DISTRICTS = ("510104", "510105", "510100", "511702", "511703", "110101")
ORGS = [
    org("A", "2018-01-01", district_code="510104"),
    org("B", "2018-01-01", district_code="511702", org_type="foundation"),
    org("C", "2018-01-01", district_code="110101"),
    org("D", "2018-01-01", district_code="510100", org_type="private_non_enterprise"),
]


def test_a_recipient_paid_in_two_districts_counts_once_above_them(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """A is paid in two counties of 成都 (510104, 510105) in 2021: once in 成都 and 四川, once in
    each county; B only in its own county from two sources: once everywhere."""
    build(
        con,
        orgs=ORGS,
        funds=[
            funding("F1", "A", "100.00", "2021-01-05"),
            funding("F2", "A", "50.00", "2021-02-01", district_code="510105", source="lottery"),
            funding("F3", "B", "30.00", "2021-03-01"),
            funding("F4", "B", "5.00", "2021-04-01", source="lottery"),
            funding("F5", "A", "1.00", "2022-01-01"),
        ],
    )
    assert rows(
        con,
        "select year, recipient_uscc, sole_district_code from marts.recipient_year order by 1, 2",
    ) == [(2021, "A", None), (2021, "B", "511702"), (2022, "A", "510104")]
    assert rows(
        con,
        "select region_code, amount_yuan, records, recipients from marts.region_funding"
        " where year = 2021 order by region_code",
    ) == [
        ("510000", Decimal("185.00"), 4, 2),
        ("510100", Decimal("150.00"), 2, 1),
        ("510104", Decimal("100.00"), 1, 1),
        ("510105", Decimal("50.00"), 1, 1),
        ("511700", Decimal("35.00"), 2, 1),
        ("511702", Decimal("35.00"), 2, 1),
    ]
    assert rows(
        con,
        "select source, sum(recipients)::int from marts.funding_cube where year = 2021"
        " and all_districts and not all_sources group by source order by source",
    ) == [("fiscal", 2), ("lottery", 2)]


def oracle(
    con: duckdb.DuckDBPyConnection, orgs: list[dict[str, Any]], funds: list[dict[str, Any]]
) -> dict[str, set[tuple[Any, ...]]]:
    """Every row of the funding marts counted by definition, one record at a time."""
    home = {o["uscc"]: (o["district_code"], o["org_type"]) for o in orgs}
    levels = defaultdict(list)
    for district, level, region, parent in rows(con, "select * from ref.region_levels"):
        levels[district].append((level, region, parent))
    sums: dict[tuple[Any, ...], list[Any]] = defaultdict(lambda: [Decimal("0.00"), 0, set()])
    for f in funds:
        district = f["district_code"] or home[f["recipient_uscc"]][0]
        year, org_type = int(f["paid_on"][:4]), home[f["recipient_uscc"]][1]
        keys = [
            ("cube", year, district, f["source"], org_type, False, False),
            ("cube", year, district, None, org_type, False, True),
            ("cube", year, None, f["source"], org_type, True, False),
            ("cube", year, None, None, org_type, True, True),
            ("district", year, district, f["source"]),
            *(("region", year, level, code, parent) for level, code, parent in levels[district]),
        ]
        for key in keys:
            entry = sums[key]
            entry[0] += f["amount_yuan"]
            entry[1] += 1
            entry[2].add(f["recipient_uscc"])
    found: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    for (mart, *key), (amount, records, recipients) in sums.items():
        found[mart].add((*key, amount, records, len(recipients)))
    return found


def built(
    con: duckdb.DuckDBPyConnection, orgs: list[dict[str, Any]], funds: list[dict[str, Any]]
) -> dict[str, set[tuple[Any, ...]]]:
    """The funding marts' rows, built from these records."""
    insert(con, "organizations", orgs)
    insert(con, "funding", funds)
    for model in FUNDING_MODELS:
        build_model(con, model)
    return {
        "cube": set(
            rows(
                con,
                "select year, district_code, source, org_type, all_districts, all_sources,"
                " amount_yuan, records, recipients from marts.funding_cube",
            )
        ),
        "district": set(
            rows(
                con,
                "select year, district_code, source, amount_yuan, records, recipients"
                " from marts.district_funding",
            )
        ),
        "region": set(
            rows(
                con,
                "select year, region_level, region_code, parent_code, amount_yuan, records,"
                " recipients from marts.region_funding",
            )
        ),
    }


record = st.fixed_dictionaries(
    {
        "recipient_uscc": st.sampled_from([o["uscc"] for o in ORGS]),
        "paid_on": st.sampled_from(["2020-03-01", "2021-06-30", "2021-12-31"]),
        "district_code": st.one_of(st.none(), st.sampled_from(DISTRICTS)),
        "source": st.sampled_from(["fiscal", "lottery", "donation"]),
        "amount_yuan": st.integers(1, 10_000).map(lambda fen: Decimal(fen) / 100),
    }
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(record, max_size=14))
def test_every_funding_figure_equals_a_count_by_definition(drawn: list[dict[str, Any]]) -> None:
    funds = [{"funding_id": f"F{i}", **f} for i, f in enumerate(drawn)]
    con = empty_warehouse()
    try:
        assert built(con, ORGS, funds) == {
            mart: oracle(con, ORGS, funds)[mart] for mart in ("cube", "district", "region")
        }
    finally:
        con.close()
