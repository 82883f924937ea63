"""Held-out registers: the hubs' marts equal a plain-Python count from the raw files, at two year-ends.

Two generated registers, refreshed by the real refresh: the Beijing-shaped sample (every hub type,
service domains, ended links, revoked hubs, deregistered organizations, clerk's faults) and the
civil-affairs export (filed organizations linked by their filing id, organizations known only above
county level). tests/sql/hubs_oracle.py reads the raw files and counts by DOMAIN.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import duckdb
import pytest

from pipeline.refresh import refresh_warehouse
from pipeline.sample import generate_sample, write_civil_affairs
from pipeline.transform import run_audits
from tests.sql import hubs_oracle
from tests.sql.registers_oracle import Register, read

Held = tuple[Register, duckdb.DuckDBPyConnection, tuple[dt.date, dt.date]]


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
    yield reg, con, dates
    con.close()


def test_every_hubs_links_equal_the_independent_count(held: Held) -> None:
    reg, con, dates = held
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
    reg, con, dates = held
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
    reg, con, (_, last) = held
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
