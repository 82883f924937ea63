"""Reading a warehouse file's own description (its run, its inputs) and fingerprinting input files."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from schemas.tables import TABLES

log = logging.getLogger(__name__)
CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "threads": 2,
}
RUN_FIELDS = (
    "run_id",
    "started_at",
    "finished_at",
    "status",
    "raw_folder",
    "rows_read",
    "rows_accepted",
    "rows_rejected",
    "rows_warned",
)


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


@contextlib.contextmanager
def attached(**files: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A private in-memory connection with each file ATTACHed read-only under its keyword's name.

    ATTACH (not `duckdb.connect(path)`) so a file swapped under the same name is never served from
    DuckDB's instance cache; read-only, so a release is never written and many may read at once."""
    con = duckdb.connect(":memory:", config=dict(CONFIG))
    try:
        for name, path in files.items():
            con.execute(f"attach ? as {name} (read_only)", [str(path)])
        yield con
    finally:
        con.close()


def _has_table(con: duckdb.DuckDBPyConnection, catalog: str, schema: str, table: str) -> bool:
    ((found,),) = con.execute(
        "select count(*) from duckdb_tables() where database_name = ? and schema_name = ? "
        "and table_name = ?",
        [catalog, schema, table],
    ).fetchall()
    return bool(found)


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[object]) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def own_run(con: duckdb.DuckDBPyConnection, catalog: str = "w") -> str | None:
    """The run that built the attached file: quality.release, else (older files) its last success."""
    quoted = '"' + catalog.replace('"', '""') + '"'
    if _has_table(con, catalog, "quality", "release"):
        sql = f"select run_id from {quoted}.quality.release"  # noqa: S608
    else:
        sql = (
            f"select run_id from {quoted}.quality.runs where status = 'succeeded' "  # noqa: S608
            "order by started_at desc, run_id desc limit 1"
        )
    found = con.execute(sql).fetchall()  # fetch to the end: DuckDB 2.0 refuses other work before
    return found[0][0] if found else None


def describe(path: Path) -> dict[str, Any] | None:
    """The run record of the file's own run with its inputs, or None when the file cannot be read."""
    try:
        with attached(w=path) as con:
            run_id = own_run(con)
            if run_id is None:
                return None
            fields = ", ".join(RUN_FIELDS)
            rows = _rows(con, f"select {fields} from w.quality.runs where run_id = ?", [run_id])  # noqa: S608
            record: dict[str, Any] = rows[0] if rows else {"run_id": run_id}
            record["inputs"] = inputs_of(con, run_id)
    except duckdb.Error as exc:
        log.warning("%s cannot be read as a warehouse (%s)", path, exc)
        return None
    for key in ("started_at", "finished_at"):
        if isinstance(record.get(key), dt.datetime):
            record[key] = record[key].isoformat()
    record["status"] = "succeeded"
    return record


def inputs_of(
    con: duckdb.DuckDBPyConnection, run_id: str, catalog: str = "w"
) -> list[dict[str, Any]]:
    """The input files of the run, with their size, SHA-256 and rows read / accepted / rejected."""
    if not _has_table(con, catalog, "quality", "inputs"):
        return []
    order = {t.name: i for i, t in enumerate(TABLES)}
    found = _rows(
        con,
        f"""select i.table_name, i.file, i.size_bytes, i.sha256, f.rows_read, f.rows_accepted,
                f.rows_rejected
            from {catalog}.quality.inputs i
            left join {catalog}.quality.file_stats f on f.run_id = i.run_id and f.file = i.file
            where i.run_id = ?""",  # noqa: S608 - catalog is ours, not input
        [run_id],
    )
    return sorted(found, key=lambda row: order.get(row["table_name"], len(order)))
