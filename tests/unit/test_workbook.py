"""Workbooks: codes as text with every digit, counts as integers, rates as %, frozen header, a cover."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import polars as pl

from pipeline import workbook
from pipeline.workbook import COVER, Cover, Sheet, sheet_name, text_width, workbook_bytes

FRAME = pl.DataFrame(
    {
        "统一社会信用代码": ["531100006544103913", "51110000MJ0000000X"],
        "区县": ["朝阳区", "海淀区"],
        "联系社会组织": [27, -3],
        "覆盖率(%)": [0.4273, None],
        "金额(万元)": [5.84, 12.5],
        "截至日期": [date(2023, 12, 31), date(2022, 12, 31)],
    }
)
FORMATS = {"联系社会组织": "int", "覆盖率(%)": "percent", "金额(万元)": "wan"}


def _book(cover: Cover | None = None) -> openpyxl.Workbook:
    data = workbook_bytes(cover, [Sheet("分区覆盖", FRAME, FORMATS)])
    return openpyxl.load_workbook(io.BytesIO(data))


def test_codes_are_text_with_every_digit() -> None:
    ws = _book()["分区覆盖"]
    assert ws["A2"].value == "531100006544103913" and ws["A2"].data_type == "s"
    assert ws["A3"].value == "51110000MJ0000000X"


def test_counts_are_integers_rates_percent_money_two_decimals() -> None:
    ws = _book()["分区覆盖"]
    assert ws["C2"].value == 27 and isinstance(ws["C2"].value, int)
    assert ws["C3"].value == -3 and ws["C2"].number_format == "#,##0"
    assert ws["D2"].value == 0.4273 and ws["D2"].number_format == "0.0%"
    assert ws["D3"].value is None  # a missing rate is an empty cell
    assert ws["E2"].value == 5.84 and ws["E2"].number_format == "#,##0.00"
    assert ws["F2"].value.date() == date(2023, 12, 31) and ws["F2"].number_format == "yyyy-mm-dd"


def test_header_is_frozen_and_chinese_columns_are_wide_enough() -> None:
    ws = _book()["分区覆盖"]
    assert ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]] == FRAME.columns
    assert ws.column_dimensions["A"].width >= text_width("统一社会信用代码")  # 16 CJK = 32 columns
    assert ws.column_dimensions["B"].width >= text_width("朝阳区")


def test_a_per_row_format_follows_each_rows_unit() -> None:
    frame = pl.DataFrame({"值": [27.0, 0.427, 5.84]})
    kinds = pl.Series(["int", "percent", "wan"])
    ws = openpyxl.load_workbook(
        io.BytesIO(workbook_bytes(None, [Sheet("t", frame, {"值": kinds})]))
    )["t"]
    assert [ws[f"A{i}"].number_format for i in (2, 3, 4)] == ["#,##0", "0.0%", "#,##0.00"]


def test_the_cover_comes_first_and_names_the_run() -> None:
    cover = Cover(
        "简报", [("刷新批次", "20231231-120000"), ("地区", "朝阳区")], [("覆盖率", "联系/存续")]
    )
    book = _book(cover)
    assert book.sheetnames == [COVER, "分区覆盖"]
    values = [c.value for row in book[COVER].iter_rows() for c in row if c.value]
    assert values[:5] == ["简报", "刷新批次", "20231231-120000", "地区", "朝阳区"]
    assert "覆盖率" in values and "联系/存续" in values


def test_the_same_input_gives_the_same_bytes() -> None:
    first = workbook_bytes(Cover("t", []), [Sheet("a", FRAME, FORMATS)])
    assert first == workbook_bytes(Cover("t", []), [Sheet("a", FRAME, FORMATS)])


def test_sheet_names_are_valid_and_unique() -> None:
    assert sheet_name("a/b:c*?[x]") == "a-b-c---x-"
    assert sheet_name("表" * 40) == "表" * 31
    assert sheet_name("分区", ["分区"]) == "分区_2"
    assert text_width("朝阳区ab") == 8


def test_a_rate_over_nothing_is_an_empty_cell_not_a_crash() -> None:
    frame = pl.DataFrame({"覆盖率(%)": [float("nan"), float("inf"), 0.5]})
    data = workbook_bytes(None, [Sheet("分区覆盖", frame, {"覆盖率(%)": "percent"})])
    ws = openpyxl.load_workbook(io.BytesIO(data))["分区覆盖"]
    assert [ws[f"A{i}"].value for i in (2, 3, 4)] == [None, None, 0.5]


def test_a_column_of_lists_still_gets_a_width() -> None:
    values = [["110101", "110102"], ["110105"], ["110101", "110102"]]  # not hashable
    assert workbook._width("codes", values, ["text"] * 3) == len(str(values[0])) + 2
