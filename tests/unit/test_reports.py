"""The rejection and warning reports: CSV of plain data that reads back as quality.rejected_rows and
quality.warnings hold them, and the same rows as .xlsx beside each, every value a text cell."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import openpyxl
import polars as pl
import pytest

from pipeline import reports, warehouse
from pipeline.csvsafe import unguard
from pipeline.refresh import REPORT_HEADERS, refresh_warehouse
from tests.unit import registers as r

DIGITS_USCC = "531100006544103913"  # all digits, a wrong check character: rejected with its value
MESSY = {
    "organizations": [
        [DIGITS_USCC, "数字代码协会", "社会团体", "区级", "110105", "2012-01-01", "", "正常", "是"],
        [r.uscc("1", "110105", "MJ0000008"), "公式协会", "社会团体", "区级", "110105", "=1+1", "",
         "正常", "是"],  # a date that is a formula: rejected, its value guarded in the CSV
    ],
    "funding": [
        ["F9", r.ORG_A, "财政资金", "-5", "2013-01-01", "110101"],
        ["F10", r.ORG_A, "财政资金", "5", "2013-01-01", "110103"],  # retired: a warning
    ],
    "hub_links": [["H1", DIGITS_USCC, "联系", "2012-05-01", ""]],  # its organization rejected
}  # fmt: skip


def _csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _polars(path: Path) -> list[list[str]]:
    frame = pl.read_csv(path, infer_schema=False)
    return [frame.columns, *([("" if v is None else v) for v in row] for row in frame.rows())]


def test_the_reports_read_back_as_the_warehouse_holds_them(tmp_path: Path) -> None:
    target = tmp_path / "wh" / "hub.duckdb"
    result = refresh_warehouse(r.write_register(tmp_path / "raw", MESSY), target, lambda _: None)
    con = duckdb.connect(str(target), read_only=True)
    columns = ", ".join(f'"{c}"' for c in REPORT_HEADERS)
    tables = {
        "rejected": con.sql(f"select {columns} from quality.rejected_rows").fetchall(),  # noqa: S608
        "warnings": con.sql(f"select {columns} from quality.warnings").fetchall(),  # noqa: S608
    }
    con.close()
    assert len(tables["rejected"]) >= 4 and tables["warnings"]
    reports = {"rejected": result.rejected_report, "warnings": result.warnings_report}
    for kind, path in reports.items():
        assert path is not None
        stored = [tuple("" if v is None else str(v) for v in row) for row in tables[kind]]
        for read in (_csv, _polars):
            rows = read(path)
            assert rows[0] == list(REPORT_HEADERS.values())
            # as a multiset: the warehouse keeps no row order (preserve_insertion_order is off)
            read_back = sorted(tuple(unguard(c) for c in row) for row in rows[1:])
            assert read_back == sorted(stored), kind
    values = [row[4] for row in _csv(result.rejected_report)]  # type: ignore[arg-type]
    assert DIGITS_USCC in values and "-5" in values  # plain: neither ="…" nor a guard on a number
    assert "'=1+1" in values  # the one change: a formula's leading '


def test_each_report_has_a_workbook_beside_it_with_values_as_text(tmp_path: Path) -> None:
    target = tmp_path / "wh" / "hub.duckdb"
    result = refresh_warehouse(r.write_register(tmp_path / "raw", MESSY), target, lambda _: None)
    assert result.rejected_report is not None
    book = openpyxl.load_workbook(result.rejected_report.with_suffix(".xlsx"))
    assert book.sheetnames == ["说明", "拒收明细"]
    sheet = book["拒收明细"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == list(REPORT_HEADERS.values())
    assert len(rows) == len(_csv(result.rejected_report))
    cell = next(c for c in sheet["E"][1:] if c.value == DIGITS_USCC)
    assert cell.data_type == "s"  # text: every digit kept
    assert all(isinstance(c.value, int) for c in sheet["B"][1:])  # line numbers are numbers
    assert result.warnings_report is not None
    assert result.warnings_report.with_suffix(".xlsx").exists()


def test_a_report_that_cannot_be_written_fails_the_refresh_and_keeps_the_live_release(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workbooks are written in a thread beside the marts' build; their error still stops the
    run before it is stamped and swapped in."""
    target = tmp_path / "w.duckdb"
    refresh_warehouse(r.write_register(tmp_path / "raw"), target)
    live = target.read_bytes()

    def full(*_args: object) -> Path:
        raise OSError("No space left on device")

    monkeypatch.setattr(reports, "write", full)
    with pytest.raises(OSError, match="No space left"):
        refresh_warehouse(r.write_register(tmp_path / "raw2", MESSY), target)
    assert target.read_bytes() == live
    assert not list(tmp_path.glob(".w.duckdb.building-*"))


def test_a_report_error_is_logged_when_the_build_fails_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def full(*_args: object) -> Path:
        raise OSError("No space left on device")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a model failed")

    monkeypatch.setattr(reports, "write", full)
    monkeypatch.setattr(warehouse, "build_marts", broken)
    with pytest.raises(RuntimeError, match="a model failed"):
        refresh_warehouse(r.write_register(tmp_path / "raw", MESSY), tmp_path / "w.duckdb")
    assert "the reports were not written: No space left on device" in caplog.text
