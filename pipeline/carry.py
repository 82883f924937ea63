"""Carried marts: a refresh keeps a mart of the live release instead of building it again when the
mart's definition and every table it reads are unchanged (docs/releases.md, "Carried marts").

The building file starts as a copy of the live one (warehouse.Building); `Carry` says, mart by
mart in build order, which may stay as they are. Exact by construction: a mart is kept only when
every table its query plan scans (through the staging views and the ref macros) holds the same
rows in both files, and its SQL, every staging view's SQL, the warehouse's DDL and DuckDB's version
are the same (`definitions`). What cannot be proven equal is built."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import duckdb

from pipeline.transform import MODELS, SQL_DIR, model_sql

RUN_COLUMNS = {"run_id"}  # differs on every run: a quality table's rows are compared without it
CUTOFF_ROWS = 100_000  # a mart built again is compared with the live one up to this many rows
FREE_FIRST_ROWS = 100_000  # the copy's mart is dropped with a checkpoint from this many rows
# The plan operators a carried mart may have (before the optimizer): those reading rows read a
# table of the file (SEQ_SCAN names it) or rows the query itself made. Any other operator (a table
# function reading a file or the catalog is named after the function: READ_CSV, GLOB,
# DUCKDB_TABLES) makes the mart uncarriable; so does a table function other than unnest/range.
SAFE_OPERATORS = {
    *("PROJECTION", "FILTER", "CROSS_PRODUCT", "UNION", "ORDER_BY", "WINDOW", "UNNEST", "LIMIT"),
    *("HASH_JOIN", "NESTED_LOOP_JOIN", "PIECEWISE_MERGE_JOIN", "DELIM_JOIN", "LEFT_DELIM_JOIN"),
    *("HASH_GROUP_BY", "PERFECT_HASH_GROUP_BY", "UNGROUPED_AGGREGATE", "CTE", "EMPTY_RESULT"),
    *("SEQ_SCAN", "CTE_SCAN", "DUMMY_SCAN", "COLUMN_DATA_SCAN", "DELIM_SCAN", "CHUNK_SCAN"),
    "INOUT_FUNCTION",
}
SAFE_FUNCTIONS = {"unnest", "range", "generate_series"}  # an INOUT_FUNCTION's Name
_PART = re.compile(r'"((?:[^"]|"")*)"|([^."]+)')
_NAMED = re.compile(r"\b((?:clean|ref|quality|marts)\.[a-z_][a-z0-9_]*)\b")
_COMMENT = re.compile(r"--[^\n]*")


def definitions() -> dict[str, str]:
    """Each mart's definition: a digest of its SQL, of every staging view's SQL (its plan reads
    through them), of the warehouse's DDL (the tables' types, the ref macros) and of DuckDB's
    version. Two builds of a mart with the same definition from the same rows give the same rows.
    Read from the files on every call: a long-running process (the dashboard publishes) sees the
    SQL it is about to run."""
    base = hashlib.sha256()
    base.update(duckdb.__version__.encode())
    base.update((SQL_DIR / "warehouse_schema.sql").read_bytes())
    for model in MODELS:
        if model.startswith("staging."):
            base.update(f"{model}\n{model_sql(model)}\n".encode())
    found = {}
    for model in MODELS:
        digest = base.copy()
        digest.update(f"{model}\n{model_sql(model)}\n".encode())
        found[model] = digest.hexdigest()
    return found


def store_definitions(con: duckdb.DuckDBPyConnection, found: dict[str, str] | None = None) -> None:
    """Record the models' definitions in quality.models (what a later refresh may carry)."""
    con.execute("delete from quality.models")
    con.executemany(
        "insert into quality.models values (?, ?)", list((found or definitions()).items())
    )


def stored_definitions(
    con: duckdb.DuckDBPyConnection, catalog: str | None = None
) -> dict[str, str]:
    """The definitions a release stored (none for one built before they were): the file `con`
    opened, or the one attached as `catalog`."""
    table = f"{catalog}.quality.models" if catalog else "quality.models"
    rows = con.execute(f"select model, definition from {table}").fetchall()  # noqa: S608
    return dict(rows)


