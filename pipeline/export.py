"""`python -m pipeline export`: the briefing tables of a warehouse as one workbook (a 说明 cover, then a
sheet per table) or as Excel-safe CSV files, named after the year-end and the release they come from."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import polars as pl

from pipeline.briefing_tables import (
    FIGURE_KEYS,
    OVERVIEW_SHEET,
    TABLES,
    Table,
    overview,
    read,
    year_ends,
)
from pipeline.csvsafe import write_csv
from pipeline.filenames import file_name
from pipeline.messages import Problem
from pipeline.releases.files import own_run
from pipeline.warehouse import connect
from pipeline.workbook import Cover, Sheet, workbook_bytes
from schemas.definitions import DEFINITIONS

TITLE = "枢纽型社会组织工作数据 · 简报表格"
_LATEST = {  # the latest record date: the newest date of the clean tables (those the warehouse has)
    "organizations": "registered_on",
    "hubs": "recognized_on",
    "hub_links": "linked_on",
    "projects": "start_on",
    "funding": "paid_on",
}


class ExportError(Problem):
    """An export that cannot be made (no such year-end in the warehouse): exit 2, one sentence."""


@dataclass(frozen=True)
class Facts:
    """Where the figures come from: the release, when it was built, the newest record."""

    run_id: str
    finished_at: datetime | None
    latest: date | None


def export_briefing(warehouse: Path, out_dir: Path, year: int | None = None) -> list[Path]:
    """Write each briefing table to out_dir/<table>-<run id>.csv (every year-end), or
    <table>-<year>年底-<run id>.csv for one year-end; return the paths."""
    con = connect(warehouse, read_only=True)
    try:
        facts = _facts(con)
        as_of = None if year is None else _year_end(con, year)
        when = "" if year is None else f"-{year}年底"
        return [
            write_csv(
                _csv_frame(read(con, t, as_of), t),
                out_dir / f"{t.stem}{when}-{facts.run_id}.csv",
                codes=_codes(t),
            )
            for t in TABLES
        ]
    finally:
        con.close()


def export_workbook(
    warehouse: Path, out: Path, year: int | None = None, base_year: int | None = None
) -> Path:
    """Write the workbook (out: a .xlsx file, or a folder to name it in); return its path."""
    con = connect(warehouse, read_only=True)
    try:
        facts, years = _facts(con), year_ends(con)
        year = _default_year(years) if year is None else year
        as_of = _year_end(con, year)
        earlier = [y for y in years if y <= year - 5]  # as the dashboard: five years before,
        default_base = max(earlier) if earlier else min(years)  # or the first year-end there is
        base = min(year, default_base if base_year is None else base_year)  # never after the year
        _year_end(con, base)
        frames = {t.stem: read(con, t, as_of) for t in TABLES}
    finally:
        con.close()
    cover = _cover(facts, year, base)
    sheets = [_overview_sheet(overview(frames["headline"], base, year))]
    sheets += [_sheet(frames[t.stem], t) for t in TABLES]
    name = file_name(["简报表格", f"{year}年底", f"批次{facts.run_id}"], "xlsx")
    path = out if out.suffix.lower() == ".xlsx" else out / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(workbook_bytes(cover, sheets))
    return path


def _facts(con: duckdb.DuckDBPyConnection) -> Facts:
    ((catalog,),) = con.sql("select current_database()").fetchall()
    run = own_run(con, catalog) or "unknown-run"
    finished = con.execute(
        "select max(finished_at) from quality.runs where run_id = $r", {"r": run}
    ).fetchall()[0][0]
    return Facts(run, finished, _latest(con))


def _latest(con: duckdb.DuckDBPyConnection) -> date | None:
    """The newest date of the clean tables the warehouse has (fixed table and column names)."""
    found = con.sql("select table_name from duckdb_tables() where schema_name = 'clean'").fetchall()
    present = {name for (name,) in found}
    parts = [
        f"select max({col}) as d from clean.{name}"  # noqa: S608 - names from _LATEST only
        for name, col in _LATEST.items()
        if name in present
    ]
    if not parts:
        return None
    union = " union all ".join(parts)
    return con.sql(f"select max(d) from ({union})").fetchall()[0][0]  # noqa: S608 - as above


def _default_year(years: Sequence[int]) -> int:
    """The last year-end that has passed (as the dashboard opens), else the last one."""
    passed = [y for y in years if date(y, 12, 31) <= date.today()]
    if not years:
        raise ExportError("export.no_years")
    return max(passed or years)


def _year_end(con: duckdb.DuckDBPyConnection, year: int) -> date:
    years = year_ends(con)
    if not years:
        raise ExportError("export.no_years")
    if year not in years:
        raise ExportError("export.no_year", year=year, first=years[0], last=years[-1])
    return date(year, 12, 31)


def _codes(table: Table) -> list[str]:
    return [name for name, kind in table.kinds.items() if kind == "code"]


def _csv_frame(frame: pl.DataFrame, table: Table) -> pl.DataFrame:
    """The CSV's columns: rates in % with one decimal, money in yuan, headers with their unit."""
    exprs = []
    for name, kind in table.kinds.items():
        if kind == "rate":
            exprs.append((pl.col(name) * 100).round(1).alias(f"{name}(%)"))
        elif kind == "yuan":
            exprs.append(pl.col(name).alias(f"{name}(元)"))
        else:
            exprs.append(pl.col(name))
    return frame.select(exprs)


