"""The audit log: append only beside the warehouse, copied into each release as quality.audit; the
command line names the OS user for refresh, pin, unpin and prune."""

from __future__ import annotations

import getpass
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline import audit, releases
from pipeline.read import InputError
from pipeline.refresh import refresh_warehouse
from pipeline.run_record import RunResult
from tests.unit import deliveries as d

REPO = Path(__file__).resolve().parents[2]
ME = getpass.getuser()


def test_events_are_appended_and_read_back_in_order(tmp_path: Path) -> None:
    target = tmp_path / "hub.duckdb"
    alice = audit.Actor("alice@example.org", "browser", "admin")
    audit.record(target, "pin", alice, "20261123T114501-3f2a")
    audit.record(target, "prune", audit.os_user(), None, keep=3, pruned=[])
    assert audit.path_of(target) == tmp_path / "hub.audit.jsonl"
    events = audit.read(target)
    assert [(e["action"], e["actor"], e["via"], e["role"]) for e in events] == [
        ("pin", "alice@example.org", "browser", "admin"),
        ("prune", ME, "cli", None),
    ]
    assert events[0]["run_id"] == "20261123T114501-3f2a" and events[1]["keep"] == 3


def test_a_line_cut_short_by_a_kill_is_skipped_and_the_next_event_starts_a_new_line(
    tmp_path: Path,
) -> None:
    target = tmp_path / "hub.duckdb"
    audit.record(target, "unpin", audit.os_user(), "20261123T114501-3f2a")
    with audit.path_of(target).open("ab") as handle:
        handle.write(b'{"action": "pin", "actor": "half')  # a kill in the middle of a write
    audit.record(target, "pin", audit.os_user(), "20261123T114501-3f2a")
    assert [e["action"] for e in audit.read(target)] == ["unpin", "pin"]
    assert len(audit.path_of(target).read_text("utf-8").splitlines()) == 3


def test_an_unknown_action_is_refused() -> None:
    with pytest.raises(ValueError):
        audit.event("delete_everything", audit.os_user())


def _audit_table(path: Path) -> list[tuple[str, str, str, str | None]]:
    with releases.attached(w=path) as con:
        return con.execute(
            "select action, actor, via, run_id from w.quality.audit order by recorded_at, action"
        ).fetchall()


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunResult, RunResult]:
    """Two refreshes: one from the command line (the OS user), one as a browser publish."""
    root = tmp_path_factory.mktemp("audited")
    target = root / "wh" / "hub.duckdb"
    first = refresh_warehouse(d.first(root / "raw1"), target, lambda _: None)
    clerk = audit.Actor("clerk@example.org", "browser", "staff")
    second = refresh_warehouse(d.second(root / "raw2"), target, lambda _: None, actor=clerk)
    return target, first, second


def test_a_refresh_names_the_os_user_and_the_sha256_of_each_file(refreshed) -> None:
    target, first, _ = refreshed
    event = audit.read(target)[0]
    assert (event["action"], event["actor"], event["via"], event["run_id"]) == (
        "refresh",
        ME,
        "cli",
        first.run_id,
    )
    expected = {
        i.file: (i.table_name, i.sha256) for i in releases.read(target).release(first.run_id).inputs
    }
    assert {f["file"]: (f["table"], f["sha256"]) for f in event["files"]} == expected
    assert len(expected) == 5 and all(len(sha) == 64 for _, sha in expected.values())


def test_a_publish_from_the_browser_names_the_signed_in_user(refreshed) -> None:
    target, _, second = refreshed
    event = audit.read(target)[1]
    assert (event["action"], event["actor"], event["role"], event["run_id"]) == (
        "publish",
        "clerk@example.org",
        "staff",
        second.run_id,
    )


def test_each_release_carries_the_log_as_it_was_with_its_own_event(refreshed) -> None:
    target, first, second = refreshed
    first_path = releases.read(target).release(first.run_id).path
    assert _audit_table(first_path) == [("refresh", ME, "cli", first.run_id)]
    assert _audit_table(target) == [
        ("refresh", ME, "cli", first.run_id),
        ("publish", "clerk@example.org", "browser", second.run_id),
    ]
    with duckdb.connect(str(target), read_only=True) as con:
        (detail,) = con.execute(
            "select detail from quality.audit where run_id = ?", [second.run_id]
        ).fetchone()
    assert json.loads(detail)["rows_rejected"] == second.totals()[2]


