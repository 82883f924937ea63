"""The Data quality page's tables: frame column, catalogue key of the header, how to show it."""

from __future__ import annotations

from dashboard.core.export import Col

RUNS = (
    Col("run_id", "col.run_id"),
    Col("started_at", "col.started_at", "datetime"),
    Col("finished_at", "col.finished_at", "datetime"),
    Col("status", "col.run_status", "run_status"),
    Col("rows_read", "col.rows_read", "int"),
    Col("rows_accepted", "col.rows_accepted", "int"),
    Col("rows_rejected", "col.rows_rejected", "int"),
    Col("rows_warned", "col.rows_warned", "int"),
    Col("raw_folder", "col.raw_folder"),
)
FILE_STATS = (
    Col("file", "col.file"),
    Col("rows_read", "col.rows_read", "int"),
    Col("rows_accepted", "col.rows_accepted", "int"),
    Col("rows_rejected", "col.rows_rejected", "int"),
    Col("rows_warned", "col.rows_warned", "int"),
)
ISSUE_GROUPS = (
    Col("kind_label", "col.kind", "label"),
    Col("file", "col.file"),
    Col("column_label", "col.column"),
    Col("rule_label", "col.rule"),
    Col("rows", "col.count", "int"),
    Col("sample_lines", "col.sample_lines"),
    Col("sample_values", "col.sample_values"),
    Col("rule", "col.rule_code"),
    Col("column", "col.column_code"),
    Col("message", "col.message_zh"),  # last: the longest (up to 225 characters)
)
ISSUE_ROWS = (
    Col("kind_label", "col.kind", "label"),
    Col("file", "col.file"),
    Col("line", "col.line"),
    Col("column_label", "col.column"),
    Col("rule_label", "col.rule"),
    Col("value", "col.bad_value"),
    Col("rule", "col.rule_code"),
    Col("column", "col.column_code"),
    Col("message", "col.message_zh"),  # last: the longest (up to 225 characters)
)
