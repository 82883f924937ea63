"""marts.region_coverage and marts.region_funding, and retired codes counted in today's districts.

The register below spans five provinces and carries codes retired in a merger (崇文 110103,
宣武 110104, 江北 500105), in a split (达县 511721) and a retired prefecture (达川地区 513000).
The expected figures are computed here in plain Python from the rows and a hand-written map of
each code to today's county, prefecture and province (not from ref.regions or the SQL).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

import duckdb
import pytest

from tests.sql.warehouse import Row, build, funding, link, org, project, rows

# code as filed -> today's code (by hand, from the GB/T 2260 change lists)
TODAY = {
    "110103": "110101",  # 崇文区 -> 东城区 (2010)
    "110104": "110102",  # 宣武区 -> 西城区 (2010)
    "500105": "500157",  # 江北区 -> 两江新区 (2025)
    "511721": "511703",  # 达县 -> 达川区 (2013; part to 通川区: counted in 达川, the new unit)
    "513000": "511700",  # 达川地区 -> 达州市 (1999)
}
# today's code -> (county, prefecture, province) it lies in (None where the code does not reach)
PLACE = {
    "110101": ("110101", "110000", "110000"),
    "110102": ("110102", "110000", "110000"),
    "110105": ("110105", "110000", "110000"),
    "110000": (None, "110000", "110000"),
    "500157": ("500157", "500000", "500000"),
    "500229": ("500229", "500000", "500000"),
    "511702": ("511702", "511700", "510000"),
    "511703": ("511703", "511700", "510000"),
    "511700": (None, "511700", "510000"),
    "350302": ("350302", "350300", "350000"),
    "429004": ("429004", "429004", "420000"),
    "441900": ("441900", "441900", "440000"),
    "440000": (None, None, "440000"),
}
LEVELS = ("province", "prefecture", "county")


def _hub(hub_id: str, level: str, code: str, recognized_on: str, hub_type: str = "union") -> Row:
    return {
        "hub_id": hub_id,
        "name": f"枢纽{hub_id}",
        "level": level,
        "district_code": code,
        "street_name": "某街道" if level == "street" else None,
        "hub_type": hub_type,
        "recognized_on": recognized_on,
        "revoked_on": None,
    }


REGISTER: dict[str, list[Row]] = {
    "orgs": [
        org("A", "2008-03-01", district_code="110103"),
        org("B", "2009-01-01"),
        org("C", "2009-05-01", "2011-06-01", district_code="110105"),
        org("D", "2010-01-01", district_code="500105"),
        org("E", "2010-02-01", district_code="500229"),
        org("F", "2010-03-01", district_code="511721"),
        org("G", "2011-01-01", district_code="511702"),
        org("H", "2011-02-01", district_code="350302"),
        org("I", "2009-07-01", district_code="429004"),
        org("J", "2010-08-01", district_code="441900"),
    ],
    "hubs": [
        _hub("H1", "city", "511700", "2009-01-01"),
        _hub("H2", "district", "511702", "2010-01-01", "women"),
        _hub("H3", "city", "110000", "2008-01-01"),
        _hub("H4", "city", "513000", "1998-06-01", "federation"),
        _hub("H5", "street", "441900", "2012-01-01", "youth_league"),
    ],
    "links": [
        link("H1", "F", "managed", "2010-05-01"),
        link("H1", "G", "liaison", "2011-02-01"),
        link("H2", "G", "managed", "2011-03-01"),
        link("H3", "A", "managed", "2009-01-01"),
        link("H3", "C", "liaison", "2010-01-01"),
        link("H4", "F", "liaison", "2010-06-01", "2012-06-01"),
        link("H5", "J", "liaison", "2012-02-01"),
    ],
    "funds": [
        funding("F1", "F", "100.00", "2012-03-01"),
        funding("F2", "F", "50.00", "2012-04-01", district_code="511702"),
        funding("F3", "G", "30.00", "2012-05-01", district_code="511700"),
        funding("F4", "A", "10.00", "2012-06-01", district_code="110104"),
        funding("F5", "D", "5.00", "2013-01-01"),
        funding("F6", "J", "7.00", "2012-07-01", district_code="440000"),
        funding("F7", "G", "1.00", "2012-08-01"),
    ],
}


def _on(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(str(value))


def _running(start: Any, end: Any, day: date) -> bool:
    ended = _on(end)
    return _on(start) <= day and (ended is None or ended > day)  # type: ignore[operator]


def _today(code: str) -> str:
    return TODAY.get(code, code)


def _regions(code: str) -> list[tuple[str, str, str | None]]:
    """(level, region, parent) a today's code lies in, by the hand-written PLACE."""
    county, prefecture, province = PLACE[code]
    found = []
    for level, region, parent in (
        ("province", province, None),
        ("prefecture", prefecture, province),
        ("county", county, prefecture),
    ):
        if region is not None:
            found.append((level, region, parent))
    return found


