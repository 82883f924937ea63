"""The dashboard's queries and pages as the benchmark runs them: uncached latencies, cold first renders."""

from __future__ import annotations

import importlib
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import duckdb
import polars as pl

REPO = Path(__file__).resolve().parent.parent
PAGES = [
    "overview/page.py",
    "coverage/page.py",
    "funding/page.py",
    "profile/page.py",
    "hubs/page.py",
    "organizations/page.py",
    "quality/page.py",
    "changes/page.py",
]


def _uncached(con: duckdb.DuckDBPyConnection) -> Callable[..., pl.DataFrame]:
    """dashboard.core.db.query without its cache: a fresh cursor per call, as a cache miss costs."""

    def query(sql: str, params: dict[str, object] | None = None) -> pl.DataFrame:
        cur = con.cursor()
        try:
            return cur.sql(sql, params=params or {}).pl()
        finally:
            cur.close()

    return query


def _calls(q: object, con: duckdb.DuckDBPyConnection) -> dict[str, Callable[[], object]]:
    """Every query a page runs, under the default selection, narrowed ones and a one-county scope."""
    from dashboard.core.filters import Filters
    from dashboard.core.regions import RegionTree
    from dashboard.frame import queries as frame_queries

    years = [y for (y,) in con.sql("select year from marts.calendar order by year").fetchall()]
    ((district,),) = con.sql(
        "select district_code from marts.district_coverage group by 1 order by sum(active_orgs) desc limit 1"
    ).fetchall()
    ((province,),) = con.sql(
        "select region_code from marts.region_coverage where region_level = 'province'"
        " group by 1 order by sum(active_orgs) desc limit 1"
    ).fetchall()
    ((uscc,),) = con.sql("select recipient_uscc from marts.funding_facts limit 1").fetchall()
    ((run_id,),) = con.sql(
        "select max(run_id) from quality.runs where status = 'succeeded'"
    ).fetchall()
    base = Filters(year=years[-2] if len(years) > 1 else years[-1], base_year=years[0])
    ((hub,),) = con.sql(  # the hub linking most organizations (a city-level one, links everywhere)
        "select hub_id from marts.hub_links_by_year where relation = 'any'"
        " order by linked_orgs desc, hub_id limit 1"
    ).fetchall()
    narrow = replace(
        base,
        regions=(district,),
        levels=("street",),
        hub_types=("union", "women"),
        org_types=("social_group",),
        sources=("fiscal",),
    )
    tree = RegionTree.from_frame(q.regions(base))  # type: ignore[attr-defined]
    calls: dict[str, Callable[[], object]] = {}
    for name, f in (
        ("all", base),
        ("province", replace(base, regions=(province,))),
        ("narrow", narrow),
        ("scoped", replace(base, scope=(district,))),
    ):
        ranked = list(tree.view(f.regions).ranked) or [district]
        calls |= {
            f"headline_series[{name}]": lambda f=f: q.headline_series(f),  # type: ignore[attr-defined]
            f"region_coverage[{name}]": lambda f=f, r=ranked: q.region_coverage(f, r),  # type: ignore[attr-defined]
            f"hub_type_coverage[{name}]": lambda f=f: q.hub_type_coverage(
                f, [f.as_of, f.base_as_of]
            ),  # type: ignore[attr-defined]
            f"level_coverage[{name}]": lambda f=f: q.level_coverage(f),  # type: ignore[attr-defined]
            f"funding_by_region[{name}]": lambda f=f, r=ranked: q.funding_by_region(f, r),  # type: ignore[attr-defined]
            f"funding_by_source[{name}]": lambda f=f: q.funding_by_source(f),  # type: ignore[attr-defined]
            f"funding_by_year[{name}]": lambda f=f: q.funding_by_year(f),  # type: ignore[attr-defined]
            f"funding_totals[{name}]": lambda f=f: q.funding_totals(f),  # type: ignore[attr-defined]
            f"top_recipients[{name}]": lambda f=f: q.top_recipients(f),  # type: ignore[attr-defined]
            f"projects_by[{name}]": lambda f=f: q.projects_by(f, "category"),  # type: ignore[attr-defined]
            f"provenance[{name}]": lambda f=f: q.provenance(f),  # type: ignore[attr-defined]
            f"profile_cells[{name}]": lambda f=f: q.profile_cells(f),  # type: ignore[attr-defined]
            f"profile_series[{name}]": lambda f=f: q.profile_series(f),  # type: ignore[attr-defined]
            f"profile_context[{name}]": lambda f=f: q.profile_context(f),  # type: ignore[attr-defined]
            f"profile_orgs[{name}]": lambda f=f: q.profile_orgs(f, {"rating": "4A_plus"}),  # type: ignore[attr-defined]
            f"projects_by_category_year[{name}]": lambda f=f: q.projects_by_category_year(f),  # type: ignore[attr-defined]
            f"hub_table[{name}]": lambda f=f: q.hub_table(f),  # type: ignore[attr-defined]
            f"hub_counts[{name}]": lambda f=f: q.hub_counts(f),  # type: ignore[attr-defined]
            f"field_reach[{name}]": lambda f=f: q.field_reach(f),  # type: ignore[attr-defined]
            f"field_reach_by_region[{name}]": lambda f=f, r=ranked: q.field_reach_by_region(f, r),  # type: ignore[attr-defined]
            f"hub_years[{name}]": lambda f=f: q.hub_years(f, hub),  # type: ignore[attr-defined]
            f"hub_orgs[{name}]": lambda f=f: q.hub_orgs(f, hub),  # type: ignore[attr-defined]
            f"hub_funding[{name}]": lambda f=f: q.hub_funding(f, hub),  # type: ignore[attr-defined]
            # providers_by, provider_totals and providers_by_count: one query (PROVIDER_SECTION)
            f"provider_section[{name}]": lambda f=f: q.provider_totals(f),  # type: ignore[attr-defined]
            f"providers_by_region[{name}]": lambda f=f, r=ranked: q.providers_by_region(f, r),  # type: ignore[attr-defined]
            f"providers_by_year[{name}]": lambda f=f: q.providers_by_year(f),  # type: ignore[attr-defined]
            f"evaluation[{name}]": lambda f=f: q.evaluation(f),  # type: ignore[attr-defined]
        }
    leaf = replace(base, regions=(district,))
    calls |= {
        "region_coverage[as_registered]": lambda: q.region_coverage(  # type: ignore[attr-defined]
            leaf, [district], as_registered=True
        ),
        "drill_orgs": lambda: q.drill_orgs(leaf),  # type: ignore[attr-defined]
        "regions": lambda: q.regions(base),  # type: ignore[attr-defined]
        # its queries, not the copy the server keeps per warehouse version (frame.queries.allowed)
        "allowed": lambda: frame_queries._allowed(base),
        "search_orgs": lambda: q.search_orgs(base, "协会"),  # type: ignore[attr-defined]
        "org_entry": lambda: q.org_entry(base, uscc),  # type: ignore[attr-defined]
        "org_links": lambda: q.org_links(base, uscc),  # type: ignore[attr-defined]
        "org_years": lambda: q.org_years(base, uscc),  # type: ignore[attr-defined]
        "org_projects": lambda: q.org_projects(base, uscc),  # type: ignore[attr-defined]
        "org_funding": lambda: q.org_funding(base, uscc),  # type: ignore[attr-defined]
        "hub_table[search]": lambda: q.hub_table(base, "工会"),  # type: ignore[attr-defined]
        "hub_entry": lambda: q.hub_entry(base, hub),  # type: ignore[attr-defined]
        "hub_filed": lambda: q.hub_filed(base, hub),  # type: ignore[attr-defined]
        "hub_projects": lambda: q.hub_projects(base, hub),  # type: ignore[attr-defined]
        "runs": lambda: q.runs(base),  # type: ignore[attr-defined]
        "file_stats": lambda: q.file_stats(base, run_id),  # type: ignore[attr-defined]
        "issue_groups": lambda: q.issue_groups(base, run_id, [], [], []),  # type: ignore[attr-defined]
        "issue_rows": lambda: q.issue_rows(base, run_id, [], [], [], 200),  # type: ignore[attr-defined]
    }
    return calls


