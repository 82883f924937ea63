"""The publish page's tables (pure): rejections by rule, rows per file, the comparison with the live
release and the records changed, headed in the reader's language."""

from __future__ import annotations

import polars as pl

from dashboard.core.words import Lang, t
from pipeline import releases
from pipeline.refresh import REPORT_HEADERS
from pipeline.run_record import RunResult

SAMPLE_LINES = 5


def by_rule(report: pl.DataFrame) -> pl.DataFrame:
    """Rejections grouped by file, column and rule: rows, sample lines and the first message."""
    h = REPORT_HEADERS
    if report.is_empty():
        return pl.DataFrame(
            schema={
                "file": pl.String,
                "column": pl.String,
                "rule": pl.String,
                "rows": pl.UInt32,
                "sample_lines": pl.String,
                "message": pl.String,
            }
        )
    line = pl.col(h["line"]).cast(pl.Int64, strict=False)
    return (
        report.with_columns(line.alias("_line"))
        .group_by(h["file"], h["column_header"], h["rule_name"], maintain_order=True)
        .agg(
            pl.len().alias("rows"),
            pl.col("_line")
            .unique()
            .sort()
            .head(SAMPLE_LINES)
            .cast(pl.String)
            .str.join("、")
            .alias("sample_lines"),
            pl.col(h["message"]).first().alias("message"),
        )
        .rename({h["file"]: "file", h["column_header"]: "column", h["rule_name"]: "rule"})
        .sort("rows", "file", "column", "rule", descending=[True, False, False, False])
    )


def _headed(frame: pl.DataFrame, keys: dict[str, str], lang: Lang) -> pl.DataFrame:
    return frame.select(list(keys)).rename({c: t(k, lang) for c, k in keys.items()})


def file_table(result: RunResult | None, lang: Lang) -> pl.DataFrame:
    """Rows read, accepted, rejected and warned per file, headed in the reader's language."""
    rows = [
        {
            "file": f.file,
            "read": f.rows_read,
            "accepted": f.rows_accepted,
            "rejected": f.rows_rejected,
            "warned": f.rows_warned,
        }
        for f in (result.files if result else [])
    ]
    keys = {
        "file": "col.file",
        "read": "col.rows_read",
        "accepted": "col.rows_accepted",
        "rejected": "col.rows_rejected",
        "warned": "col.rows_warned",
    }
    schema = {k: pl.String if k == "file" else pl.Int64 for k in keys}
    return _headed(pl.DataFrame(rows, schema=schema), keys, lang)


def rule_table(groups: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """by_rule's frame headed in the reader's language."""
    keys = {
        "file": "col.file",
        "column": "col.column",
        "rule": "col.rule",
        "rows": "col.count",
        "sample_lines": "col.sample_lines",
        "message": "col.message",
    }
    return _headed(groups, keys, lang)


def live_table(frame: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """against_live's frame headed in the reader's language."""
    keys = {
        "table": "publish.col.table",
        "live_file": "publish.col.live_file",
        "live_rows": "publish.col.live_rows",
        "new_file": "publish.col.new_file",
        "new_rows": "publish.col.new_rows",
        "change": "publish.col.change",
    }
    return _headed(frame, keys, lang)


def changes_table(diff: releases.Diff, lang: Lang) -> pl.DataFrame:
    """Records added, removed and changed per table between the previous release and this one."""
    rows = [
        {"table": name, "added": d.added, "removed": d.removed, "changed": d.changed}
        for name, d in diff.tables.items()
    ]
    keys = {
        "table": "publish.col.table",
        "added": "publish.col.added",
        "removed": "publish.col.removed",
        "changed": "publish.col.changed",
    }
    schema = {k: pl.String if k == "table" else pl.Int64 for k in keys}
    return _headed(pl.DataFrame(rows, schema=schema), keys, lang)
