"""The release commands on the command line: JSON for schedulers, exit codes, messages word for word."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.cli import EXIT_OK, EXIT_USAGE
from pipeline.refresh import refresh_warehouse
from pipeline.run_record import RunResult
from tests.unit import deliveries as d
from tests.unit import registers as r
from tests.unit.test_cli import run

COMMANDS = ("releases", "diff", "pin", "unpin", "prune")
WHEN = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"  # a finished time as the tables show it


def refresh(raw: Path, target: Path) -> RunResult:
    return refresh_warehouse(raw, target, lambda _: None)


def one_line(text: str) -> str:
    return " ".join(text.split())


def size(target: Path) -> str:
    """The disk use `status` shows for a warehouse whose only file on disk is its live one."""
    return f"{target.stat().st_size / 1024 / 1024:.1f} MiB"


@pytest.fixture(scope="module")
def delivered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    root = tmp_path_factory.mktemp("delivered")
    target = root / "hub.duckdb"
    first = refresh(d.first(root / "raw1"), target)
    second = refresh(d.second(root / "raw2"), target)
    return target, first.run_id, second.run_id


def test_every_command_is_in_the_readme_and_the_releases_doc() -> None:
    readme = Path("README.md").read_text("utf-8")
    doc = Path("docs/releases.md").read_text("utf-8")
    for command in ("refresh", "validate", "status", "export", "sample", *COMMANDS):
        assert f"python -m pipeline {command}" in readme, command
    for command in ("status", *COMMANDS):
        assert f"python -m pipeline {command}" in doc, command


def test_diff_json_counts_exactly_the_known_changes_of_two_deliveries(delivered) -> None:
    target, first, second = delivered
    done = run("diff", "--warehouse", str(target), "--json")
    assert done.returncode == EXIT_OK, done.stderr
    diff = json.loads(done.stdout)
    assert (diff["from"], diff["to"]) == (first, second)
    assert diff["tables"] == d.EXPECTED
    # 2012: C (in 110101) is gone and H1 -> B ended, so 2 of 2 active organizations... by hand:
    # before A, B, C active and A, B linked (both by the women's federation, a mass organization);
    # after A, B active and only A linked (H2 -> A ended on 2012-12-31, H1 -> B is gone).
    in_2012 = [
        (f["figure"], f["old"], f["new"])
        for f in diff["figures"]
        if f["table"] == "headline" and f["as_of"] == "2012-12-31"
    ]
    assert in_2012 == [
        ("active_orgs", 3, 2),
        ("linked_orgs", 2, 1),
        ("coverage_rate", 2 / 3, 0.5),
        ("mass_org_linked_orgs", 2, 1),
        ("mass_org_share", 2 / 3, 0.5),
        # no filed organizations: registered and filed together move with the registered
        ("total_orgs", 3, 2),
        ("total_linked_orgs", 2, 1),
        ("total_coverage_rate", 2 / 3, 0.5),
    ]
    district = [
        (f["figure"], f["old"], f["new"])
        for f in diff["figures"]
        if f["table"] == "district_coverage"
        and (f["as_of"], f["district_code"]) == ("2012-12-31", "110101")
    ]
    assert district == [
        ("active_orgs", 1, None),
        ("linked_orgs", 0, None),
        ("coverage_rate", 0.0, None),
        ("filed_orgs", 0, None),
        ("filed_linked_orgs", 0, None),
        ("total_orgs", 1, None),
        ("total_linked_orgs", 0, None),
    ]
    funding = [f for f in diff["figures"] if f["figure"] == "funding_amount_yuan" and f["old"]]
    assert funding == [
        {"table": "headline", "as_of": "2013-12-31", "district_code": None,
         "figure": "funding_amount_yuan", "old": 1234.5, "new": 1300.0},
    ]  # fmt: skip
    assert not [
        f for f in diff["figures"] if f["as_of"] < "2011-12-31" and f["table"] == "headline"
    ]


def test_diff_between_the_same_release_is_empty_and_reversed_swaps_the_counts(delivered) -> None:
    target, first, second = delivered
    same = json.loads(
        run("diff", "--warehouse", str(target), "--from", first, "--to", first, "--json").stdout
    )
    assert same["figures"] == [] and all(set(t.values()) == {0} for t in same["tables"].values())
    oldest = run("diff", "--lang", "en", "--warehouse", str(target), "--to", first)
    assert (oldest.returncode, one_line(oldest.stderr)) == (
        EXIT_USAGE,
        f"{first} is the oldest release on disk; pass --from to compare it with another.",
    )
    oldest = run("diff", "--warehouse", str(target), "--to", first)
    assert (oldest.returncode, one_line(oldest.stderr)) == (
        EXIT_USAGE,
        f"{first} 是磁盘上最早的版本；请用 --from 指定另一个版本与它比较。",
    )
    back = json.loads(
        run("diff", "--warehouse", str(target), "--from", second, "--to", first, "--json").stdout
    )
    assert back["tables"]["organizations"] == {"added": 1, "removed": 2, "changed": 1}


def test_diff_text_names_the_releases_and_the_counts(delivered) -> None:
    target, first, second = delivered
    done = run("diff", "--lang", "en", "--warehouse", str(target))
    assert done.returncode == EXIT_OK, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"Changes from release {first} to release {second}:"
    assert lines[1] == "  table                added   removed   changed"
    assert lines[2].split() == ["organizations", "2", "1", "1"]
    assert re.fullmatch(r"\d+ headline and district figure\(s\) moved\.", lines[7])
    chinese = run("diff", "--warehouse", str(target)).stdout.splitlines()
    assert chinese[0] == f"从版本 {first} 到版本 {second} 的变化："
    assert (
        chinese[1] == "  表                    新增      删除      修改"
    )  # wide characters: 2 cells
    assert chinese[2:7] == lines[2:7]
    assert re.fullmatch(r"有 \d+ 个总览和分区指标发生变化。", chinese[7])


def test_releases_json_lists_newest_first_with_paths_that_open(delivered) -> None:
    target, first, second = delivered
    done = run("releases", "--warehouse", str(target), "--json")
    assert done.returncode == EXIT_OK, done.stderr
    listed = json.loads(done.stdout)
    assert [(x["run_id"], x["pinned"], x["missing"], x["is_live"]) for x in listed] == [
        (second, False, False, True),
        (first, False, False, False),
    ]
    assert list(listed[0])[:7] == [
        "run_id",
        "finished_at",
        "path",
        "pinned",
        "missing",
        "is_live",
        "size_bytes",
    ]
    assert [Path(x["path"]).stat().st_size for x in listed] == [x["size_bytes"] for x in listed]
    assert [i["file"] for i in listed[1]["inputs"]] == [
        "organizations.csv", "hubs.csv", "hub_links.csv", "projects.csv", "funding.csv"
    ]  # fmt: skip


def test_unknown_run_ids_exit_2_with_one_sentence(delivered) -> None:
    target = delivered[0]
    for args in (("pin", "20990101T000000-abcd"), ("unpin", "nonsense"), ("diff", "--from", "x")):
        done = run(*args, "--warehouse", str(target), env={"SHUNIU_LANG": "en"})
        assert done.returncode == EXIT_USAGE, args
        run_id = args[-1]
        assert one_line(done.stderr) == (
            f"{run_id} is not a release of {target}; `python -m pipeline releases` lists them."
        )
        done = run(*args, "--warehouse", str(target))
        assert (done.returncode, one_line(done.stderr)) == (
            EXIT_USAGE,
            f"{run_id} 不是 {target} 的版本；`python -m pipeline releases` 可列出所有版本。",
        )
    done = run("prune", "--keep", "0", "--warehouse", str(target))
    assert done.returncode == EXIT_USAGE
    assert done.stderr.splitlines()[-1] == (
        "python -m pipeline prune：命令行有误：参数 --keep："
        "--keep 必须是不小于 1 的整数（在用的版本也算一个）。"
    )
    done = run("prune", "--lang", "en", "--keep", "0", "--warehouse", str(target))
    assert done.stderr.splitlines()[-1] == (
        "python -m pipeline prune: error: argument --keep: "
        "--keep must be a whole number of at least 1 (the live release counts)."
    )


def test_a_diff_with_one_release_says_so(tmp_path: Path) -> None:
    target = tmp_path / "hub.duckdb"
    refresh(r.write_register(tmp_path / "raw"), target)
    done = run("diff", "--warehouse", str(target), "--json", "--lang", "en")
    assert (done.returncode, done.stdout) == (EXIT_USAGE, "")
    assert one_line(done.stderr) == f"{target} has 1 release(s) on disk; a diff needs two."
    done = run("diff", "--warehouse", str(target), "--json")
    assert (done.returncode, done.stdout) == (EXIT_USAGE, "")
    assert one_line(done.stderr) == f"{target} 在磁盘上只有 1 个版本；比较至少需要两个。"


def test_pin_unpin_prune_and_a_deleted_file_on_the_command_line(tmp_path: Path) -> None:
    target, raw = tmp_path / "hub.duckdb", r.write_register(tmp_path / "raw")
    ids = [refresh(raw, target).run_id for _ in range(3)]
    wh, en = ("--warehouse", str(target)), ("--lang", "en")
    assert (
        run("pin", ids[0], *wh, *en).stdout.strip()
        == f"Pinned {ids[0]}: it is kept until it is unpinned."
    )
    assert run("pin", ids[0], *wh).stdout.strip() == f"版本 {ids[0]} 之前已经固定。"
    assert run("pin", ids[0], *wh, *en).stdout.strip() == f"{ids[0]} was already pinned."
    pruned = run("prune", "--keep", "1", *wh, *en)
    assert pruned.returncode == EXIT_OK, pruned.stderr
    assert pruned.stdout.splitlines()[0] == f"Pruned 1 release(s): {ids[1]}."
    again = run("prune", "--keep", "1", *wh).stdout.splitlines()
    assert again[0] == "没有需要清理的版本：共 2 个版本，最新的 1 个、在用的和固定的版本都保留。"
    (tmp_path / "hub.releases" / f"{ids[0]}.duckdb").unlink()
    listed = json.loads(run("releases", "--json", *wh).stdout)
    assert [(x["run_id"], x["pinned"], x["missing"]) for x in listed] == [
        (ids[2], False, False),
        (ids[0], True, True),
    ]
    text = run("releases", *wh, *en).stdout
    assert re.search(rf"^{ids[0]} .* pinned +missing$", text, re.M), text
    assert "2 release(s) (1 pinned, 1 missing)" in text
    chinese = run("releases", *wh).stdout.splitlines()
    assert chinese[0].split() == ["批次", "完成时间", "大小", "固定", "状态"]
    assert re.fullmatch(rf"{ids[2]} .* MiB {{10}}在用", chinese[1]), chinese
    assert re.fullmatch(rf"{ids[0]}  {WHEN} {{11}}-  已固定  缺失", chinese[2]), chinese
    assert chinese[3] == (
        f"共 2 个版本（1 个固定，1 个文件缺失），占用磁盘 {size(target)}，位于 {target.parent}/hub.releases。"
    )
    assert (
        run("unpin", ids[0], *wh, *en).stdout.strip()
        == f"Unpinned {ids[0]}: a prune may now remove it."
    )
    assert run("unpin", ids[0], *wh, *en).stdout.strip() == f"{ids[0]} was not pinned."
    assert run("pin", ids[2], *wh).stdout.strip() == (
        f"已固定版本 {ids[2]}：取消固定之前不会清理它。"
    )
    assert run("unpin", ids[2], *wh).stdout.strip() == (
        f"已取消固定版本 {ids[2]}：以后清理时可能删除它。"
    )
    assert run("unpin", ids[2], *wh).stdout.strip() == f"版本 {ids[2]} 没有固定。"


def test_status_json_shows_runs_releases_pins_disk_and_leftovers(tmp_path: Path) -> None:
    target, raw = tmp_path / "hub.duckdb", r.write_register(tmp_path / "raw")
    good = refresh(raw, target)
    (raw / "hubs.csv").unlink()
    assert run("refresh", "--raw", str(raw), "--warehouse", str(target), "--quiet").returncode == 3
    building = tmp_path / f".hub.duckdb.building-{good.run_id[:-4]}dead"
    building.write_bytes(b"half")
    done = run("status", "--warehouse", str(target), "--json")
    assert done.returncode == EXIT_OK, done.stderr
    status = json.loads(done.stdout)
    assert [r["status"] for r in status["runs"]] == ["succeeded", "failed"]
    assert status["live_run_id"] == status["newest_succeeded"] == good.run_id
    assert [x["run_id"] for x in status["releases"]] == [good.run_id]
    assert status["disk_bytes"] == target.stat().st_size
    assert [(x["kind"], x["path"], x["size_bytes"]) for x in status["leftovers"]] == [
        ("building", str(building), 4)
    ]
    text = run("status", "--lang", "en", "--warehouse", str(target)).stdout
    assert "Leftovers of interrupted or failed runs (the next refresh removes them):" in text
    assert f"  {building} (4 B)" in text
    assert re.search(rf"^{good.run_id} .* succeeded .* live +{raw}$", text, re.M), text
    chinese = run("status", "--warehouse", str(target)).stdout.splitlines()
    assert chinese[0].split() == [
        "批次", "完成时间", "状态", "读入", "接收", "拒收", "版本", "原始数据文件夹"
    ]  # fmt: skip
    assert re.fullmatch(rf"{good.run_id} .* 成功 .* 在用 +{raw}", chinese[1]), chinese
    assert re.fullmatch(rf"\S+  {WHEN}  失败 +0 +0 +0  无 +" + re.escape(str(raw)), chinese[2])
    assert chinese[-2:] == [
        "中断或失败的刷新留下的文件（下次刷新时删除）：",
        f"  {building} (4 B)",
    ]
