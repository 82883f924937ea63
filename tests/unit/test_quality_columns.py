"""The quality page's tables on screen: in Chinese the rule's words and the message first, no codes."""

from __future__ import annotations

from dashboard.quality import columns


def test_the_chinese_page_shows_the_message_after_the_rule_and_no_english_codes() -> None:
    names = [c.name for c in columns.on_screen(columns.ISSUE_ROWS, "zh")]
    assert names == ["kind_label", "file", "line", "column_label", "rule_label", "message", "value"]
    names = [c.name for c in columns.on_screen(columns.ISSUE_GROUPS, "zh")]
    assert "rule" not in names and "column" not in names
    assert names.index("message") == names.index("rule_label") + 1


def test_the_english_page_keeps_its_columns() -> None:
    assert columns.on_screen(columns.ISSUE_ROWS, "en") == columns.ISSUE_ROWS
