"""`python -m pipeline export`: one workbook whose cover names the run and whose figures are the marts';
CSV files of plain data named in Chinese after table, year-end and release, each with its .xlsx beside
it; LibreOffice keeps codes as text in the workbooks (and would not in a CSV)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
import polars as pl
import pytest

from dashboard.core.export import table_csv
from dashboard.core.sheets import table_xlsx
from dashboard.funding import columns
from tests.unit import registers as r
from tests.unit.test_cli import run

USCC = "531100006544103913"  # all digits: a spreadsheet would make it 5.31100006544104E+17


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    """The tiny register refreshed into a warehouse: its path, run id and last year-end."""
    root = tmp_path_factory.mktemp("export")
    target = root / "hub.duckdb"
    done = run(
        "refresh",
        "--raw",
        str(r.write_register(root / "raw")),
        "--warehouse",
        str(target),
        "--quiet",
    )
    assert done.returncode == 0, done.stderr
    con = duckdb.connect(str(target), read_only=True)
    ((run_id,),) = con.sql("select run_id from quality.runs where status = 'succeeded'").fetchall()
    ((year,),) = con.sql("select max(year(as_of)) from marts.headline").fetchall()
    con.close()
    return target, run_id, year


def _cells(ws) -> list[list[object]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_export_writes_one_workbook_whose_cover_names_the_run(built, tmp_path: Path) -> None:
    target, run_id, year = built
    done = run("export", "--warehouse", str(target), "--out", str(tmp_path), "--year", str(year))
    assert done.returncode == 0, done.stderr
    (path,) = tmp_path.glob("*.xlsx")
    assert path.name == f"简报表格_{year}年底_批次{run_id}.xlsx"
    assert done.stdout.strip() == f"已写出 {path}"
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["说明", "总览指标", "历年趋势", "分区覆盖", "枢纽类型", "分区资金"]
    cover = dict(row[:2] for row in _cells(book["说明"]) if row[0])
    assert cover["刷新批次"] == run_id and cover["统计时点"] == f"{year}-12-31"
    assert "联系社会组织" in cover and "覆盖率" in cover  # definitions of the figures
    assert all(ws.freeze_panes == "A2" for ws in book.worksheets[1:])


def test_the_baseline_is_the_dashboards_and_never_after_the_year_end(built, tmp_path: Path) -> None:
    target, _, year = built
    con = duckdb.connect(str(target), read_only=True)
    years = [y for (y,) in con.execute("select year(as_of) from marts.headline").fetchall()]
    con.close()
    earlier = [y for y in years if y <= year - 5]
    expected = max(earlier) if earlier else min(years)
    for extra, base in (([], expected), (["--base-year", str(year + 1)], year)):
        out = tmp_path / f"{base}-{len(extra)}.xlsx"
        done = run(
            "export", "--warehouse", str(target), "--out", str(out), "--year", str(year), *extra
        )
        assert done.returncode == 0, done.stderr
        cover = dict(row[:2] for row in _cells(openpyxl.load_workbook(out)["说明"]) if row[0])
        assert cover["对比基准"] == f"{base}-12-31"


def test_the_workbook_figures_are_the_marts_figures(built, tmp_path: Path) -> None:
    target, _, year = built
    run(
        "export", "--warehouse", str(target), "--out", str(tmp_path / "b.xlsx"), "--year", str(year)
    )
    book = openpyxl.load_workbook(tmp_path / "b.xlsx")
    con = duckdb.connect(str(target), read_only=True)
    marts = con.execute(
        "select district_code, active_orgs, linked_orgs, coverage_rate from marts.district_coverage"
        " where as_of = $d order by district_code",
        {"d": date(year, 12, 31)},
    ).fetchall()
    head = con.execute(
        "select active_orgs, linked_orgs, coverage_rate, funding_amount_yuan from marts.headline"
        " where as_of = $d",
        {"d": date(year, 12, 31)},
    ).fetchall()[0]
    con.close()
    rows = _cells(book["分区覆盖"])
    assert rows[0] == ["截至日期", "区划代码", "区县", "存续社会组织", "联系社会组织", "覆盖率(%)"]
    assert [(x[1], x[3], x[4], x[5]) for x in rows[1:]] == marts
    assert all(isinstance(x[1], str) and isinstance(x[3], int) for x in rows[1:])
    ws = book["分区覆盖"]
    assert ws["F2"].number_format == "0.0%" and ws["D2"].number_format == "#,##0"
    figures = {row[0]: row for row in _cells(book["总览指标"])[1:]}
    assert figures["存续社会组织"][3] == head[0] and figures["联系社会组织"][3] == head[1]
    assert figures["覆盖率"][3] == pytest.approx(head[2])
    assert figures["当年拨付资金"][3] == pytest.approx(float(head[3]) / 1e4, abs=0.005)
    assert figures["当年拨付资金"][1] == "万元"
    names = [row[0] for row in _cells(book["总览指标"])[1:]]
    assert names[:4] == ["市级枢纽", "区级枢纽", "街道级枢纽", "枢纽合计"] and len(names) == 12
    con = duckdb.connect(str(target), read_only=True)
    hubs = con.execute(
        "select hubs_city, hubs_district, hubs_street from marts.headline where as_of = $d",
        {"d": date(year, 12, 31)},
    ).fetchall()[0]
    con.close()
    assert tuple(figures[n][3] for n in names[:3]) == hubs
    rate = figures["覆盖率"]  # its increase is in percentage points, and the cell says so
    assert rate[5] == pytest.approx((rate[3] - rate[2]) * 100)
    row = next(r for r in book["总览指标"].iter_rows(min_row=2) if r[0].value == "覆盖率")
    assert "个百分点" in row[5].number_format and row[3].number_format == "0.0%"


def test_export_csv_names_in_chinese_and_writes_the_xlsx_beside_each(built, tmp_path: Path) -> None:
    target, run_id, year = built
    done = run("export", "--format", "csv", "--warehouse", str(target), "--out", str(tmp_path), "--year", str(year))  # fmt: skip
    assert done.returncode == 0, done.stderr
    stems = [
        f"{s}_{year}年底_批次{run_id}" for s in ("历年趋势", "分区覆盖", "枢纽类型", "分区资金")
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{s}.{ext}" for s in stems for ext in ("csv", "xlsx")
    )
    assert done.stdout.split() == [w for s in stems for w in ("已写出", str(tmp_path / f"{s}.csv"))]
    rows = _csv_rows(tmp_path / f"{stems[1]}.csv")
    assert rows[0] == ["截至日期", "区划代码", "区县", "存续社会组织", "联系社会组织", "覆盖率(%)"]
    assert all(row[1].isdigit() and len(row[1]) == 6 for row in rows[1:])  # plain digits
    book = openpyxl.load_workbook(tmp_path / f"{stems[1]}.xlsx")
    assert book.sheetnames == ["说明", "分区覆盖"]
    assert {c.data_type for c in book["分区覆盖"]["B"][1:]} == {"s"}  # codes as text cells


def _csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_every_export_csv_reads_back_as_the_warehouses_values(built, tmp_path: Path) -> None:
    """By Python's csv and by polars: codes, counts, dates as stored; rates in %; money in 万元
    exactly (to the fen); every year-end without --year."""
    target, run_id, _ = built
    run("export", "--format", "csv", "--warehouse", str(target), "--out", str(tmp_path))
    con = duckdb.connect(str(target), read_only=True)
    coverage = con.sql(
        "select as_of, district_code, active_orgs, linked_orgs, coverage_rate"
        " from marts.district_coverage order by as_of, district_code"
    ).fetchall()
    funding = con.sql(
        "select year, district_code, amount_yuan, records from marts.district_funding"
        " order by year, district_code, source"
    ).fetchall()
    headline = con.sql(
        "select as_of, funding_amount_yuan from marts.headline order by as_of"
    ).fetchall()
    con.close()
    for read in (_csv_rows, _polars_rows):
        rows = read(tmp_path / f"分区覆盖_批次{run_id}.csv")[1:]
        assert [(date.fromisoformat(r[0]), r[1], int(r[3]), int(r[4])) for r in rows] == [
            c[:4] for c in coverage
        ]
        for row, fig in zip(rows, coverage, strict=True):
            assert row[5] == "" if fig[4] is None else abs(float(row[5]) / 100 - fig[4]) < 1e-11
        rows = read(tmp_path / f"分区资金_批次{run_id}.csv")[1:]
        assert (
            rows and [(int(r[0]), r[1], Decimal(r[4]) * 10_000, int(r[5])) for r in rows] == funding
        )
        rows = read(tmp_path / f"历年趋势_批次{run_id}.csv")
        assert rows[0][-1] == "当年拨付资金(万元)"
        assert [Decimal(r[-1]) * 10_000 for r in rows[1:]] == [h[1] for h in headline]


def _polars_rows(path: Path) -> list[list[str]]:
    frame = pl.read_csv(path, infer_schema=False)
    return [frame.columns, *([("" if v is None else v) for v in row] for row in frame.rows())]


def test_an_unknown_year_is_one_sentence_in_either_language(built, tmp_path: Path) -> None:
    target, _, year = built
    done = run("export", "--warehouse", str(target), "--out", str(tmp_path), "--year", "1900")
    assert done.returncode == 2 and not list(tmp_path.iterdir())
    assert done.stderr.startswith("数据仓库中没有 1900 年底的数据；可选 ")
    english = run("export", "--lang", "en", "--warehouse", str(target), "--out", str(tmp_path), "--year", "1900")  # fmt: skip
    assert english.stderr.startswith(
        "The warehouse has no figures for year-end 1900; choose a year from "
    )


def _soffice() -> str:
    found = shutil.which("soffice")
    if found:
        return found
    if os.environ.get("SHUNIU_REQUIRE_SOFFICE"):
        pytest.fail(
            "soffice is missing and SHUNIU_REQUIRE_SOFFICE is set: apt-get install libreoffice-calc-nogui"
        )
    pytest.skip("soffice is missing (set SHUNIU_REQUIRE_SOFFICE to make this a failure)")


def _as_shown(source: Path, out: Path) -> dict[str, list[list[str]]]:
    """LibreOffice opens a file and saves every sheet as CSV, cells as shown: sheet -> rows."""
    profile = out / "profile"
    filters = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
    subprocess.run(
        [_soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", filters,
         "--infilter=CSV:44,34,76,1", "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return {
        p.stem.removeprefix(source.stem).lstrip("-") or "": list(
            csv.reader(io.StringIO(p.read_text("utf-8")))
        )
        for p in out.glob("*.csv")
    }


RECIPIENTS = pl.DataFrame(
    {
        "recipient_name": ["甲协会", "乙中心"],
        "uscc": [USCC, "52110105MJ0000001X"],
        "org_type": ["social_group", "private_non_enterprise"],
        "district_name": ["朝阳区", "海淀区"],
        "amount_yuan": [584000.0, -58400.0],
        "records": [3, 1],
    }
)


def test_libreoffice_keeps_a_credit_code_of_the_workbook_as_text(tmp_path: Path) -> None:
    source = tmp_path / "top.xlsx"
    source.write_bytes(table_xlsx(RECIPIENTS, columns.RECIPIENTS, "受资助组织排名"))
    (rows,) = _as_shown(source, tmp_path / "out").values()
    assert rows[1][:2] == ["甲协会", USCC] and rows[2][1] == "52110105MJ0000001X"
    assert rows[1][4:] == ["58.40", "3"] and rows[2][4] == "-5.84"


def test_the_csv_holds_the_code_and_a_spreadsheet_opening_it_does_not_so_the_xlsx_is_the_route(
    tmp_path: Path,
) -> None:
    """A CSV is plain data (a program reads every digit); LibreOffice opening it turns an 18-digit code
    into 5.31100006544104E+17, which is why people are pointed to the .xlsx, where it stays text."""
    plain, book = tmp_path / "plain.csv", tmp_path / "plain.xlsx"
    plain.write_bytes(table_csv(RECIPIENTS, columns.RECIPIENTS))
    book.write_bytes(table_xlsx(RECIPIENTS, columns.RECIPIENTS, "受资助组织排名"))
    read = list(csv.reader(io.StringIO(plain.read_text("utf-8-sig"))))
    assert read[1][1] == USCC and read[1][4] == "58.4" and read[2][4] == "-5.84"
    (opened,) = _as_shown(plain, tmp_path / "csv").values()
    (kept,) = _as_shown(book, tmp_path / "xlsx").values()
    assert opened[1][1] != USCC  # the spreadsheet's number, its last digits lost
    assert kept[1][1] == USCC


def test_libreoffice_opens_the_rejection_report_workbook_with_every_value_as_text(
    tmp_path: Path,
) -> None:
    from pipeline import reports

    issues = pl.DataFrame(
        {"file": ["organizations.csv", "hub_links.csv"], "line": [5, 12],
         "column_header": ["统一社会信用代码", "纳入日期"], "rule_name": ["编号重复", "日期无法识别"],
         "value": [USCC, "00123"], "message": ["重复。", "无法识别。"],
         "column": ["uscc", "linked_on"], "rule": ["duplicate_key", "date_format"]}
    )  # fmt: skip
    path = reports.write(issues, tmp_path / "reports", "rejected_rows", "20261206T101010-ab12")
    book = path.with_suffix(".xlsx")
    assert book.exists()
    sheets = _as_shown(book, tmp_path / "out")
    rows = sheets["拒收明细"]
    assert rows[0][:5] == ["文件", "行号", "列", "规则", "原值"]
    assert [r[4] for r in rows[1:]] == [USCC, "00123"]  # every digit, the leading zeros too
    assert [r[1] for r in rows[1:]] == ["5", "12"]


def test_the_pipeline_exports_load_neither_streamlit_nor_the_dashboard() -> None:
    script = (
        "import sys, pipeline.cli, pipeline.export, pipeline.workbook, pipeline.csvsafe;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('streamlit', 'dashboard')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_libreoffice_opens_the_exported_workbook_with_codes_numbers_and_the_run(
    built, tmp_path: Path
) -> None:
    target, run_id, year = built
    book = tmp_path / "b.xlsx"
    run("export", "--warehouse", str(target), "--out", str(book), "--year", str(year))
    sheets = _as_shown(book, tmp_path / "out")
    assert [run_id] in [row[1:2] for row in sheets["说明"] if row[:1] == ["刷新批次"]]
    rows = sheets["分区覆盖"]
    assert rows[0][:2] == ["截至日期", "区划代码"]
    assert all(len(row[1]) == 6 and row[1].isdigit() for row in rows[1:])  # text, every digit
    assert all(row[5].endswith("%") for row in rows[1:])  # a rate shown as a percentage
    resaved = openpyxl.load_workbook(_resaved(book, tmp_path / "again"))["分区覆盖"]
    assert {c.data_type for c in resaved["B"][1:]} == {"s"}  # codes stay text through LibreOffice
    assert {c.data_type for c in resaved["D"][1:]} == {"n"}  # counts stay numbers


def _resaved(source: Path, out: Path) -> Path:
    """The file as LibreOffice saves it again as .xlsx (what a user of LibreOffice gets)."""
    profile = out / "profile"
    subprocess.run(
        [_soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return out / source.name
