"""Every page renders on the sample, in Chinese and in English; a missing warehouse gets a clear message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, metrics, run

PAGES = [
    "views/overview.py",
    "views/coverage.py",
    "views/funding.py",
    "views/organizations.py",
    "views/quality.py",
]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_in_chinese_with_provenance(warehouse: Path, page: str) -> None:
    at = run(page)
    assert at.title[0].value in {"总览", "覆盖", "资金", "社会组织", "数据质量"}
    provenance = at.caption[0].value
    assert provenance.startswith("统计时点") and "刷新批次" in provenance


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_in_english(warehouse: Path, page: str) -> None:
    at = run(page, {"lang": "en"})
    assert at.caption[0].value.startswith("As of")
    assert at.toggle(key="f_en").value is True


def test_overview_has_every_headline_card(warehouse: Path) -> None:
    shown = metrics(run())
    for label in [
        "市级枢纽",
        "区级枢纽",
        "街道级枢纽",
        "联系社会组织",
        "覆盖率",
        "群团联系占比",
        "当年资金",
    ]:
        assert label in shown


def test_switching_to_english_relabels_the_page(warehouse: Path) -> None:
    at = run()
    at.toggle(key="f_en").set_value(True).run()
    assert not at.exception
    assert "Coverage rate" in metrics(at)
    assert at.query_params["lang"] in ("en", ["en"])


def test_missing_warehouse_says_how_to_build_it(warehouse: Path, tmp_path: Path) -> None:
    os.environ["SHUNIU_WAREHOUSE"] = str(tmp_path / "nothing.duckdb")
    try:
        at = AppTest.from_file(str(APP), default_timeout=60).run()
    finally:
        os.environ["SHUNIU_WAREHOUSE"] = str(warehouse)
    assert not at.exception
    assert "make run" in at.error[0].value and "python -m pipeline refresh" in at.error[0].value


def test_unreadable_warehouse_is_a_message_not_a_traceback(warehouse: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"not a database")
    os.environ["SHUNIU_WAREHOUSE"] = str(broken)
    try:
        at = AppTest.from_file(str(APP), default_timeout=60).run()
    finally:
        os.environ["SHUNIU_WAREHOUSE"] = str(warehouse)
    assert not at.exception
    assert "python -m pipeline refresh" in at.error[0].value


def test_an_empty_selection_says_so(warehouse: Path, con) -> None:
    first = con.execute("select min(year) from marts.calendar").fetchall()[0][0]
    at = run("views/funding.py", {"year": str(first)})
    assert metrics(at)[f"{first}年资金"] == "0 元"
    assert any("没有数据" in info.value for info in at.info)


def test_a_baseline_equal_to_the_year_says_there_is_no_change(warehouse: Path) -> None:
    at = run(params={"year": "2011", "base": "2011"})
    assert "没有增量可比" in at.markdown[0].value
    assert not any(m.delta for m in at.metric)
    at = run(params={"year": "2016"})
    at.selectbox(key="f_year").set_value(2011).run()  # the default baseline is 2011 too
    assert not at.exception
    assert at.selectbox(key="f_base_year").value == 2011
