"""What changed between two releases: rows added, removed and changed per input table; figures that moved.

Both release files are ATTACHed read-only (as `old` and `new`) to one in-memory connection and
compared in SQL on the typed clean values, so a change of formatting only (12.5万 vs 125000) is no
change. Identifiers in the SQL come from the catalogs and the fixed lists below, never from input."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from pipeline.messages import Word
from pipeline.releases import ledger
from pipeline.releases.files import attached
from pipeline.releases.messages import ReleaseError
from pipeline.releases.model import Release

# The key rows are matched on; hub_links has no unique key, so a repeat of its key is matched by
# its occurrence number (rows with the same key ordered by their values).
KEYS: dict[str, tuple[str, ...]] = {
    "organizations": ("uscc",),
    "hubs": ("hub_id",),
    "hub_links": ("hub_id", "uscc", "relation", "linked_on"),
    "projects": ("project_id",),
    "funding": ("funding_id",),
}
UNIQUE_KEYS = {"organizations", "hubs", "projects", "funding"}  # duplicates are rejected on load
NOT_VALUES = {"source_line"}  # where a row was in its file is not a value of the row
FIGURE_KEYS: dict[str, tuple[str, ...]] = {
    "headline": ("as_of",),
    "district_coverage": ("as_of", "district_code"),
}
CHANGES = ("added", "removed", "changed")
COMPARED = Word("releases.action.compared")  # what a missing release file cannot be


@dataclass(frozen=True)
class TableDiff:
    """Rows of one input table: only in the newer release, only in the older, same key other values."""

    added: int
    removed: int
    changed: int


@dataclass(frozen=True)
class FigureChange:
    """One figure that moved; `old` or `new` is None when its row exists in one release only."""

    table: str  # headline | district_coverage
    as_of: dt.date
    district_code: str | None  # None for headline figures
    figure: str  # the column, e.g. coverage_rate
    old: int | float | None
    new: int | float | None

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "as_of": self.as_of.isoformat()}


@dataclass(frozen=True)
class Diff:
    """The difference from release `from_run` to release `to_run`."""

    from_run: str
    to_run: str
    tables: dict[str, TableDiff]
    figures: tuple[FigureChange, ...]

    def to_json(self) -> dict[str, Any]:
        """The object `diff --json` prints."""
        return {
            "from": self.from_run,
            "to": self.to_run,
            "tables": {name: asdict(t) for name, t in self.tables.items()},
            "figures": [f.to_json() for f in self.figures],
        }


def _q(name: str) -> str:
    """An identifier, quoted."""
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    """A string literal."""
    return "'" + text.replace("'", "''") + "'"


def _columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> dict[str, str]:
    """Columns (name -> type) present in both releases, in the newer release's order."""
    sql = (
        "select column_name, data_type from duckdb_columns() where database_name = ? "
        "and schema_name = ? and table_name = ? order by column_index"
    )
    old = dict(con.execute(sql, ["old", schema, table]).fetchall())
    return {c: t for c, t in con.execute(sql, ["new", schema, table]).fetchall() if c in old}


def _sides(con: duckdb.DuckDBPyConnection, table: str) -> tuple[list[str], list[str], str, str]:
    """Key columns (with `occurrence`), value columns, and the SELECT of each side."""
    keys = list(KEYS[table])
    values = [c for c in _columns(con, "clean", table) if c not in NOT_VALUES and c not in keys]
    cols = ", ".join(_q(c) for c in [*keys, *values])
    side = f"select {cols}, 1 as occurrence from {{db}}.clean.{table}"  # noqa: S608
    if table not in UNIQUE_KEYS:  # only the keys that repeat are numbered (a window costs seconds)
        key_list = ", ".join(map(_q, keys))
        order = ", ".join(f"{_q(c)} nulls last" for c in values) or "1"
        same = " and ".join(f"t.{_q(k)} is not distinct from r.{_q(k)}" for k in keys)
        side = (
            f"with t as (select {cols} from {{db}}.clean.{table}), "  # noqa: S608
            f"repeated as (select {key_list} from t group by all having count(*) > 1) "
            f"select *, 1 as occurrence from t anti join repeated r on {same} union all "
            f"select *, row_number() over (partition by {key_list} order by {order}) "
            f"from t semi join repeated r on {same}"
        )
    return [*keys, "occurrence"], values, side.format(db="old"), side.format(db="new")


