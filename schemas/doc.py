"""Write docs/inputs.md, the data staff's reference of the input files, from the schemas themselves."""

from __future__ import annotations

import sys

from schemas import dates
from schemas.tables import TABLES, Column


def _window(table: str, column: str) -> str:
    window = dates.window(table, column)
    if window.years_ahead is not None:
        latest = f"the end of the year {window.years_ahead} after the refresh"
    elif window.days_ahead is not None:
        latest = f"the refresh date + {window.days_ahead} days"
    else:
        latest = "the refresh date (not_in_future)"
    return f"{window.earliest:%Y-%m-%d} to {latest}"


def _rule(table: str, col: Column) -> str:
    parts = ["required" if col.required else "optional", col.kind]
    if col.kind == "date":
        parts.append(_window(table, col.name))
    if col.vocabulary:
        parts.append(
            " / ".join(
                f"`{t.code}` {t.zh}" + "".join(f", {a}" for a in t.aliases) for t in col.vocabulary
            )
        )
    return "; ".join(parts)


def render() -> str:
    """The Markdown reference: one table per input file."""
    lines = [
        "# Input files (generated from `schemas/tables.py` by `python -m schemas.doc`)",
        "",
        "One file per table in the raw folder: `NAME.csv` (UTF-8, UTF-8 with BOM, GB18030/GBK) or",
        "`NAME.xlsx` (first sheet). Headers: the column name or any alias, ignoring case, spaces and",
        "full-width forms. Dates: 2015-07-01, 2015/7/1, 2015.7.1, 2015年7月1日, Excel dates. Booleans:",
        "是/否, Y/N, yes/no, true/false, 1/0. Amounts: 1234.50, 1,234.50, 12.5万, 12.5万元 (to the fen).",
        "Enums: the code or the Chinese label. The full rules and messages: `schemas/models.py`,",
        "`schemas/messages.py`.",
        "",
        "Dates must be plausible (rule `date_out_of_range`): not before 1949-10-01 and not after",
        "the limit in the column's rule below, counted from the refresh date (`schemas/dates.py`).",
        "A CSV file is decoded one way, whole: UTF-8 (with or without BOM) or GB18030/GBK; a file",
        "mixing the two (such as one UTF-8 line pasted into a GB18030 file) is refused naming the",
        "line, never stored garbled. A file must be comma-separated with Windows or Unix line ends",
        "and every quote closed; otherwise it is refused naming the file and the line. An optional",
        "file without rows (0 bytes, or a header only) is read as no rows, with a warning on line 1.",
    ]
    for table in TABLES:
        need = "required file" if table.required else "optional file"
        key = f"; key `{table.key}` (unique, the first row kept)" if table.key else ""
        lines += [
            "",
            f"## {table.name} ({table.label_zh}; {need}{key})",
            "",
            "| column | aliases | rule | description |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| `{c.name}` | {', '.join(c.aliases)} | {_rule(table.name, c)} | {c.description} |"
            for c in table.columns
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