def test_a_failed_refresh_is_in_the_log_with_its_error(tmp_path: Path) -> None:
    target = tmp_path / "hub.duckdb"
    (tmp_path / "raw").mkdir()
    with pytest.raises(InputError):
        refresh_warehouse(tmp_path / "raw", target, lambda _: None)
    (event,) = audit.read(target)
    assert (event["action"], event["actor"]) == ("refresh_failed", ME)
    assert "organizations" in event["error"]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SHUNIU_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_command_line_names_the_os_user_for_pin_unpin_and_prune(tmp_path: Path) -> None:
    target = tmp_path / "hub.duckdb"
    first = refresh_warehouse(d.first(tmp_path / "raw1"), target, lambda _: None)
    second = refresh_warehouse(d.second(tmp_path / "raw2"), target, lambda _: None)
    wh = ("--warehouse", str(target))
    assert _cli("pin", first.run_id, *wh).returncode == 0
    assert _cli("pin", first.run_id, *wh).returncode == 0  # already pinned: nothing to record
    assert _cli("unpin", first.run_id, *wh).returncode == 0
    assert _cli("prune", "--keep", "1", *wh).returncode == 0
    events = [e for e in audit.read(target) if e["action"] in ("pin", "unpin", "prune")]
    assert [(e["action"], e["actor"], e["via"], e["run_id"]) for e in events] == [
        ("pin", ME, "cli", first.run_id),
        ("unpin", ME, "cli", first.run_id),
        ("prune", ME, "cli", None),
    ]
    assert events[-1]["pruned"] == [first.run_id] and events[-1]["keep"] == 1
    assert releases.read(target).live_run_id == second.run_id


def test_a_pruned_release_takes_its_uploaded_files_with_it(tmp_path: Path) -> None:
    target = tmp_path / "hub.duckdb"
    first = refresh_warehouse(d.first(tmp_path / "raw1"), target, lambda _: None)
    kept = releases.Layout(target).uploads_of(first.run_id)
    kept.mkdir(parents=True)
    (kept / "organizations.csv").write_text("x", "utf-8")
    refresh_warehouse(d.second(tmp_path / "raw2"), target, lambda _: None, keep=1)
    assert not kept.exists()
    (event,) = [e for e in audit.read(target) if e["action"] == "prune"]
    assert event["pruned"] == [first.run_id] and event["actor"] == ME


def test_a_line_that_is_not_an_event_is_skipped_and_named_in_the_language(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from pipeline import messages

    target = tmp_path / "hub.duckdb"
    audit.record(target, "pin", audit.os_user(), "20261123T114501-3f2a")
    with audit.path_of(target).open("a", encoding="utf-8") as log:
        log.write("not json\n")
    assert [e["action"] for e in audit.read(target)] == ["pin"]
    assert caplog.messages[-1] == "审计日志 hub.audit.jsonl 第 2 行不是审计事件，已跳过。"
    messages.set_language("en")
    try:
        audit.read(target)
    finally:
        messages.set_language(None)
    assert caplog.messages[-1] == "hub.audit.jsonl line 2 is not an audit event; skipped."


def test_the_audit_table_shows_the_newest_events_and_counts_all_of_one_read(tmp_path: Path) -> None:
    """The quality page's audit section: the newest `limit` events, newest first, and how many the
    log holds, both from one read (two reads could disagree by an event appended between them)."""
    from dashboard.releases import manage

    target = tmp_path / "hub.duckdb"
    for n in range(5):
        audit.record(target, "pin", audit.Actor(f"user{n}"), None)
    shown, total = manage.audit_table(target, "en", limit=3)
    assert total == 5
    assert shown.height == 3
    assert shown.to_dicts()[0]["Who"] == "user4"  # newest first
    assert [row[1] for row in shown.rows()] == ["user4", "user3", "user2"]