def expected_coverage() -> list[tuple[Any, ...]]:
    """region_coverage's rows, counted one organization and one hub at a time."""
    orgs, hubs, links = REGISTER["orgs"], REGISTER["hubs"], REGISTER["links"]
    hub_by_id = {h["hub_id"]: h for h in hubs}
    years = range(2008, 2014)
    present = {r for o in orgs for r in _regions(_today(o["district_code"]))}
    out = []
    for year in years:
        day = date(year, 12, 31)
        counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
        for o in orgs:
            if not _running(o["registered_on"], o["deregistered_on"], day):
                continue
            linked = any(
                k["uscc"] == o["uscc"]
                and _running(k["linked_on"], k["ended_on"], day)
                and _running(hub_by_id[k["hub_id"]]["recognized_on"], None, day)
                for k in links
            )
            for level, region, _ in _regions(_today(o["district_code"])):
                counts[(level, region)][0] += 1
                counts[(level, region)][1] += int(linked)
        for h in hubs:
            if _running(h["recognized_on"], h["revoked_on"], day):
                for level, region, _ in _regions(_today(h["district_code"])):
                    counts[(level, region)][
                        2 + ("city", "district", "street").index(h["level"])
                    ] += 1
        for level, region, parent in sorted(present, key=lambda r: (LEVELS.index(r[0]), r[1])):
            active, linked_n, city, district, street = counts[(level, region)]
            rate = linked_n / active if active else None
            out.append(
                (day, level, region, parent, active, linked_n, rate, city, district, street)
                + (city + district + street,)
            )
    return out


def expected_funding() -> list[tuple[Any, ...]]:
    """region_funding's rows, one record at a time; recipients distinct per region."""
    home = {o["uscc"]: o["district_code"] for o in REGISTER["orgs"]}
    sums: dict[tuple[int, str, str, str | None], list[Any]] = defaultdict(
        lambda: [Decimal("0.00"), 0, set()]
    )
    for f in REGISTER["funds"]:
        code = _today(f["district_code"] or home[f["recipient_uscc"]])
        year = date.fromisoformat(f["paid_on"]).year
        for level, region, parent in _regions(code):
            entry = sums[(year, level, region, parent)]
            entry[0] += f["amount_yuan"]
            entry[1] += 1
            entry[2].add(f["recipient_uscc"])
    ordered = sorted(sums, key=lambda k: (k[0], LEVELS.index(k[1]), k[2]))
    return [
        (year, level, region, sums[k][0], sums[k][1], len(sums[k][2]), parent)
        for k in ordered
        for year, level, region, parent in [k]
    ]


