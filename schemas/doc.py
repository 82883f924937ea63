"""Write docs/inputs.md, the data staff's reference of the input files, from the schemas themselves."""

from __future__ import annotations

import sys

from schemas.tables import TABLES, Column


def _rule(col: Column) -> str:
    parts = ["required" if col.required else "optional", col.kind]
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
            f"| `{c.name}` | {', '.join(c.aliases)} | {_rule(c)} | {c.description} |"
            for c in table.columns
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
