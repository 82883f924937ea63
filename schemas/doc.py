"""Write docs/inputs.md, the data staff's reference of the input files, from the schemas themselves."""

from __future__ import annotations

import sys
import textwrap

from schemas import dates, limits
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


def _limits() -> list[str]:
    """The caps of schemas/limits.py and the value rules every column shares, in words."""
    caps = (
        "Limits (`schemas/limits.py`; each refused in one sentence naming the file, exit 3): at "
        f"most {limits.MAX_COLUMNS} columns in a header (in a CSV checked before any row is read), "
        f"{limits.MAX_CELL_CHARS:,} characters in a cell (Excel's own limit), "
        f"{limits.MAX_ROWS:,} rows in a CSV. An xlsx is checked before any cell is parsed: it may "
        f"unpack to at most {limits.XLSX_MAX_UNPACKED // 2**20:,} MB (as its zip declares, and as "
        f"it really unpacks), no part of it may unpack to more than {limits.XLSX_MAX_RATIO} times "
        "its packed size (a zip bomb), and its first sheet may have at most "
        f"{limits.XLSX_MAX_ROWS:,} rows (Excel's own limit)."
    )
    values = (
        "A cell holding a control character (NUL, ESC, DEL, C1 controls, a carriage return that "
        "ends no line: anything but tab and line breaks) rejects its row at its line, in any "
        "column, with the value written out (`\\x00`; rule `control_character`). Amounts are read "
        "and stored exactly, to the fen, as DECIMAL(38,2); one amount of 10^16 yuan or more is "
        "rejected as too large (`less_than`), so no sum of accepted amounts can overflow. An input "
        "file that is a symbolic link is refused unless `--follow-symlinks`."
    )
    return [*textwrap.wrap(caps, 95), "", *textwrap.wrap(values, 95)]


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
        "mixing the two (a line or a cell of UTF-8 pasted into a GB18030 file, whatever its script:",
        "Chinese, Latin such as Café, symbols such as 25°C) is refused naming the line, never stored",
        "garbled. A file must be comma-separated with Windows or Unix line ends and every quote",
        "closed; otherwise it is refused naming the file and the line. An optional file without",
        "rows (0 bytes, or a header only) is read as no rows, with a warning on line 1.",
        "",
        *_limits(),
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
