"""What changed between two releases, unit by unit: pipeline/releases/revision.py over both files.

Both release files are ATTACHed read-only. Every headline figure of a year-end is a sum over units (organizations, hubs, payments, projects).
A unit whose contribution differs between the releases is listed once, with the one reason it
changed; so the reasons' parts add up to the figure's change exactly (docs/dashboard.md, "What
changed"). A refresh stores the summary and the table counts against the release before it in the
new release: the page and the overview's sentence read that copy for that pair (at national scale a
query of the pair takes seconds) and query any other pair; the records behind a count are always
queried."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date

import duckdb
import polars as pl
import streamlit as st

from dashboard.core import db
from dashboard.core.filters import Filters
from dashboard.frame import release
from pipeline.releases import Release, revision
from pipeline.releases.revision import (  # noqa: F401 - the page's names
    FUNDING_REASONS,
    HUB_REASONS,
    ORG_REASONS,
    PARTS,
    PROJECT_REASONS,
    REASONS,
    TABLES,
    unit_of,
)

# The comparison reads the whole register (marts.headline, every unit), not through the region door
# of the queries (core/door.py): a viewer with a scope gets neither the 变化 page nor the overview's
# sentence, so nothing outside their regions is shown.
SCOPED = "chg.scoped"


@contextlib.contextmanager
def pair(old: db.Version, new: db.Version) -> Iterator[duckdb.DuckDBPyConnection]:
    """A private connection with the two release files ATTACHed read-only as `old` and `new`; then
    file and network access off and the configuration locked, as for the dashboard's own connection."""
    con = duckdb.connect(":memory:", config=db.connection_config())
    try:
        con.execute("attach ? as old (read_only)", [old.path])
        con.execute("attach ? as new (read_only)", [new.path])
        con.execute("set enable_external_access = false")
        con.execute("set lock_configuration = true")
        yield con
    finally:
        con.close()


@st.cache_data(max_entries=256, show_spinner=False)
def _summary_part(old: db.Version, new: db.Version, as_of: date, name: str) -> pl.DataFrame:
    with pair(old, new) as con:
        stored = revision.stored_part(con, name, as_of)
        return stored if stored is not None else revision.summary_part(con, name, as_of)


def summary(
    old: db.Version, new: db.Version, as_of: date, parts: tuple[str, ...] = PARTS
) -> dict[str, pl.DataFrame]:
    """Per unit (orgs, hubs, funding, projects), one row per reason: how many units and their parts
    of each figure's change (none on a year-end the older release lacks); `headline`: the
    year-end's headline row of each release (`side` old/new); `districts`: each district's figures
    in both. Each part is cached on its own."""
    return {name: _summary_part(old, new, as_of, name) for name in parts}


@st.cache_data(max_entries=64, show_spinner=False)
def records(old: db.Version, new: db.Version, as_of: date, reason: str, limit: int) -> pl.DataFrame:
    """The units behind one reason's count, with their old and new values (at most `limit`)."""
    unit_of(reason)  # a reason outside the fixed list is refused before any file is opened
    with pair(old, new) as con:
        return revision.records(con, reason, as_of, limit)


@st.cache_data(max_entries=16, show_spinner=False)
def table_counts(old: db.Version, new: db.Version) -> pl.DataFrame:
    """Rows added, removed and changed per input table (what `python -m pipeline diff` counts)."""
    with pair(old, new) as con:
        stored = revision.stored_counts(con)
        return stored if stored is not None else revision.table_counts(con)


def since_previous(f: Filters) -> tuple[Release, dict[str, pl.DataFrame]] | None:
    """The release before the one on screen and the summary of the change since it at the year-end;
    None when there is no earlier release on disk (or a file vanished), and for a viewer with a
    scope: the comparison is of the whole register (see `SCOPED`)."""
    if f.scope:
        return None
    led = release.ledger()
    shown = release.shown(release.current(), led)
    before = release.previous(led, shown)
    if shown is None or before is None:
        return None
    old, new = db.file_version(before.path), db.file_version(shown.path)
    if old is None or new is None:
        return None
    return before, summary(old, new, f.as_of, ("orgs", "headline"))  # what the sentence needs
