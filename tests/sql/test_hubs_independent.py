"""Held-out registers: the hubs' marts equal a plain-Python count from the raw files, at two year-ends.

Two generated registers, refreshed by the real refresh: the Beijing-shaped sample (every hub type,
service domains, ended links, revoked hubs, deregistered organizations, clerk's faults) and the
civil-affairs export (filed organizations linked by their filing id, organizations known only above
county level). tests/sql/hubs_oracle.py reads the raw files and counts by DOMAIN.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from pipeline.refresh import refresh_warehouse
from pipeline.sample import generate_sample, write_civil_affairs
from pipeline.transform import run_audits
from tests.sql import hubs_oracle
from tests.sql.registers_oracle import Register, read

Held = tuple[Register, duckdb.DuckDBPyConnection, tuple[dt.date, dt.date], Path]


@pytest.fixture(scope="module", params=["beijing", "civil_affairs"])
def held(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Held]:
    folder = tmp_path_factory.mktemp(request.param)
    raw = folder / "raw"
    if request.param == "beijing":
        report = generate_sample(raw, orgs=4000, seed=1818)
        reg, dates = (
            hubs_oracle.beijing(raw, report.faults),
            (dt.date(2010, 12, 31), dt.date(2015, 12, 31)),
        )
    else:
        report = write_civil_affairs(raw, seed=1818, orgs=700)
        reg, dates = read(raw, report.faults), (dt.date(2014, 12, 31), dt.date(2019, 12, 31))
    result = refresh_warehouse(raw, folder / "hub.duckdb")
    assert result.status == "succeeded", result.error
    con = duckdb.connect(str(folder / "hub.duckdb"), read_only=True)
    yield reg, con, dates, folder / "hub.duckdb"
    con.close()


def test_every_hubs_links_equal_the_independent_count(held: Held) -> None:
    reg, con, dates, _ = held
    for d in dates:
        got = {
            (hub_id, relation): (linked, filed)
            for hub_id, relation, linked, filed, total in con.execute(
                "select hub_id, relation, linked_orgs, filed_linked_orgs, total_linked_orgs"
                " from marts.hub_links_by_year where as_of = ?",
                [d],
            ).fetchall()
            if total == linked + filed
        }
        want = hubs_oracle.hub_links(reg, d)
        assert len(want) > 30 and sum(v[0] + v[1] for v in want.values()) > 80
        assert got == want, d


def test_the_field_reach_equals_the_independent_count(held: Held) -> None:
    reg, con, dates, _ = held
    for d in dates:
        got = {
            (r[0], r[1]): tuple(r[2:])
            for r in con.execute(
                "select hub_type, district_code, field_orgs, reached_by_own, reached_by_any,"
                " filed_field_orgs, filed_reached_by_own, filed_reached_by_any"
                " from marts.field_reach where as_of = ?",
                [d],
            ).fetchall()
        }
        assert got == hubs_oracle.field_reach(reg, d), d


def test_the_registers_hold_what_the_count_must_cover(held: Held) -> None:
    """So that the comparisons above are not void: revoked hubs, ended links, deregistered
    organizations; reach in several fields (Beijing), filed organizations linked by filing id and
    organizations known above county level (the export)."""
    reg, con, (_, last), _ = held
    assert any(h["revoked_on"] for h in reg.hubs.values())
    assert any(k["ended_on"] for k in reg.links)
    assert any(o["deregistered_on"] for o in reg.orgs.values())
    reach = hubs_oracle.field_reach(reg, last)
    if reg.filed:
        assert any(v[1] > 0 for v in hubs_oracle.hub_links(reg, last).values())
        filed = con.execute("select sum(filed_linked_orgs) from marts.hub_links_by_year").fetchone()
        assert filed is not None and filed[0] > 0
        assert {"350300", "510000"} & {o["location"] for o in reg.orgs.values()}
    else:
        types = {t for (t, _), v in reach.items() if v[1] > 0}
        assert types == set(hubs_oracle.FIELD)
        assert any(v[2] > v[1] for v in reach.values())  # reached by another hub, not its own
    assert {name: n for name, n in run_audits(con).items() if n} == {}


LEVELS = {"city": "市级", "district": "区级", "street": "街道级"}
FIELDS = {"union": ("工会", "职工服务类"), "youth_league": ("共青团", "青年类"), "women": ("妇联", "妇女儿童类"),
          "science": ("科协", "科技类"), "disabled": ("残联", "助残类")}  # fmt: skip


def _recognized(reg: Register, d: dt.date) -> list[str]:
    return [
        h
        for h, row in reg.hubs.items()
        if row["recognized_on"] <= d < (row["revoked_on"] or hubs_oracle.NEVER)
    ]


def _sentence(reg: Register, d: dt.date) -> str:
    """The seeds' hub sentence, written out here from the independent counts."""
    levels = [reg.hubs[h]["level"] for h in _recognized(reg, d)]
    parts = [f"{word}{levels.count(lv)}家" for lv, word in LEVELS.items() if levels.count(lv)]
    text = f"截至{d.year}年底，全市共认定枢纽型社会组织{len(levels)}家"
    text += f"，其中{'、'.join(parts)}" if parts else ""
    reach = hubs_oracle.field_reach(reg, d)
    for hub_type, (name, field) in FIELDS.items():
        n = sum(v[0] for (t, _), v in reach.items() if t == hub_type)
        own = sum(v[1] for (t, _), v in reach.items() if t == hub_type)
        if n:
            text += f"；{name}联系{field}社会组织{own}家，占该领域{own / n * 100:.1f}%"
    return text + "。"


def test_the_pages_ranking_and_the_seeds_sentence_equal_the_independent_count(
    held: Held, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Per hub: links at the two year-ends, the increase and its share of all hubs' increase, as the
    枢纽 page computes them; the hub sentence in Chinese with the independent figures."""
    from dashboard.core.filters import Filters
    from dashboard.hubs.queries import hub_table
    from dashboard.profile import hub_facts, summary

    reg, _, (base, now), path = held
    monkeypatch.setenv("SHUNIU_WAREHOUSE", str(path))
    f = Filters(year=now.year, base_year=base.year)
    shown = set(_recognized(reg, now)) | set(_recognized(reg, base))
    counts = {d: hubs_oracle.hub_links(reg, d) for d in (base, now)}
    linked = {h: [counts[d].get((h, "any"), (0, 0))[0] for d in (now, base)] for h in shown}
    total = sum(a - b for a, b in linked.values())
    want = {h: (a, b, a - b, (a - b) / total if total else None) for h, (a, b) in linked.items()}
    got = {
        r["hub_id"]: (
            r["linked_orgs"],
            r["base_linked_orgs"],
            r["increase"],
            r["share_of_increase"],
        )
        for r in hub_table(f).iter_rows(named=True)
    }
    assert got == want
    assert sum(v[2] for v in want.values()) > 50
    sentence = summary.hub_sentence(hub_facts.load(f), "全市", now.year, "zh")
    assert sentence == _sentence(reg, now)
