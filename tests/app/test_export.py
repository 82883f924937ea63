"""Export bytes: BOM, Chinese headers, formulas neutralized, exactly the shown rows; briefing pack contents."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core.export import (
    BOM,
    Col,
    csv_bytes,
    for_screen,
    neutralize,
    present,
    table_csv,
)
from dashboard.core.filters import Filters
from dashboard.coverage import columns as coverage_columns
from dashboard.coverage.queries import drill_orgs
from dashboard.frame import queries
from dashboard.overview import briefing, columns
from dashboard.overview.pack import briefing_zip
from dashboard.overview.queries import headline_series
from pipeline.csvsafe import read_code
from pipeline.filenames import file_name
from tests.app.conftest import APP, run

COLS = (
    Col("name", "col.name"),
    Col("org_type", "col.org_type", "vocab:org_type"),
    Col("coverage_rate", "fig.coverage_rate", "rate"),
    Col("amount_yuan", "col.amount", "wan"),
    Col("is_linked", "col.is_linked", "bool"),
)
FRAME = pl.DataFrame(
    {
        "name": [
            '=HYPERLINK("http://x")',
            "+86 热线",
            "-1+2",
            "@SUM(A1)",
            "\tTab",
            "\rCR",
            "普通组织",
        ],
        "org_type": [
            "foundation",
            "social_group",
            None,
            "social_group",
            "foundation",
            "foundation",
            "social_group",
        ],
        "coverage_rate": [0.4273, None, 1.0, 0.0, 0.5, 0.25, 0.125],
        "amount_yuan": [123456.0, 0.0, -5000.0, 1.0, 2.0, 3.0, 4.0],
        "is_linked": [True, False, None, True, True, False, False],
    }
)


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM.encode("utf-8"))
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_has_bom_and_chinese_headers_with_units() -> None:
    rows = _rows(table_csv(FRAME, COLS))
    assert rows[0] == ["名称", "组织类型", "覆盖率(%)", "金额(万元)", "是否被联系"]


def test_csv_neutralizes_every_formula_start_and_keeps_numbers() -> None:
    rows = _rows(table_csv(FRAME, COLS))
    names = [r[0] for r in rows[1:]]
    assert names == [
        '\'=HYPERLINK("http://x")',
        "'+86 热线",
        "'-1+2",
        "'@SUM(A1)",
        "'\tTab",
        "'\rCR",
        "普通组织",
    ]
    assert rows[1][1:] == ["基金会", "42.7", "12.35", "是"]
    assert rows[3][3] == "-0.5"  # a negative number stays a number


def test_neutralize_leaves_numbers_alone_in_number_and_text_columns() -> None:
    frame = pl.DataFrame({"n": [-1, 2, 3], "s": ["-58400", "-1+2", "ok"]})
    expected = {"n": [-1, 2, 3], "s": ["-58400", "'-1+2", "ok"]}
    assert neutralize(frame).to_dict(as_series=False) == expected


def test_csv_holds_exactly_the_rows_given_empty_cells_for_missing() -> None:
    rows = _rows(csv_bytes(present(FRAME, COLS, "zh")))
    assert len(rows) == 1 + FRAME.height
    assert rows[2][2] == "" and rows[3][1] == ""


def test_file_name_says_what_and_when() -> None:
    name = file_name(["分区覆盖", "2016年底"], "csv", datetime(2026, 11, 23, 9, 5))
    assert name == "分区覆盖_2016年底_导出20261123-0905.csv"
    assert "/" not in file_name(["a/b: c"], "csv", datetime(2026, 1, 1))
    assert file_name(["a\x00b\x1bc\x7f"], "csv", datetime(2026, 1, 1)).startswith("a-b-c_")


def test_drill_export_is_exactly_the_rows_shown(warehouse: Path, con, last_year: int) -> None:
    code = con.execute(
        "select district_code from marts.district_coverage where as_of = $d and linked_orgs > 0"
        " order by active_orgs, district_code limit 1",
        {"d": date(last_year, 12, 31)},
    ).fetchall()[0][0]
    at = run("coverage/page.py", {"drill": code})
    at.button_group(key="drill_show").set_value("linked").run()
    shown = at.dataframe[0].value
    f = Filters(year=last_year, base_year=last_year - 5)
    frame = (
        drill_orgs(replace(f, regions=(code,)))
        .filter(pl.col("is_linked"))
        .with_columns(pl.col("linked_types").alias("linked_types_label"))
    )
    exported = _rows(table_csv(frame, coverage_columns.DRILL))
    assert exported[0] == list(shown.columns)
    assert [read_code(r[1]) for r in exported[1:]] == shown["统一社会信用代码"].tolist()
    digits = [r[1] for r in exported[1:] if read_code(r[1]).isdigit()]
    assert all(c.startswith('="') for c in digits)  # an all-digit code stays text in a spreadsheet


def _fake_png(fig: object) -> bytes:
    return b"\x89PNG fake"


def test_briefing_pack_has_cover_tables_and_charts(warehouse: Path, last_year: int) -> None:
    f = Filters(year=last_year, base_year=last_year - 5, hub_types=("women",))
    view = briefing.overview(f)
    names = dict(zip(*queries.regions(f).select("region_code", "region_label"), strict=True))
    provenance = queries.provenance(f)
    pack = briefing.pack(view, f, names, provenance)
    drawn: list[object] = []
    render = lambda fig: drawn.append(fig) or _fake_png(fig)  # noqa: E731
    with zipfile.ZipFile(io.BytesIO(briefing_zip(pack, render=render))) as archive:
        names = archive.namelist()
        cover = archive.read(names[0]).decode("utf-8-sig")
        headline = _rows(archive.read("01_总览指标.csv"))
    assert names[0] == "00_封面与口径.txt"
    assert {"02_分区覆盖.csv", "03_枢纽类型增量.csv"} <= set(names)
    assert sum(n.endswith(".png") for n in names) == 4
    assert "枢纽类型：妇联" in cover and f"统计时点：{date(last_year, 12, 31)}" in cover
    assert "刷新批次：" in cover and "覆盖率 = 联系社会组织数" in cover
    assert headline[0] == ["指标", "单位", "基准值", "当前值", "倍数", "增量"]
    assert len(headline) == 1 + view.change.height
    expected = f"{last_year}年底｜枢纽类型：妇联｜批次{provenance['run_id']}"
    assert pack.subtitle == expected
    assert [fig.layout.title.subtitle.text for fig in drawn] == [expected] * 4  # type: ignore[attr-defined]
    assert all(fig.layout.title.subtitle.text is None for fig in pack.charts.values())  # copies


def test_the_headline_csv_holds_plain_numbers_with_units(warehouse: Path, last_year: int) -> None:
    f = Filters(year=last_year, base_year=last_year - 5)
    change = briefing.overview(f).change
    rows = {r[0]: r[1:] for r in _rows(table_csv(change, columns.CHANGE))[1:]}
    for cells in rows.values():
        assert all(cell == "" or float(cell) == float(cell) for cell in cells[1:])
    money = change.filter(pl.col("figure") == "fig.funding_amount_yuan").row(0, named=True)
    assert rows["当年资金"][0] == "万元"
    assert float(rows["当年资金"][2]) == round(money["current"] / 1e4, 2)
    assert float(rows["当年资金"][4]) == round(money["increase"] / 1e4, 2)
    rate = change.filter(pl.col("figure") == "fig.coverage_rate").row(0, named=True)
    assert float(rows["覆盖率"][2]) == round(rate["current"] * 100, 1)
    linked = change.filter(pl.col("figure") == "fig.linked_orgs").row(0, named=True)
    assert rows["联系社会组织"][0] == "个" and float(rows["联系社会组织"][1]) == linked["base"]
    assert float(rows["联系社会组织"][3]) == round(linked["multiple"], 2)


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="kaleido needs chromium")
def test_chart_png_is_a_real_image(warehouse: Path, last_year: int) -> None:
    from dashboard.overview.pack import png_bytes

    f = Filters(year=last_year, base_year=last_year - 5)
    image = png_bytes(briefing.trend_rates(headline_series(f), "zh"))
    assert image.startswith(b"\x89PNG\r\n\x1a\n") and len(image) > 10_000


def test_data_text_is_escaped_before_markdown_and_chart_labels() -> None:
    from dashboard.core.charts import safe
    from dashboard.frame.ui import escape_md

    # every ASCII punctuation character escaped; an address broken by a word joiner (U+2060), since
    # Streamlit's markdown links an address found in the text even when it is escaped
    assert escape_md("[点我](http://x) *粗*") == "\\[点我\\]\\(http\u2060\\:\\/\\/x\\) \\*粗\\*"
    assert escape_md(":red[红] a@b.cn\n# h") == "\\:red\\[红\\] a\u2060\\@b\\.cn \\# h"
    assert safe('<a href="http://x">名</a>') == '&lt;a href="http://x"&gt;名&lt;/a&gt;'


def test_for_screen_leaves_missing_cells_empty_and_keeps_full_columns_typed() -> None:
    frame = pl.DataFrame(
        {
            "name": ["a", None],
            "ended_on": [date(2020, 1, 2), None],
            "population": [1234567, None],
            "records": [1, 2],
        }
    )
    cols = (
        Col("name", "col.name"),
        Col("ended_on", "col.ended_on", "date"),
        Col("population", "col.population", "int"),
        Col("records", "col.records", "int"),
    )
    shown, as_text = for_screen(frame, cols, "zh")
    assert shown.to_dict(as_series=False) == {
        "名称": ["a", ""],
        "解除日期": ["2020-01-02", ""],
        "常住人口": ["1,234,567", ""],
        "拨付笔数": [1, 2],
    }
    assert as_text == {"解除日期", "常住人口"}


def _download_names(monkeypatch: pytest.MonkeyPatch, page: str, params: dict) -> list[str]:
    import streamlit as st

    names: list[str] = []
    original = st.download_button

    def spy(*args: object, **kwargs: object) -> object:
        names.append(str(kwargs["file_name"]))
        return original(*args, **kwargs)

    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    monkeypatch.setattr(st, "download_button", spy)
    if page:
        at.switch_page(page).run()
    else:
        at.run()
    assert not at.exception
    return names


def test_download_names_differ_and_carry_the_year_only_where_it_matters(
    warehouse: Path, con, monkeypatch: pytest.MonkeyPatch
) -> None:
    uscc = con.execute(
        "select uscc from clean.hub_links group by uscc order by count(*) desc, uscc limit 1"
    ).fetchall()[0][0]
    for page, params in [
        ("", {}),
        ("coverage/page.py", {}),
        ("profile/page.py", {}),
        ("profile/page.py", {"pick": "org_type:foundation"}),
        ("organizations/page.py", {"org_q": uscc}),
        ("quality/page.py", {}),
        ("hubs/page.py", {}),
        ("hubs/page.py", {"hub": "C-110000-001"}),
    ]:
        files = _download_names(monkeypatch, page, params)
        names = [n.rsplit("_导出", 1)[0] + n.rsplit(".", 1)[1] for n in files]
        assert len(names) == len(set(names)), names
        dated = [n for n in names if "年底" in n]
        dated_pages = ("", "coverage/page.py", "profile/page.py", "hubs/page.py")
        assert dated == (names if page in dated_pages else []), names


def test_definitions_do_not_repeat_their_label() -> None:
    from dashboard.core.words import DEFINITIONS, definition, t

    for key in DEFINITIONS:
        for lang in ("zh", "en"):
            name = t(key, lang)
            assert not definition(key, lang).lower().startswith(("按" + name, "by " + name.lower()))


def test_every_run_status_of_the_ledger_is_in_words() -> None:
    frame = pl.DataFrame({"status": ["succeeded", "failed", "running", "interrupted"]})
    shown = present(frame, (Col("status", "col.run_status", "run_status"),), "zh")
    assert shown.to_series().to_list() == ["成功", "失败", "进行中", "中断"]


def _downloads(monkeypatch: pytest.MonkeyPatch, page: str, params: dict) -> dict[str, object]:
    """Every download button a page draws: its file name -> its data (a callable, built on click)."""
    import streamlit as st

    found: dict[str, object] = {}
    original = st.download_button

    def spy(*args: object, **kwargs: object) -> object:
        found[str(kwargs["file_name"])] = kwargs["data"]
        return original(*args, **kwargs)

    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    monkeypatch.setattr(st, "download_button", spy)
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return found


def test_downloads_offer_xlsx_named_after_page_selection_year_and_release(
    warehouse: Path, con, last_year: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    code, name = con.execute(
        "select district_code, district_name from marts.district_coverage"
        " where linked_orgs > 0 order by district_code limit 1"
    ).fetchall()[0]
    ((run_id,),) = con.execute(
        "select run_id from quality.runs where status = 'succeeded' order by finished_at desc limit 1"
    ).fetchall()
    found = _downloads(monkeypatch, "coverage/page.py", {"region": code, "year": str(last_year)})
    books = [n for n in found if n.endswith(".xlsx")]
    assert books and len(books) == len([n for n in found if n.endswith(".csv")])
    for n in books:
        assert "覆盖" in n.split("_")[0], n  # the page
        assert f"_{name}_" in n and f"_{last_year}年底_" in n and f"_批次{run_id}_" in n, n
    book = openpyxl.load_workbook(io.BytesIO(found[books[0]]()))  # type: ignore[operator]
    cover = [c.value for row in book["说明"].iter_rows() for c in row if c.value]
    assert run_id in cover and any(name in str(v) for v in cover)
    assert book.worksheets[1].freeze_panes == "A2"


def test_three_regions_are_counted_in_the_name_and_map_and_bars_differ(
    warehouse: Path, con, monkeypatch: pytest.MonkeyPatch
) -> None:
    codes = [c for (c,) in con.execute(
        "select distinct district_code from marts.district_coverage order by 1 limit 3"
    ).fetchall()]  # fmt: skip
    found = _downloads(monkeypatch, "coverage/page.py", {"region": codes})
    assert all("_3个地区_" in n for n in found), list(found)
    csvs = {n.split("_")[0]: n for n in found if n.endswith(".csv")}
    bars, shape = found[csvs["分区覆盖"]](), found[csvs["分区覆盖地图"]]()  # type: ignore[operator]
    assert bars != shape
    assert _rows(shape)[0][:4] == ["区划代码", "地区", "是否现行区划", "地图上绘出"]


CHANGE_ROWS = pl.DataFrame(
    {
        "figure": ["fig.linked_orgs", "fig.coverage_rate", "fig.funding_amount_yuan"],
        "kind": ["count", "rate", "money"],
        "base": [27.0, 0.5, 100000.0],
        "current": [12.0, 0.427, 41600.0],
        "multiple": [12 / 27, None, 0.416],
        "increase": [-15.0, -0.073, -58400.0],
    }
)


def test_the_headline_csv_writes_counts_as_integers_and_negatives_as_plain_numbers() -> None:
    rows = _rows(table_csv(CHANGE_ROWS, columns.CHANGE))
    assert rows[1][2:] == ["27", "12", "0.44", "-15"]
    assert rows[2][2:] == ["50.0", "42.7", "", "-7.3"]
    assert rows[3][2:] == ["10.0", "4.16", "0.42", "-5.84"]


def test_a_sheet_gives_each_row_its_unit_and_keeps_codes_as_text() -> None:
    import openpyxl

    from dashboard.core.sheets import table_xlsx

    book = openpyxl.load_workbook(io.BytesIO(table_xlsx(CHANGE_ROWS, columns.CHANGE, "总览指标")))
    ws = book["总览指标"]
    assert [ws[f"D{i}"].value for i in (2, 3, 4)] == [12, 0.427, 4.16]
    assert [ws[f"D{i}"].number_format for i in (2, 3, 4)] == ["#,##0", "0.0%", "#,##0.00"]
    assert ws["F4"].value == -5.84 and ws["E2"].number_format == "0.00"
    # a rate's increase is a change in percentage points (-7.3个百分点), never a rate (-7.3%)
    assert ws["F3"].value == -7.3 and "个百分点" in ws["F3"].number_format
    assert ws["F2"].value == -15 and ws["F2"].number_format == "#,##0"
    frame = pl.DataFrame(
        {"name": ["甲"], "uscc": ["531100006544103913"], "org_type": ["foundation"],
         "district_code": ["110105"], "is_linked": [True], "linked_types_label": ["妇联"]}
    )  # fmt: skip
    cols = (
        Col("name", "col.name"),
        Col("uscc", "col.uscc"),
        Col("district_code", "col.district_code"),
    )
    ws = openpyxl.load_workbook(io.BytesIO(table_xlsx(frame, cols, "名单"))).active
    assert (ws["B2"].value, ws["B2"].data_type) == ("531100006544103913", "s")
    assert (ws["C2"].value, ws["C2"].data_type) == ("110105", "s")
