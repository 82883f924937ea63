"""Work overlapped with reading (loads in a worker thread, input hashes) and the funding load order."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipeline import background, warehouse
from pipeline.messages import text
from pipeline.refresh import refresh_warehouse
from schemas.tables import CHECK_ORDER, TABLES
from tests.unit import registers as r


@pytest.mark.parametrize("rows_a_slice", [1, 3, 1_000_000])
def test_funding_is_stored_in_recipient_order_whatever_the_file_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows_a_slice: int
) -> None:
    monkeypatch.setattr(warehouse, "SORTED_SLICE", rows_a_slice)
    extra = [
        ["F3", r.ORG_B, "fiscal", "10", "2014-01-01", ""],
        ["F4", r.ORG_A, "fiscal", "20", "2014-02-01", ""],
    ]
    raw = r.write_register(tmp_path / "raw", {"funding": extra})
    refresh_warehouse(raw, tmp_path / "w.duckdb")
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    stored = con.sql(
        "select funding_id, recipient_uscc from clean.funding order by rowid"
    ).fetchall()
    con.close()
    assert [uscc for _, uscc in stored] == sorted([r.ORG_A, r.ORG_B, r.ORG_B, r.ORG_A])
    assert {fid for fid, _ in stored} == {"F1", "F2", "F3", "F4"}


def test_each_table_is_loaded_once_in_order_and_all_before_the_block_ends() -> None:
    loaded: list[str] = []
    frames = {name: pl.DataFrame({"x": [i]}) for i, name in enumerate(["a", "b", "c"])}
    with background.loader(lambda name, frame: loaded.append(name)) as loads:
        for name, frame in frames.items():
            loads.load(name, frame)
    assert loaded == ["a", "b", "c"]


def test_a_failed_load_is_raised_by_the_next_load() -> None:
    def sink(name: str, frame: pl.DataFrame) -> None:
        if name == "a":
            raise OSError("disk full")

    with background.loader(sink) as loads:
        loads.load("a", pl.DataFrame())
        with pytest.raises(OSError, match="disk full"):
            loads.load("b", pl.DataFrame())


def test_a_failed_last_load_is_raised_by_finish() -> None:
    def sink(name: str, frame: pl.DataFrame) -> None:
        raise OSError("disk full")

    with background.loader(sink) as loads:
        loads.load("a", pl.DataFrame())
        with pytest.raises(OSError, match="disk full"):
            loads.finish()


def test_an_error_while_a_load_runs_leaves_only_after_the_load_ended() -> None:
    release = threading.Event()
    finished: list[str] = []

    def sink(name: str, frame: pl.DataFrame) -> None:
        release.wait(5)
        finished.append(name)

    with pytest.raises(ValueError, match="next file broken"), background.loader(sink) as loads:
        loads.load("a", pl.DataFrame())
        release.set()
        raise ValueError("next file broken")
    assert finished == ["a"]  # the building file is not closed under a running load


def test_the_fingerprints_are_each_input_files_sha256(tmp_path: Path) -> None:
    raw = r.write_register(tmp_path / "raw")
    (raw / "notes.txt").write_text("not an input")
    with background.fingerprints(raw) as hashing:
        found = {path.name: future.result() for path, future in hashing.items()}
    expected = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in raw.iterdir()
        if p.suffix == ".csv"
    }
    assert found == expected


def test_a_table_with_two_files_is_left_to_the_refresh_to_refuse(tmp_path: Path) -> None:
    raw = r.write_register(tmp_path / "raw")
    (raw / "hubs.xlsx").write_bytes(b"")
    with background.fingerprints(raw) as hashing:
        names = sorted(path.name for path in hashing)
    assert names == ["funding.csv", "hub_links.csv", "organizations.csv", "projects.csv"]


def test_a_refresh_records_the_same_checksums_as_hashing_the_files(tmp_path: Path) -> None:
    raw = r.write_register(tmp_path / "raw")
    result = refresh_warehouse(raw, tmp_path / "w.duckdb")
    assert {i.file: i.sha256 for i in result.inputs} == {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in raw.iterdir()
    }


def test_every_table_is_checked_after_the_tables_its_references_name() -> None:
    position = {table.name: i for i, table in enumerate(CHECK_ORDER)}
    assert sorted(position) == sorted(table.name for table in TABLES)  # each table once
    for table in CHECK_ORDER:
        for _column, other, _key in table.references:
            assert position[other] < position[table.name], (table.name, other)


def test_funding_loads_while_hub_links_are_read_and_checked(tmp_path: Path) -> None:
    """The largest load runs beside the next file's checking; the refresh reports in TABLES order."""
    raw = r.write_register(tmp_path / "raw")
    said: list[str] = []
    result = refresh_warehouse(raw, tmp_path / "w.duckdb", progress=said.append)
    loading_funding = said.index(text("progress.loading", file="funding.csv"))
    assert loading_funding < said.index(text("progress.reading", file="hub_links.csv"))
    names = [f.table_name for f in result.files]
    assert names == [t.name for t in TABLES if t.name in names]
    assert {"funding", "hub_links"} <= set(names)
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    files = [row[0] for row in con.sql("select file from quality.inputs order by rowid").fetchall()]
    con.close()
    assert files == [f.file for f in result.files]
