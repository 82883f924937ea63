"""A revision between two releases: its summary per year-end, its records, and the copy a refresh stores.

A refresh compares the release it builds with the live one (the previous release) on every
year-end and stores the summary in the new file's `revision` schema (`store`), with the table
counts of `python -m pipeline diff`; the 变化 page and the overview's sentence read that copy
(`stored_part`, `stored_counts`) when they compare the same two releases, and run the same SQL
(revision_sql.py) for any other pair. The records behind a reason are always queried (a click)."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from pipeline.releases.diff import KEYS, compared_values, table_diff
from pipeline.releases.files import _has_table, attached, own_run
from pipeline.releases.revision_sql import (
    DISTRICT_ORDER,
    DISTRICTS,
    FUNDING,
    FUNDING_IDS_ONE_YEAR,
    FUNDING_RECORDS,
    FUNDING_SUMMARY,
    HEADLINE,
    HUB_RECORDS,
    HUB_SUMMARY,
    HUBS,
    ORG_RECORDS,
    ORG_SUMMARY,
    ORGS,
    PROJECT_RECORDS,
    PROJECT_SUMMARY,
    PROJECTS,
    YEARS,
)

log = logging.getLogger(__name__)

ORG_REASONS = (
    "org_added",
    "org_removed",
    "deregistered",
    "org_dates",
    "hub_revoked",
    "link_ended",
    "link_removed",
    "hub_recognized",
    "link_reopened",
    "link_added",
    "hub_changed",
    "district_changed",
    "other",
)
HUB_REASONS = ("hubs_added", "hubs_removed", "hubs_revoked", "hubs_dates", "hubs_level")
FUNDING_REASONS = ("funding_added", "funding_removed", "funding_moved", "funding_amount")
PROJECT_REASONS = ("project_added", "project_removed", "project_moved", "project_amount")
REASONS = ORG_REASONS + HUB_REASONS + FUNDING_REASONS + PROJECT_REASONS
UNITS = {  # unit -> (its changes' CTEs, the summary, the records, its reasons)
    "orgs": (ORGS, ORG_SUMMARY, ORG_RECORDS, ORG_REASONS),
    "hubs": (HUBS, HUB_SUMMARY, HUB_RECORDS, HUB_REASONS),
    "funding": (FUNDING, FUNDING_SUMMARY, FUNDING_RECORDS, FUNDING_REASONS),
    "projects": (PROJECTS, PROJECT_SUMMARY, PROJECT_RECORDS, PROJECT_REASONS),
}
PARTS = (*UNITS, "headline", "districts")  # what a summary holds
TABLES = tuple(KEYS)  # the input tables `diff` compares
SCHEMA = "revision"  # in the newer release: one table per part, `years`, `tables` and `about`
# the year-ends whose units were compared: both releases have them
COMPARED_YEARS = (
    "select as_of from new.marts.calendar where as_of in (select as_of from old.marts.calendar)"
)


def unit_of(reason: str) -> str:
    """The unit a reason counts: orgs, hubs, funding or projects."""
    for unit, (*_, reasons) in UNITS.items():
        if reason in reasons:
            return unit
    raise ValueError(f"unknown reason: {reason}")


# The payments whose row differs between the releases, kept by `table_counts(con, keep=True)`: every
# payment the funding unit can list is among them when the columns it reads were compared.
KEPT = {"funding": "revision_funding"}
FUNDING_READS = ("recipient_uscc", "paid_on", "amount_yuan")
FUNDING_IDS_KEPT = f"ids as (select funding_id from temp.main.{KEPT['funding']}),\n"  # noqa: S608 - a fixed name


def _ctes(unit: str, one_year: bool, kept: bool = False) -> str:
    ctes = UNITS[unit][0]
    if unit != "funding":
        return ctes
    if kept:  # only the payments table_counts found differing (a NULL id never matches: kept too)
        narrow = "where funding_id in (select funding_id from ids) or funding_id is null"
        return ctes.format(years=YEARS, ids=FUNDING_IDS_KEPT, narrow=narrow)
    if one_year:  # only the payments of that year-end's year are compared
        narrow = "where funding_id in (select funding_id from ids)"
        return ctes.format(years=YEARS, ids=FUNDING_IDS_ONE_YEAR, narrow=narrow)
    return ctes.format(years=YEARS, ids="", narrow="")


def part_sql(name: str, one_year: bool, kept: bool = False) -> str:
    """The query of one summary part (`$d`: a year-end, or NULL for all of them); rows carry as_of.
    `kept`: the funding unit reads only the payments `table_counts(con, keep=True)` kept."""
    if name in UNITS:
        return _ctes(name, one_year, kept) + UNITS[name][1]
    return HEADLINE if name == "headline" else DISTRICTS


def summary_part(con: duckdb.DuckDBPyConnection, name: str, as_of: date) -> pl.DataFrame:
    """One part of the summary at `as_of`, queried (`con` has the releases as `old` and `new`):
    per unit one row per reason (units, and its parts of each figure's change); `headline` the
    year-end's headline row of each release (`side`); `districts` each district in both."""
    order = DISTRICT_ORDER if name == "districts" else ""
    found = con.sql(part_sql(name, one_year=True) + order, params={"d": as_of}).pl()
    return _shaped(name, found)


def _shaped(name: str, found: pl.DataFrame) -> pl.DataFrame:
    """A part as the pages read it: without as_of (the headline rows keep their own)."""
    return found if name == "headline" else found.drop("as_of")


def records(con: duckdb.DuckDBPyConnection, reason: str, as_of: date, limit: int) -> pl.DataFrame:
    """The units behind one reason's count at `as_of`, with their old and new values."""
    unit = unit_of(reason)  # refuses a reason outside the fixed list before any query
    sql = _ctes(unit, one_year=True) + UNITS[unit][2]
    return con.sql(sql, params={"d": as_of, "reason": reason, "limit": limit}).pl()


COUNT_SCHEMA = {"table": pl.String, "added": pl.Int64, "removed": pl.Int64, "changed": pl.Int64}


def table_counts(con: duckdb.DuckDBPyConnection, keep: bool = False) -> pl.DataFrame:
    """Rows added, removed and changed per input table (what `python -m pipeline diff` counts);
    `keep`: the keys of the differing rows of the tables in KEPT are kept (temporary tables)."""
    found = {name: table_diff(con, name, KEPT.get(name) if keep else None) for name in TABLES}
    return pl.DataFrame(
        [{"table": name, **vars(diff)} for name, diff in found.items()], schema=COUNT_SCHEMA
    )


def _stored(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether `new` holds the revision from `old` (the copy a refresh stored against that release)."""
    if not _has_table(con, "new", SCHEMA, "about"):
        return False
    stored = con.execute(f"select from_run from new.{SCHEMA}.about").fetchall()  # noqa: S608
    return bool(stored) and stored[0][0] == own_run(con, "old")


def stored_part(con: duckdb.DuckDBPyConnection, name: str, as_of: date) -> pl.DataFrame | None:
    """The part a refresh stored for this pair at `as_of` (None: not stored, query it)."""
    if name not in PARTS or not _stored(con):
        return None
    if not _has_table(con, "new", SCHEMA, "years"):
        return None
    compared = con.execute(
        f"select count(*) from new.{SCHEMA}.years where as_of = ?",  # noqa: S608
        [as_of],
    ).fetchall()[0][0]
    if name in UNITS and not compared:  # a year-end the older release lacks: no parts
        return _shaped(name, con.sql(f"select * from new.{SCHEMA}.{name} limit 0").pl())  # noqa: S608
    order = DISTRICT_ORDER if name == "districts" else ""
    found = con.sql(
        f"select * from new.{SCHEMA}.{name} where as_of = $d{order}",  # noqa: S608
        params={"d": as_of},
    ).pl()
    return _shaped(name, found)


def stored_counts(con: duckdb.DuckDBPyConnection) -> pl.DataFrame | None:
    """The table counts a refresh stored for this pair (None: not stored)."""
    if not _stored(con):
        return None
    return con.sql(f"select * from new.{SCHEMA}.tables order by position").pl().drop("position")  # noqa: S608


def store(previous: Path, building: Path, memory_limit: str) -> float | None:
    """Compare the file being built with the previous release and store the revision in it; the
    seconds it took, or None when the previous release could not be compared (logged, nothing
    stored: the pages then query the pair themselves)."""
    started = time.perf_counter()
    try:
        with attached(old=previous) as con:
            con.execute("set memory_limit = ?", [memory_limit])
            con.execute("set preserve_insertion_order = false")
            con.execute("attach ? as new", [str(building)])
            con.execute("begin")
            try:
                counts = table_counts(con, keep=True)
                _store(con, "new", lambda sql: sql, own_run(con, "old"), counts, _kept(con))
                con.execute("commit")
            except duckdb.Error:
                con.execute("rollback")
                raise
            con.execute("detach new")
    except duckdb.Error as exc:
        log.warning("the revision from %s was not stored: %s", previous, exc)
        return None
    return time.perf_counter() - started


def _kept(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the funding unit may read only the payments kept: every column it reads was compared
    by table_diff (a payment whose compared values are all the same cannot count differently)."""
    return set(FUNDING_READS) <= set(compared_values(con, "funding"))


def store_empty(con: duckdb.DuckDBPyConnection) -> None:
    """The revision tables without rows, in the file `con` builds (the first release, or one whose
    previous release could not be compared): every release has the same tables."""
    catalog = '"' + con.execute("select current_database()").fetchall()[0][0] + '"'
    sides = re.compile(r"\b(?:old|new)\.(?=[a-z])")  # both sides read the file itself; no row kept

    def nothing(sql: str) -> str:
        return f"select * from ({sides.sub(catalog + '.', sql)}) limit 0"  # noqa: S608

    _store(con, catalog, nothing, None, pl.DataFrame(schema=COUNT_SCHEMA))


def _store(
    con: duckdb.DuckDBPyConnection,
    catalog: str,
    query: Callable[[str], str],
    from_run: str | None,
    counts: pl.DataFrame,
    kept: bool = False,
) -> None:
    """The revision tables in `catalog`: each part on every year-end (`query`: a part's SQL as run;
    `kept`: the funding unit reads the payments table_counts kept, see `_kept`)."""
    con.execute(f"create schema {catalog}.{SCHEMA}")
    parts = {"years": COMPARED_YEARS} | {
        name: part_sql(name, one_year=False, kept=kept and name in KEPT) for name in PARTS
    }
    for name, sql in parts.items():
        params = {"d": None} if "$d" in sql else None
        con.execute(f"create table {catalog}.{SCHEMA}.{name} as {query(sql)}", params)  # noqa: S608
    numbered = counts.with_row_index("position")  # noqa: F841 - read below
    con.execute(f"create table {catalog}.{SCHEMA}.tables as select * from numbered")  # noqa: S608
    con.execute(
        f"create table {catalog}.{SCHEMA}.about as select ?::varchar as from_run",  # noqa: S608
        [from_run],
    )
