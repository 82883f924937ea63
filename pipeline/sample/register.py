"""Deterministic synthetic registers: the bundled Beijing-shaped sample and the national benchmark."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from pipeline.messages import text
from pipeline.sample import fault_rows as inj
from pipeline.sample.clerk_text import blank_to_null
from pipeline.sample.faults import Fault, insert
from pipeline.sample.file_columns import (
    hub_rows,
    render_funding,
    render_links,
    render_orgs,
    render_projects,
)
from pipeline.sample.files import (
    FUNDING_HEADERS,
    LINK_HEADERS,
    ORG_HEADERS,
    PROJECT_HEADERS,
    write_csv,
    write_hubs_xlsx,
)
from pipeline.sample.forms import with_evaluators, with_forms
from pipeline.sample.funding import make_funding
from pipeline.sample.geography import POPULATION_YEARS, Geo, beijing, national, with_retired
from pipeline.sample.hubs import make_hubs
from pipeline.sample.links import make_links
from pipeline.sample.organizations import make_orgs
from pipeline.sample.projects import make_projects
from pipeline.sample.readme import readme
from pipeline.sample.scales import BEIJING, NATIONAL, Scale

Progress = Callable[[str], None]
ORG_LABELS = ["org_type", "status", "service_domain", "registration_level", "rating"]


@dataclass(frozen=True)
class Tables:
    """The typed synthetic register before it is written."""

    geo: Geo
    orgs: pl.DataFrame
    spares: pl.DataFrame  # generated like the others, never registered: for faults
    hubs: pl.DataFrame
    links: pl.DataFrame
    projects: pl.DataFrame
    funding: pl.DataFrame


@dataclass(frozen=True)
class SampleReport:
    """Rows written per file, and every fault injected (file, line, kind)."""

    rows: dict[str, int]
    faults: tuple[Fault, ...]


def write_sample(
    out_dir: Path,
    *,
    scale: str = "beijing",
    seed: int = 20151231,
    orgs: int | None = None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Write a synthetic raw folder and return the data rows written per file.

    Scale "beijing" (~35k organizations, 669 hubs) is the bundled sample; "national"
    (~1M organizations, ~5k hubs) is the benchmark; `orgs` overrides the organization count.
    The same seed always gives byte-identical files. Besides the input files the folder
    gets README.md, which lists every deliberate fault with its line numbers.

    About 0.4% of the rows of each file are deliberate clerk's faults, each kind equally:
    organizations.csv: bad_check_char, type_char_mismatch, missing_name, unknown_district,
    future_registration, deregistered_without_date, deregistered_before_registered,
    duplicate_uscc, unknown_label, unparseable_date; hubs.xlsx (one row each):
    duplicate_hub_id, unknown_label, unparseable_date, revoked_before_recognized;
    hub_links.csv: unknown_org, unknown_hub, ended_before_linked, unknown_label,
    unparseable_date, missing_date; projects.csv: duplicate_project_id, negative_amount,
    unknown_label, unparseable_date, end_before_start, missing_name, unknown_provider,
    unknown_purchaser_hub; funding.csv: duplicate_funding_id, zero_amount, negative_amount,
    unknown_label, unparseable_date, missing_date, unknown_recipient, unknown_project,
    unknown_district. Duplicates are later copies of clean rows; the other faulty rows are
    extra rows, so the clean register stays whole. Not faults, but warnings: a few
    organizations carry district codes retired in a merger (110103, 110104 in Beijing).
    `generate_sample` returns the same with the list of faults.
    """
    return generate_sample(out_dir, scale=scale, seed=seed, orgs=orgs, progress=progress).rows


