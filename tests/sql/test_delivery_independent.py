"""A generated register (the bundled sample's shape, held out: its own seed and size) refreshed by the
real pipeline: who delivers purchased services, who evaluated them, and union and party coverage
counted all ways equal a plain-Python count of the raw files (tests/sql/delivery_oracle.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline.refresh import refresh_warehouse
from pipeline.sample import generate_sample
from pipeline.sample.register import SampleReport
from tests.sql import delivery_oracle as oracle

SEED, ORGS = 1818, 6000
Held = tuple[SampleReport, Path, duckdb.DuckDBPyConnection]


@pytest.fixture(scope="module")
def held(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Held]:
    folder = tmp_path_factory.mktemp("held_out")
    report = generate_sample(folder / "raw", seed=SEED, orgs=ORGS)
    result = refresh_warehouse(folder / "raw", folder / "hub.duckdb")
    assert result.status == "succeeded", result.error
    con = duckdb.connect(str(folder / "hub.duckdb"), read_only=True)
    yield report, folder / "raw", con
    con.close()


def _read(held: Held) -> tuple[dict[str, oracle.Row], list[oracle.Row]]:
    report, raw, _ = held
    orgs = oracle.organizations(raw, report.faults)
    return orgs, oracle.projects(raw, report.faults, orgs)


def test_only_the_planted_faults_are_rejected(held: Held) -> None:
    report, _, con = held
    rejected = set(con.execute("select distinct file, line from quality.rejected_rows").fetchall())
    assert rejected == {(f.file, f.line) for f in report.faults}


def test_projects_and_money_per_provider_equal_an_independent_count(held: Held) -> None:
    orgs, work = _read(held)
    want = oracle.provider_year(orgs, work)
    got: dict[tuple[Any, ...], list[Any]] = {
        tuple(r[:3]): list(r[3:])
        for r in held[2]
        .execute(
            "select year, district_code, provider_uscc, org_type, rating_band, registration_mode,"
            " projects, contract_amount_yuan from marts.provider_year"
        )
        .fetchall()
    }
    assert len(got) == len(want) > 400
    assert got == want
    bands = Counter(v[1] for v in want.values())
    assert set(bands) == {"unrated", "1a_3a", "4a_5a"}  # every band occurs: the check can fail


def test_completed_projects_by_evaluator_and_grade_equal_an_independent_count(
    held: Held,
) -> None:
    orgs, work = _read(held)
    want = oracle.evaluation(orgs, work)
    got = Counter(
        {
            tuple(r[:6]): r[6]
            for r in held[2]
            .execute(
                "select year, district_code, org_type, is_evaluated, evaluated_by,"
                " evaluation_grade, completed_projects from marts.project_evaluation"
            )
            .fetchall()
        }
    )
    assert got == want
    by_whom = Counter(key[4] for key in want.elements())
    assert {"self", "third_party", "purchaser", "unstated", None} <= set(by_whom)
    assert by_whom["self"] > 50  # self-evaluation, read from the kind and from the name


def test_union_and_party_coverage_all_ways_equal_an_independent_count(held: Held) -> None:
    orgs, _ = _read(held)
    names = ("union", "party_org")
    got = {
        year: Counter(dict(zip(
            [f"{n}_{w}" for n in names for w in ("formal", "effective", "via_supervisor")],
            values, strict=True)))
        for year, *values in held[2].execute(
            "select year(as_of), sum(with_union_formal), sum(with_union_effective),"
            " sum(union_via_supervisor), sum(with_party_org_formal),"
            " sum(with_party_org_effective), sum(party_org_via_supervisor)"
            " from marts.register_profile where not filed group by all"
        ).fetchall()
    }  # fmt: skip
    want = oracle.forms(orgs, got)
    assert got == want
    last = max(got)
    assert got[last]["union_formal"] > got[last]["union_effective"] > 0
