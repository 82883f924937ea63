"""`python -m pipeline export`: one workbook whose cover names the run and whose figures are the marts';
CSV files named after year-end and release; LibreOffice keeps codes as text."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from datetime import date
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


def test_export_csv_names_year_and_release_and_keeps_codes_as_text(built, tmp_path: Path) -> None:
    target, run_id, year = built
    done = run("export", "--format", "csv", "--warehouse", str(target), "--out", str(tmp_path), "--year", str(year))  # fmt: skip
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    stems = ("district_coverage", "district_funding", "headline", "hub_type_coverage")
    assert names == [f"{s}-{year}年底-{run_id}.csv" for s in stems]
    rows = list(csv.reader(io.StringIO((tmp_path / names[0]).read_text("utf-8-sig"))))
    assert rows[0] == ["截至日期", "区划代码", "区县", "存续社会组织", "联系社会组织", "覆盖率(%)"]
    assert all(row[1].startswith('="') and row[1][2:-1].isdigit() for row in rows[1:])
    assert all(row[0] == f"{year}-12-31" for row in rows[1:])


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


def test_libreoffice_keeps_a_credit_code_of_the_csv_and_would_not_without_the_guard(
    tmp_path: Path,
) -> None:
    guarded, bare = tmp_path / "guarded.csv", tmp_path / "bare.csv"
    guarded.write_bytes(table_csv(RECIPIENTS, columns.RECIPIENTS))
    bare.write_bytes(guarded.read_bytes().replace(f'"=""{USCC}"""'.encode(), USCC.encode()))
    assert guarded.read_bytes() != bare.read_bytes()
    (ok,) = _as_shown(guarded, tmp_path / "g").values()
    (lost,) = _as_shown(bare, tmp_path / "b").values()
    assert ok[1][1] == USCC and ok[1][4] == "58.4" and ok[2][4] == "-5.84"
    assert lost[1][1] != USCC  # the bare digits lose their last digits (5.31100006544104E+17)


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
