"""A symbolic link in the raw folder is not followed unless asked (--follow-symlinks); an operation
refused by the warehouse lock is told which operation holds it, not "another refresh"."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import holder
from pipeline.cli import EXIT_INPUT, EXIT_OK, EXIT_WAREHOUSE, main
from pipeline.refresh import validate_only
from pipeline.warehouse import WarehouseError, exclusive
from tests.unit import registers as r

SYMLINK = (
    "organizations.csv 是一个符号链接（指向 {target}），默认不读取：它可能让刷新读到文件夹之外的任何文件；"
    "请把文件本身放进来，或确认无误后加 --follow-symlinks。"
)


def test_a_symlink_to_a_system_file_is_refused_and_nothing_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = r.write_register(tmp_path / "raw")
    (raw / "organizations.csv").unlink()
    (raw / "organizations.csv").symlink_to("/etc/passwd")
    target = tmp_path / "hub.duckdb"
    assert main(["refresh", "--raw", str(raw), "--warehouse", str(target), "--quiet"]) == EXIT_INPUT
    said = capsys.readouterr().err.strip()
    assert said == SYMLINK.format(target="/etc/passwd") + "数据仓库未作改动。"
    assert not target.exists()
    assert not (tmp_path / "reports").exists()  # no report could carry the linked file's lines
    assert main(["validate", "--raw", str(raw), "--quiet"]) == EXIT_INPUT


def test_a_symlink_is_followed_when_asked(tmp_path: Path) -> None:
    elsewhere = r.write_register(tmp_path / "elsewhere")
    raw = r.write_register(tmp_path / "raw")
    (raw / "organizations.csv").unlink()
    (raw / "organizations.csv").symlink_to(elsewhere / "organizations.csv")
    target = tmp_path / "hub.duckdb"
    flags = ["--raw", str(raw), "--quiet", "--follow-symlinks"]
    assert main(["refresh", "--warehouse", str(target), *flags]) == EXIT_OK
    assert validate_only(raw, None, follow_symlinks=True).files[0].rows_accepted == 3


@pytest.fixture
def live(tmp_path: Path) -> Path:
    target = tmp_path / "hub.duckdb"
    raw = r.write_register(tmp_path / "raw")
    assert main(["refresh", "--raw", str(raw), "--warehouse", str(target), "--quiet"]) == EXIT_OK
    return target


HELD = r" 正被{holder}占用（进程 {pid}，\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d 开始）；{waiter}须等它完成，请稍后再试。"


def test_a_prune_blocked_by_a_refresh_names_the_refresh(
    live: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue: a prune blocked by a refresh said "Another refresh"."""
    with exclusive(live, "refresh"):
        assert main(["prune", "--warehouse", str(live), "--keep", "1"]) == EXIT_WAREHOUSE
    said = capsys.readouterr().err.strip()
    expected = HELD.format(holder="一次刷新", pid=os.getpid(), waiter="清理旧版本")
    assert re.fullmatch(re.escape(str(live)) + expected, said), said
    assert "另一次刷新" not in said


def test_a_refresh_blocked_by_a_prune_names_the_prune_in_either_language(live: Path) -> None:
    raw = r.write_register(live.parent / "raw2")
    from pipeline.refresh import refresh_warehouse

    with exclusive(live, "prune"), pytest.raises(WarehouseError) as refused:
        refresh_warehouse(raw, live)
    assert refused.value.key == "warehouse.busy_by"
    assert "正被一次清理旧版本（prune）占用" in refused.value.text("zh")
    assert "is held by a prune (process" in refused.value.text("en")
    assert "the refresh must wait for it to finish" in refused.value.text("en")


def test_the_holder_is_another_process_and_its_note_goes_with_the_lock(live: Path) -> None:
    code = (
        "import sys, time; from pathlib import Path; from pipeline.warehouse import exclusive\n"
        "with exclusive(Path(sys.argv[1]), 'publish'):\n"
        "    print('held', flush=True); sys.stdin.readline()\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(live)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        with pytest.raises(WarehouseError) as refused, exclusive(live, "prune"):
            pass
        assert f"正被一次网页发布占用（进程 {child.pid}，" in str(refused.value)
    finally:
        child.communicate("\n", timeout=30)
    lock = live.with_name(f".{live.name}.lock")
    assert not holder.path_of(lock).exists()
    with exclusive(live, "prune"):  # free again
        pass


def test_a_note_left_by_a_killed_holder_is_not_believed(live: Path) -> None:
    lock = live.with_name(f".{live.name}.lock")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    note = {"operation": "prune", "pid": int(dead.stdout), "pid_started": 1.0}
    holder.path_of(lock).write_text(json.dumps({**note, "since": "2026-01-01T00:00:00"}))
    with exclusive(live), pytest.raises(WarehouseError) as refused, exclusive(live, "refresh"):
        pass
    assert refused.value.key == "warehouse.busy"  # the holder said nothing: the old sentence
