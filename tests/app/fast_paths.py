"""The dashboard's faster formulations against the ones they replace, every year-end of a warehouse.

    python -m tests.app.fast_paths WAREHOUSE.duckdb [--repeats 3]

For the whole register (no region, scope or narrowing chosen) and every year-end of marts.calendar
(and a date outside it): the hub types' coverage read from marts.hub_type_coverage against the same
figures counted from the coverage cube (coverage.queries.HUB_TYPES), the top recipients with
their total counted apart against the window that counted it before, and the whole register's top
recipients read from marts.top_recipients against the ranking of every recipient of the year. Frames must be equal exactly:
rows, order, columns and types. Prints the median milliseconds of each side; exit status 0 when all
are equal, 1 otherwise."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
from polars.testing import assert_frame_equal

from dashboard.core.door import compose
from dashboard.core.filters import Filters
from dashboard.coverage import queries as coverage
from dashboard.funding import queries as funding
from tests.app import compare_cli

# The top recipients as the dashboard asked for them before (issue 20): the total by a window.
TOP_RECIPIENTS_WINDOW = funding.TOP_RECIPIENTS_YEAR.replace(
    "with top as materialized (", "with top as ("
).replace(
    "(select count(*) from marts.recipient_year where {w}) as total", "count(*) over () as total"
)


@dataclass(frozen=True)
class Pair:
    """One figure asked both ways."""

    name: str
    old: tuple[str, dict[str, object]]
    new: tuple[str, dict[str, object]]


def pairs(years: list[int]) -> Iterator[Pair]:
    """Every comparison for a warehouse whose calendar holds `years`."""
    dates = [date(y, 12, 31) for y in years]
    outside = date(years[-1] + 1, 12, 31)
    for when in [*([d] for d in dates), dates[:1] + dates[-1:], [dates[-1], outside]]:
        f = Filters(year=when[-1].year, base_year=when[0].year)
        fixed = {"sel": f.hub_mask(), "dates": when}
        old = compose(coverage.HUB_TYPES, c=f.where_sql({}, "c"), t=f.where_sql({}, "t"),
                      h=f.where_sql({}, "h"))  # fmt: skip
        new = compose(coverage.HUB_TYPES_WHOLE, w=f.where_sql({"global": "-"}))
        yield Pair(f"hub_types {[d.isoformat() for d in when]}", _bound(old, fixed),
                   _bound(new, {"dates": when}))  # fmt: skip
    for year in years:
        f = Filters(year=year, base_year=year)
        dims = {"year": "year", "region": "district_code", "source": "source",
                "org_type": "org_type"}  # fmt: skip
        parts = {"w": f.where_sql(dims), "d": f.where_sql({}, "d")}
        fixed = {"limit": 20, "year": year}
        yield Pair(f"top_recipients {year}", _bound(compose(TOP_RECIPIENTS_WINDOW, **parts), fixed),
                   _bound(compose(funding.TOP_RECIPIENTS_YEAR, **parts), fixed))  # fmt: skip
        whole = {"w": f.where_sql({"year": "year", "global": "-"})}
        for limit in (20, funding.TOP_KEPT):  # the page's and the most the mart answers
            ranked = _bound(
                compose(funding.TOP_RECIPIENTS_YEAR, **parts), {**fixed, "limit": limit}
            )
            kept = _bound(compose(funding.TOP_RECIPIENTS_WHOLE, **whole), {"limit": limit})
            yield Pair(f"top_recipients_whole {year} limit {limit}", ranked, kept)


def _bound(
    composed: tuple[str, dict[str, object]], fixed: dict[str, object]
) -> tuple[str, dict[str, object]]:
    text, params = composed
    return text, {**fixed, **params}


def _timed(run: Callable[[], pl.DataFrame], repeats: int) -> tuple[pl.DataFrame, float]:
    times, frame = [], pl.DataFrame()
    for _ in range(repeats):
        start = time.perf_counter()
        frame = run()
        times.append((time.perf_counter() - start) * 1000)
    return frame, statistics.median(times)


def compare(warehouse: Path, repeats: int = 1) -> list[tuple[str, float, float, str | None]]:
    """(name, old ms, new ms, the difference or None) for every pair."""
    con = duckdb.connect(":memory:", config={"threads": 2})
    con.execute("attach ? as warehouse (read_only)", [str(warehouse)])
    con.execute("use warehouse")
    years = [y for (y,) in con.sql("select year from marts.calendar order by year").fetchall()]
    found = []
    for pair in pairs(years):
        old, old_ms = _timed(lambda q=pair.old: con.sql(q[0], params=q[1]).pl(), repeats)
        new, new_ms = _timed(lambda q=pair.new: con.sql(q[0], params=q[1]).pl(), repeats)
        try:
            assert_frame_equal(old, new, check_exact=True)
            problem = None
        except AssertionError as exc:
            problem = str(exc)
        found.append((pair.name, old_ms, new_ms, problem))
    con.close()
    return found


def main(argv: list[str] | None = None) -> int:
    def listed(warehouse: Path, repeats: int) -> compare_cli.Found:
        return [(n, o, m, [p] if p else []) for n, o, m, p in compare(warehouse, repeats)]

    return compare_cli.main(__doc__, listed, argv)


if __name__ == "__main__":
    sys.exit(main())
