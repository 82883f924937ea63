"""Publishing from the browser, below the page: which files are taken, validation as the CLI does it,
the rejections by rule, the comparison with the live release, and the all-or-nothing publish."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import duckdb
import pytest

from dashboard.publish import steps as publish
from dashboard.publish import tables
from dashboard.releases import manage
from pipeline import audit, releases
from pipeline.read import InputError
from pipeline.refresh import refresh_warehouse
from pipeline.warehouse import WarehouseError, exclusive
from tests.unit import registers as r

MB = 2**20
ORG_X = r.uscc("1", "110105", "MJ0000009")
BAD_USCC = ORG_X[:-1] + ("0" if ORG_X[-1] != "0" else "1")
CLERK = audit.Actor("clerk@example.org", "browser", "staff")
# A messy register: the tiny register plus four bad rows, each breaking one rule (counted by hand)
MESSY = {
    "organizations": [
        [BAD_USCC, "坏代码协会", "社会团体", "区级", "110105", "2012-01-01", "", "正常", "是"],  # line 5
        [ORG_X, "未来协会", "社会团体", "区级", "110105", "2999-01-01", "", "正常", "是"],  # line 6
    ],
    "funding": [
        ["F9", r.ORG_A, "财政资金", "-5", "2013-01-01", ""],  # line 4
        ["F10", r.ORG_A, "财政资金", "-7", "2013-01-01", ""],  # line 5
    ],
}  # fmt: skip


def _uploads(folder: Path) -> list[publish.Upload]:
    return [publish.Upload(p.name, p.read_bytes()) for p in sorted(folder.iterdir())]


def _taken(folder: Path) -> dict[str, publish.Upload]:
    files, refused = publish.accept(_uploads(folder), 10 * MB)
    assert not refused
    return files


def test_files_named_after_their_table_are_taken_whatever_the_case() -> None:
    files, refused = publish.accept(
        [publish.Upload("Organizations.CSV", b"a"), publish.Upload("hub_links.xlsx", b"b")], MB
    )
    assert refused == [] and set(files) == {"organizations", "hub_links"}


@pytest.mark.parametrize(
    ("upload", "key"),
    [
        (publish.Upload("机构名单.csv", b"uscc\n"), "publish.bad_name"),
        (publish.Upload("orgs.csv", b"uscc\n"), "publish.bad_name"),
        (publish.Upload("organizations.pdf", b"%PDF-1.4"), "publish.bad_kind"),
        (publish.Upload("organizations", b"uscc\n"), "publish.bad_kind"),
        (publish.Upload("organizations.csv", b"x" * (MB + 1)), "publish.too_big"),
        (publish.Upload("organizations.csv", b""), "publish.empty"),
    ],
)
def test_a_file_that_is_not_a_register_file_is_refused(upload: publish.Upload, key: str) -> None:
    files, refused = publish.accept([upload], MB)
    assert [x.key for x in refused] == [key] and files == {}
    assert refused[0].params["file"] == upload.name


def test_two_files_for_one_table_are_refused() -> None:
    _, refused = publish.accept(
        [publish.Upload("hubs.csv", b"a"), publish.Upload("HUBS.xlsx", b"b")], MB
    )
    assert [(x.key, x.params["table"]) for x in refused] == [("publish.two_files", "hubs")]


def test_the_size_limit_is_streamlits_unless_the_environment_sets_a_smaller_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(publish.LIMIT_ENV, raising=False)
    assert publish.limit_mb(200) == 200
    monkeypatch.setenv(publish.LIMIT_ENV, "5")
    assert publish.limit_mb(200) == 5
    monkeypatch.setenv(publish.LIMIT_ENV, "500")
    assert publish.limit_mb(200) == 200  # never above what Streamlit accepts
    monkeypatch.setenv(publish.LIMIT_ENV, "lots")
    assert publish.limit_mb(200) == 200


def test_files_are_written_under_their_tables_name_never_the_senders_path(tmp_path: Path) -> None:
    files, _ = publish.accept([publish.Upload("../../Hubs.CSV", b"hub_id\n")], MB)
    written = publish.stage(files, tmp_path / "raw")
    assert written == [tmp_path / "raw" / "hubs.csv"]
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["hubs.csv"]


def test_validation_counts_each_file_and_groups_rejections_by_rule(tmp_path: Path) -> None:
    checked = publish.validate(_taken(r.write_register(tmp_path / "raw", MESSY)), lambda _: None)
    assert checked.error is None and checked.result is not None
    counts = {f.file: (f.rows_read, f.rows_accepted, f.rows_rejected) for f in checked.result.files}
    assert counts["organizations.csv"] == (5, 3, 2)
    assert counts["funding.csv"] == (4, 2, 2)
    groups = tables.by_rule(checked.report)
    assert groups.select("file", "column", "rule", "rows", "sample_lines").rows() == [
        ("funding.csv", "amount_yuan", "必须大于 0", 2, "4、5"),
        ("organizations.csv", "registered_on", "日期晚于今天", 1, "6"),
        ("organizations.csv", "uscc", "信用代码校验位错误", 1, "5"),
    ]
    assert groups["message"][0] == "「金额」必须大于 0。"
    assert checked.report_csv.startswith("\ufeff文件,行号,列,规则".encode())
    assert checked.fingerprint == publish.fingerprint(_taken(tmp_path / "raw"))


def test_a_non_register_file_under_a_register_name_is_refused_in_chinese(tmp_path: Path) -> None:
    folder = r.write_register(tmp_path / "raw")
    (folder / "organizations.csv").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    checked = publish.validate(_taken(folder), lambda _: None)
    assert isinstance(checked.error, InputError) and checked.result is None
    assert checked.error.key == "input.binary"
    assert checked.error.text("zh").startswith("organizations.csv 不是文本表格")


@pytest.fixture
def live(tmp_path: Path) -> Path:
    """A warehouse with one release, built from the tiny register from the command line."""
    target = tmp_path / "wh" / "hub.duckdb"
    refresh_warehouse(r.write_register(tmp_path / "first"), target, lambda _: None)
    return target


def test_the_comparison_with_the_live_release_counts_rows_per_table(
    live: Path, tmp_path: Path
) -> None:
    checked = publish.validate(_taken(r.write_register(tmp_path / "raw", MESSY)), lambda _: None)
    assert checked.result is not None
    rows = {row[0]: row[1:] for row in publish.against_live(live, checked.result).rows()}
    assert rows["organizations"] == ("organizations.csv", 3, "organizations.csv", 3, 0)
    assert rows["funding"] == ("funding.csv", 2, "funding.csv", 2, 0)
    assert "population" not in rows


def test_a_publish_keeps_its_files_names_the_clerk_and_is_the_live_release(
    live: Path, tmp_path: Path
) -> None:
    good = [r.uscc("1", "110105", "MJ0000010"), "新协会", "社会团体", "区级", "110105", "2013-01-01", "", "正常", "是"]  # fmt: skip
    delivery = {**MESSY, "organizations": [*MESSY["organizations"], good]}
    files = _taken(r.write_register(tmp_path / "raw", delivery))
    steps: list[str] = []
    result, changes = publish.publish_and_compare(files, live, CLERK, steps.append)
    assert steps and releases.read(live).live_run_id == result.run_id
    kept = live.parent / "uploads" / result.run_id
    assert sorted(p.name for p in kept.iterdir()) == sorted(
        [*(f"{t}.csv" for t in files), "SHA256SUMS"]
    )
    sums = dict(line.split("  ")[::-1] for line in (kept / "SHA256SUMS").read_text().splitlines())
    for name, digest in sums.items():
        assert hashlib.sha256((kept / name).read_bytes()).hexdigest() == digest
    with duckdb.connect(str(live), read_only=True) as con:
        inputs = dict(con.execute("select file, sha256 from quality.inputs").fetchall())
        raw = con.execute("select raw_folder from quality.release").fetchone()[0]
    assert inputs == sums and raw == str(kept)
    event = audit.read(live)[-1]
    assert (event["action"], event["actor"], event["role"], event["run_id"]) == (
        "publish",
        "clerk@example.org",
        "staff",
        result.run_id,
    )
    assert {f["file"]: f["sha256"] for f in event["files"]} == sums
    assert changes is not None  # the good organization is added; the rejected rows are not
    assert {n: (c.added, c.removed, c.changed) for n, c in changes.tables.items()} == {
        "organizations": (1, 0, 0),
        "hubs": (0, 0, 0),
        "hub_links": (0, 0, 0),
        "projects": (0, 0, 0),
        "funding": (0, 0, 0),
    }


def test_a_second_publish_while_one_holds_the_lock_is_refused_and_changes_nothing(
    live: Path, tmp_path: Path
) -> None:
    before = releases.read(live).live_run_id
    files = _taken(r.write_register(tmp_path / "raw", MESSY))
    with exclusive(live), pytest.raises(WarehouseError) as refused:
        publish.publish(files, live, CLERK, lambda _: None)
    assert refused.value.key == "warehouse.busy"
    assert "正在被另一次刷新使用" in refused.value.text("zh")
    assert releases.read(live).live_run_id == before
    assert not any((live.parent / "uploads").glob("*")), "the refused files are not kept"
    assert audit.read(live)[-1]["action"] == "publish_failed"


def test_a_job_runs_in_its_own_thread_and_keeps_its_steps_and_its_error() -> None:
    def work(progress: publish.Progress) -> int:
        progress("one")
        return 42

    job = publish.Job(work)
    assert job.wait(10) and (job.result, job.steps, job.error) == (42, ["one"], None)
    failing = publish.Job(lambda progress: 1 / 0)
    assert failing.wait(10) and isinstance(failing.error, ZeroDivisionError)


def test_pin_unpin_and_prune_from_the_browser_name_the_administrator(
    live: Path, tmp_path: Path
) -> None:
    admin = audit.Actor("it@example.org", "browser", "admin")
    first = releases.read(live).live_run_id
    assert first is not None
    refresh_warehouse(r.write_register(tmp_path / "second", MESSY), live, lambda _: None)
    assert manage.pin(live, first, admin) and not manage.pin(live, first, admin)
    assert manage.prune(live, 1, admin) == []  # the pinned release stays
    assert manage.unpin(live, first, admin)
    with exclusive(live), pytest.raises(WarehouseError):  # not while a refresh runs
        manage.prune(live, 1, admin)
    assert manage.prune(live, 1, admin) == [first]
    mine = [(e["action"], e["run_id"]) for e in audit.read(live) if e["actor"] == "it@example.org"]
    assert mine == [("pin", first), ("prune", None), ("unpin", first), ("prune", None)]
    assert os.path.exists(live)