@pytest.fixture
def register(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    build(con, **REGISTER)
    return con


def test_region_coverage_at_every_level_equals_a_count_by_hand(
    register: duckdb.DuckDBPyConnection,
) -> None:
    found = rows(
        register,
        "select as_of, region_level, region_code, parent_code, active_orgs, linked_orgs,"
        " coverage_rate, hubs_city, hubs_district, hubs_street, hubs_total"
        " from marts.region_coverage",
    )
    assert found == expected_coverage()


def test_region_funding_at_every_level_equals_a_count_by_hand(
    register: duckdb.DuckDBPyConnection,
) -> None:
    found = rows(
        register,
        "select year, region_level, region_code, amount_yuan, records, recipients, parent_code"
        " from marts.region_funding",
    )
    assert found == expected_funding()


def test_a_merged_code_counts_in_its_successor_before_the_merger_too(
    register: duckdb.DuckDBPyConnection,
) -> None:
    # A was filed under 崇文区 110103 in 2008, two years before the merger into 东城区
    assert rows(
        register,
        "select year(as_of), active_orgs, linked_orgs from marts.district_coverage"
        " where district_code = '110101' and year(as_of) <= 2009 order by as_of",
    ) == [(2008, 1, 0), (2009, 2, 1)]
    codes = rows(register, "select distinct district_code from marts.district_coverage order by 1")
    assert ("110103",) not in codes and ("500105",) not in codes and ("511721",) not in codes


def test_a_municipality_is_its_own_prefecture(register: duckdb.DuckDBPyConnection) -> None:
    assert rows(
        register,
        "select region_level, region_code, region_name, parent_code, active_orgs"
        " from marts.region_coverage where as_of = '2010-12-31' and region_code like '11%'",
    ) == [
        ("province", "110000", "北京市", None, 3),
        ("prefecture", "110000", "北京市", "110000", 3),
        ("county", "110101", "东城区", "110000", 2),
        ("county", "110105", "朝阳区", "110000", 1),
    ]


def test_a_prefecture_level_hub_counts_in_its_prefecture_and_province_not_in_a_county(
    register: duckdb.DuckDBPyConnection,
) -> None:
    # 达州's city-level hubs: H1 filed 511700, H4 filed under 达川地区 513000 (retired 1999)
    assert rows(
        register,
        "select region_level, region_code, hubs_city, hubs_district, hubs_total"
        " from marts.region_coverage where as_of = '2011-12-31' and region_code like '51%'",
    ) == [
        ("province", "510000", 2, 1, 3),
        ("prefecture", "511700", 2, 1, 3),
        ("county", "511702", 0, 1, 1),
        ("county", "511703", 0, 0, 0),
    ]
    assert rows(
        register,
        "select distinct district_code, registered_district_code from marts.hub_year"
        " where hub_id = 'H4'",
    ) == [("511700", "513000")]


def test_recipients_are_distinct_in_a_prefecture_not_summed_over_its_counties(
    register: duckdb.DuckDBPyConnection,
) -> None:
    # F was paid in 511703 (its own district) and 511702; G in 511700 itself and in 511702
    assert rows(
        register,
        "select region_level, region_code, amount_yuan, records, recipients"
        " from marts.region_funding where year = 2012 and region_code like '51%'",
    ) == [
        ("province", "510000", Decimal("181.00"), 4, 2),
        ("prefecture", "511700", Decimal("181.00"), 4, 2),
        ("county", "511702", Decimal("51.00"), 2, 2),
        ("county", "511703", Decimal("100.00"), 1, 1),
    ]


def test_a_split_code_counts_in_the_successor_its_rule_names(
    register: duckdb.DuckDBPyConnection,
) -> None:
    assert rows(
        register,
        "select district_code, registered_district_code from staging.organizations"
        " where uscc = 'F'",
    ) == [("511703", "511721")]
    assert rows(
        register,
        "select successor_code, successor_codes, split_rule from ref.region_successors"
        " where region_code = '511721'",
    ) == [("511703", ["511702", "511703"], "new_unit")]


def test_a_reused_code_counts_by_what_it_meant_on_the_registration_date(
    con: duckdb.DuckDBPyConnection,
) -> None:
    # 130107 井陉矿区 merged into 井陉县 130121 in 1989; the code was set up again in 1992
    build(
        con,
        orgs=[
            org("A", "1988-01-01", district_code="130107"),
            org("B", "1993-01-01", district_code="130107"),
        ],
    )
    assert rows(
        con,
        "select district_code, district_name, active_orgs from marts.district_coverage"
        " where as_of = '1993-12-31' order by 1",
    ) == [("130107", "井陉矿区", 1), ("130121", "井陉县", 1)]


def test_projects_and_funding_keep_the_code_as_filed_beside_todays(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(
        con,
        orgs=[org("A", "2009-01-01", district_code="110103")],
        projects=[project("P1", "A", "2009-02-01", "10.00", district_code="110104")],
        funds=[funding("F1", "A", "1.00", "2009-03-01")],
    )
    assert rows(
        con,
        "select district_code, registered_district_code, effective_district_code, district_name"
        " from marts.projects",
    ) == [("110102", "110104", "110102", "西城区")]
    assert rows(con, "select district_code from marts.funding_facts") == [("110101",)]
    assert rows(con, "select district_code from clean.projects") == [("110104",)]
