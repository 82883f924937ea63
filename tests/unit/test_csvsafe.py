"""CSV of plain data: formulas neutralized, plain numbers and codes left alone, money exact in its unit."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import polars as pl

from pipeline.csvsafe import BOM, csv_bytes, is_identifier, money_text, neutralize, percent, unguard


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


def test_a_credit_code_is_written_as_its_digits_and_nothing_else() -> None:
    frame = pl.DataFrame(
        {"uscc": ["531100006544103913", "51110000MJ0000000X", None], "n": [1, 2, 3]}
    )
    data = csv_bytes(frame, codes=["uscc"])  # `codes` is accepted and changes nothing
    assert data == (BOM + "uscc,n\n531100006544103913,1\n51110000MJ0000000X,2\n,3\n").encode()
    assert "=" not in data.decode("utf-8")


def test_codes_a_spreadsheet_would_read_as_numbers_stay_as_they_are() -> None:
    frame = pl.DataFrame({"uscc": ["531100001234567E12", "5311000012345678E", "12.50"]})
    assert _rows(csv_bytes(frame))[1:] == [["531100001234567E12"], ["5311000012345678E"], ["12.50"]]


def test_a_formula_behind_blanks_or_unicode_digits_is_neutralized() -> None:
    frame = pl.DataFrame({"v": [" =1+1", "\u3000@SUM(A1)", "-１２３"]})
    assert neutralize(frame)["v"].to_list() == ["' =1+1", "'\u3000@SUM(A1)", "'-１２３"]


def test_a_numeric_code_column_and_a_renamed_one_are_plain_digits() -> None:
    assert _rows(csv_bytes(pl.DataFrame({"区划代码": [110105, 110108]}))) == [
        ["区划代码"],
        ["110105"],
        ["110108"],
    ]
    renamed = csv_bytes(pl.DataFrame({"district_code": ["110105"]}), {"district_code": "区划代码"})
    assert _rows(renamed) == [["区划代码"], ["110105"]]


def test_money_is_exact_to_the_fen_in_the_unit_asked_for() -> None:
    amounts = [Decimal("584000.00"), Decimal("-12345.67"), Decimal("0.00"), Decimal("0.01"), None]
    frame = pl.DataFrame({"y": amounts}, schema={"y": pl.Decimal(38, 2)})
    shown = frame.select(
        money_text(pl.col("y"), "wan").alias("wan"),
        money_text(pl.col("y"), "yuan").alias("yuan"),
        money_text(pl.col("y"), "yi").alias("yi"),
    )
    assert shown["wan"].to_list() == ["58.4", "-1.234567", "0", "0.000001", None]
    assert shown["yuan"].to_list() == ["584000", "-12345.67", "0", "0.01", None]
    assert shown["yi"].to_list() == ["0.00584", "-0.0001234567", "0", "0.0000000001", None]
    for text, yuan in zip(shown["wan"].to_list()[:4], amounts[:4], strict=True):
        assert Decimal(text) * 10_000 == yuan  # reads back to the warehouse's amount


def test_float_money_is_taken_to_the_fen_and_huge_sums_keep_every_digit() -> None:
    floats = pl.DataFrame({"y": [0.29, -5000.0, 123456.78]})
    assert floats.select(money_text(pl.col("y")))["y"].to_list() == [
        "0.000029",
        "-0.5",
        "12.345678",
    ]
    huge = pl.DataFrame({"y": [Decimal("1" + "0" * 30 + ".25")]}, schema={"y": pl.Decimal(38, 2)})
    (text,) = huge.select(money_text(pl.col("y")))["y"].to_list()
    assert text == "1" + "0" * 26 + ".000025"


def test_a_rate_is_in_percent_without_float_noise() -> None:
    frame = pl.DataFrame({"r": [0.4273, 0.07, 1.0, None, 0.872340425531915]})
    assert frame.select(percent(pl.col("r")))["r"].to_list() == [
        42.73,
        7.0,
        100.0,
        None,
        87.2340425532,
    ]


def test_unguard_takes_off_only_the_formula_guard() -> None:
    frame = pl.DataFrame({"v": ["=1+1", "'quoted", "-58400", " @x", "普通"]})
    guarded = neutralize(frame)["v"].to_list()
    assert guarded == ["'=1+1", "'quoted", "-58400", "' @x", "普通"]
    assert [unguard(x) for x in guarded] == ["=1+1", "'quoted", "-58400", " @x", "普通"]


def test_identifier_columns_are_known_by_name() -> None:
    names = ["uscc", "district_code", "hub_id", "统一社会信用代码", "项目编号", "刷新批次"]
    assert all(is_identifier(n) for n in names)
    assert not any(is_identifier(n) for n in ["active_orgs", "名称", "覆盖率(%)", "valid"])
