"""The command line: help texts, exit codes a scheduler can act on, messages word for word."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import EXIT_INPUT, EXIT_OK, _parser, main
from tests.unit import registers as r


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        env={
            "COLUMNS": "200",
            "PATH": "/usr/bin:/bin",
            "SHUNIU_TODAY": "2026-11-23",
            "PYTHONPATH": str(Path.cwd()),
        },
    )


COMMANDS = ["refresh", "validate", "status", "export", "sample"]
COMMANDS += ["releases", "diff", "pin", "unpin", "prune"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_explains_itself_and_its_options(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert "exit codes:" in capsys.readouterr().out
    sub = next(a for a in _parser()._actions if a.dest == "command").choices[command]  # type: ignore[index]
    for action in sub._actions:
        assert action.help, f"{command} {action.option_strings} has no help text"


def test_refresh_prints_rows_per_file_and_where_the_rejections_are(tmp_path: Path) -> None:
    raw = r.write_register(
        tmp_path / "raw", {"hub_links": [["H9", r.ORG_A, "联系", "2012-01-01", ""]]}
    )
    done = run(
        "refresh", "--raw", str(raw), "--warehouse", str(tmp_path / "wh" / "hub.duckdb"), "--quiet"
    )
    assert done.returncode == EXIT_OK, done.stderr
    assert (
        "  hub_links.csv                      4           3           1           0" in done.stdout
    )
    report = next((tmp_path / "wh" / "reports").glob("rejected_rows-*.csv"))
    assert f"Rejected rows: {report}" in done.stdout.replace("\n", "")
    assert report.read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_missing_required_file_fails_with_one_sentence_and_keeps_the_warehouse(
    tmp_path: Path,
) -> None:
    raw = r.write_register(tmp_path / "raw")
    target = tmp_path / "hub.duckdb"
    assert run("refresh", "--raw", str(raw), "--warehouse", str(target), "--quiet").returncode == 0
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    (raw / "hubs.csv").unlink()
    done = run("refresh", "--raw", str(raw), "--warehouse", str(target), "--quiet")
    assert done.returncode == EXIT_INPUT
    assert " ".join(done.stderr.split()) == (
        f"{raw}/hubs.csv (or .xlsx) is missing; add the 枢纽型社会组织 register as hubs.csv or hubs.xlsx. "
        "The warehouse was not changed."
    )
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before
    status = run("status", "--warehouse", str(target))
    assert "failed" in status.stdout and "succeeded" in status.stdout


def test_a_file_that_is_not_a_table_fails_with_exit_3(tmp_path: Path) -> None:
    raw = r.write_register(tmp_path / "raw")
    (raw / "hub_links.csv").write_bytes(b"\x00\x00\x00binary")
    done = run("refresh", "--raw", str(raw), "--warehouse", str(tmp_path / "hub.duckdb"), "--quiet")
    assert done.returncode == EXIT_INPUT
    assert "hub_links.csv is not a text table" in done.stderr
    assert not (tmp_path / "hub.duckdb").exists()


def test_validate_reports_without_creating_a_warehouse(tmp_path: Path) -> None:
    raw = r.write_register(
        tmp_path / "raw", {"funding": [["F9", r.ORG_A, "fiscal", "-1", "2012-01-01", ""]]}
    )
    done = run("validate", "--raw", str(raw), "--report", str(tmp_path / "reports"))
    assert done.returncode == EXIT_OK, done.stderr
    assert "Nothing was loaded" in done.stdout
    report = next((tmp_path / "reports").glob("rejected_rows-*.csv")).read_text("utf-8-sig")
    assert (
        report.splitlines()[1] == "funding.csv,4,amount_yuan,greater_than,'-1,「金额」必须大于 0。"
    )
    assert not list(tmp_path.glob("*.duckdb"))


def test_export_writes_the_briefing_tables_for_excel(tmp_path: Path) -> None:
    target = tmp_path / "hub.duckdb"
    run(
        "refresh",
        "--raw",
        str(r.write_register(tmp_path / "raw")),
        "--warehouse",
        str(target),
        "--quiet",
    )
    done = run("export", "--warehouse", str(target), "--out", str(tmp_path / "out"))
    assert done.returncode == EXIT_OK, done.stderr
    files = sorted(p.name.split("-")[0] for p in (tmp_path / "out").iterdir())
    assert files == ["district_coverage", "district_funding", "headline", "hub_type_coverage"]
    headline = next((tmp_path / "out").glob("headline-*.csv")).read_bytes()
    assert headline.startswith("\ufeff截至日期,市级枢纽".encode())


def test_status_without_any_run_says_what_to_do(tmp_path: Path) -> None:
    done = run("status", "--warehouse", str(tmp_path / "hub.duckdb"))
    assert done.returncode == EXIT_OK
    assert "No refresh" in done.stdout and "python -m pipeline refresh" in done.stdout
