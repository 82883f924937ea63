"""Every figure of two builds compared: the marts of two warehouses, or a prototype's models against them.

    python -m tools.mart_equality OLD.duckdb NEW.duckdb          # two warehouses, e.g. two commits
    python -m tools.mart_equality WAREHOUSE.duckdb --prototype DIR

A table is equal when both hold the same rows as a multiset (EXCEPT ALL both ways) over the columns
they share, values compared exactly (a rate is the same DOUBLE or it differs). A column only one side
has is listed, not compared. With --prototype, the warehouse is copied, each DIR/<name>.sql (a SELECT,
in name order; it may read proto.* built before it) becomes proto.<name>, and each is compared with
marts.<name> where that exists. Exit status 0 when every compared table is equal, 1 otherwise."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

SAMPLES = 5  # differing rows shown per side


@dataclass(frozen=True)
class TableCompare:
    """One table on both sides."""

    table: str
    left_rows: int
    right_rows: int
    only_left: int  # rows (with repeats) the left side has beyond the right's
    only_right: int
    left_columns: tuple[str, ...] = ()  # columns only the left side has (not compared)
    right_columns: tuple[str, ...] = ()
    samples: tuple[tuple[str, tuple[object, ...]], ...] = field(default=())

    @property
    def equal(self) -> bool:
        return self.only_left == 0 and self.only_right == 0

    def line(self) -> str:
        """One line: equal, or how it differs."""
        head = f"{self.table:32} {self.left_rows:>11,} | {self.right_rows:>11,} rows"
        extra = "".join(
            f"; columns only {side}: {', '.join(cols)}"
            for side, cols in (("left", self.left_columns), ("right", self.right_columns))
            if cols
        )
        if self.equal:
            return f"{head}  equal{extra}"
        return (
            f"{head}  DIFFER: {self.only_left:,} only left, {self.only_right:,} only right{extra}"
        )


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def columns(
    con: duckdb.DuckDBPyConnection, database: str, schema: str, table: str, *, typed: bool = False
) -> list[str]:
    """The table's columns in order (empty when it does not exist); `typed`: each with its type."""
    found = con.execute(
        "select if(?, column_name || ' ' || data_type, column_name) from duckdb_columns()"
        " where database_name = ? and schema_name = ? and table_name = ? order by column_index",
        [typed, database, schema, table],
    ).fetchall()
    return [name for (name,) in found]


def tables(con: duckdb.DuckDBPyConnection, database: str, schema: str) -> list[str]:
    """The base tables of a schema, by name."""
    found = con.execute(
        "select table_name from duckdb_tables() where database_name = ? and schema_name = ?"
        " order by table_name",
        [database, schema],
    ).fetchall()
    return [name for (name,) in found]


def compare_table(
    con: duckdb.DuckDBPyConnection, left: tuple[str, str, str], right: tuple[str, str, str]
) -> TableCompare:
    """Compare two tables given as (database, schema, table) on the columns they share."""
    lcols, rcols = columns(con, *left), columns(con, *right)
    shared = [c for c in lcols if c in rcols]
    picked = ", ".join(_q(c) for c in shared) or "1"
    lname, rname = (".".join(_q(p) for p in side) for side in (left, right))
    only = {}
    samples: list[tuple[str, tuple[object, ...]]] = []
    for side, (a, b) in (("left", (lname, rname)), ("right", (rname, lname))):
        diff = f"select {picked} from {a} except all select {picked} from {b}"  # noqa: S608
        only[side] = int(con.execute(f"select count(*) from ({diff})").fetchall()[0][0])  # noqa: S608
        if only[side]:
            found = con.execute(f"{diff} order by all limit {SAMPLES}").fetchall()
            samples += [(side, tuple(row)) for row in found]
    count = "select count(*) from {}"
    return TableCompare(
        left[2] if left[2] == right[2] else f"{left[2]} / {right[2]}",
        int(con.execute(count.format(lname)).fetchall()[0][0]),
        int(con.execute(count.format(rname)).fetchall()[0][0]),
        only["left"],
        only["right"],
        tuple(c for c in lcols if c not in rcols),
        tuple(c for c in rcols if c not in lcols),
        tuple(samples),
    )


def compare_warehouses(old: Path, new: Path, schema: str = "marts") -> list[TableCompare]:
    """Every table of `schema` the two warehouses share, and a line for one only a side has."""
    con = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False})
    try:
        con.execute("attach ? as l (read_only)", [str(old)])
        con.execute("attach ? as r (read_only)", [str(new)])
        names_l, names_r = tables(con, "l", schema), tables(con, "r", schema)
        found = [
            compare_table(con, ("l", schema, t), ("r", schema, t)) for t in names_l if t in names_r
        ]
        # rows -1: that side has no such table
        found += [TableCompare(t, 0, -1, 0, 0) for t in names_l if t not in names_r]
        found += [TableCompare(t, -1, 0, 0, 0) for t in names_r if t not in names_l]
        return found
    finally:
        con.close()


def compare_prototype(warehouse: Path, folder: Path) -> list[TableCompare]:
    """Build DIR/*.sql as proto.* in a copy of the warehouse; compare each with its marts table."""
    with tempfile.TemporaryDirectory(prefix="shuniu-proto-") as work:
        copy = Path(work) / "prototype_build.duckdb"  # not "proto": that names the schema
        shutil.copyfile(warehouse, copy)
        copy.chmod(0o644)
        con = duckdb.connect(str(copy), config={"autoinstall_known_extensions": False})
        try:
            con.execute("create schema proto")
            for path in sorted(folder.glob("*.sql")):
                query = path.read_text("utf-8").strip().rstrip(";")
                con.execute(f"create table proto.{_q(path.stem)} as\n{query}")
            database = con.execute("select current_database()").fetchall()[0][0]
            marts = set(tables(con, database, "marts"))
            return [
                compare_table(con, (database, "marts", name), (database, "proto", name))
                for name in tables(con, database, "proto")
                if name in marts
            ]
        finally:
            con.close()


def report(found: list[TableCompare]) -> bool:
    """Print a line per table (and samples of differing rows); whether every table is equal."""
    for item in found:
        if item.left_rows < 0 or item.right_rows < 0:
            side = "left" if item.right_rows < 0 else "right"
            print(f"{item.table:32} only the {side} side has this table")
            continue
        print(item.line())
        for side, row in item.samples:
            print(f"    only {side}: {row}")
    return all(item.equal and item.left_rows >= 0 and item.right_rows >= 0 for item in found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("left", type=Path, help="a warehouse (the old build)")
    parser.add_argument("right", type=Path, nargs="?", help="another warehouse (the new build)")
    parser.add_argument("--prototype", type=Path, help="a folder of prototype models (*.sql)")
    parser.add_argument("--schema", default="marts", help="the schema compared (two warehouses)")
    args = parser.parse_args(argv)
    if (args.right is None) == (args.prototype is None):
        parser.error("give either a second warehouse or --prototype DIR")
    if args.prototype is not None:
        found = compare_prototype(args.left, args.prototype)
    else:
        found = compare_warehouses(args.left, args.right, args.schema)
    equal = report(found)
    print("every compared table is equal" if equal else "SOME TABLES DIFFER")
    return 0 if equal else 1


if __name__ == "__main__":
    sys.exit(main())