def _joined(con: duckdb.DuckDBPyConnection, table: str) -> tuple[list[str], list[str], str, str]:
    keys, values, old, new = _sides(con, table)
    on = " and ".join(f"o.{_q(k)} = n.{_q(k)}" for k in keys)
    differs = " or ".join(f"o.{_q(c)} is distinct from n.{_q(c)}" for c in values) or "false"
    return keys, values, f"({old}) o full join ({new}) n on {on}", differs


def table_diff(con: duckdb.DuckDBPyConnection, table: str, keep: str | None = None) -> TableDiff:
    """Counts of added, removed and changed rows of one input table; with `keep`, the key of every
    row counted is kept in the temporary table of that name (with `occurrence`, NULL for an added
    row, and `occurrence_new`, NULL for a removed one), so that a later query may read only those
    rows (revision.store; `compared_values` says which values were compared)."""
    same = _same_rows(con, table)  # nothing added, removed or changed: the join is not needed
    if same and keep is None:
        return TableDiff(0, 0, 0)
    keys, _, joined, differs = _joined(con, table)
    if keep is None:
        sql = f"""select count(*) filter (where o.occurrence is null),
                count(*) filter (where n.occurrence is null),
                count(*) filter (where o.occurrence is not null and n.occurrence is not null
                                 and ({differs}))
            from {joined}"""  # noqa: S608 - identifiers from the catalogs, see module docstring
    else:
        picked = ", ".join(f"coalesce(o.{_q(k)}, n.{_q(k)}) as {_q(k)}" for k in keys[:-1])
        rows = (
            "limit 0"
            if same
            else f"where o.occurrence is null or n.occurrence is null or ({differs})"
        )
        con.execute(
            f"""create or replace temp table {_q(keep)} as
                select {picked}, o.occurrence, n.occurrence as occurrence_new from {joined}
                {rows}"""  # noqa: S608
        )
        if same:  # the kept table has its columns and no row
            return TableDiff(0, 0, 0)
        sql = f"""select count(*) filter (where occurrence is null),
                count(*) filter (where occurrence_new is null),
                count(*) filter (where occurrence is not null and occurrence_new is not null)
            from {_q(keep)}"""  # noqa: S608
    found = con.execute(sql).fetchall()
    return TableDiff(*(int(n) for n in found[0]))


