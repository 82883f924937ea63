"""Clean values: a cell holding NUL or another control character is rejected at its line, wherever
it is in the file, with a clerk's message and the value written out; tab and line breaks are text."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import xlsxwriter

from pipeline.normalize import normalize
from pipeline.read import read_table
from pipeline.refresh import refresh_warehouse
from pipeline.validate import check_table
from schemas.tables import HUBS
from tests.unit import registers as r

MESSAGE = (
    "「社会组织名称」含有不可见的控制字符（原值中写作 \\x00 之类），多因文件损坏或导出不当；"
    "本行未导入，请删去这些字符后重新导出。"
)


def _many_orgs(n: int) -> list[list[str]]:
    return [
        [r.uscc("1", "110105", f"MJ{i:07d}"), f"朝阳区第{i}文化协会", "社会团体", "区级", "110105"]
        + ["2010-01-01", "", "正常", "是"]
        for i in range(10, 10 + n)
    ]


def _rejected(target: Path) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(target), read_only=True)
    try:
        return con.sql(
            'select file, line, "column", column_header, rule, rule_name, value, message '
            "from quality.rejected_rows order by line"
        ).fetchall()
    finally:
        con.close()


def test_a_nul_inside_a_name_past_the_first_4_kb_is_rejected_at_its_line(tmp_path: Path) -> None:
    """The issue's '丰\\x00台区建筑业协会', far past the 4 KB the first line's check looks at."""
    orgs = _many_orgs(100)
    orgs[80][1] = "丰\x00台区建筑业协会"
    orgs[80][4] = "110106"
    raw = r.write_register(tmp_path / "raw", {"organizations": orgs})
    header = ",".join(r.ORG_HEADER).encode("utf-8-sig") + b"\n"
    assert (raw / "organizations.csv").read_bytes().index(b"\x00") > 4096 + len(header)
    target = tmp_path / "hub.duckdb"
    result = refresh_warehouse(raw, target)
    line = 1 + len(r.ORGS) + 81  # header, the three orgs, then the 81st extra row
    assert _rejected(target) == [
        (
            "organizations.csv",
            line,
            "name",
            "name",
            "control_character",
            "含有控制字符",
            "丰\\x00台区建筑业协会",
            MESSAGE.replace("社会组织名称", "name"),
        )
    ]
    con = duckdb.connect(str(target), read_only=True)
    stored = con.execute("select count(*) from clean.organizations where name like '%台区建筑业%'")
    assert stored.fetchone() == (0,)
    con.close()
    orgs_file = next(f for f in result.files if f.table_name == "organizations")
    assert (orgs_file.rows_read, orgs_file.rows_rejected) == (103, 1)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("妇联\x01", "妇联\\x01"),
        ("妇\x1b[31m联", "妇\\x1b[31m联"),
        ("妇联\x7f", "妇联\\x7f"),
        ("妇\x85联", "妇\\x85联"),  # a C1 control (NEL)
        ("妇\r联", "妇\\x0d联"),  # a carriage return that ends no line
    ],
)
def test_every_control_character_is_rejected_with_the_value_written_out(
    tmp_path: Path, value: str, shown: str
) -> None:
    hubs = [list(h) for h in r.HUBS]
    hubs[0][1] = value
    path = r.write_csv(tmp_path / "hubs.csv", r.HUB_HEADER, hubs)
    raw = read_table(path, HUBS)
    typed, parsed = normalize(raw)
    checked = check_table(raw, typed, parsed, {})
    assert checked.rejected.select("line", "column", "rule", "value").rows() == [
        (2, "name", "control_character", shown)
    ]
    assert checked.accepted["hub_id"].to_list() == ["H2"]


def test_tabs_and_line_breaks_inside_quoted_text_are_text(tmp_path: Path) -> None:
    path = tmp_path / "hubs.csv"
    path.write_bytes(
        b"hub_id,name,level,district_code,street_name,hub_type,recognized_on,revoked_on\r\n"
        + 'H1,"北京市\t妇联",市级,110000,,妇联,2009-01-01,\r\n'.encode()
        + 'H2,"朝阳区\r\n社会组织联合会",区级,110105,,federation,2011-01-01,\r\n'.encode()
        + 'H3,"海淀区\n联合会",区级,110108,,federation,2011-01-01,\r\n'.encode()
    )
    raw = read_table(path, HUBS)
    typed, parsed = normalize(raw)
    checked = check_table(raw, typed, parsed, {})
    assert checked.rejected.is_empty()
    assert checked.accepted["name"].to_list() == [
        "北京市\t妇联",
        "朝阳区\r\n社会组织联合会",
        "海淀区\n联合会",
    ]


def test_a_control_character_in_a_column_the_table_ignores_rejects_its_row(tmp_path: Path) -> None:
    hubs = [[*h, "备注"] for h in r.HUBS]
    hubs[1][-1] = "损坏\x00"
    path = r.write_csv(tmp_path / "hubs.csv", [*r.HUB_HEADER, "备注"], hubs)
    raw = read_table(path, HUBS)
    typed, parsed = normalize(raw)
    checked = check_table(raw, typed, parsed, {})
    assert checked.rejected.select("line", "column", "column_header", "value").rows() == [
        (3, "备注", "备注", "损坏\\x00")
    ]
    assert checked.rejected["message"][0].startswith("「备注」含有不可见的控制字符")


def test_a_nul_in_a_row_near_the_top_is_that_rows_problem_not_a_binary_file(tmp_path: Path) -> None:
    hubs = [list(h) for h in r.HUBS]
    hubs[0][1] = "北京市\x00妇联"
    raw = read_table(r.write_csv(tmp_path / "hubs.csv", r.HUB_HEADER, hubs), HUBS)
    assert raw.cell_issues.select("line", "column").rows() == [(2, "name")]


def test_a_control_character_in_a_workbook_cell_is_rejected_too(tmp_path: Path) -> None:
    path = tmp_path / "hubs.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, r.HUB_HEADER)
    sheet.write_row(1, 0, ["H1", "北京市\x02妇联", "市级", "110000", "", "妇联", "2009-01-01"])
    book.close()
    raw = read_table(path, HUBS)
    assert raw.cell_issues.select("line", "column", "value").rows() == [
        (2, "name", "北京市\\x02妇联")
    ]
