"""One language per page: rule and column names in words on the data-quality page (codes in English
and in the downloads), no English "Select all" in multiselects, brackets and placeholders in the page's
language."""

from __future__ import annotations

from pathlib import Path

import duckdb

from dashboard.core.export import header
from dashboard.core.numbers import paren
from dashboard.frame import ui
from dashboard.quality import columns as quality_columns
from dashboard.quality.names import column_label
from schemas.messages import RULE_NAMES
from schemas.tables import TABLES_BY_NAME
from tests.app.conftest import run


def _groups(at):  # noqa: ANN001, ANN202 - AppTest
    """The data-quality page's table of rejections grouped by rule (the third table)."""
    return at.dataframe[2].value


def _no_codes_on_screen(zh) -> None:  # noqa: ANN001 - a pandas frame
    """Issue 19 item 4: in Chinese the rule's words come first and the English codes are hidden: no
    code column and no code (date_not_real, registered_on) in any cell of the table."""
    assert "规则代码" not in zh.columns and "列代码" not in zh.columns
    codes = set(RULE_NAMES) | {"registered_on"}
    cells = {str(v) for col in zh.columns for v in zh[col].tolist()}
    assert not cells & codes, cells & codes
    assert list(zh.columns).index("规则") < list(zh.columns).index("说明")


def test_the_quality_page_names_rules_in_words_with_the_codes_in_the_download_only(
    warehouse: Path, con: duckdb.DuckDBPyConnection
) -> None:
    zh = _groups(run("quality/page.py"))
    _no_codes_on_screen(zh)
    assert "日期不存在" in zh["规则"].tolist()  # date_not_real, rejected in the sample
    assert "成立登记日期" in zh["列"].tolist()  # registered_on, the clerk's header
    assert "说明" in zh.columns  # the clerk's message, in Chinese only
    at = run("quality/page.py", {"lang": "en"})
    en = _groups(at)
    assert not [c for c in en.columns if "Message" in c]  # left out of the English page, said so
    assert any("written in Chinese only" in c.value for c in at.caption)
    assert en["Rule"].tolist() == [RULE_NAMES[c][1] for c in en["Rule code"].tolist()]
    assert "date that does not exist" in en["Rule"].tolist()
    # the canonical names (the English screen has no column code: it was the same as Column)
    assert "Column code" not in en.columns
    assert all(
        column in {c.name for c in TABLES_BY_NAME[file.rsplit(".", 1)[0]].columns}
        for file, column in zip(en["File"], en["Column"], strict=True)
    )
    # the same groups in the same order: each Chinese row names the rule of its code in words
    assert zh["规则"].tolist() == [RULE_NAMES[c][0] for c in en["Rule code"].tolist()]
    # the downloads keep the codes (the screen's columns are a part of the download's)
    for cols in (quality_columns.ISSUE_GROUPS, quality_columns.ISSUE_ROWS):
        kept = {c.name for c in cols} - {c.name for c in quality_columns.on_screen(cols, "zh")}
        # the codes; the groups' sample lines and values (the rows table shows each line's value)
        assert kept == {"rule", "column"} | (quality_columns.SAMPLES & {c.name for c in cols})
        assert header(next(c for c in cols if c.name == "rule"), "zh") == "规则代码"


def test_the_rule_filter_lists_rules_in_words(warehouse: Path) -> None:
    at = run("quality/page.py")
    rules = at.multiselect(key="q_rules")
    assert "日期不存在" in rules.options and "date_not_real" not in rules.options
    rules.select("date_not_real").run()
    assert set(_groups(at)["规则"]) == {"日期不存在"}
    _no_codes_on_screen(_groups(at))
    rows = at.dataframe[3].value  # the rows themselves: the rule in words, no code either
    assert set(rows["规则"]) == {"日期不存在"}
    _no_codes_on_screen(rows)


def test_no_multiselect_offers_select_all(warehouse: Path) -> None:
    """Its option reads "Select all" in every language; an empty choice already means all."""
    for page in ("overview/page.py", "quality/page.py"):
        at = run(page)
        assert at.multiselect, page
        for box in at.multiselect:
            assert box.proto.select_all == 0, box.label
            assert box.placeholder == "全部", box.label


def test_selectboxes_have_a_placeholder_in_the_language(warehouse: Path) -> None:
    for params, word in (({}, "请选择"), ({"lang": "en"}, "Choose")):
        assert run(None, params).selectbox(key="f_year").placeholder == word
        assert run("quality/page.py", params).selectbox(key="run").placeholder == word


def test_brackets_follow_the_language() -> None:
    assert paren("1.3%", "zh") == "（1.3%）"
    assert paren("1.3%", "en") == " (1.3%)"


def test_chart_toolbar_tooltips_are_chinese_in_chinese_only() -> None:
    zh = ui.plotly_config("zh")
    assert zh["locale"] == "zh-CN"
    assert zh["locales"]["zh-CN"]["dictionary"]["Download plot as a PNG"] == "下载图片（PNG）"
    assert ui.plotly_config("en") == {"displaylogo": False}


def test_a_column_is_named_in_the_language() -> None:
    assert column_label("organizations.csv", "registered_on", "zh") == "成立登记日期"
    assert column_label("organizations.csv", "registered_on", "en") == "registered_on"
    assert column_label("unknown.csv", "x", "zh") == "x"
