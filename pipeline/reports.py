"""The rejection and warning reports of a run as files: a CSV of plain data for programs and the same
rows as .xlsx beside it for people (codes, credit codes and cell values as text cells)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from pipeline import csvsafe
from pipeline.workbook import Cover, Sheet, workbook_bytes

# The reports' columns in order: the clerk reads the first six; 列代码 and 规则代码 are for machines.
REPORT_HEADERS = {
    "file": "文件",
    "line": "行号",
    "column_header": "列",  # the header as the clerk's file has it
    "rule_name": "规则",
    "value": "原值",
    "message": "说明",
    "column": "列代码",
    "rule": "规则代码",
}
SHEETS = {"rejected_rows": "拒收明细", "warnings": "警告明细"}
XLSX_ROWS = 1_048_575  # a sheet's rows below its header


def report_frame(issues: pl.DataFrame) -> pl.DataFrame:
    """A run's issues (refresh.issue_frame) as the report has them: its columns, Chinese headers."""
    if not issues.width:
        return pl.DataFrame(schema=dict.fromkeys(REPORT_HEADERS.values(), pl.String))
    return issues.select(list(REPORT_HEADERS)).rename(REPORT_HEADERS)


def workbook(frame: pl.DataFrame, kind: str, run_id: str) -> bytes:
    """The report as a workbook: a 说明 sheet, then the rows (every value a text cell, line numbers
    as numbers); a report longer than a sheet keeps its first rows and says so."""
    shown = frame.head(XLSX_ROWS).with_columns(
        pl.col(c).cast(pl.String) for c in frame.columns if c != REPORT_HEADERS["line"]
    )
    lines = [
        ("批次", run_id),
        ("行数", f"{frame.height:,}"),
        ("用法", "每行是一个问题：文件、行号（表头为第 1 行）、列、规则、原值和说明；按行号改正后重新校验。"),
    ]  # fmt: skip
    if frame.height > XLSX_ROWS:
        lines.append(("注意", f"表格只能容纳前 {XLSX_ROWS:,} 行；完整内容见同名的 CSV 文件。"))
    title = f"{SHEETS[kind]} · 批次{run_id}"
    return workbook_bytes(Cover(title, lines), [Sheet(SHEETS[kind], shown)])


def write(issues: pl.DataFrame, folder: Path, kind: str, run_id: str) -> Path:
    """<kind>-<run id>.csv (plain data, UTF-8 with BOM) and the same rows as .xlsx beside it; the
    CSV's path."""
    frame = report_frame(issues)
    path = csvsafe.write_csv(frame, folder / f"{kind}-{run_id}.csv")
    path.with_suffix(".xlsx").write_bytes(workbook(frame, kind, run_id))
    return path
