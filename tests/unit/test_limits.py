"""Bounded inputs: a workbook's unpacked size, rows and columns, a CSV's header width and cell
length are capped, each refused in one sentence, the workbook before any cell is parsed."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from pipeline import limits
from pipeline.cli import EXIT_INPUT, main
from pipeline.read import InputError, read_table
from schemas.tables import HUBS
from tests.unit import registers as r
from tests.unit.workbooks import SHEET, declare_size, write_xlsx

ZH_HUB_HEADER = ["枢纽组织编号", "枢纽组织名称", "认定级别", "区划代码", "街道乡镇", "枢纽类型"]
ZH_HUB_HEADER += ["认定日期", "撤销认定日期"]
HUB = ["H1", "北京市妇女联合会", "市级", "110000", "", "妇联", "2009-01-01", ""]


def _refused(path: Path) -> str:
    with pytest.raises(InputError) as err:
        read_table(path, HUBS)
    return str(err.value)


def test_a_small_workbook_whose_sheet_unpacks_to_500000_rows_is_refused_before_parsing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's hubs.xlsx: 0.8 MB packed, 172 MB of sheet XML, 500,000 rows."""
    raw = r.write_register(tmp_path / "raw")
    (raw / "hubs.csv").unlink()
    book = write_xlsx(raw / "hubs.xlsx", [ZH_HUB_HEADER, HUB], repeat=500_000)
    assert book.stat().st_size < 2**20
    code = main(["validate", "--raw", str(raw), "--quiet"])
    said = capsys.readouterr().err.strip()
    assert code == EXIT_INPUT
    assert said.startswith("hubs.xlsx 中有一部分解压后是压缩时的 2"), said
    assert said.endswith(
        "倍（上限 100 倍），不像正常的工作簿；请在 Excel 中重新另存为 .xlsx 或 CSV。"
    )


def test_a_workbook_declaring_more_than_1_gb_unpacked_is_refused(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "hubs.xlsx", [ZH_HUB_HEADER, HUB])
    declare_size(book, SHEET, 1100 * 2**20)
    assert _refused(book) == (
        "hubs.xlsx 解压后有 1,100 MB，超过上限 1,024 MB；请删去多余的工作表和空行，或另存为 CSV。"
    )


def test_a_workbook_whose_part_unpacks_past_its_declared_size_is_broken(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "hubs.xlsx", [ZH_HUB_HEADER, HUB], repeat=2000)
    declare_size(book, SHEET, 1000)  # the zip says 1 KB; the stream holds far more
    assert _refused(book) == "hubs.xlsx 无法作为 Excel 工作簿打开；请重新另存为 .xlsx 或 CSV。"


def test_the_first_sheets_rows_are_counted_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "XLSX_MAX_ROWS", 10)
    book = write_xlsx(tmp_path / "hubs.xlsx", [ZH_HUB_HEADER, HUB], repeat=10)
    assert _refused(book) == (
        "hubs.xlsx 的第一个工作表有 11 行，超过上限 10 行（Excel 一个工作表的上限）；"
        "请拆分文件或另存为 CSV。"
    )
    (tmp_path / "ok").mkdir()
    ok = write_xlsx(tmp_path / "ok" / "hubs.xlsx", [ZH_HUB_HEADER, HUB], repeat=9)
    assert read_table(ok, HUBS).frame.height == 9


def test_the_limits_are_excels_own_and_a_gigabyte() -> None:
    assert limits.XLSX_MAX_ROWS == 1_048_576
    assert limits.XLSX_MAX_UNPACKED == 2**30
    assert (limits.MAX_COLUMNS, limits.MAX_CELL_CHARS) == (256, 32_767)


def test_a_workbook_wider_than_the_column_limit_is_refused(tmp_path: Path) -> None:
    wide = [*ZH_HUB_HEADER, *(f"备注{i}" for i in range(300))]
    book = write_xlsx(tmp_path / "hubs.xlsx", [wide, [*HUB, *([""] * 300)]])
    assert _refused(book) == (
        "hubs.xlsx 的表头有 308 列，超过上限 256 列（登记表约 20 列）；请删去多余的列后重新保存。"
    )


def test_a_10000_column_csv_header_is_refused_before_any_row_is_parsed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = r.write_register(tmp_path / "raw")
    path = raw / "hubs.csv"
    header, rest = path.read_bytes().split(b"\n", 1)
    extra = "".join(f",c{i}" for i in range(10_000)).encode()  # 59 KB: under the 64 KB limit
    path.write_bytes(header + extra + b"\n" + rest)
    code = main(["validate", "--raw", str(raw), "--quiet"])
    assert code == EXIT_INPUT
    assert capsys.readouterr().err.strip() == (
        "hubs.csv 的表头有 10,008 列，超过上限 256 列（登记表约 20 列）；请删去多余的列后重新保存。"
    )


def test_a_header_of_256_columns_is_read(tmp_path: Path) -> None:
    extra = [f"备注{i}" for i in range(256 - 8)]
    path = r.write_csv(
        tmp_path / "hubs.csv", [*r.HUB_HEADER, *extra], [[*h, *([""] * 248)] for h in r.HUBS]
    )
    raw = read_table(path, HUBS)
    assert raw.frame.height == 2 and len(raw.ignored_headers) == 248


def test_a_cell_longer_than_excel_allows_is_refused_naming_line_and_column(tmp_path: Path) -> None:
    rows = [list(h) for h in r.HUBS]
    rows[1][1] = "某" * 32_768
    path = r.write_csv(tmp_path / "hubs.csv", r.HUB_HEADER, rows)
    assert _refused(path) == (
        "hubs.csv 第 3 行「name」列的内容有 32,768 个字符，超过一格的上限 32,767 个字符"
        "（多为引号错位，把后面的行并进了这一格）；请核对这一格。"
    )
    rows[1][1] = "某" * 32_767
    path = r.write_csv(tmp_path / "hubs.csv", r.HUB_HEADER, rows)
    assert read_table(path, HUBS).frame["name"].str.len_chars().max() == 32_767


def test_an_upload_is_prechecked_without_parsing(tmp_path: Path) -> None:
    """The publish page's uploads: the same pre-parse checks, by file."""
    book = write_xlsx(tmp_path / "hubs.xlsx", [ZH_HUB_HEADER, HUB], repeat=500_000)
    with pytest.raises(InputError) as err:
        limits.precheck_file(book)
    assert err.value.key == "input.xlsx_ratio"
    wide = tmp_path / "hubs.csv"
    wide.write_bytes(b"a" + b",b" * 300 + b"\n1\n")
    with pytest.raises(InputError) as err:
        limits.precheck_file(wide)
    assert err.value.key == "input.too_wide"
    limits.precheck_file(r.write_csv(tmp_path / "ok.csv", r.HUB_HEADER, r.HUBS))
    limits.precheck_file(write_xlsx(tmp_path / "ok.xlsx", [ZH_HUB_HEADER, HUB]))
    assert zipfile.is_zipfile(tmp_path / "ok.xlsx")


def test_a_workbook_whose_sheet_does_not_unpack_is_broken_not_a_crash(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "hubs.xlsx", [ZH_HUB_HEADER, HUB], repeat=2000)  # under 1 MB
    data = bytearray(book.read_bytes())
    at = data.find(SHEET.encode()) + 200  # inside the sheet's packed data
    data[at : at + 50] = bytes(b ^ 0xFF for b in data[at : at + 50])
    book.write_bytes(bytes(data))
    assert _refused(book) == "hubs.xlsx 无法作为 Excel 工作簿打开；请重新另存为 .xlsx 或 CSV。"