def plan_tables(con: duckdb.DuckDBPyConnection, model: str) -> set[str] | None:
    """The tables of the building file (schema.table) that `model` reads: those its plan scans,
    the tables behind its views and macros included, and those its SQL names; None when the plan
    reads anything else. The plan is the one before the optimizer: it drops a scan that the
    tables' statistics say finds nothing (the calendar's scan of five of its six tables, at the
    fixtures' size), and another file's rows may be found there."""
    ((database,),) = con.execute("select current_database()").fetchall()
    sql = model_sql(model)
    con.execute("pragma disable_optimizer")
    try:
        ((_, plan),) = con.execute(f"explain (format json) {sql}").fetchall()  # noqa: S608
    finally:
        con.execute("pragma enable_optimizer")
    found = _named_tables(con, sql)
    for name, info in _operators(json.loads(plan)):
        if name not in SAFE_OPERATORS:
            return None
        info = info if isinstance(info, dict) else {}
        if name == "INOUT_FUNCTION" and info.get("Name") not in SAFE_FUNCTIONS:
            return None
        table = info.get("Table")
        if name == "SEQ_SCAN":
            parts = [
                quoted.replace('""', '"') or bare for quoted, bare in _PART.findall(table or "")
            ]
            if len(parts) != 3 or parts[0] != database:
                return None
            found.add(f"{parts[1]}.{parts[2]}")
    return found


def _named_tables(con: duckdb.DuckDBPyConnection, sql: str) -> set[str]:
    """The tables of the building file that the SQL's text names (comments left out)."""
    named = set(_NAMED.findall(_COMMENT.sub("", sql)))
    tables = con.execute(
        "select schema_name || '.' || table_name from duckdb_tables() "
        "where database_name = current_database()"
    ).fetchall()
    return named & {name for (name,) in tables}


def _operators(node: Any) -> list[tuple[str, Any]]:
    """Every operator of a JSON plan: (name, extra_info)."""
    found: list[tuple[str, Any]] = []
    if isinstance(node, dict):
        name = node.get("operator_name") or node.get("name")
        if isinstance(name, str):
            found.append((name.strip(), node.get("extra_info")))
        for value in node.values():
            found += _operators(value)
    elif isinstance(node, list):
        for value in node:
            found += _operators(value)
    return found


class Carry:
    """Which marts of a build hold the same rows as the live release's (attached as `live`).

    A mart is carried over when the live release built it by today's definition and every table
    its plan scans is unchanged: a clean, ref or quality table holding the same rows in both files
    (quality tables without their run_id), a mart carried or found equal. Built again, its rows
    would be the same. A mart built again that turns out equal to the live one (compared when both
    are small, CUTOFF_ROWS) is unchanged too, so that what reads it may still be carried: the
    calendar is built from every table's dates, and stays the same when one payment changes.
    Anything not proven equal is built. A live release without stored definitions carries
    nothing."""

    def __init__(self, con: duckdb.DuckDBPyConnection, live: str) -> None:
        self.con, self.live = con, live
        self.stored = stored_definitions(con, live)
        self.today = definitions()
        self.same: dict[str, bool] = {}  # clean/ref/quality table -> equal in both files
        self.unchanged: set[str] = set()  # marts carried or built again and found equal
        self.carried: set[str] = set()

    def carries(self, model: str) -> bool:
        """Whether `model` is a mart to carry over (a staging view is always made again)."""
        if not model.startswith("marts.") or self.stored.get(model) != self.today[model]:
            return False
        tables = plan_tables(self.con, model)
        if tables is None or not all(self._unchanged(name) for name in sorted(tables)):
            return False
        self.unchanged.add(model)
        self.carried.add(model)
        return True

    def replacing(self, model: str) -> None:
        """Before `model` is built again: the copy's mart is dropped, and when it is large the space
        it held is made free (a checkpoint), so that the new marts fill it and the release is no
        larger than one built from an empty file (replaced in place, every mart built again made
        the file 41% larger at 1M organizations; a checkpoint after each small one cost more than
        the space it freed)."""
        if not model.startswith("marts."):
            return
        schema, table = model.split(".")
        found = self.con.execute(
            "select estimated_size from duckdb_tables() where database_name = current_database() "
            "and schema_name = ? and table_name = ?",
            [schema, table],
        ).fetchall()
        if found:
            self.con.execute(f'drop table {schema}."{table}"')  # noqa: S608 - a model's name
            if found[0][0] >= FREE_FIRST_ROWS:
                self.con.execute("checkpoint")

    def built(self, model: str) -> None:
        """After `model` was built again: unchanged if it equals the live mart (small ones only)."""
        if model.startswith("marts.") and same_small(self.con, self.live, model):
            self.unchanged.add(model)

    def _unchanged(self, name: str) -> bool:
        if name.startswith("marts."):
            return name in self.unchanged
        if name not in self.same:
            self.same[name] = same_table(self.con, self.live, name)
        return self.same[name]


