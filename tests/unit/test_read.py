"""Reading input files: encodings, header aliases, xlsx sheets, line numbers, unusable files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from pipeline.normalize import normalize, parse_values
from pipeline.read import InputError, find_file, read_table
from schemas.tables import HUB_LINKS, HUBS, ORGANIZATIONS, PROJECTS
from tests.unit.registers import LINK_HEADER, LINKS, ORG_HEADER, PROJECT_HEADER, write_csv

ZH_LINK_HEADER = ["枢纽组织编号", "统一社会信用代码", "关系类型", "纳入日期", "解除日期"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_a_csv_is_read_in_each_accepted_encoding(tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / "hub_links.csv", ZH_LINK_HEADER, LINKS, encoding)
    raw = read_table(path, HUB_LINKS)
    assert raw.encoding == encoding
    assert raw.frame["relation"].to_list() == ["联系", "管理", "管理"]


def test_headers_match_ignoring_case_spaces_and_full_width_forms(tmp_path: Path) -> None:
    header = [" HUB_ID ", "Ｕｓｃｃ", "关系类型 ", "纳入 日期", "解除日期"]
    raw = read_table(write_csv(tmp_path / "hub_links.csv", header, LINKS), HUB_LINKS)
    assert raw.frame.columns == ["__line", *LINK_HEADER]


def test_a_missing_required_column_names_the_file_the_column_and_the_fix(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "hub_links.csv", LINK_HEADER[:3] + ["ended_on"], [r[:3] + [""] for r in LINKS]
    )
    with pytest.raises(InputError) as err:
        read_table(path, HUB_LINKS)
    assert (
        str(err.value)
        == "hub_links.csv 缺少「纳入日期」列（表头可写 linked_on / 纳入日期）；请添加这一列。"
    )
    assert err.value.text("en") == (
        "hub_links.csv has no column 'linked_on' (header linked_on / 纳入日期); add that column."
    )


def test_a_missing_optional_column_reads_as_empty(tmp_path: Path) -> None:
    raw = read_table(
        write_csv(tmp_path / "hub_links.csv", LINK_HEADER[:4], [r[:4] for r in LINKS]), HUB_LINKS
    )
    assert raw.frame["ended_on"].to_list() == [None, None, None]


def test_line_numbers_count_the_header_blank_lines_and_quoted_newlines(tmp_path: Path) -> None:
    path = tmp_path / "hub_links.csv"
    path.write_text(
        'hub_id,uscc,relation,linked_on\nH1,A,联系,2010-01-01\n\nH2,"B\nB",联系,2010-01-01\n'
        "H3,C,联系,2010-01-01\n",
        encoding="utf-8",
    )
    raw = read_table(path, HUB_LINKS)
    assert raw.frame.select("__line", "hub_id").rows() == [(2, "H1"), (4, "H2"), (6, "H3")]


def test_a_binary_file_is_not_a_table(tmp_path: Path) -> None:
    path = tmp_path / "hubs.csv"
    path.write_bytes(b"\x00\x01\x02PK\x00")
    with pytest.raises(InputError) as err:
        read_table(path, HUBS)
    assert (
        str(err.value)
        == "hubs.csv 不是文本表格（看起来是二进制文件）；请另存为 CSV（UTF-8）或 .xlsx。"
    )


def test_two_files_for_one_table_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "hubs.csv").write_text("x")
    (tmp_path / "hubs.xlsx").write_text("x")
    with pytest.raises(InputError) as err:
        find_file(tmp_path, HUBS)
    assert str(err.value) == f"{tmp_path} 中 hubs.csv, hubs.xlsx 都是「hubs」表；请只保留其中一个。"


def test_xlsx_reads_the_first_sheet_with_real_dates_and_sheet_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "hubs.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("认定名单")
    book.add_worksheet("说明").write(0, 0, "not this sheet")
    sheet.write_row(
        0, 0, ["枢纽组织编号", "枢纽组织名称", "认定级别", "区划代码", "枢纽类型", "认定日期"]
    )
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(1, 0, ["H1", "北京市妇联", "市级", "110000", "妇联"])
    sheet.write_datetime(1, 5, dt.datetime(2009, 1, 1), date_format)
    sheet.write_row(3, 0, ["H2", "朝阳区社会组织联合会", "区级", 110105, "社会组织联合会", 40179])
    book.close()
    raw = read_table(path, HUBS)
    typed, issues = normalize(raw)
    assert issues.is_empty()
    assert typed.select("__line", "hub_id", "district_code", "recognized_on").rows() == [
        (2, "H1", "110000", dt.date(2009, 1, 1)),
        (4, "H2", "110105", dt.date(2010, 1, 1)),
    ]


def test_a_broken_workbook_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "organizations.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError) as err:
        read_table(path, ORGANIZATIONS)
    assert (
        str(err.value)
        == "organizations.xlsx 无法作为 Excel 工作簿打开；请重新另存为 .xlsx 或 CSV。"
    )


def test_values_are_normalized_as_the_contract_says(tmp_path: Path) -> None:
    header = ["funding_id", "recipient_uscc", "source", "amount_yuan", "paid_on"]
    rows = [
        ["F１", " 51110105mj0000001n ", "彩票公益金", "12.5万元", "2015年7月1日"],
        ["F2", "X", "FISCAL", "1,234.50", "2015/7/1"],
        ["F3", "X", "other", "１２３", "２０１５-０７-０１"],
    ]
    from schemas.tables import FUNDING

    typed, issues = normalize(
        read_table(write_csv(tmp_path / "funding.csv", header, rows), FUNDING)
    )
    assert issues.is_empty()
    assert typed.select(
        "funding_id", "recipient_uscc", "source", "amount_yuan", "paid_on"
    ).rows() == [
        ("F1", "51110105mj0000001n", "lottery", 125000.0, dt.date(2015, 7, 1)),
        ("F2", "X", "fiscal", 1234.5, dt.date(2015, 7, 1)),
        ("F3", "X", "other", 123.0, dt.date(2015, 7, 1)),
    ]


def test_few_distinct_values_are_parsed_once_each_with_the_same_result(tmp_path: Path) -> None:
    """A column with few distinct values is parsed once per value and joined back to its rows: the
    typed values and the errors (line, column, rule, value) are those of parsing every row."""
    from pipeline.normalize import _by_value
    from schemas.tables import FUNDING

    header = ["funding_id", "recipient_uscc", "source", "amount_yuan", "paid_on"]
    values = [
        ("彩票公益金", "12.5万元", "2015年7月1日"),
        ("FISCAL", "1,234.50", "2015/7/1"),
        ("other", "１２３", "２０１５-０７-０１"),
        ("", "", ""),
        ("nonsense", "12,34", "2015-02-30"),
        ("fiscal", "1.234", "July 1"),
        (" 其他 ", "99999999999999999999999", "2015-7-1 08:30"),
    ]
    once = [[f"F{i}", "X", *row] for i, row in enumerate(values)]
    thrice = [[f"F{i}", "X", *row] for i, row in enumerate(values * 3)]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    by_row = read_table(write_csv(tmp_path / "a" / "funding.csv", header, once), FUNDING)
    by_value = read_table(write_csv(tmp_path / "b" / "funding.csv", header, thrice), FUNDING)
    for name in ("source", "amount_yuan", "paid_on"):  # the two paths are taken as intended
        assert _by_value(FUNDING.column(name), by_row.frame[name], excel=False) is None
        assert _by_value(FUNDING.column(name), by_value.frame[name], excel=False) is not None
    typed, errors = normalize(by_row)
    typed3, errors3 = normalize(by_value)
    columns = ["source", "amount_yuan", "paid_on"]
    assert typed3.select(columns).rows() == typed.select(columns).rows() * 3
    assert typed3.schema == typed.schema
    n = len(values)
    shifted = pl.concat([errors.with_columns(pl.col("line") + n * k) for k in range(3)])
    assert errors3.sort(["line", "column"]).rows() == shifted.sort(["line", "column"]).rows()
    assert errors.height >= 5  # the bad source, amounts and dates are errors in both


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("是", True),
        ("否", False),
        ("Y", True),
        ("n", False),
        ("TRUE", True),
        ("false", False),
        ("1", True),
        ("0", False),
        (" 是 ", True),
    ],
)
def test_booleans_in_every_accepted_spelling(text: str, value: bool) -> None:
    assert parse_values(ORGANIZATIONS.column("has_union"), [text]).to_list() == [value]


def test_an_excel_serial_is_a_date_only_in_xlsx_and_only_in_a_plausible_range() -> None:
    col = HUBS.column("recognized_on")
    assert parse_values(col, ["40179"], excel=False).to_list() == [None]
    assert parse_values(col, ["40179", "2015", "99999"], excel=True).to_list() == [
        dt.date(2010, 1, 1),
        None,
        None,
    ]


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("1,234.50", 1234.5),
        ("1,234,567", 1234567.0),
        ("12.5万元", 125000.0),
        ("12,34", None),
        ("1,2,3", None),
        ("1,2.5万", None),
        ("10.001", None),
    ],
)
def test_thousands_separators_must_group_by_three(text: str, yuan: float | None) -> None:
    from schemas.tables import FUNDING

    assert parse_values(FUNDING.column("amount_yuan"), [text]).to_list() == [yuan]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2015-07-01 23:59", dt.date(2015, 7, 1)),
        ("2015-07-01 99:99", None),
        ("2015.7.1", dt.date(2015, 7, 1)),
        ("2015-7-1", dt.date(2015, 7, 1)),
    ],
)
def test_a_time_part_must_be_a_real_time(text: str, day: dt.date | None) -> None:
    assert parse_values(HUBS.column("recognized_on"), [text]).to_list() == [day]


def test_identifiers_keep_their_case() -> None:
    assert parse_values(HUBS.column("hub_id"), [" h1 ", "Ｈ２"]).to_list() == ["h1", "H2"]


def test_a_utf8_file_with_a_gbk_cell_is_refused_not_garbled(tmp_path: Path) -> None:
    path = tmp_path / "hubs.csv"
    good = "hub_id,name,level,district_code,hub_type,recognized_on\nH1,北京市妇女联合会,市级,110000,妇联,2009-01-01\n"
    path.write_bytes(
        good.encode("utf-8") + "H2,丰台残联,区级,110106,残联,2010-01-01\n".encode("gbk")
    )
    with pytest.raises(InputError) as err:
        read_table(path, HUBS)
    assert str(err.value) == (
        "hubs.csv 混用了两种编码：第 2 行是 UTF-8，第 3 行却不是（这些字节像是 GB18030/GBK 编码）；"
        "请把整个文件另存为“CSV UTF-8”。"
    )


def test_a_gbk_header_over_ascii_rows_is_read_as_gbk(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "hub_links.csv",
        ZH_LINK_HEADER,
        [["H1", "X", "liaison", "2010-01-01", ""]],
        "gbk",
    )
    raw = read_table(path, HUB_LINKS)
    assert (raw.encoding, raw.frame["relation"].to_list()) == ("gb18030", ["liaison"])


def test_a_repeated_header_is_refused(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "hub_links.csv", [*LINK_HEADER, "hub_id"], [[*row, "H2"] for row in LINKS]
    )
    with pytest.raises(InputError) as err:
        read_table(path, HUB_LINKS)
    assert str(err.value) == "hub_links.csv 中「hub_id」列出现了两次；请删去其中一列。"


def test_a_ragged_row_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "hub_links.csv"
    path.write_text(
        "hub_id,uscc,relation,linked_on\nH1,A,联系,2010-01-01\nH2,B,联系,2010-01-01,extra\n"
    )
    with pytest.raises(InputError) as err:
        read_table(path, HUB_LINKS)
    assert str(err.value) == (
        "hub_links.csv 第 3 行有 5 列，而表头只有 4 列；请让每行的列数与表头相同（含逗号的值要用英文双引号括起来）。"
    )


def test_a_required_file_with_only_a_header_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        read_table(write_csv(tmp_path / "organizations.csv", ORG_HEADER, []), ORGANIZATIONS)
    assert str(err.value) == "organizations.csv 只有表头，没有数据行；请补上登记表的数据行。"


def test_a_row_with_text_only_in_an_unknown_column_is_still_a_row(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "hub_links.csv",
        [*LINK_HEADER, "备注"],
        [[*LINKS[0], ""], ["", "", "", "", "", "只有备注"]],
    )
    raw = read_table(path, HUB_LINKS)
    assert raw.frame["__line"].to_list() == [2, 3]
    assert raw.ignored_headers == ("备注",)


@pytest.mark.parametrize(
    "content",
    [b"", b"\xef\xbb\xbf", b"\r\n\r\n", ",".join(PROJECT_HEADER).encode() + b"\r\n"],
    ids=["0-bytes", "bom-only", "blank-lines", "header-only"],
)
def test_an_optional_file_without_rows_is_read_as_no_rows_whatever_its_form(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "projects.csv"
    path.write_bytes(content)
    raw = read_table(path, PROJECTS)
    assert raw.frame.height == 0
    assert raw.frame.columns == ["__line", *(c.name for c in PROJECTS.columns)]


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf\r\n"], ids=["0-bytes", "bom-only"])
def test_a_required_file_without_anything_in_it_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "organizations.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_table(path, ORGANIZATIONS)
    assert str(err.value) == "organizations.csv 是空文件；它需要一行表头和数据行。"


def test_the_raw_table_remembers_the_header_the_file_used_for_each_column(tmp_path: Path) -> None:
    header = [" HUB_ID ", "统一社会信用代码", "关系类型", "纳入日期"]
    raw = read_table(
        write_csv(tmp_path / "hub_links.csv", header, [r[:4] for r in LINKS]), HUB_LINKS
    )
    assert raw.headers == {
        "hub_id": " HUB_ID ",
        "uscc": "统一社会信用代码",
        "relation": "关系类型",
        "linked_on": "纳入日期",
    }
    assert raw.header("ended_on") == "解除日期"  # not in the file: its Chinese label


def test_a_utf8_line_pasted_into_a_gb18030_file_names_its_line(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "hub_links.csv", ZH_LINK_HEADER, LINKS, "gb18030")
    path.write_bytes(path.read_bytes() + "H2,X,联系,2012年1月1日,\n".encode())
    with pytest.raises(InputError) as err:
        read_table(path, HUB_LINKS)
    assert err.value.text("en") == (
        "hub_links.csv mixes encodings: the file is GB18030/GBK but line 5 is UTF-8 (read as GBK it "
        "would be garbled); save the whole file again as CSV UTF-8."
    )
