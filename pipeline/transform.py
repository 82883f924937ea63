"""Build the staging views and mart tables from the SQL models, then audit them."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import duckdb

from pipeline.messages import text

SQL_DIR = Path(__file__).parent / "sql"
AUDIT_DIR = SQL_DIR / "audits"

# Build order: each model reads only ref.*, clean.*, quality.* (loaded before the models) and the
# models listed before it.
MODELS: list[str] = [
    "staging.organizations",
    "staging.filed_orgs",
    "staging.hubs",
    "staging.hub_links",
    "staging.projects",
    "staging.funding",
    "staging.population",
    "marts.delivery",
    "marts.calendar",
    "marts.links",
    "marts.org_segments",
    "marts.filed_org_year",
    "marts.coverage_cube",
    "marts.filed_links",
    "marts.hub_links_by_district",
    "marts.hub_links_by_year",
    "marts.hub_year",
    "marts.field_reach",
    "marts.hub_type_coverage",
    "marts.district_coverage",
    "marts.region_coverage",
    "marts.funding_facts",
    "marts.recipient_year",
    "marts.top_recipients",
    "marts.funding_cube",
    "marts.district_funding",
    "marts.region_funding",
    "marts.org_search",
    "marts.projects",
    "marts.provider_year",
    "marts.project_evaluation",
    "marts.headline",
    "marts.register_profile",
]

# Staging models only rename, cast and flag, so they are views (as in dbt's jaffle-shop):
# no copy of millions of clean rows is written; marts are tables.
MATERIALIZATION = {"staging": "view", "marts": "table"}

# ART indexes on big tables: table -> column. None now: an organization's funding records are found
# by clean.funding's zone maps, the table being loaded in recipient_uscc order
# (warehouse.LOAD_ORDER), which costs a fraction of building an index (docs/scale.md).
INDEXES: dict[str, str] = {}

log = logging.getLogger(__name__)


def model_sql(model: str) -> str:
    """The SELECT of a model such as "marts.headline", read from sql/<schema>/<name>.sql."""
    schema, name = model.split(".")
    return (SQL_DIR / schema / f"{name}.sql").read_text("utf-8").strip().rstrip(";")


def build_model(con: duckdb.DuckDBPyConnection, model: str) -> None:
    """Create or replace one model as a view (staging) or a table (marts)."""
    if model not in MODELS:
        raise ValueError(f"unknown model {model!r}; the models are listed in MODELS")
    kind = MATERIALIZATION[model.split(".")[0]]
    con.execute(f"create or replace {kind} {model} as\n{model_sql(model)}")


class Keeper(Protocol):
    """What a build may keep of the live release instead of building (pipeline.carry.Carry)."""

    def carries(self, model: str) -> bool: ...

    def replacing(self, model: str) -> None: ...

    def built(self, model: str) -> None: ...


def build_marts(
    con: duckdb.DuckDBPyConnection,
    progress: Callable[[str], None] | None = None,
    keeper: Keeper | None = None,
) -> None:
    """Build every model of MODELS in order; progress(model) is called before each.

    With a `keeper` (the file already holds the live release's marts: warehouse.Building copies
    it), a mart it carries is not built, and it hears of each model before and after it is built.
    Mart tables of the file that are not models (an older build's) are dropped."""
    for model in MODELS:
        if keeper is not None and keeper.carries(model):
            if progress is not None:
                progress(text("progress.carried", model=model))
            continue
        if progress is not None:
            progress(text("progress.building", model=model))
        started = time.perf_counter()
        if keeper is not None:
            keeper.replacing(model)
        build_model(con, model)
        log.info("built %s in %.2f s", model, time.perf_counter() - started)
        if keeper is not None:
            keeper.built(model)
    stale = con.execute(
        "select table_name from duckdb_tables() where database_name = current_database() "
        "and schema_name = 'marts'"
    ).fetchall()
    for (name,) in stale:
        if f"marts.{name}" not in MODELS:
            con.execute(f'drop table marts."{name}"')  # noqa: S608 - a name from the catalog
    build_indexes(con)


def build_indexes(con: duckdb.DuckDBPyConnection) -> None:
    """Create the lookup indexes of INDEXES (idempotent)."""
    for table, column in INDEXES.items():
        name = f"{table.split('.')[1]}_{column}_idx"
        con.execute(f"create index if not exists {name} on {table} ({column})")


def audit_names() -> list[str]:
    """The audits, one per file sql/audits/<name>.sql, in name order."""
    return sorted(path.stem for path in AUDIT_DIR.glob("*.sql"))


def audit_sql(name: str) -> str:
    """The query of one audit: it returns the offending rows (zero rows = pass)."""
    if name not in audit_names():
        raise ValueError(f"unknown audit {name!r}; the audits are {audit_names()}")
    return (AUDIT_DIR / f"{name}.sql").read_text("utf-8").strip().rstrip(";")


def run_audits(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Run every audit on the built marts: audit name -> number of offending rows."""
    results: dict[str, int] = {}
    for name in audit_names():
        query = f"select count(*) from (\n{audit_sql(name)}\n)"  # noqa: S608 - our own files
        row = con.execute(query).fetchone()
        results[name] = int(row[0]) if row is not None else 0
        if results[name]:
            log.warning(text("log.audit_failed", audit=name, rows=results[name]))
    return results