def _queries() -> SimpleNamespace:
    """Every public query of the dashboard's queries.py files (a feature's, the frame's), by name."""
    found: dict[str, object] = {}
    for path in sorted((REPO / "dashboard").glob("*/queries.py")):
        module = importlib.import_module(f"dashboard.{path.parent.name}.queries")
        found |= {
            k: v
            for k, v in vars(module).items()
            if getattr(v, "__module__", None) == module.__name__ and not k.startswith("_")
        }
    return SimpleNamespace(**found)


def query_latencies(warehouse: Path, repeats: int) -> dict[str, dict[str, float]]:
    """p50 and p95 (ms) of every dashboard query, uncached, on a read-only connection like the app's."""
    from dashboard.core import door
    from dashboard.core.db import connection_config

    con = duckdb.connect(str(warehouse), read_only=True, config=connection_config())  # type: ignore[arg-type]
    q = _queries()
    original = door.query
    door.query = _uncached(con)  # type: ignore[assignment]
    try:
        timings: dict[str, dict[str, float]] = {}
        for name, call in _calls(q, con).items():
            call()  # warm the file pages once, as a running server would have them
            samples = []
            for _ in range(repeats):
                started = time.perf_counter()
                call()
                samples.append((time.perf_counter() - started) * 1000)
            samples.sort()
            timings[name] = {
                "p50_ms": statistics.median(samples),
                "p95_ms": samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))],
            }
        return timings
    finally:
        door.query = original  # type: ignore[assignment]
        con.close()


def cold_pages(warehouse: Path) -> dict[str, float]:
    """Seconds for each page's first render with empty caches (AppTest runs the real script)."""
    import streamlit as st
    from streamlit import config
    from streamlit.testing.v1 import AppTest

    # loopback, as make serve binds: else the access gate stops every page before its queries
    config.set_option("server.address", "127.0.0.1")
    os.environ["SHUNIU_WAREHOUSE"] = str(warehouse)
    seconds: dict[str, float] = {}
    for page in PAGES:
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(REPO / "dashboard" / "app.py"), default_timeout=120)
        started = time.perf_counter()
        at.run()
        if page != PAGES[0]:
            st.cache_data.clear()
            st.cache_resource.clear()
            started = time.perf_counter()
            at.switch_page(page).run()
        seconds[page.split("/")[-1].removesuffix(".py")] = time.perf_counter() - started
        if at.exception:
            raise RuntimeError(f"{page}: {[e.message for e in at.exception]}")
        if not at.subheader and not at.dataframe:  # a page that stopped before its figures
            raise RuntimeError(f"{page} rendered nothing: {[w.value for w in at.warning]}")
    return seconds
