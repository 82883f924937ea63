"""The 变化 page and the overview's sentence: the revision note, each count opening its records, the URL."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from dashboard.changes import columns
from dashboard.changes import note as revision
from dashboard.core.export import table_csv
from tests.app import revisions
from tests.app.conftest import Pair, run

PAGE = "changes/page.py"
YEAR = {"year": str(revisions.YEAR)}


def markdown(at) -> list[str]:  # noqa: ANN001 - AppTest
    return [m.value for m in at.markdown]


def test_the_page_writes_the_revision_note_of_the_year_end(on_pair: Pair) -> None:
    at = run(PAGE, YEAR)
    assert (
        at.selectbox(key="from").value == on_pair.old
        and at.selectbox(key="to").value == on_pair.new
    )
    note = markdown(at)
    coverage = next(line for line in note if line.startswith("**覆盖率**"))
    assert coverage.startswith(
        "**覆盖率** 58.3% → 53.8%（−4.5 个百分点）：新增组织 3 家（−5.8 个百分点）"
    )
    assert "注销 2 家（+1.3 个百分点）" in coverage and "解除联系 1 家（−7.7 个百分点）" in coverage
    assert (
        "**存续社会组织** 12 → 13（+1）：新增组织 3 家（+3）、删除组织 1 家（−1）、注销 2 家（−2）、成立或注销日期更正 1 家（+1）。"
        in note
    )
    # one unit in the line (万元, two decimals), the change the difference of the ends shown
    assert "**当年资金** 3.40 万元 → 3.90 万元（+0.50 万元）：新增拨付 1 笔（+0.30 万元）" in next(
        line for line in note if line.startswith("**当年资金** ")
    )
    assert not any(line.startswith("**当年新开购买服务项目** ") for line in note)  # 3 -> 3


def test_each_count_opens_the_list_of_its_records(on_pair: Pair) -> None:
    at = run(PAGE, YEAR)
    pills = at.pills(key="open")
    expected = {**revisions.EXPECTED["orgs"], **revisions.EXPECTED["hubs"]}
    expected |= {**revisions.EXPECTED["funding"], **revisions.EXPECTED["projects"]}
    assert list(pills.options) and len(pills.options) == len(expected)
    assert "注销：2 家" in [o for o in pills.options]
    for reason, counts in expected.items():
        at.pills(key="open").set_value(reason).run()
        assert not at.exception
        records = at.dataframe[0].value
        assert len(records) == counts[0], reason
        assert at.query_params["open"] in (reason, [reason])
    uscc = set(
        at.pills(key="open").set_value("deregistered").run().dataframe[0].value["统一社会信用代码"]
    )
    assert uscc == {revisions.ORG[7], revisions.ORG[8]}


def test_a_link_opens_the_records_and_unknown_url_values_are_dropped(on_pair: Pair) -> None:
    at = run(PAGE, {**YEAR, "open": "link_ended", "from": "bogus", "to": on_pair.new})
    assert at.selectbox(key="from").value == on_pair.old  # not an id of the ledger: the default
    assert list(at.dataframe[0].value["统一社会信用代码"]) == [revisions.ORG[3]]
    at = run(PAGE, {**YEAR, "open": "drop table"})
    assert at.pills(key="open").value is None


def test_the_pickers_can_turn_the_comparison_around(on_pair: Pair) -> None:
    at = run(PAGE, {**YEAR, "from": on_pair.new, "to": on_pair.old})
    coverage = next(line for line in markdown(at) if line.startswith("**覆盖率**"))
    assert coverage.startswith("**覆盖率** 53.8% → 58.3%（+4.5 个百分点）")
    at.selectbox(key="to").set_value(on_pair.new).run()
    assert any("两边选的是同一个版本" in i.value for i in at.info)


def test_the_districts_and_files_tables_are_shown_and_downloadable(on_pair: Pair) -> None:
    at = run(PAGE, YEAR)
    tables = {tuple(df.value.columns)[:2]: df.value for df in at.dataframe}
    districts = tables[("区县", "区划代码")]
    # the change of the two rates as the table shows them (41.7% → 0.0%: -41.7, not -41.67)
    assert dict(zip(districts["区划代码"], districts["覆盖率变化(个百分点)"], strict=True)) == {
        "110108": -50.0, "110105": -41.7, "110101": 16.7, "110106": 41.7
    }  # fmt: skip
    shown = zip(districts["旧版覆盖率(%)"], districts["新版覆盖率(%)"], districts["覆盖率变化(个百分点)"],
                strict=True)  # fmt: skip
    assert all(abs((new - old) - change) < 1e-9 for old, new, change in shown)
    files = tables[("文件", "新增")]
    assert list(files["文件"]) == ["社会组织", "枢纽组织", "联系关系", "购买服务项目", "资金拨付"]
    assert list(files["新增"]) == [3, 1, 2, 1, 1] and list(files["删除"]) == [1, 1, 1, 0, 1]
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("下载表格（CSV）") >= 7 and "下载图表数据（CSV）" in labels


def test_the_parts_table_downloads_in_points_with_a_total_row(on_pair: Pair, pair_summary) -> None:
    rows = list(
        csv.reader(
            io.StringIO(
                table_csv(revision.units(pair_summary, "orgs", "zh"), columns.CHANGE_ORGS).decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert rows[0] == [
        "原因",
        "数量",
        "存续组织增减",
        "联系组织增减",
        "覆盖率变化(个百分点)",
        "群团联系增减",
        "群团联系占比变化(个百分点)",
    ]
    # the coverage change unrounded (CSV is plain data): 7/12 linked before, 7/13 after
    assert rows[-1][:4] == ["合计", "15", "1", "0"]
    assert float(rows[-1][4]) == pytest.approx(100 * (7 / 13 - 7 / 12), abs=1e-8)


def test_the_page_in_english(on_pair: Pair) -> None:
    at = run(PAGE, {**YEAR, "lang": "en"})
    assert any(
        line.startswith("**Coverage rate** 58.3% → 53.8% (−4.5 points): ") for line in markdown(at)
    )


def test_one_release_only_says_a_comparison_needs_two(warehouse: Path) -> None:
    at = run(PAGE)
    assert any("至少要有两个才能比较" in i.value for i in at.info)


def test_the_overview_says_what_changed_since_the_previous_release(on_pair: Pair) -> None:
    at = run(None, YEAR)
    sentence = at.info[0].value
    assert sentence.startswith(f"与上一版本（批次 {on_pair.old}，完成于 ")
    assert sentence.endswith(
        "相比，2015年底：新增组织 3 家、删除 1 家、注销 2 家，联系社会组织不变，覆盖率 −4.5 个百分点。"
    )
    assert at.get("page_link")[0].proto.page.endswith("changes")


def test_the_overview_says_nothing_of_changes_with_one_release(warehouse: Path) -> None:
    at = run()
    assert not any("上一版本" in i.value for i in at.info) and not at.get("page_link")


def test_a_viewer_limited_to_some_regions_gets_no_comparison(on_pair: Pair, as_viewer) -> None:
    """The comparison reads the whole register: a scoped viewer sees neither the page's figures and
    records nor the overview's sentence (while the same pages without a scope show them)."""
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP

    at = as_viewer(AppTest.from_file(str(APP), default_timeout=60), ["110105"])
    at.query_params["year"] = "2015"
    at.run()
    assert not at.exception and not any("上一版本" in i.value for i in at.info)
    assert not at.get("page_link")
    at.switch_page(PAGE).run()
    assert not at.exception
    assert [i.value for i in at.info] == [
        "版本比较针对全部登记数据，您的账号只能查看部分地区，因此本页不提供。"
    ]
    assert not at.dataframe and not at.get("button_group") and not markdown(at)
