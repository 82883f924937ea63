"""Releases: every refresh kept read-only and self-describing, the ledger agrees with the files, pins and keep N."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from pipeline import releases
from pipeline.refresh import refresh_warehouse
from pipeline.run_record import RunResult
from pipeline.warehouse import WarehouseError
from tests.unit import deliveries as d
from tests.unit import registers as r

MARTS = ("headline", "district_coverage", "hub_type_coverage", "district_funding")


def quiet_refresh(raw: Path, target: Path, keep: int = 12) -> RunResult:
    return refresh_warehouse(raw, target, lambda _: None, keep)


def marts_of(path: Path) -> dict[str, pl.DataFrame]:
    with releases.attached(w=path) as con:
        return {m: con.sql(f"select * from w.marts.{m} order by all").pl() for m in MARTS}


def tables_of(path: Path) -> list[tuple[str, str]]:
    with releases.attached(w=path) as con:
        return con.execute(
            "select schema_name, table_name from duckdb_tables() where database_name = 'w' order by all"
        ).fetchall()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def two(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, RunResult, RunResult, dict[str, pl.DataFrame]]:
    """The two deliveries refreshed one after the other; the first release's marts as they were."""
    root = tmp_path_factory.mktemp("two")
    target = root / "wh" / "hub.duckdb"
    first = quiet_refresh(d.first(root / "raw1"), target)
    before = marts_of(target)
    second = quiet_refresh(d.second(root / "raw2"), target)
    assert first.totals()[2] == second.totals()[2] == 0, "every row of both deliveries is accepted"
    return target, first, second, before


def test_every_refresh_is_a_read_only_release_and_the_live_file_is_the_newest(two) -> None:
    target, first, second, _ = two
    led = releases.read(target)
    assert [rel.run_id for rel in led.releases] == [second.run_id, first.run_id]
    newest = led.releases[0]
    assert newest.is_live and not led.releases[1].is_live
    assert newest.path == target.parent / "hub.releases" / f"{second.run_id}.duckdb"
    assert os.path.samefile(newest.path, target)  # a hard link: no second copy on disk
    for rel in led.releases:
        assert stat.S_IMODE(rel.path.stat().st_mode) == 0o444
        assert rel.size_bytes == rel.path.stat().st_size
    assert led.disk_bytes == sum(rel.path.stat().st_size for rel in led.releases)
    assert led.live_run_id == led.newest_succeeded() == second.run_id


def test_the_first_release_still_yields_every_figure_of_the_first_delivery(two) -> None:
    target, first, _, before = two
    old = releases.read(target).release(first.run_id)
    after = marts_of(old.path)
    for name in MARTS:
        assert_frame_equal(after[name], before[name])
    assert tables_of(old.path) == tables_of(target)


def test_a_release_describes_its_run_and_its_inputs_checksums(two, tmp_path: Path) -> None:
    target, first, _, _ = two
    raw = d.first(tmp_path / "same")  # byte-identical to the first delivery
    rel = releases.read(target).release(first.run_id)
    with releases.attached(w=rel.path) as con:
        assert con.execute("select run_id from w.quality.release").fetchall() == [(first.run_id,)]
        inputs = con.execute(
            "select table_name, file, size_bytes, sha256 from w.quality.inputs order by file"
        ).fetchall()
    assert inputs == [(p.stem, p.name, p.stat().st_size, sha(p)) for p in sorted(raw.iterdir())]
    assert {i.file: (i.sha256, i.rows_read) for i in rel.inputs} == {
        "organizations.csv": (sha(raw / "organizations.csv"), 3),
        "hubs.csv": (sha(raw / "hubs.csv"), 2),
        "hub_links.csv": (sha(raw / "hub_links.csv"), 3),
        "projects.csv": (sha(raw / "projects.csv"), 1),
        "funding.csv": (sha(raw / "funding.csv"), 2),
    }


def test_the_last_release_input_checksums_are_one_call_away(two, tmp_path: Path) -> None:
    target = two[0]
    raw = d.second(tmp_path / "same")
    assert releases.last_input_checksums(target) == {p.name: sha(p) for p in raw.iterdir()}
    assert releases.last_input_checksums(tmp_path / "none.duckdb") == {}


def test_the_live_warehouse_carries_the_run_history(two) -> None:
    target, first, second, _ = two
    with releases.attached(w=target) as con:
        runs = con.execute(
            "select run_id, status from w.quality.runs order by started_at"
        ).fetchall()
    assert runs == [(first.run_id, "succeeded"), (second.run_id, "succeeded")]