def build_tables(scale: str, seed: int, orgs: int | None, say: Progress) -> Tables:
    """Generate every typed table of the register."""
    if scale not in ("beijing", "national"):
        raise ValueError(f"unknown scale {scale!r}: use 'beijing' or 'national'")
    cfg: Scale = BEIJING if scale == "beijing" else NATIONAL
    rng = np.random.default_rng(seed)
    geo = beijing() if scale == "beijing" else with_retired(national(rng), rng, 8)
    n = orgs if orgs is not None else cfg.orgs
    if n < 1:
        raise ValueError(f"orgs must be at least 1, not {n}")
    spare = int(np.ceil(n * 0.012)) + 40
    everyone = with_forms(make_orgs(rng, geo, cfg, n, spare), np.random.default_rng([seed, 100]))
    is_spare = np.zeros(everyone.height, bool)
    is_spare[rng.choice(everyone.height, size=spare, replace=False)] = True
    clean, spares = everyone.filter(pl.Series(~is_spare)), everyone.filter(pl.Series(is_spare))
    say(text("sample.organizations", count=clean.height))
    hubs = make_hubs(rng, geo, scale)
    cities = np.array([int(c.code) for c in geo.cities])
    links = make_links(rng, clean, hubs, cities, cfg)
    say(text("sample.hubs_links", hubs=hubs.height, links=links.height))
    projects = with_evaluators(
        make_projects(rng, geo, clean, hubs, cfg), clean, np.random.default_rng([seed, 101])
    )
    funding = make_funding(rng, geo, clean, projects, hubs, cfg)
    say(text("sample.projects_funding", projects=projects.height, funding=funding.height))
    return Tables(geo, clean, spares, hubs, links, projects, funding)


def _ids(
    prefix: str, width: int, start: int, date_column: str
) -> Callable[[pl.DataFrame], pl.DataFrame]:
    """New ids (prefix, year, sequence) for fault rows that are not duplicates."""
    counter = itertools.count(start)

    def fresh(rows: pl.DataFrame) -> pl.DataFrame:
        seq = pl.Series([f"{next(counter):0{width}d}" for _ in range(rows.height)])
        year = rows[date_column].cast(pl.Int32).cast(pl.Date).dt.year().cast(pl.String)
        column = "project_id" if prefix == "XM" else "funding_id"
        return rows.with_columns((pl.lit(prefix) + year + seq).alias(column))

    return fresh


def _organizations(
    t: Tables, rng: np.random.Generator, out: Path, unknown: str
) -> tuple[int, list[Fault]]:
    def render(rows: pl.DataFrame) -> pl.DataFrame:
        return render_orgs(rng, rows).with_columns(rows["uscc"])  # keep faulty codes half-width

    ctx: dict[str, object] = {
        "unknown_code": unknown,
        "date_column": "registered_on",
        "label_columns": ORG_LABELS,
    }
    bad, kinds, after = inj.fault_rows(
        "organizations.csv",
        t.orgs,
        rng,
        mistake=inj.org_mistake(rng),
        render=render,
        ctx=ctx,
        fresh=t.spares,
    )
    rows, faults = insert(
        blank_to_null(render_orgs(rng, t.orgs)), bad, kinds, after, rng, "organizations.csv"
    )
    return write_csv(rows, out / "organizations.csv", ORG_HEADERS, bom=True), faults


def _hubs(t: Tables, rng: np.random.Generator, out: Path) -> tuple[int, list[Fault]]:
    clean = hub_rows(t.hubs, rng).with_columns(
        pl.lit(None, dtype=pl.String).alias("recognized_text")
    )
    bad, kinds, after = inj.hub_faults(clean, rng)
    rows, faults = insert(clean, bad, kinds, after, rng, "hubs.xlsx")
    return write_hubs_xlsx(rows, out / "hubs.xlsx"), faults


def _links(
    t: Tables, rng: np.random.Generator, out: Path, spare: pl.Series
) -> tuple[int, list[Fault]]:
    def render(rows: pl.DataFrame) -> pl.DataFrame:
        return render_links(rng, rows, t.orgs, t.hubs)

    ctx: dict[str, object] = {
        "spare_uscc": spare.to_list(),
        "date_column": "linked_on",
        "label_columns": ["relation"],
    }
    bad, kinds, after = inj.fault_rows(
        "hub_links.csv", t.links, rng, mistake=inj.link_mistake(rng), render=render, ctx=ctx
    )
    rows, faults = insert(blank_to_null(render(t.links)), bad, kinds, after, rng, "hub_links.csv")
    n = write_csv(rows, out / "hub_links.csv", LINK_HEADERS, encoding="gb18030", crlf=True)
    return n, faults


