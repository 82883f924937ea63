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
from pipeline import guard, releases
from pipeline.refresh import refresh_warehouse
from pipeline.releases import diff, revision
from tests.app import revisions
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


def _stored_is_asked(con: duckdb.DuckDBPyConnection, target: Path) -> None:
    """Every stored part and the stored counts are what the query of the pair answers."""
    for as_of in years_of(target):
        for name in revision.PARTS:
            stored, asked = (
                revision.stored_part(con, name, as_of),
                revision.summary_part(con, name, as_of),
            )
            assert stored is not None
            if name != "districts":
                stored, asked = (f.sort(f.columns, nulls_last=True) for f in (stored, asked))
            assert_frame_equal(stored, asked)
    assert_frame_equal(revision.stored_counts(con), revision.table_counts(con))


def test_a_file_delivered_again_unchanged_can_change_its_table(tmp_path: Path) -> None:
    """Only organizations.csv changes (O3 left out): the links, payments and projects files are the
    same bytes (same SHA-256), yet O3's link, payments and project are rejected now (their
    organization is unknown). A comparison that skipped a table or a unit because its file's
    fingerprint did not change would store none of it."""
    first = revisions.write(tmp_path / "a", second=False)
    again = Path(shutil.copytree(first, tmp_path / "b"))
    orgs = again / "organizations.csv"
    lines = orgs.read_text("utf-8-sig").splitlines(keepends=True)
    orgs.write_text("".join(line for line in lines if revisions.ORG[3] not in line), "utf-8-sig")
    target = tmp_path / "wh" / "hub.duckdb"
    for raw in (first, again):  # the second drops a third of the payments: published deliberately
        run = refresh_warehouse(raw, target, lambda _: None, policy=guard.Policy(accept=True))
        assert run.status == "succeeded", run.error
    old = releases.read(target).releases[1].path
    with releases.attached(old=old, new=target) as con:
        same = con.execute(
            "select o.table_name from old.quality.inputs o join new.quality.inputs n"
            " using (table_name) where o.sha256 = n.sha256"
        ).fetchall()
        assert {t for (t,) in same} == {"hubs", "hub_links", "projects", "funding"}
        counts = {t: (a, r, c) for t, a, r, c in revision.stored_counts(con).iter_rows()}
        assert counts["hub_links"] == (0, 1, 0) and counts["projects"] == (0, 1, 0)
        assert counts["funding"] == (0, 2, 0)
        funding = revision.stored_part(con, "funding", date(2015, 12, 31))
        assert funding is not None and funding.rows() == [("funding_removed", 1, -4000.0)]  # F4
        _stored_is_asked(con, target)


def test_the_funding_unit_reads_every_payment_when_a_column_it_reads_is_not_compared(
    pair_warehouse: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The funding unit reads only the payments whose rows table_counts found differing, which holds
    only while every column it reads is compared; were amount_yuan not compared, F2's corrected
    amount would be missed by the narrowing: the store reads every payment instead."""
    monkeypatch.setattr(diff, "NOT_VALUES", {"source_line", "amount_yuan"})
    new = tmp_path / "new.duckdb"
    shutil.copyfile(pair_warehouse.target, new)
    new.chmod(0o644)
    con = duckdb.connect(str(new))
    con.execute("drop schema revision cascade")
    con.close()
    with releases.attached(old=pair_warehouse.old_path, new=new) as con:
        assert not revision._kept(con)
    assert revision.store(pair_warehouse.old_path, new, "1GB") is not None
    with releases.attached(old=pair_warehouse.old_path, new=new) as con:
        funding = revision.stored_part(con, "funding", date(2015, 12, 31))
        assert funding is not None
        assert dict(funding.select("reason", "units").rows())["funding_amount"] == 1  # F2
        counts = dict(revision.stored_counts(con).select("table", "changed").rows())
        assert counts["funding"] == 1  # F5 (its date); F2's amount was not compared