def test_keep_n_keeps_the_newest_n_and_prunes_the_rest_with_their_reports(tmp_path: Path) -> None:
    target, raw = tmp_path / "hub.duckdb", r.write_register(tmp_path / "raw")
    runs = [quiet_refresh(raw, target, keep=2) for _ in range(3)]
    led = releases.read(target)
    assert [rel.run_id for rel in led.releases] == [runs[2].run_id, runs[1].run_id]
    assert runs[2].pruned == [runs[0].run_id]
    assert [(run.run_id, run.status, run.release) for run in led.runs] == [
        (runs[0].run_id, "succeeded", "pruned"),
        (runs[1].run_id, "succeeded", "kept"),
        (runs[2].run_id, "succeeded", "live"),
    ]
    assert not (tmp_path / "hub.releases" / f"{runs[0].run_id}.duckdb").exists()
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == sorted(
        f"{kind}-{run.run_id}.{ext}"
        for run in runs[1:]
        for kind in ("rejected_rows", "warnings")
        for ext in ("csv", "xlsx")  # the .xlsx beside each report, pruned with it
    )


def test_a_pinned_release_survives_prune_and_the_live_one_is_never_pruned(tmp_path: Path) -> None:
    target, raw = tmp_path / "hub.duckdb", r.write_register(tmp_path / "raw")
    runs = [quiet_refresh(raw, target) for _ in range(3)]
    assert releases.pin(target, runs[0].run_id) is True
    assert releases.pin(target, runs[0].run_id) is False  # pinned already
    assert releases.prune(target, keep=1) == [runs[1].run_id]
    led = releases.read(target)
    assert [(rel.run_id, rel.pinned, rel.is_live) for rel in led.releases] == [
        (runs[2].run_id, False, True),
        (runs[0].run_id, True, False),
    ]
    assert json.loads((tmp_path / "hub.releases" / "pins.json").read_text()) == {
        "pinned": [runs[0].run_id]
    }
    assert releases.unpin(target, runs[0].run_id) is True
    assert releases.unpin(target, runs[0].run_id) is False
    assert releases.prune(target, keep=1) == [runs[0].run_id]
    assert [rel.run_id for rel in releases.read(target).releases] == [runs[2].run_id]


def test_a_release_file_deleted_by_hand_is_listed_as_missing(tmp_path: Path) -> None:
    target, raw = tmp_path / "hub.duckdb", r.write_register(tmp_path / "raw")
    runs = [quiet_refresh(raw, target) for _ in range(2)]
    (tmp_path / "hub.releases" / f"{runs[0].run_id}.duckdb").unlink()
    led = releases.read(target)
    assert [(rel.run_id, rel.missing, rel.size_bytes) for rel in led.releases] == [
        (runs[1].run_id, False, target.stat().st_size),
        (runs[0].run_id, True, None),
    ]
    assert [run.release for run in led.runs] == ["missing", "live"]
    with pytest.raises(releases.ReleaseError) as error:
        releases.diff_releases(target)
    assert error.value.text("en") == f"{target} has 1 release(s) on disk; a diff needs two."
    assert str(error.value) == f"{target} 在磁盘上只有 1 个版本；比较至少需要两个。"
    with pytest.raises(releases.ReleaseError) as error:
        releases.pin(target, runs[0].run_id)
    path = f"{tmp_path}/hub.releases/{runs[0].run_id}.duckdb"
    assert error.value.text("en") == (
        f"The file of release {runs[0].run_id} ({path}) is missing; it cannot be pinned."
    )
    assert str(error.value) == f"版本 {runs[0].run_id} 的文件（{path}）不见了，无法固定。"


def test_a_failed_run_is_listed_and_its_reports_are_leftovers_the_next_refresh_removes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, raw = tmp_path / "hub.duckdb", r.write_register(tmp_path / "raw")
    good = quiet_refresh(raw, target)
    with monkeypatch.context() as patch:
        patch.setattr("pipeline.warehouse.run_audits", lambda con: {"made_up_audit": 1})
        with pytest.raises(WarehouseError, match="^新的数据仓库未通过审核 ") as error:
            quiet_refresh(raw, target)
    assert error.value.text("en").startswith("The new warehouse failed its audits ")
    led = releases.read(target)
    failed = led.runs[-1]
    assert (failed.status, failed.release, led.live_run_id) == ("failed", "none", good.run_id)
    assert "made_up_audit" in (failed.error or "")
    with pytest.raises(releases.ReleaseError) as error:
        led.release(failed.run_id)  # its state word in the sentence's language
    assert str(error.value) == f"刷新批次 {failed.run_id} 没有成功（失败），因此没有版本。"
    assert (
        error.value.text("en")
        == f"Run {failed.run_id} did not succeed (failed), so it has no release."
    )
    assert sorted((lo.kind, lo.path.name) for lo in led.leftovers) == [
        ("report", f"rejected_rows-{failed.run_id}.csv"),
        ("report", f"rejected_rows-{failed.run_id}.xlsx"),
        ("report", f"warnings-{failed.run_id}.csv"),
        ("report", f"warnings-{failed.run_id}.xlsx"),
    ]
    quiet_refresh(raw, target)
    assert releases.read(target).leftovers == ()
    assert not list((tmp_path / "reports").glob(f"*-{failed.run_id}.*"))


