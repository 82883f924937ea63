"""One pass for the clerk: validate looks at every file, lists each file that cannot be used at all and
still checks the others row by row, all in one report; refresh refuses naming every such file; a
knock-on rejection names the file and line it depends on."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pytest

from pipeline.cli import EXIT_INPUT, main
from pipeline.refresh import refresh_warehouse, validate_only
from pipeline.refusals import InputProblems
from tests.unit import registers as r

ORG_X = r.uscc("1", "110105", "MJ0000009")
BAD_USCC = ORG_X[:-1] + ("0" if ORG_X[-1] != "0" else "1")
ROW_ERRORS = {
    "organizations": [  # line 5: a wrong check character
        [BAD_USCC, "坏代码协会", "社会团体", "区级", "110105", "2012-01-01", "", "正常", "是"],
    ],
    "funding": [["F9", r.ORG_A, "财政资金", "-5", "2013-01-01", ""]],  # line 4: not above zero
}  # fmt: skip


def _mixed(raw: Path) -> Path:
    """hub_links.csv begun in UTF-8, its line 5 in GBK (pasted from another file)."""
    head = "hub_id,uscc,relation,linked_on,ended_on\n"
    body = [",".join(row) + "\n" for row in r.LINKS]
    gbk = f"H1,{r.ORG_C},联系,2012-05-01,\n".encode("gbk")
    path = raw / "hub_links.csv"
    path.write_bytes((head + "".join(body)).encode("utf-8") + gbk)
    return path


def _register(tmp_path: Path) -> Path:
    raw = r.write_register(tmp_path / "raw", ROW_ERRORS)
    _mixed(raw)
    return raw


def _report(folder: Path) -> list[dict[str, str]]:
    (path,) = folder.glob("rejected_rows-*.csv")
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))))


def test_a_mixed_encoding_file_is_listed_and_two_other_files_are_checked_row_by_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = _register(tmp_path)
    code = main(["validate", "--raw", str(raw), "--report", str(tmp_path / "rep"), "--quiet"])
    said = capsys.readouterr()
    assert code == EXIT_INPUT
    assert said.err.strip().startswith(
        "hub_links.csv 混用了两种编码：第 2 行是 UTF-8，第 5 行却不是"
    ), said.err
    assert "hub_links.csv" in said.out and "其余文件均已逐行检查" in said.out
    counts = [line.split() for line in said.out.splitlines() if ".csv " in line]
    assert ["organizations.csv", "4", "3", "1", "0"] in [c[:5] for c in counts]
    assert ["funding.csv", "3", "2", "1", "0"] in [c[:5] for c in counts]
    rows = _report(tmp_path / "rep")
    assert [(x["文件"], x["行号"], x["规则代码"]) for x in rows] == [
        ("hub_links.csv", "5", "file_refused"),
        ("organizations.csv", "5", "uscc_check_char"),
        ("funding.csv", "4", "greater_than"),
    ]
    assert rows[0]["说明"].startswith(
        "整个文件无法读取，其中的行都没有检查：hub_links.csv 混用了两种编码"
    )
    assert rows[0]["规则"] == "文件无法读取"


def test_validate_only_raises_naming_every_refused_file_with_the_record_of_the_rest(
    tmp_path: Path,
) -> None:
    raw = _register(tmp_path)
    (raw / "projects.csv").write_text("project_id;name\nP1;社区养老\n", "utf-8")  # semicolons
    with pytest.raises(InputProblems) as refused:
        validate_only(raw, tmp_path / "rep", lambda _: None)
    problems = refused.value
    assert [x.file for x in problems.refused] == ["hub_links.csv", "projects.csv"]
    assert problems.key == "input.several"
    lines = str(problems).splitlines()
    assert lines[0] == "发现 2 个问题，每个都使一个文件无法使用（其余文件均已逐行检查）："
    assert lines[1].startswith("- hub_links.csv 混用了两种编码")
    assert lines[2].startswith("- projects.csv 是用分号（;）分隔的")
    assert problems.text("en").splitlines()[1].startswith("- hub_links.csv mixes encodings")
    assert problems.result is not None
    checked = {f.file: (f.rows_read, f.rows_rejected) for f in problems.result.files}
    assert checked == {"organizations.csv": (4, 1), "hubs.csv": (2, 0), "funding.csv": (3, 1)}


def test_refresh_refuses_naming_every_file_and_keeps_the_warehouse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = _register(tmp_path)
    (raw / "organizations.csv").unlink()
    target = tmp_path / "wh" / "hub.duckdb"
    code = main(["refresh", "--raw", str(raw), "--warehouse", str(target), "--quiet"])
    said = capsys.readouterr().err.strip().splitlines()
    assert code == EXIT_INPUT and not target.exists()
    assert said[0] == "发现 2 个问题，每个都使一个文件无法使用（其余文件均已逐行检查）："
    assert said[1].startswith("- 缺少 ") and "organizations.csv（或 .xlsx）" in said[1]
    assert said[2].startswith("- hub_links.csv 混用了两种编码")
    assert said[3] == "数据仓库未作改动。"


def test_one_refused_file_is_said_as_before(tmp_path: Path) -> None:
    raw = r.write_register(tmp_path / "raw")
    _mixed(raw)
    with pytest.raises(InputProblems) as refused:
        refresh_warehouse(raw, tmp_path / "wh" / "hub.duckdb", lambda _: None)
    assert refused.value.key == "input.mixed_utf8_first" and refused.value.params["line"] == 5
    assert "\n" not in str(refused.value)


def test_references_into_a_refused_file_are_not_judged(tmp_path: Path) -> None:
    """organizations.csv refused as a whole: the links and payments naming its organizations are
    not rejected as unknown (nobody could tell), only the refused file is reported."""
    raw = r.write_register(tmp_path / "raw")
    (raw / "organizations.csv").write_text("uscc\tname\n", "utf-8")  # tab-separated
    with pytest.raises(InputProblems) as refused:
        validate_only(raw, tmp_path / "rep", lambda _: None)
    assert [x.file for x in refused.value.refused] == ["organizations.csv"]
    assert [(x["文件"], x["规则代码"]) for x in _report(tmp_path / "rep")] == [
        ("organizations.csv", "file_refused")
    ]


def test_a_knock_on_rejection_names_the_file_and_line_it_depends_on(tmp_path: Path) -> None:
    rejected_org = r.uscc("1", "110105", "MJ0000007")
    extra = {
        "organizations": [  # line 5: registered in the future, so rejected
            [rejected_org, "未来协会", "社会团体", "区级", "110105", "2999-01-01", "", "正常", "是"]
        ],
        "hub_links": [["H1", rejected_org, "联系", "2012-05-01", ""]],  # line 5
        "funding": [["F9", rejected_org, "财政资金", "5", "2013-01-01", ""]],  # line 4
        "hubs": [["H9", "坏枢纽", "市级", "110000", "", "妇联", "20xx-01-01", ""]],  # line 4
    }
    raw = r.write_register(tmp_path / "raw", extra)
    r.write_csv(raw / "hub_links.csv", r.LINK_HEADER, [*r.LINKS, *extra["hub_links"],
                ["H9", r.ORG_A, "联系", "2012-05-01", ""]], "gb18030")  # fmt: skip
    target = tmp_path / "wh" / "hub.duckdb"
    refresh_warehouse(raw, target, lambda _: None)
    con = duckdb.connect(str(target), read_only=True)
    knock_on = con.sql(
        "select file, line, message from quality.rejected_rows"
        " where rule = 'rejected_reference' order by file, line"
    ).fetchall()
    con.close()
    assert knock_on == [
        ("funding.csv", 4, "「收款组织统一社会信用代码」指向的社会组织表中的行已被拒收"
         "（organizations.csv 第 5 行），本行随之拒收；改正那一行后本行即可导入。"),
        ("hub_links.csv", 5, "「统一社会信用代码」指向的社会组织表中的行已被拒收"
         "（organizations.csv 第 5 行），本行随之拒收；改正那一行后本行即可导入。"),
        ("hub_links.csv", 6, "「枢纽组织编号」指向的枢纽型社会组织表中的行已被拒收"
         "（hubs.csv 第 4 行），本行随之拒收；改正那一行后本行即可导入。"),
    ]  # fmt: skip


def test_a_key_rejected_on_many_lines_names_the_first_three_and_how_many(tmp_path: Path) -> None:
    hub = ["H9", "坏枢纽", "市级", "110000", "", "妇联", "20xx-01-01", ""]
    raw = r.write_register(tmp_path / "raw", {"hubs": [hub] * 5})  # lines 4 to 8, all rejected
    r.write_csv(raw / "hub_links.csv", r.LINK_HEADER,
                [*r.LINKS, ["H9", r.ORG_A, "联系", "2012-05-01", ""]])  # fmt: skip
    target = tmp_path / "wh" / "hub.duckdb"
    refresh_warehouse(raw, target, lambda _: None)
    con = duckdb.connect(str(target), read_only=True)
    ((message,),) = con.sql(
        "select message from quality.rejected_rows where rule = 'rejected_reference'"
    ).fetchall()
    con.close()
    assert "（hubs.csv 第 4、5、6 等共 5 行）" in message
