"""Carried marts: a refresh keeps a mart of the live release instead of building it again when the
mart's definition and every input it reads are unchanged (docs/releases.md, "Carried marts").

The building file starts as a copy of the live one (warehouse.Building); `Carry` says, model by
model in build order, which marts may stay as they are. Exact by construction: a mart is kept only
when the rows it is built from are proven equal in both files, and its SQL, the SQL of everything
it reads, the warehouse's DDL and DuckDB's version are the same (`definitions`)."""

from __future__ import annotations

import hashlib
import re
from functools import cache

import duckdb

from pipeline.transform import MODELS, SQL_DIR, model_sql

# A table, view or macro a model's SQL names: schema.name (line comments are not read)
_NAMED = re.compile(r"\b((?:staging|marts|clean|ref|quality)\.[a-z_][a-z0-9_]*)\b")
_COMMENT = re.compile(r"--[^\n]*")
RUN_COLUMNS = {"run_id"}  # differs on every run: a quality table's rows are compared without it
CUTOFF_ROWS = 100_000  # a rebuilt mart is compared with the live one up to this many rows


@cache
def model_inputs(model: str) -> frozenset[str]:
    """What a model's SQL reads: other models, clean/ref/quality tables and ref macros."""
    return frozenset(_NAMED.findall(_COMMENT.sub("", model_sql(model)))) - {model}


@cache
def definitions() -> dict[str, str]:
    """Each model's definition: a digest of its SQL, of the definitions of the models it reads
    (recursively), of the warehouse's DDL (the tables' types, the ref macros) and of DuckDB's
    version. Two builds of a model with the same definition from the same rows give the same rows."""
    base = hashlib.sha256()
    base.update(duckdb.__version__.encode())
    base.update((SQL_DIR / "warehouse_schema.sql").read_bytes())
    found: dict[str, str] = {}
    for model in MODELS:
        digest = base.copy()
        digest.update(f"{model}\n{model_sql(model)}\n".encode())
        for name in sorted(model_inputs(model)):
            digest.update(f"{name}={found.get(name, '')}\n".encode())
        found[model] = digest.hexdigest()
    return found


def store_definitions(con: duckdb.DuckDBPyConnection) -> None:
    """Record every model's definition in quality.models (what a later refresh may carry)."""
    con.execute("delete from quality.models")
    con.executemany("insert into quality.models values (?, ?)", list(definitions().items()))


class Carry:
    """Which models of a build hold the same rows as the live release's (attached as `live`).

    A model is unchanged when the live release built it by today's definition, every clean, ref
    and quality table it reads holds the same rows in both files (quality tables without their
    run_id) and every model it reads is unchanged: built again, its rows would be the same, so an
    unchanged mart is carried over (a staging view is made again all the same: it costs nothing).
    A mart built again that turns out equal to the live one (compared when both are small,
    CUTOFF_ROWS) is unchanged too, so that what reads it may still be carried: the calendar is
    built from every table's dates, and stays the same when one payment changes. Anything not
    proven equal is built. A live release without stored definitions carries nothing."""

    def __init__(self, con: duckdb.DuckDBPyConnection, live: str) -> None:
        self.con, self.live = con, live
        stored = con.execute(f"select model, definition from {live}.quality.models").fetchall()  # noqa: S608
        self.stored: dict[str, str] = dict(stored)
        self.today = definitions()
        self.same: dict[str, bool] = {}  # clean/ref/quality table -> equal in both files
        self.unchanged: set[str] = set()
        self.carried: set[str] = set()

    def carries(self, model: str) -> bool:
        """Whether `model` is a mart to carry over (a staging view is noted unchanged, not kept)."""
        if self.stored.get(model) != self.today[model]:
            return False
        if not all(self._input_unchanged(name) for name in model_inputs(model)):
            return False
        self.unchanged.add(model)
        if model.startswith("marts."):
            self.carried.add(model)
            return True
        return False

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
            if found[0][0] > CUTOFF_ROWS:
                self.con.execute("checkpoint")

    def built(self, model: str) -> None:
        """After `model` was built again: unchanged if it equals the live mart (small ones only)."""
        if not model.startswith("marts.") or model in self.unchanged:
            return
        if self.stored.get(model) == self.today[model] and same_small(self.con, self.live, model):
            self.unchanged.add(model)

    def _input_unchanged(self, name: str) -> bool:
        if name in MODELS:
            return name in self.unchanged
        if name not in self.same:
            self.same[name] = same_table(self.con, self.live, name)
        return self.same[name]


def same_table(con: duckdb.DuckDBPyConnection, live: str, name: str) -> bool:
    """Whether `name` (schema.table) holds the same rows in the building file and in `live`: same
    columns and types, same count, and equal row by row side by side (NULLs equal). Rows stored in
    another order count as changed (what reads them is built again: never wrong, only slower). A
    ref macro is part of the definitions: unchanged when it exists."""
    schema, table = name.split(".")
    macro = con.execute(
        "select 1 from duckdb_functions() where database_name = current_database() "
        "and schema_name = ? and function_name = ?",
        [schema, table],
    ).fetchall()
    if macro:
        return True
    here = _columns(con, "current_database()", schema, table)
    if not here or here != _columns(con, "?", schema, table, live):
        return False
    ((count_here, count_there),) = _counts(con, live, schema, table)
    if count_here != count_there:
        return False
    columns = [c for c, _ in here if not (schema == "quality" and c in RUN_COLUMNS)]
    if not columns or not count_here:
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
    """Whether a rebuilt mart holds the live one's rows (as multisets, in any order), when both
    have at most CUTOFF_ROWS rows and the same columns and types."""
    schema, table = model.split(".")
    if _columns(con, "current_database()", schema, table) != _columns(
        con, "?", schema, table, live
    ):
        return False
    ((here, there),) = _counts(con, live, schema, table)
    if here != there or here > CUTOFF_ROWS:
        return False
    new, old = f'{schema}."{table}"', f'{live}.{schema}."{table}"'
    found = con.execute(
        f"""select count(*) from (
            (select * from {new} except all select * from {old})
            union all
            (select * from {old} except all select * from {new}))"""  # noqa: S608 - catalog names
    ).fetchall()
    return found[0][0] == 0


def _columns(
    con: duckdb.DuckDBPyConnection, db: str, schema: str, table: str, *name: str
) -> list[tuple[str, str]]:
    """A table's columns and types in order; `db` is current_database() or ? (then `name`)."""
    sql = (
        f"select column_name, data_type from duckdb_columns() where database_name = {db} "  # noqa: S608
        "and schema_name = ? and table_name = ? order by column_index"
    )
    return con.execute(sql, [*name, schema, table]).fetchall()


def _counts(
    con: duckdb.DuckDBPyConnection, live: str, schema: str, table: str
) -> list[tuple[int, int]]:
    return con.execute(  # type: ignore[return-value]
        f'select (select count(*) from {schema}."{table}"), '  # noqa: S608 - catalog names
        f'(select count(*) from {live}.{schema}."{table}")'
    ).fetchall()