def test_a_warehouse_from_before_releases_becomes_a_release_at_the_next_refresh(
    tmp_path: Path,
) -> None:
    target, raw = tmp_path / "hub.duckdb", r.write_register(tmp_path / "raw")
    old = quiet_refresh(raw, target)
    # What an older version left: no releases folder, no quality.release, a journal of plain records.
    for path in (tmp_path / "hub.releases").iterdir():
        path.unlink()
    (tmp_path / "hub.releases").rmdir()
    os.chmod(target, 0o644)
    with duckdb.connect(str(target)) as con:
        con.execute("drop table quality.release")
    legacy = {"run_id": old.run_id, "status": "succeeded", "started_at": old.started_at.isoformat()}
    (tmp_path / "hub.runs.jsonl").write_text(json.dumps(legacy) + "\n", encoding="utf-8")
    led = releases.read(target)
    assert (led.live_run_id, led.live_linked) == (old.run_id, False)
    assert [(rel.run_id, rel.path, rel.is_live) for rel in led.releases] == [
        (old.run_id, target, True)
    ]
    new = quiet_refresh(raw, target)
    led = releases.read(target)
    assert [rel.run_id for rel in led.releases] == [new.run_id, old.run_id]
    assert all(not rel.missing and rel.path.parent.name == "hub.releases" for rel in led.releases)


def test_a_journal_line_cut_short_by_a_kill_or_naming_no_run_is_skipped(tmp_path: Path) -> None:
    target, raw = tmp_path / "hub.duckdb", r.write_register(tmp_path / "raw")
    first = quiet_refresh(raw, target)
    with (tmp_path / "hub.runs.jsonl").open("a", encoding="utf-8") as journal:
        journal.write('{"event": "failed", "run_id": "../../etc/x", "status": "failed"}\n')
        journal.write('{"event": "started", "run_id": "2026')
    second = quiet_refresh(raw, target)
    assert [(run.run_id, run.status) for run in releases.read(target).runs] == [
        (first.run_id, "succeeded"),
        (second.run_id, "succeeded"),
    ]


def test_an_unknown_or_pruned_run_id_is_one_sentence(tmp_path: Path) -> None:
    target, raw = tmp_path / "hub.duckdb", r.write_register(tmp_path / "raw")
    runs = [quiet_refresh(raw, target, keep=1) for _ in range(2)]
    led = releases.read(target)
    for run_id, english, chinese in (
        ("20990101T000000-abcd", f"20990101T000000-abcd is not a release of {target}; "
         "`python -m pipeline releases` lists them.",
         f"20990101T000000-abcd 不是 {target} 的版本；`python -m pipeline releases` 可列出所有版本。"),
        ("../hub", f"../hub is not a release of {target}; `python -m pipeline releases` lists them.",
         f"../hub 不是 {target} 的版本；`python -m pipeline releases` 可列出所有版本。"),
        (runs[0].run_id, f"Release {runs[0].run_id} was pruned; `python -m pipeline releases` "
         "lists the kept ones.",
         f"版本 {runs[0].run_id} 已被清理；`python -m pipeline releases` 可列出保留的版本。"),
    ):  # fmt: skip
        with pytest.raises(releases.ReleaseError) as error:
            led.release(run_id)
        assert (error.value.text("en"), str(error.value)) == (english, chinese)


def test_an_export_from_an_old_release_is_named_after_that_release(two, tmp_path: Path) -> None:
    from pipeline.export import export_briefing

    target, first, _, _ = two
    old = releases.read(target).release(first.run_id)
    from pipeline.briefing_tables import TABLES

    names = sorted(p.name for p in export_briefing(old.path, tmp_path))
    assert names == sorted(f"{table.sheet}_批次{first.run_id}.csv" for table in TABLES)
    assert "分区覆盖_批次" + first.run_id + ".csv" in names