def same_table(con: duckdb.DuckDBPyConnection, live: str, name: str) -> bool:
    """Whether `name` (schema.table) holds the same rows in the building file and in `live`: same
    columns and types, same count, and equal row by row side by side (NULLs equal). Rows stored in
    another order count as changed (what reads them is built again: never wrong, only slower)."""
    schema, table = name.split(".")
    paired = _paired(con, live, schema, table)
    if paired is None:
        return False
    here, rows = paired
    columns = [c for c, _ in here if not (schema == "quality" and c in RUN_COLUMNS)]
    if not columns or not rows:
        return True
    cols = ", ".join(f'"{c}"' for c in columns)
    differs = " or ".join(f'n."{c}" is distinct from o."{c}"' for c in columns)
    ((kept,),) = con.execute("select current_setting('preserve_insertion_order')").fetchall()
    con.execute("set preserve_insertion_order = true")  # each side scanned in its stored order
    try:
        found = con.execute(
            f"""select 1 from (select {cols} from {schema}."{table}") n
                positional join (select {cols} from {live}.{schema}."{table}") o
                where {differs} limit 1"""  # noqa: S608 - names from the catalogs
        ).fetchall()
    finally:
        con.execute(f"set preserve_insertion_order = {bool(kept)}")
    return not found


def same_small(con: duckdb.DuckDBPyConnection, live: str, model: str) -> bool:
    """Whether a mart built again holds the live one's rows (as multisets, in any order), when
    both have at most CUTOFF_ROWS rows and the same columns and types."""
    schema, table = model.split(".")
    paired = _paired(con, live, schema, table)
    if paired is None or paired[1] > CUTOFF_ROWS:
        return False
    new, old = f'{schema}."{table}"', f'{live}.{schema}."{table}"'
    found = con.execute(
        f"""select count(*) from (
            (select * from {new} except all select * from {old})
            union all
            (select * from {old} except all select * from {new}))"""  # noqa: S608 - catalog names
    ).fetchall()
    return found[0][0] == 0


def _paired(
    con: duckdb.DuckDBPyConnection, live: str, schema: str, table: str
) -> tuple[list[tuple[str, str]], int] | None:
    """A table's columns (with types) and row count when the building file and `live` have it
    with the same columns, types and count; else None."""
    sql = (
        "select column_name, data_type from duckdb_columns() where database_name = {} "
        "and schema_name = ? and table_name = ? order by column_index"
    )
    here = con.execute(sql.format("current_database()"), [schema, table]).fetchall()
    if not here or here != con.execute(sql.format("?"), [live, schema, table]).fetchall():
        return None
    ((rows, rows_there),) = con.execute(
        f'select (select count(*) from {schema}."{table}"), '  # noqa: S608 - catalog names
        f'(select count(*) from {live}.{schema}."{table}")'
    ).fetchall()
    return (here, rows) if rows == rows_there else None