_XLSX = {"int": "int", "rate": "percent", "yuan": "wan", "date": "date", "year": "number",
         "code": "text", "text": "text", "multiple": "decimal"}  # fmt: skip


def _sheet(frame: pl.DataFrame, table: Table) -> Sheet:
    """A table as a sheet: rates as fractions shown in %, money in 万元 with two decimals, codes as text."""
    exprs, formats = [], {}
    for name, kind in table.kinds.items():
        head = {"rate": f"{name}(%)", "yuan": f"{name}(万元)"}.get(kind, name)
        value = pl.col(name)
        if kind == "yuan":
            value = (value.cast(pl.Float64) / 1e4).round(2)
        elif kind == "code":
            value = value.cast(pl.String)
        exprs.append(value.alias(head))
        formats[head] = _XLSX[kind]
    return Sheet(table.sheet, frame.select(exprs), formats)


def _overview_sheet(frame: pl.DataFrame) -> Sheet:
    """总览指标: each row in its own unit (a count, a rate in %, money in 万元)."""
    money = pl.col("kind") == "yuan"
    values = [
        pl.when(money).then((pl.col(c) / 1e4).round(2)).otherwise(pl.col(c)).alias(c)
        for c in ("基准值", "当前值", "增量")
    ]
    # a rate's increase is a change in percentage points, not a rate: 69.5个百分点, never 69.5%
    rate = pl.col("kind") == "rate"
    values[2] = pl.when(rate).then(pl.col("增量") * 100).otherwise(values[2]).alias("增量")
    unit = pl.when(money).then(pl.lit("万元")).otherwise(pl.col("单位")).alias("单位")
    shown = frame.with_columns(*values, unit)
    per_row = frame["kind"].replace_strict({"int": "int", "rate": "percent", "yuan": "wan"})
    increase = frame["kind"].replace_strict({"int": "int", "rate": "pp_words", "yuan": "wan"})
    formats: Mapping[str, str | pl.Series] = {"基准值": per_row, "当前值": per_row, "增量": increase,
                                              "倍数": "decimal"}  # fmt: skip
    return Sheet(OVERVIEW_SHEET, shown.drop("kind"), formats)


def _cover(facts: Facts, year: int, base: int) -> Cover:
    lines = [
        ("筛选条件", "地区：全部（仓库中的全部数据）"),
        ("统计时点", f"{year}-12-31"),
        ("对比基准", f"{base}-12-31"),
        ("数据最新记录日期", str(facts.latest or "—")),
        ("刷新批次", facts.run_id),
        ("刷新完成时间", f"{facts.finished_at:%Y-%m-%d %H:%M}" if facts.finished_at else "—"),
        ("生成时间", f"{datetime.now():%Y-%m-%d %H:%M:%S}"),
        ("单位", "计数为个；比例以 % 显示（单元格中为小数）；金额为万元，保留两位小数。"),
        ("代码", "统一社会信用代码、区划代码均以文本保存，每一位都保留。"),
    ]
    definitions = [(name, DEFINITIONS[key][0]) for name, key in FIGURE_KEYS.items()]
    definitions.append(("枢纽数", DEFINITIONS["fig.hubs_total"][0]))
    return Cover(TITLE, lines, definitions)
