"""The Data quality page's queries: refresh runs, rows per file, rejections and warnings (global data:
none for a viewer with a scope; through core/door.py)."""

from __future__ import annotations

import polars as pl

from dashboard.core import door
from dashboard.core.filters import Filters

ROW_LIMIT = 10_000  # issue rows shown and downloaded (all of them counted)
ISSUE_KINDS = ("rejected", "warning")

RUNS = """
select run_id, started_at, finished_at, status, raw_folder, rows_read, rows_accepted,
    rows_rejected, rows_warned from quality.runs where {g} order by started_at desc
"""

FILE_STATS = """
select file, rows_read, rows_accepted, rows_rejected, rows_warned from quality.file_stats
where run_id = $run and {g} order by file
"""

ISSUE_FILTER = """
with issues as (
    select 'rejected' as kind, * from quality.rejected_rows
    union all by name select 'warning' as kind, * from quality.warnings),
chosen as (
    select * from issues
    where run_id = $run and list_contains($kinds::VARCHAR[], kind) and {g}
        and (len($files::VARCHAR[]) = 0 or list_contains($files::VARCHAR[], file))
        and (len($rules::VARCHAR[]) = 0 or list_contains($rules::VARCHAR[], rule)))
"""

ISSUE_GROUPS = """
select kind, file, "column", rule, count(*) as rows, any_value(message) as message,
    array_to_string(list(line order by line)[1:3], ', ') as sample_lines,
    array_to_string(list(coalesce(value, '') order by line)[1:3], ' | ') as sample_values
from chosen group by all order by rows desc, file, rule
"""

ISSUE_ROWS = """
select kind, file, line, "column", rule, value, message from chosen
order by file, line, "column", rule limit $limit
"""

ISSUE_CHOICES = """
select distinct file, rule from (
    select file, rule, run_id from quality.rejected_rows
    union all select file, rule, run_id from quality.warnings)
where run_id = $run and {g} order by file, rule
"""


def runs(f: Filters) -> pl.DataFrame:
    """Every refresh run, newest first (the whole register's: none for a viewer with a scope)."""
    return door.run(RUNS, {}, g=f.where_sql({"global": ""}, prefix="g"))


def file_stats(f: Filters, run_id: str) -> pl.DataFrame:
    """Rows read, accepted, rejected and warned per input file of one run (none within a scope)."""
    return door.run(FILE_STATS, {"run": run_id}, g=f.where_sql({"global": ""}, prefix="g"))


def _issue_params(
    run_id: str, kinds: list[str], files: list[str], rules: list[str]
) -> dict[str, object]:
    return {
        "run": run_id,
        "kinds": [k for k in kinds if k in ISSUE_KINDS],
        "files": files,
        "rules": rules,
    }


def issue_groups(
    f: Filters, run_id: str, kinds: list[str], files: list[str], rules: list[str]
) -> pl.DataFrame:
    """Rejections and warnings of a run grouped by kind, file, column and rule, with sample lines
    (none within a scope: rejected rows cannot be placed in a region)."""
    chosen = door.compose(ISSUE_FILTER, g=f.where_sql({"global": ""}, prefix="g"))
    return door.run(
        "{chosen}" + ISSUE_GROUPS, _issue_params(run_id, kinds, files, rules), chosen=chosen
    )


def issue_rows(
    f: Filters, run_id: str, kinds: list[str], files: list[str], rules: list[str], limit: int
) -> pl.DataFrame:
    """The rejected or warned rows themselves, each located to file, line and column."""
    chosen = door.compose(ISSUE_FILTER, g=f.where_sql({"global": ""}, prefix="g"))
    params = {**_issue_params(run_id, kinds, files, rules), "limit": limit}
    return door.run("{chosen}" + ISSUE_ROWS, params, chosen=chosen)


def issue_choices(f: Filters, run_id: str) -> pl.DataFrame:
    """The files and rules that occur among a run's rejections and warnings."""
    return door.run(ISSUE_CHOICES, {"run": run_id}, g=f.where_sql({"global": ""}, prefix="g"))
