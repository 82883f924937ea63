"""Every page renders on the sample, in Chinese and in English; a missing warehouse gets a clear message."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, metrics, run

PAGES = [
    "overview/page.py",
    "coverage/page.py",
    "funding/page.py",
    "profile/page.py",
    "hubs/page.py",
    "organizations/page.py",
    "quality/page.py",
    "changes/page.py",
]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_in_chinese_with_provenance(warehouse: Path, page: str) -> None:
    at = run(page)
    assert at.title[0].value in {
        "总览",
        "覆盖",
        "资金",
        "社会组织概况",
        "枢纽",
        "社会组织",
        "数据质量",
        "变化",
    }
    provenance, run_id = at.caption[0].value, at.caption[0].proto.help
    assert provenance.startswith("统计时点") and "数据版本" in provenance  # the release's time
    assert "刷新批次" in run_id  # its run id on hover


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
    at = run("funding/page.py", {"year": str(first)})
    assert metrics(at)[f"{first}年资金"] == "0 元"
    assert any("没有数据" in info.value for info in at.info)


def test_a_baseline_equal_to_the_year_says_there_is_no_change(warehouse: Path) -> None:
    at = run(params={"year": "2011", "base": "2011"})
    assert "没有增量可比" in at.markdown[0].value
    assert not any(m.delta or m.proto.delta_description for m in at.metric)
    at = run(params={"year": "2016"})
    at.selectbox(key="f_year").set_value(2011).run()  # the default baseline is 2011 too
    assert not at.exception
    assert at.selectbox(key="f_base_year").value == 2011


def test_year_totals_compare_with_the_baseline_year_not_its_end(
    warehouse: Path, last_year: int
) -> None:
    at = run()
    cards = {
        m.label: m.help for m in at.metric
    }  # the baseline in each card's help, once above them
    base = last_year - 5
    assert cards["当年资金"].startswith(f"{last_year}年全年的值；箭头为较{base}年全年的变化")
    assert cards["当年新开购买服务项目"].startswith(f"{last_year}年全年的值；箭头为较{base}年全年")
    assert cards["联系社会组织"].startswith(f"{last_year}年底的值；箭头为较{base}年底的变化")
    note = f"卡片中的箭头为较{base}年底的变化（当年资金、项目为较{base}年全年）"
    assert any(c.value.startswith(note) for c in at.caption)


def test_missing_values_are_empty_cells_not_none(warehouse: Path, con) -> None:
    uscc = con.execute(
        """select o.uscc from clean.organizations o
        where exists (select 1 from clean.funding f where f.recipient_uscc = o.uscc and f.project_id is null)
          and exists (select 1 from clean.hub_links l where l.uscc = o.uscc and l.ended_on is null)
        order by o.uscc limit 1"""
    ).fetchall()[0][0]
    pages = [
        run("organizations/page.py", {"org_q": uscc}),
        run("funding/page.py"),
        run("quality/page.py", {}),
        run("profile/page.py", {"pick": "service_domain:workers"}),
    ]
    for at in pages:
        for table in at.dataframe:
            frame = table.value
            assert not frame.isna().any().any(), frame.columns[frame.isna().any()].tolist()
    at = pages[0]
    links = at.dataframe[2].value
    assert "" in links["解除日期"].tolist()
    assert "" in at.dataframe[-1].value["项目编号"].tolist()


def test_run_status_is_in_words(warehouse: Path) -> None:
    assert set(run("quality/page.py").dataframe[0].value["结果"]) <= {"成功", "失败", "进行中"}
    assert set(run("quality/page.py", {"lang": "en"}).dataframe[0].value["Result"]) <= {
        "succeeded",
        "failed",
        "running",
    }


def test_trend_labels_show_the_selected_year(warehouse: Path, last_year: int) -> None:
    year = last_year - 1
    at = run(params={"year": str(year)})
    rate = metrics(at)["覆盖率"]
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    labels = [a["text"] for s in specs for a in s["layout"].get("annotations", [])]
    assert f"覆盖率 {rate}" in labels
    years = [x for s in specs for tr in s["data"] for x in (tr.get("x") or [])]
    assert max(years) == year


def test_a_pages_worded_widgets_are_noted_for_the_language_switch(warehouse: Path) -> None:
    """The quality page's kinds and rules show words: the language switch rewrites them (see
    tests/e2e/test_language_fit.py for what the browser then shows)."""
    at = run("quality/page.py")
    assert {"q_kinds", "q_rules"} <= set(at.session_state["_worded"])
    at.toggle(key="f_en").set_value(True).run()
    assert not at.exception
    assert at.multiselect(key="q_kinds").value == ["rejected"]
    assert at.multiselect(key="q_kinds").options == ["rejected", "warning"]
