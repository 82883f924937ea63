"""The Data quality page's tables: frame column, catalogue key of the header, how to show it."""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.core.export import Col
from dashboard.core.words import Lang

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
# on screen without the start (the finish is the release's time): the run id on one line fits at 1280 px;
# the raw folder (a path: the grid breaks it nowhere, cut at 1280 and 1440 px) is said under the run
# picker for the chosen run, whole
RUNS_SCREEN = tuple(c for c in RUNS if c.name not in ("started_at", "raw_folder"))
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
# kept on one line at their full width: the grid drew 1477, 2041, 2706, 4550, 5196 cut on one line
# in a wrapping row (tests/e2e/test_language_fit.py reads the ink in each cell's right padding)
ONE_LINE = frozenset({"run_id", "sample_lines"})
CODES = frozenset({"rule", "column"})  # English codes: rule_code, column_code
# a group's sample lines and values: in the download, and on screen in the table of rows below (line
# and value of each); on screen they squeezed the clerk's message (848 px in 820, 示例原值 cut)
SAMPLES = frozenset({"sample_lines", "sample_values"})


def on_screen(cols: Sequence[Col], lang: Lang) -> tuple[Col, ...]:
    """A table's columns as the page shows them, the samples in the download only: in Chinese, no
    English codes (the rule's words first, the clerk's message last, in the room left); in English,
    the rule's code and no column code (the English column is its code already: the two were the
    same)."""
    if lang != "zh":
        return tuple(c for c in cols if c.name not in SAMPLES and c.name != "column")
    return tuple(c for c in cols if c.name not in CODES | SAMPLES)
