"""Coverage and hubs counted the old way (per organization and year-end) beside the marts as built.

    python -m tests.sql.year_ends.compare WAREHOUSE.duckdb   # prints each table, exit 1 if any differs

org_year.sql, coverage_cube.sql and register_profile.sql here are the models as they were before
marts.org_segments (one row per organization per year-end on which it is active); hub_year.sql is
marts.hub_year as it was before it was summed from marts.hub_links_by_year (its own range join of
marts.links against the calendar, each organization counted once per hub and year-end). Kept as
independent formulations: built into a copy of a warehouse as year_ends.*, each is compared with the
mart of the same name (every row, repeats included, values exact) and its column types; org_year with
the segments spread over their year-ends."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import duckdb

from tools.mart_equality import TableCompare, columns, compare_table, report

HERE = Path(__file__).parent
MODELS = ("org_year", "coverage_cube", "register_profile", "hub_year")  # in build order

# the segments spread over their year-ends: marts.org_year's rows
SEGMENT_YEARS = """
select calendar.as_of, org_segments.* exclude (first_as_of, last_as_of)
from marts.org_segments
inner join marts.calendar
    on calendar.as_of between org_segments.first_as_of and org_segments.last_as_of
"""


def build_reference(con: duckdb.DuckDBPyConnection) -> None:
    """The year-end models as year_ends.*, and marts.org_segments spread as year_ends.segment_years."""
    con.execute("create schema year_ends")
    for name in MODELS:
        query = (HERE / f"{name}.sql").read_text("utf-8").strip().rstrip(";")
        query = query.replace("marts.org_year", "year_ends.org_year")
        con.execute(f"create table year_ends.{name} as\n{query}")
    con.execute(f"create table year_ends.segment_years as {SEGMENT_YEARS}")


def types(con: duckdb.DuckDBPyConnection, database: str, schema: str, table: str) -> list[str]:
    return columns(con, database, schema, table, typed=True)


def compare(con: duckdb.DuckDBPyConnection) -> tuple[list[TableCompare], list[str]]:
    """Each mart beside its year-end formulation (built first): the tables, and type differences."""
    database = con.execute("select current_database()").fetchall()[0][0]
    pairs = [
        (("marts", "coverage_cube"), ("year_ends", "coverage_cube")),
        (("marts", "register_profile"), ("year_ends", "register_profile")),
        (("marts", "hub_year"), ("year_ends", "hub_year")),
        (("year_ends", "segment_years"), ("year_ends", "org_year")),
    ]
    found, typed = [], []
    for left, right in pairs:
        found.append(compare_table(con, (database, *left), (database, *right)))
        if left[0] == "marts" and types(con, database, *left) != types(con, database, *right):
            typed.append(
                f"{left[1]}: {types(con, database, *left)} vs {types(con, database, *right)}"
            )
    return found, typed


def compare_file(warehouse: Path) -> tuple[list[TableCompare], list[str]]:
    """compare() on a copy of the warehouse file (left as it is)."""
    with tempfile.TemporaryDirectory(prefix="shuniu-year-ends-") as work:
        copy = Path(work) / "copy.duckdb"
        shutil.copyfile(warehouse, copy)
        copy.chmod(0o644)
        con = duckdb.connect(str(copy), config={"autoinstall_known_extensions": False})
        try:
            build_reference(con)
            return compare(con)
        finally:
            con.close()


def main(argv: list[str]) -> int:
    found, typed = compare_file(Path(argv[0]))
    equal = report(found) and not typed
    for line in typed:
        print("TYPES DIFFER " + line)
    print("every compared table is equal" if equal else "SOME TABLES DIFFER")
    return 0 if equal else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
