"""The --warehouse path: resolved before locking, refused at once when unusable, locked safely."""

from __future__ import annotations

import fcntl
import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline import releases
from pipeline.cli import EXIT_USAGE, EXIT_WAREHOUSE, main
from pipeline.refresh import refresh_warehouse
from tests.unit import registers as r


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("base")
    raw = r.write_register(folder / "raw")
    refresh_warehouse(raw, folder / "hub.duckdb")
    return raw, folder / "hub.duckdb"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refresh(raw: Path, target: Path | str, *extra: str) -> int:
    return main(["refresh", "--raw", str(raw), "--warehouse", str(target), "--quiet", *extra])


def test_a_folder_as_warehouse_is_refused_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "wh"
    folder.mkdir()
    code = refresh(tmp_path / "no-such-raw-folder", folder)  # the raw folder is never looked at
    assert code == EXIT_USAGE
    assert capsys.readouterr().err.strip() == (
        f"--warehouse {folder} 是一个文件夹；请给出其中的文件名，如 {folder}/hub.duckdb。"
    )
    assert list(folder.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["wh"]


@pytest.mark.parametrize("where", ["under-a-file", "read-only-filesystem"])
def test_a_warehouse_where_no_file_can_be_made_is_refused_before_any_work(
    tmp_path: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if where == "under-a-file":
        (tmp_path / "plain.txt").write_text("not a folder")
        target, folder, reason = tmp_path / "plain.txt" / "hub.duckdb", tmp_path / "plain.txt", ""
    else:  # /proc takes no new files, not even from root
        target, folder, reason = Path("/proc/hub.duckdb"), Path("/proc"), ""
    code = refresh(tmp_path / "no-such-raw-folder", target)
    said = capsys.readouterr().err.strip()
    assert code == EXIT_USAGE, said
    assert said.startswith(
        f"--warehouse {target}：无法在文件夹 {folder} 中创建或写入文件（{reason}"
    )
    assert said.endswith("）；请换一个可写的位置。")
    assert not releases.Layout(target).journal.exists()


def test_a_symlink_loop_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    loop = tmp_path / "loop.duckdb"
    loop.symlink_to(loop)
    assert refresh(tmp_path / "raw", loop) == EXIT_USAGE
    assert capsys.readouterr().err.startswith(f"--warehouse {loop} 无法解析（")
    for command in ("status", "releases", "prune"):
        assert main([command, "--warehouse", str(loop)]) == EXIT_USAGE
        assert capsys.readouterr().err.startswith(f"--warehouse {loop} 无法解析（")


def test_a_symlinked_warehouse_replaces_its_target_and_stays_a_link(
    tmp_path: Path, base: tuple[Path, Path]
) -> None:
    real = tmp_path / "real"
    real.mkdir()
    shutil.copy(base[1], real / "hub.duckdb")
    (tmp_path / "link").mkdir()
    link = tmp_path / "link" / "hub.duckdb"
    link.symlink_to(real / "hub.duckdb")
    before = digest(real / "hub.duckdb")
    assert refresh(base[0], link) == 0
    assert link.is_symlink() and link.resolve() == real / "hub.duckdb"
    assert digest(real / "hub.duckdb") != before  # the target was rebuilt
    assert (real / ".hub.duckdb.lock").exists() and not (
        tmp_path / "link" / ".hub.duckdb.lock"
    ).exists()
    assert sorted(p.name for p in (tmp_path / "link").iterdir()) == ["hub.duckdb"]
    # The ledger is the target's, beside the target: the copied warehouse was live there, so its
    # run is the target's first release (kept, as any warehouse found live), the new run the second.
    copied, led = releases.read(base[1]).live_run_id, releases.read(real / "hub.duckdb")
    assert [(run.run_id, run.status, run.release) for run in led.runs] == [
        (copied, "succeeded", "kept"),
        (led.live_run_id, "succeeded", "live"),
    ]
    # (as sets: two runs in one second sort by their random suffix, not by time)
    assert sorted(p.name for p in (real / "hub.releases").glob("*.duckdb")) == sorted(
        [f"{copied}.duckdb", f"{led.live_run_id}.duckdb"]
    )
    assert (real / "hub.runs.jsonl").exists()
    con = duckdb.connect(str(link), read_only=True)
    assert con.sql("select run_id from quality.runs order by started_at").fetchall() == [
        (copied,),
        (led.live_run_id,),
    ]
    con.close()


def test_status_through_a_symlink_shows_the_targets_runs(
    tmp_path: Path, base: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "hub.duckdb"
    link = tmp_path / "alias.duckdb"
    link.symlink_to(real)
    assert refresh(base[0], link) == 0
    capsys.readouterr()
    assert main(["status", "--warehouse", str(link)]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert len(shown) == 4 and shown[1].split()[3] == "成功"
    assert shown[1].split()[-2:] == ["在用", str(base[0])]
    size = f"{real.stat().st_size / 1024 / 1024:.1f} MiB"
    assert shown[2:] == [  # the target's releases folder, not one beside the link
        f"共 1 个版本（0 个固定，0 个文件缺失），占用磁盘 {size}，位于 {real.parent}/hub.releases。",
        "没有中断或失败的刷新留下的文件。",
    ]


def test_the_release_commands_through_a_symlink_use_the_targets_releases(
    tmp_path: Path, base: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "hub.duckdb"
    link = tmp_path / "alias.duckdb"
    link.symlink_to(real)
    for _ in range(2):
        assert refresh(base[0], link) == 0
    runs = [run.run_id for run in releases.read(real).runs]
    assert main(["pin", runs[0], "--warehouse", str(link)]) == 0
    assert main(["prune", "--keep", "1", "--warehouse", str(link)]) == 0
    assert main(["releases", "--json", "--warehouse", str(link)]) == 0
    capsys.readouterr()
    assert releases.read(real).pins == (runs[0],)
    assert (tmp_path / "real" / "hub.releases" / "pins.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alias.duckdb", "real"]
    assert main(["diff", "--json", "--warehouse", str(link)]) == 0
    assert '"from": "' + runs[0] in capsys.readouterr().out


def test_a_symlinked_warehouse_takes_its_targets_lock(
    tmp_path: Path, base: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "hub.duckdb"
    shutil.copy(base[1], real)
    link = tmp_path / "alias.duckdb"
    link.symlink_to(real)
    before = digest(real)
    with (tmp_path / ".hub.duckdb.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        assert refresh(base[0], link) == EXIT_WAREHOUSE
    assert capsys.readouterr().err.strip() == f"{real} 正在被另一次刷新使用；请等它完成。"
    assert digest(real) == before and link.is_symlink()


def test_a_lock_file_planted_as_a_symlink_is_refused_and_its_target_left_alone(
    tmp_path: Path, base: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "hub.duckdb"
    shutil.copy(base[1], target)
    before = digest(target)
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me")
    (tmp_path / ".hub.duckdb.lock").symlink_to(victim)
    assert refresh(base[0], target) == EXIT_WAREHOUSE
    assert capsys.readouterr().err.strip() == (
        f"锁文件 {tmp_path / '.hub.duckdb.lock'} 是一个符号链接，不能使用；请删除它后重新刷新。"
    )
    assert victim.read_text() == "keep me" and digest(target) == before


def test_the_lock_file_is_not_truncated(tmp_path: Path, base: tuple[Path, Path]) -> None:
    target = tmp_path / "hub.duckdb"
    lock = tmp_path / ".hub.duckdb.lock"
    lock.write_text("pid 123")
    assert refresh(base[0], target) == 0
    assert lock.read_text() == "pid 123"
