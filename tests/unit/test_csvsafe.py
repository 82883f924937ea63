"""CSV guard: formulas neutralized, plain numbers left alone, all-digit codes kept as text."""

from __future__ import annotations

import csv
import io

import polars as pl

from pipeline.csvsafe import BOM, csv_bytes, is_identifier, neutralize, protect_codes


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM.encode("utf-8"))
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_a_negative_number_in_text_is_not_quoted() -> None:
    frame = pl.DataFrame({"v": ["-58400", "+3.5", "-0.25", "1e5", "-1E-3"]})
    assert neutralize(frame)["v"].to_list() == ["-58400", "+3.5", "-0.25", "1e5", "-1E-3"]


def test_formula_text_is_neutralized_even_when_it_looks_numeric() -> None:
    frame = pl.DataFrame({"v": ["=cmd|' /C calc'!A0", "-1+2", "+86 热线", "@SUM(A1)", "\t1", "-"]})
    assert neutralize(frame)["v"].to_list() == [
        "'=cmd|' /C calc'!A0",
        "'-1+2",
        "'+86 热线",
        "'@SUM(A1)",
        "'\t1",
        "'-",
    ]


def test_numbers_stay_numbers_and_counts_print_without_decimals() -> None:
    frame = pl.DataFrame({"n": [-58400, 27], "x": [-0.5, 1.25]})
    assert _rows(csv_bytes(frame)) == [["n", "x"], ["-58400", "-0.5"], ["27", "1.25"]]


def test_an_all_digit_credit_code_is_written_as_text_with_every_digit() -> None:
    frame = pl.DataFrame(
        {"uscc": ["531100006544103913", "51110000MJ0000000X", None], "n": [1, 2, 3]}
    )
    rows = _rows(csv_bytes(frame, codes=["uscc"]))
    assert [r[0] for r in rows[1:]] == ['="531100006544103913"', "51110000MJ0000000X", ""]
    assert [r[1] for r in rows[1:]] == ["1", "2", "3"]  # only the code column


def test_a_code_a_spreadsheet_would_read_as_an_exponent_is_protected_too() -> None:
    """531100001234567E12 is a number to Excel (5.3E+26): every digit is lost without the guard."""
    frame = pl.DataFrame({"uscc": ["531100001234567E12", "5311000012345678E", "12.50"]})
    assert protect_codes(frame, ["uscc"])["uscc"].to_list() == [
        '="531100001234567E12"',
        "5311000012345678E",  # not a number anywhere: left as it is
        '="12.50"',
    ]


def test_a_formula_behind_blanks_or_unicode_digits_is_neutralized() -> None:
    frame = pl.DataFrame({"v": [" =1+1", "\u3000@SUM(A1)", "-１２３"]})
    assert neutralize(frame)["v"].to_list() == ["' =1+1", "'\u3000@SUM(A1)", "'-１２３"]


def test_a_numeric_code_column_becomes_protected_text() -> None:
    frame = pl.DataFrame({"区划代码": [110105, 110108]})
    assert protect_codes(frame, ["区划代码"])["区划代码"].to_list() == ['="110105"', '="110108"']


def test_codes_are_protected_after_renaming_and_by_default_nowhere() -> None:
    frame = pl.DataFrame({"district_code": ["110105"]})
    assert _rows(csv_bytes(frame))[1] == ["110105"]
    renamed = csv_bytes(frame, {"district_code": "区划代码"}, codes=None)
    assert _rows(renamed) == [["区划代码"], ['="110105"']]


def test_identifier_columns_are_known_by_name() -> None:
    names = ["uscc", "district_code", "hub_id", "统一社会信用代码", "项目编号", "刷新批次"]
    assert all(is_identifier(n) for n in names)
    assert not any(is_identifier(n) for n in ["active_orgs", "名称", "覆盖率(%)", "valid"])
