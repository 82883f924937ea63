"""The Funding page's delivery figures read in one scan (funding.queries.PROVIDER_SECTION, issue 20)
against the five queries they replace, for every year of a warehouse and some narrower selections.

    python -m tests.app.provider_paths WAREHOUSE.duckdb [--repeats 3]

Per selection (every year of marts.calendar and a year outside it; each year plain, scoped to the
district with the most provider rows, narrowed to a prefecture and one organization type): providers
by rating band, organization type and registration mode, the totals (with the delivery's columns) and
providers by projects held. Frames must be equal exactly (rows, columns, types; rows compared in key
order, as the old queries gave none), the totals as dicts. Prints the median milliseconds of the five
old queries and of the one new query (with the frames cut from it); exit status 0 when all are
equal, 1 otherwise."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
from polars.testing import assert_frame_equal

from dashboard.core.door import compose
from dashboard.core.filters import Filters
from dashboard.funding import queries as funding
from tests.app import compare_cli

# The queries as the dashboard asked them before (verbatim)
PROVIDERS_BY = """
select {dim} as key, {sums}
from marts.provider_year where {w} group by 1
"""
PROVIDER_TOTALS = """
select coalesce(sum(projects), 0)::BIGINT as projects,
    coalesce(sum(contract_amount_yuan), 0)::DOUBLE as contract_amount_yuan,
    coalesce(sum(contract_amount_yuan) filter (where rating_band = '4a_5a'), 0)::DOUBLE as amount_4a_plus,
    count(distinct provider_uscc)::BIGINT as providers,
    count(distinct provider_uscc) filter (where rating_band = '4a_5a')::BIGINT as providers_4a_plus,
    (select coalesce(list(table_name || '.' || "column" order by table_name, "column"), [])
     from quality.file_columns where table_name in ('organizations', 'projects')) as delivered
from marts.provider_year where {w}
"""
PROVIDERS_BY_COUNT = """
with per as (
    select provider_uscc, sum(projects) as projects, sum(contract_amount_yuan) as contract_amount_yuan
    from marts.provider_year where {w} group by provider_uscc)
select case when projects = 1 then '1' when projects = 2 then '2' when projects <= 5 then '3_5'
    when projects <= 10 then '6_10' else '11_plus' end as bucket,
    count(*)::BIGINT as providers, sum(projects)::BIGINT as projects,
    sum(contract_amount_yuan)::DOUBLE as contract_amount_yuan
from per group by 1
"""
WHERE = {"year": "year", "region": "district_code", "org_type": "org_type"}


def selections(con: duckdb.DuckDBPyConnection) -> Iterator[tuple[str, Filters]]:
    """Every year plain, scoped and narrowed, and a year outside the calendar."""
    years = [y for (y,) in con.sql("select year from marts.calendar order by year").fetchall()]
    top = con.sql(
        "select district_code, org_type from marts.provider_year where district_code is not null "
        "and org_type is not null group by all order by count(*) desc, 1, 2 limit 1"
    ).fetchall()
    district, org_type = top[0] if top else ("000000", "none")
    prefecture = district[:4] + "00"
    for year in [*years, years[-1] + 1]:
        f = Filters(year=year, base_year=year)
        yield f"{year}", f
        yield f"{year} scope {district}", Filters(year=year, base_year=year, scope=(district,))
        narrowed = Filters(year=year, base_year=year, regions=(prefecture,), org_types=(org_type,))
        yield f"{year} {prefecture} {org_type}", narrowed


def old(run: Callable[..., pl.DataFrame], f: Filters) -> dict[str, Any]:
    """The five figures as the five queries gave them."""
    parts = {"w": f.where_sql(WHERE), "sums": (funding.PROVIDER_SUMS, {})}
    out: dict[str, Any] = {
        by: run(*compose(PROVIDERS_BY.replace("{dim}", column), **parts))
        for by, column in funding.PROVIDER_DIMS.items()
    }
    out["totals"] = run(*compose(PROVIDER_TOTALS, **parts)).row(0, named=True)
    out["count"] = run(*compose(PROVIDERS_BY_COUNT, **parts))
    return out


def new(run: Callable[..., pl.DataFrame], f: Filters) -> dict[str, Any]:
    """The same five from the one query, cut as the dashboard cuts them."""
    rows = run(*compose(funding.PROVIDER_SECTION, w=f.where_sql(WHERE)))
    out: dict[str, Any] = {by: funding._section_part(rows, by) for by in funding.PROVIDER_DIMS}
    out["totals"] = funding._section_totals(rows)
    out["count"] = funding._section_counts(rows)
    return out


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """What differs between two sets of the five figures (empty: all equal)."""
    found = []
    for name, frame in before.items():
        if name == "totals":
            if frame != after[name]:
                found.append(f"totals: {frame} != {after[name]}")
            continue
        key = "bucket" if name == "count" else "key"
        try:
            assert_frame_equal(frame.sort(key, nulls_last=True), after[name].sort(key, nulls_last=True),
                               check_exact=True)  # fmt: skip
        except AssertionError as exc:
            found.append(f"{name}: {exc}")
    return found


def _timed(
    get: Callable[[Callable[..., pl.DataFrame], Filters], dict[str, Any]],
    run: Callable[..., pl.DataFrame],
    f: Filters,
    repeats: int,
) -> tuple[dict[str, Any], float]:
    times, got = [], {}
    for _ in range(repeats):
        start = time.perf_counter()
        got = get(run, f)
        times.append((time.perf_counter() - start) * 1000)
    return got, statistics.median(times)


def compare(warehouse: Path, repeats: int = 1) -> list[tuple[str, float, float, list[str]]]:
    """(selection, old ms, new ms, the differences) for every selection."""
    con = duckdb.connect(":memory:", config={"threads": 2})
    con.execute("attach ? as warehouse (read_only)", [str(warehouse)])
    con.execute("use warehouse")

    def run(text: str, params: dict[str, object]) -> pl.DataFrame:
        return con.sql(text, params=params).pl()

    found = []
    for name, f in list(selections(con)):
        before, old_ms = _timed(old, run, f, repeats)
        after, new_ms = _timed(new, run, f, repeats)
        found.append((name, old_ms, new_ms, differences(before, after)))
    con.close()
    return found


def main(argv: list[str] | None = None) -> int:
    return compare_cli.main(__doc__, compare, argv, median=True)


if __name__ == "__main__":
    sys.exit(main())