def _same_rows(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """Whether both releases hold the very same rows of `table` in the same order (every compared
    column, NULLs equal) and no key is NULL: then the full join would find nothing added, removed
    or changed (a NULL key never matches, so such a row counts as removed and added: not taken
    here). One pass over both tables side by side (POSITIONAL JOIN), stopped at the first row that
    differs; far cheaper than the join, which hashes every row. Exact either way: rows paired one
    to one and all equal are the same rows, whatever order the scans gave (the keys of a table in
    UNIQUE_KEYS are unique in a release: a repeat is rejected on load); a table delivered again is
    usually stored in the same order (a release loads its rows in the file's order), and a table
    whose order differs only goes on to the join."""
    sql = (
        f"select (select count(*) from old.clean.{table}), (select count(*) from new.clean.{table})"  # noqa: S608
    )
    ((old_rows, new_rows),) = con.execute(sql).fetchall()
    if old_rows != new_rows:
        return False
    keys = list(KEYS[table])
    columns = [*keys, *_sides(con, table)[1]]
    differs = " or ".join(
        [f"o.{_q(c)} is distinct from n.{_q(c)}" for c in columns]
        + [f"o.{_q(k)} is null" for k in keys]
    )
    cols = ", ".join(map(_q, columns))
    found = con.execute(
        f"""select 1 from (select {cols} from old.clean.{table}) o
            positional join (select {cols} from new.clean.{table}) n
            where {differs} limit 1"""  # noqa: S608 - identifiers from the catalogs (docstring)
    ).fetchall()
    return not found


def compared_values(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """The value columns `table_diff` compares (present in both releases, not keys)."""
    return _sides(con, table)[1]


def record_changes(
    con: duckdb.DuckDBPyConnection, table: str, change: str | None = None, limit: int | None = None
) -> pl.DataFrame:
    """The rows behind the counts, ordered by key: `change`, the key columns (hub_links also its
    `occurrence`), `changed_columns` (a list), then `<column>_old` and `<column>_new` per column.

    `con` has the two releases attached as `old` and `new` (see `attached`)."""
    keys, values, joined, differs = _joined(con, table)
    shown = keys if table not in UNIQUE_KEYS else keys[:-1]
    kind = (
        "case when o.occurrence is null then 'added' when n.occurrence is null then 'removed' "
        f"when {differs} then 'changed' end"
    )
    changed = ", ".join(
        f"case when o.{_q(c)} is distinct from n.{_q(c)} then {_lit(c)} end" for c in values
    )
    pairs = ", ".join(
        f"o.{_q(c)} as {_q(c + '_old')}, n.{_q(c)} as {_q(c + '_new')}" for c in values
    )
    picked = ", ".join(f"coalesce(o.{_q(k)}, n.{_q(k)}) as {_q(k)}" for k in shown)
    sql = f"""select * from (
        select {kind} as change, {picked},
            case when o.occurrence is not null and n.occurrence is not null
                 then list_filter([{changed}], lambda x: x is not null) end as changed_columns,
            {pairs}
        from {joined}) where change is not null and ($change is null or change = $change)
        order by {", ".join(_q(k) for k in shown)}"""  # noqa: S608 - see module docstring
    if limit is not None:
        sql += f" limit {int(limit)}"
    return con.sql(sql, params={"change": change}).pl()


def figure_changes(con: duckdb.DuckDBPyConnection) -> list[FigureChange]:
    """Every headline and district figure whose value differs between the releases."""
    found = []
    for table, keys in FIGURE_KEYS.items():
        types = _columns(con, "marts", table)
        figures = [c for c in types if c not in keys and _numeric(types[c])]
        # moved: compared in the figure's own type (past 2^53 fen, 90 trillion yuan, two amounts a
        # fen apart are the same double); shown as doubles
        structs = ", ".join(
            f"{{'figure': {_lit(c)}, 'pos': {i}, 'old': o.{_q(c)}::double, 'new': n.{_q(c)}::double, "
            f"'moved': o.{_q(c)} is distinct from n.{_q(c)}}}"
            for i, c in enumerate(figures)
        )
        on = " and ".join(f"o.{_q(k)} = n.{_q(k)}" for k in keys)
        district = "coalesce(o.district_code, n.district_code)" if len(keys) > 1 else "null"
        rows = con.execute(
            f"""select coalesce(o.as_of, n.as_of), {district}, f.figure, f.old, f.new
                from old.marts.{table} o full join new.marts.{table} n on {on},
                    unnest([{structs}]) u(f)
                where f.moved order by 1, 2, f.pos"""  # noqa: S608
        ).fetchall()
        for as_of, code, figure, old, new in rows:
            whole = "INT" in types[figure]
            found.append(
                FigureChange(table, as_of, code, figure, _num(old, whole), _num(new, whole))
            )
    return found


def _numeric(data_type: str) -> bool:
    return data_type.startswith(("BIGINT", "INTEGER", "HUGEINT", "SMALLINT", "DOUBLE", "DECIMAL"))


def _num(value: float | None, whole: bool) -> int | float | None:
    if value is None:
        return None
    return int(value) if whole else value


def compare(old: Release, new: Release) -> Diff:
    """The difference between two releases whose files exist."""
    with attached(old=old.path, new=new.path) as con:
        tables = {name: table_diff(con, name) for name in KEYS}
        figures = tuple(figure_changes(con))
    return Diff(old.run_id, new.run_id, tables, figures)


def pick(led: ledger.Ledger, from_run: str | None, to_run: str | None) -> tuple[Release, Release]:
    """The two releases to compare: by default the latest and the one before it."""
    on_disk = [r for r in led.releases if not r.missing]  # newest first
    for rel in [led.release(r) for r in (from_run, to_run) if r is not None]:
        if rel.missing:
            raise ReleaseError(
                "releases.missing_file", run=rel.run_id, path=rel.path, action=COMPARED
            )
    new = led.release(to_run) if to_run else (on_disk[0] if on_disk else None)
    older = on_disk[on_disk.index(new) + 1 :] if new in on_disk else []
    old = led.release(from_run) if from_run else (older[0] if older else None)
    if old is None and new is not None and len(on_disk) > 1:
        raise ReleaseError("releases.no_older", run=new.run_id)
    if old is None or new is None:
        raise ReleaseError("releases.too_few", warehouse=led.target, count=len(on_disk))
    return old, new


def diff_releases(target: Path, from_run: str | None = None, to_run: str | None = None) -> Diff:
    """Compare two releases of the warehouse `target` (default: the latest against the one before)."""
    return compare(*pick(ledger.read(target), from_run, to_run))