def _projects(
    t: Tables, rng: np.random.Generator, out: Path, spare: pl.Series
) -> tuple[int, list[Fault]]:
    def render(rows: pl.DataFrame) -> pl.DataFrame:
        return render_projects(rng, rows, t.orgs, t.hubs)

    ctx: dict[str, object] = {
        "spare_uscc": spare.to_list(),
        "date_column": "start_on",
        "label_columns": ["category", "status"],
        "fake_hub": t.hubs["hub_id"][0][:9] + "987",
    }
    bad, kinds, after = inj.fault_rows(
        "projects.csv",
        t.projects,
        rng,
        mistake=inj.project_mistake(rng),
        render=render,
        ctx=ctx,
        fresh_ids=_ids("XM", 6, t.projects.height + 1, "start_on"),
    )
    rows, faults = insert(blank_to_null(render(t.projects)), bad, kinds, after, rng, "projects.csv")
    return write_csv(rows, out / "projects.csv", PROJECT_HEADERS), faults


def _funding(
    t: Tables, rng: np.random.Generator, out: Path, spare: pl.Series, unknown: str
) -> tuple[int, list[Fault]]:
    def render(rows: pl.DataFrame) -> pl.DataFrame:
        return render_funding(rng, rows, t.orgs)

    ctx: dict[str, object] = {
        "spare_uscc": spare.to_list(),
        "date_column": "paid_on",
        "label_columns": ["source"],
        "unknown_code": unknown,
        "fake_project": "XM2015999999",
    }
    bad, kinds, after = inj.fault_rows(
        "funding.csv",
        t.funding,
        rng,
        mistake=inj.funding_mistake,
        render=render,
        ctx=ctx,
        fresh_ids=_ids("BF", 8, t.funding.height + 1, "paid_on"),
    )
    rows, faults = insert(blank_to_null(render(t.funding)), bad, kinds, after, rng, "funding.csv")
    return write_csv(rows, out / "funding.csv", FUNDING_HEADERS), faults


def _population(geo: Geo, out: Path) -> int:
    rows = [
        (c.code, year, people)
        for c in geo.counties
        for year, people in zip(POPULATION_YEARS, c.population, strict=False)
    ]
    frame = pl.DataFrame(rows, schema=["district_code", "year", "population"], orient="row")
    return write_csv(frame, out / "population.csv", {})


def generate_sample(
    out_dir: Path,
    *,
    scale: str = "beijing",
    seed: int = 20151231,
    orgs: int | None = None,
    progress: Progress | None = None,
) -> SampleReport:
    """Write the synthetic raw folder; return rows per file and the injected faults."""
    say: Progress = progress or (lambda _message: None)
    t = build_tables(scale, seed, orgs, say)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    from schemas.regions import region_names

    unknown = inj.unknown_code([c.code for c in t.geo.counties], set(region_names()))
    used = 9 * inj.per_kind("organizations.csv", t.orgs.height)
    spare = t.spares["uscc"][used:]
    streams = [np.random.default_rng([seed, i]) for i in range(5)]
    rows: dict[str, int] = {}
    faults: list[Fault] = []
    steps: list[tuple[str, Callable[[], tuple[int, list[Fault]]]]] = [
        ("organizations.csv", lambda: _organizations(t, streams[0], out, unknown)),
        ("hubs.xlsx", lambda: _hubs(t, streams[1], out)),
        ("hub_links.csv", lambda: _links(t, streams[2], out, spare[0::3])),
        ("projects.csv", lambda: _projects(t, streams[3], out, spare[1::3])),
        ("funding.csv", lambda: _funding(t, streams[4], out, spare[2::3], unknown)),
    ]
    for name, step in steps:
        rows[name], found = step()
        faults += found
        say(text("sample.wrote", file=name, rows=rows[name], faults=len(found)))
    rows["population.csv"] = _population(t.geo, out)
    report = SampleReport(rows, tuple(faults))
    (out / "README.md").write_text(readme(report.rows, report.faults, scale, seed, orgs), "utf-8")
    return report
