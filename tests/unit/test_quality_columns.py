"""The quality page's tables on screen: in Chinese the rule's words first, the clerk's message last,
no codes; in English the rule's code kept, the column code not (it is the English column itself);
the samples in the download only."""

from __future__ import annotations

from dashboard.quality import columns


def test_the_chinese_page_shows_the_rule_in_words_and_the_message_last_with_no_codes() -> None:
    names = [c.name for c in columns.on_screen(columns.ISSUE_ROWS, "zh")]
    assert names == ["kind_label", "file", "line", "column_label", "rule_label", "value", "message"]
    names = [c.name for c in columns.on_screen(columns.ISSUE_GROUPS, "zh")]
    assert not set(names) & (columns.CODES | columns.SAMPLES)
    assert names.index("rule_label") < names.index("message") == len(names) - 1


def test_the_english_page_keeps_the_rule_code_but_not_the_column_code() -> None:
    shown = columns.on_screen(columns.ISSUE_ROWS, "en")
    assert shown == tuple(c for c in columns.ISSUE_ROWS if c.name != "column")
    names = [c.name for c in columns.on_screen(columns.ISSUE_GROUPS, "en")]
    assert "rule" in names and "column" not in names and not set(names) & columns.SAMPLES
