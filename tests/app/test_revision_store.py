"""A refresh stores what changed since the previous release; the 变化 page reads that copy for that pair.

The stored copy must be the query's answer on every year-end (so a page reading it shows what it
would have computed), every release has the same revision tables, and any other pair is queried."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from dashboard.changes import compare as changes
from dashboard.core import db
from pipeline import releases
from pipeline.refresh import refresh_warehouse
from pipeline.releases import revision
from tests.app.conftest import Pair
from tests.unit import deliveries


def years_of(path: Path) -> list[date]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return [d for (d,) in con.execute("select as_of from marts.calendar order by 1").fetchall()]
    finally:
        con.close()


def test_the_stored_summary_is_the_querys_answer_on_every_year_end(pair_warehouse: Pair) -> None:
    with releases.attached(old=pair_warehouse.old_path, new=pair_warehouse.target) as con:
        assert revision.stored_counts(con) is not None, "the second refresh stored its revision"
        for as_of in years_of(pair_warehouse.target):
            for name in revision.PARTS:
                stored = revision.stored_part(con, name, as_of)
                assert stored is not None
                asked = revision.summary_part(con, name, as_of)
                if name != "districts":  # districts are ordered; the other parts are sets of rows
                    stored, asked = (f.sort(f.columns, nulls_last=True) for f in (stored, asked))
                assert_frame_equal(stored, asked)
        live = revision.table_counts(con)
        assert_frame_equal(revision.stored_counts(con), live)
    assert live.filter(pl.col("table") == "organizations").row(0)[1:] != (0, 0, 0)


def test_every_release_has_the_same_revision_tables(pair_warehouse: Pair) -> None:
    def columns(path: Path) -> list[tuple[str, str, str]]:
        con = duckdb.connect(str(path), read_only=True)
        try:
            return con.execute(
                "select table_name, column_name, data_type from duckdb_columns()"
                " where schema_name = 'revision' order by table_name, column_index"
            ).fetchall()
        finally:
            con.close()

    first, second = columns(pair_warehouse.old_path), columns(pair_warehouse.target)
    assert first == second and {t for t, _, _ in first} == {
        *revision.PARTS,
        "years",
        "tables",
        "about",
    }
    con = duckdb.connect(str(pair_warehouse.old_path), read_only=True)
    assert con.execute("select * from revision.about").fetchall() == [(None,)]  # nothing before it
    assert con.execute("select count(*) from revision.orgs").fetchall() == [(0,)]
    con.close()


def test_the_page_reads_the_stored_copy_of_its_pair(pair_warehouse: Pair, tmp_path: Path) -> None:
    """A figure changed in a copy of the stored summary shows: the page did not query the pair."""
    old = tmp_path / "old.duckdb"
    new = tmp_path / "new.duckdb"
    shutil.copyfile(pair_warehouse.old_path, old)
    shutil.copyfile(pair_warehouse.target, new)
    new.chmod(0o644)
    con = duckdb.connect(str(new))
    con.execute("update revision.orgs set units = units + 1000 where reason = 'org_added'")
    con.execute("update revision.tables set added = 4242 where \"table\" = 'funding'")
    con.close()
    as_of = date(2015, 12, 31)
    found = changes.summary(db.file_version(old), db.file_version(new), as_of)
    units = dict(found["orgs"].select("reason", "units").rows())
    assert units["org_added"] == 1003
    counts = changes.table_counts(db.file_version(old), db.file_version(new))
    assert dict(counts.select("table", "added").rows())["funding"] == 4242


def test_another_pair_is_queried(pair_warehouse: Pair) -> None:
    """The newer release against itself (and the older against the newer) hold no stored copy."""
    as_of = date(2015, 12, 31)
    with releases.attached(old=pair_warehouse.target, new=pair_warehouse.target) as con:
        assert revision.stored_part(con, "orgs", as_of) is None
    with releases.attached(old=pair_warehouse.target, new=pair_warehouse.old_path) as con:
        assert revision.stored_part(con, "orgs", as_of) is None
        assert revision.stored_counts(con) is None


def test_a_year_end_the_older_release_lacks_has_no_parts(tmp_path: Path) -> None:
    """The first delivery's year-ends end in 2013: at end 2016 only the headline and districts."""
    target = tmp_path / "wh" / "hub.duckdb"
    for raw in (deliveries.first(tmp_path / "a"), deliveries.second(tmp_path / "b")):
        assert refresh_warehouse(raw, target, lambda _: None).status == "succeeded"
    old = releases.read(target).releases[1].path
    with releases.attached(old=old, new=target) as con:
        for ask in (revision.stored_part, revision.summary_part):
            found = {name: ask(con, name, date(2016, 12, 31)) for name in revision.PARTS}
            assert all(found[unit].is_empty() for unit in revision.UNITS), ask
            assert found["headline"]["side"].to_list() == ["new"]
            assert not found["districts"].is_empty()


def test_a_previous_file_that_cannot_be_compared_leaves_the_refresh_whole(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    target = tmp_path / "wh" / "hub.duckdb"
    target.parent.mkdir()
    con = duckdb.connect(str(target))  # a DuckDB file, but no release's tables
    con.execute("create table t as select 1 as x")
    con.close()
    result = refresh_warehouse(deliveries.first(tmp_path / "a"), target, lambda _: None)
    assert result.status == "succeeded"
    assert "revision" in caplog.text and "not stored" in caplog.text
    con = duckdb.connect(str(target), read_only=True)
    assert con.execute("select * from revision.about").fetchall() == [(None,)]
    con.close()
