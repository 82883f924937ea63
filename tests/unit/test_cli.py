"""The command line: help texts, exit codes a scheduler can act on, messages word for word."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from pipeline.cli import EXIT_INPUT, EXIT_OK, EXIT_USAGE, _parser, main
from tests.unit import registers as r


def run(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
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
            **(env or {}),
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
    usage = capsys.readouterr().out
    assert "退出码：0 完成" in usage
    # no argparse placeholder left in English (RAW, YEAR, BASE_YEAR ...): only choices and flags
    assert not re.findall(r"--[a-z-]+ [A-Z][A-Z_]+", usage), usage
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
    assert f"拒收行报告：{report}" in done.stdout.replace("\n", "")
    assert report.read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_missing_required_file_fails_with_one_sentence_and_keeps_the_warehouse(
    tmp_path: Path,
) -> None:
    raw = r.write_register(tmp_path / "raw")
    target = tmp_path / "hub.duckdb"
    assert run("refresh", "--raw", str(raw), "--warehouse", str(target), "--quiet").returncode == 0
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    (raw / "organizations.csv").rename(tmp_path / "organizations.csv")
    done = run("refresh", "--raw", str(raw), "--warehouse", str(target), "--quiet")
    assert done.returncode == EXIT_INPUT
    assert done.stderr.replace("\n", "") == (
        f"缺少 {raw}/organizations.csv（或 .xlsx）；请把社会组织登记表放入，文件名为 organizations.csv 或"
        " organizations.xlsx。数据仓库未作改动。"
    )
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before
    # hubs without hub_links (or the other way round) is refused naming the missing one
    (tmp_path / "organizations.csv").rename(raw / "organizations.csv")
    (raw / "hubs.csv").unlink()
    done = run("refresh", "--raw", str(raw), "--warehouse", str(target), "--quiet")
    assert done.returncode == EXIT_INPUT
    assert done.stderr.replace("\n", "") == (
        f"有 hub_links 却缺少 {raw}/hubs.csv（或 .xlsx）：枢纽表和枢纽联系表须一起提供（都不提供则本批没有"
        "枢纽数据）；请把枢纽型社会组织登记表放入，文件名为 hubs.csv 或 hubs.xlsx。数据仓库未作改动。"
    )
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before
    status = run("status", "--warehouse", str(target))
    assert "失败" in status.stdout and "成功" in status.stdout


def test_a_file_that_is_not_a_table_fails_with_exit_3(tmp_path: Path) -> None:
    raw = r.write_register(tmp_path / "raw")
    (raw / "hub_links.csv").write_bytes(b"\x00\x00\x00binary")
    done = run("refresh", "--raw", str(raw), "--warehouse", str(tmp_path / "hub.duckdb"), "--quiet")
    assert done.returncode == EXIT_INPUT
    assert done.stderr == (
        "hub_links.csv 不是文本表格（看起来是二进制文件）；请另存为 CSV（UTF-8）或 .xlsx。数据仓库未作改动。\n"
    )
    assert not (tmp_path / "hub.duckdb").exists()


def test_validate_reports_without_creating_a_warehouse(tmp_path: Path) -> None:
    raw = r.write_register(
        tmp_path / "raw", {"funding": [["F9", r.ORG_A, "fiscal", "-1", "2012-01-01", ""]]}
    )
    done = run("validate", "--raw", str(raw), "--report", str(tmp_path / "reports"))
    assert done.returncode == EXIT_OK, done.stderr
    assert "仅作检查，没有导入任何数据。" in done.stdout
    report = next((tmp_path / "reports").glob("rejected_rows-*.csv")).read_text("utf-8-sig")
    assert report.splitlines()[:2] == [
        "文件,行号,列,规则,原值,说明,列代码,规则代码",
        "funding.csv,4,amount_yuan,必须大于 0,-1,「金额」必须大于 0。,amount_yuan,greater_than",
    ]
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
    out = str(tmp_path / "out")
    done = run("export", "--format", "csv", "--warehouse", str(target), "--out", out)
    assert done.returncode == EXIT_OK, done.stderr
    files = sorted(p.name.split("-")[0] for p in (tmp_path / "out").iterdir())
    assert files == ["district_coverage", "district_funding", "headline", "hub_type_coverage"]
    headline = next((tmp_path / "out").glob("headline-*.csv")).read_bytes()
    assert headline.startswith("\ufeff截至日期,市级枢纽".encode())


def test_status_without_any_run_says_what_to_do(tmp_path: Path) -> None:
    done = run("status", "--warehouse", str(tmp_path / "hub.duckdb"))
    assert done.returncode == EXIT_OK
    assert done.stdout == (
        f"{tmp_path / 'hub.duckdb'} 还没有刷新记录；请运行 `python -m pipeline refresh`。\n"
    )


def test_lang_en_speaks_english_before_or_after_the_command(tmp_path: Path) -> None:
    raw = r.write_register(tmp_path / "raw")
    (raw / "hubs.csv").unlink()
    expected = (
        f"hub_links is given but {raw}/hubs.csv (or .xlsx) is missing: hubs and hub_links come"
        " together (neither: this delivery has no hub data); add the 枢纽型社会组织 register as"
        " hubs.csv or hubs.xlsx. The warehouse was not changed.\n"
    )
    for args in (("--lang", "en", "refresh"), ("refresh", "--lang=en")):
        done = run(*args, "--raw", str(raw), "--warehouse", str(tmp_path / "hub.duckdb"))
        assert done.returncode == EXIT_INPUT
        assert done.stderr.replace("\n", "") == expected.replace("\n", "")


def test_env_shuniu_lang_en_speaks_english_and_lang_zh_overrides_it(tmp_path: Path) -> None:
    target = str(tmp_path / "hub.duckdb")
    english = run("status", "--warehouse", target, env={"SHUNIU_LANG": "en"})
    assert english.stdout == (
        f"No refresh of {target} is recorded yet; run `python -m pipeline refresh`.\n"
    )
    chinese = run("--lang", "zh", "status", "--warehouse", target, env={"SHUNIU_LANG": "en"})
    assert chinese.stdout.startswith(f"{target} 还没有刷新记录")


def test_the_summary_and_status_headings_follow_the_language(tmp_path: Path) -> None:
    raw, target = r.write_register(tmp_path / "raw"), str(tmp_path / "hub.duckdb")
    english = run("--lang", "en", "refresh", "--raw", str(raw), "--warehouse", target, "--quiet")
    assert english.stdout.splitlines()[:2] == [
        "rows per file (read = accepted + rejected):",
        "  file                            read    accepted    rejected      warned",
    ]
    assert "\nRefreshed " in english.stdout
    assert re.search(
        rf"^Release \S+ kept as {tmp_path}/hub\.releases/\S+\.duckdb\.$", english.stdout, re.M
    )
    chinese = run("refresh", "--raw", str(raw), "--warehouse", target, "--quiet")
    assert chinese.stdout.splitlines()[:2] == [
        "各文件行数（读入 = 接收 + 拒收）：",
        "  文件                            读入        接收        拒收        警告",
    ]
    assert "\n已刷新 " in chinese.stdout
    assert re.search(
        rf"^版本 \S+ 已保存为 {tmp_path}/hub\.releases/\S+\.duckdb。$", chinese.stdout, re.M
    )
    status = run("status", "--warehouse", target).stdout.splitlines()
    assert status[0].split() == [
        "批次",
        "完成时间",
        "状态",
        "读入",
        "接收",
        "拒收",
        "版本",
        "原始数据文件夹",
    ]
    assert status[1].split()[3] == "成功"
    status_en = run("status", "--lang", "en", "--warehouse", target).stdout.splitlines()
    assert status_en[0].split() == [
        "run",
        "finished",
        "status",
        "read",
        "accepted",
        "rejected",
        "release",
        "raw",
        "folder",
    ]
    assert status_en[1].split()[3] == "succeeded"


def test_help_is_chinese_by_default_and_english_with_lang_en() -> None:
    chinese = run("refresh", "--help").stdout
    assert chinese.startswith("用法：python -m pipeline refresh")
    assert "校验原始登记表并重建数据仓库（要么全部完成，要么不作改动）。" in chinese
    assert "显示本帮助并退出" in chinese and "exit codes" not in chinese
    english = run("refresh", "--help", "--lang", "en").stdout
    assert english.startswith("usage: python -m pipeline refresh")
    assert "Validate the raw registers and rebuild the warehouse (all or nothing)." in english
    assert "exit codes: 0 done" in english and "退出码" not in english


def test_help_placeholders_are_chinese_and_the_help_column_lines_up() -> None:
    """argparse's RAW, WAREHOUSE, RUN become words; a Chinese word takes two cells, so the help
    texts after it still start in one column."""
    chinese = run("refresh", "--help").stdout
    assert "--raw 目录" in chinese and "--warehouse 文件" in chinese and "--keep 个数" in chinese
    assert not {"RAW", "WAREHOUSE", "KEEP"} & set(chinese.split())
    starts = {
        cell_len(line[: line.index(help_text)])
        for line in chinese.splitlines()
        for help_text in (
            "显示本帮助并退出",
            "存放 organizations",
            "DuckDB 数据仓库文件",
            "不显示进度",
        )
        if help_text in line
    }
    assert len(starts) == 1, chinese
    assert "批次号" in run("pin", "--help").stdout.splitlines()[0]
    english = run("refresh", "--help", "--lang", "en").stdout
    assert "--raw RAW" in english and "--keep KEEP" in english


def test_a_wrong_command_line_exits_2_with_one_sentence_in_the_language() -> None:
    done = run("status", "--limit", "x")
    assert done.returncode == EXIT_USAGE
    assert done.stderr.splitlines()[-1] == (
        "python -m pipeline status：命令行有误：参数 --limit 的值 'x' 不是有效的整数"
    )
    done = run("--lang", "en", "status", "--limit", "x")
    assert done.stderr.splitlines()[-1] == (
        "python -m pipeline status: error: argument --limit: invalid int value: 'x'"
    )
    assert (
        run("frobnicate")
        .stderr.splitlines()[-1]
        .startswith("python -m pipeline：命令行有误：参数 命令 的取值 'frobnicate' 无效（可选：")
    )


def test_a_delivery_without_hub_data_refreshes_and_status_says_so(tmp_path: Path) -> None:
    raw = r.write_register(tmp_path / "raw")
    (raw / "hubs.csv").unlink()
    (raw / "hub_links.csv").unlink()
    target = tmp_path / "hub.duckdb"
    done = run("refresh", "--raw", str(raw), "--warehouse", str(target), "--quiet")
    assert done.returncode == 0, done.stderr
    status = run("status", "--warehouse", str(target))
    assert "当前数据没有枢纽数据（本批未提供 hubs 和 hub_links）" in status.stdout
    as_json = json.loads(run("status", "--warehouse", str(target), "--json").stdout)
    assert as_json["has_hub_data"] is False
    import duckdb

    con = duckdb.connect(str(target), read_only=True)
    try:
        # not provided, not 0: every figure that needs hubs is NULL
        assert con.execute(
            "select count(hubs_total), count(linked_orgs), count(coverage_rate), count(*)"
            " from marts.headline"
        ).fetchone()[:3] == (0, 0, 0)  # type: ignore[index]
        assert con.execute("select count(*) from marts.register_profile").fetchone()[0] > 0  # type: ignore[index]
    finally:
        con.close()
