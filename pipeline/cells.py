"""Control characters in cells (NUL and the like), found at their line in any column of a file."""

from __future__ import annotations

import polars as pl

from schemas import messages

RULE = "control_character"
# C0 and C1 controls but tab and line feed; a carriage return only as the first half of CR LF
# (a line break inside a quoted value written by Windows)
CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r[^\n]|\r$"
_CODES = [*range(0x00, 0x09), 0x0B, 0x0C, 0x0D, *range(0x0E, 0x20), *range(0x7F, 0xA0)]
_SHOWN = [f"\\x{code:02x}" for code in _CODES]
SCHEMA = {
    "line": pl.Int64,
    "column": pl.String,
    "rule": pl.String,
    "value": pl.String,
    "message": pl.String,
}


def shown(value: pl.Expr) -> pl.Expr:
    """A value with each control character written out (NUL as \\x00): safe in a report."""
    return value.str.replace_many([chr(c) for c in _CODES], _SHOWN)


def control_issues(frame: pl.DataFrame, line: str, columns: dict[str, str]) -> pl.DataFrame:
    """One issue per cell holding a control character: its line, its column (`columns` maps each
    header to the table's column name, or to itself when the table has no such column), the value
    written out and the clerk's message naming the column as `labels` would."""
    found = []
    any_in = frame.select(  # one pass, the columns in parallel; most files have none at all
        pl.col(h).cast(pl.String).str.contains(CONTROL).any().alias(h) for h in columns
    )
    for header, column in columns.items():
        if not any_in[header][0]:
            continue
        cells = frame.filter(pl.col(header).cast(pl.String).str.contains(CONTROL))
        if cells.height:
            found.append(
                cells.select(
                    pl.col(line).cast(pl.Int64).alias("line"),
                    pl.lit(column).alias("column"),
                    pl.lit(RULE).alias("rule"),
                    shown(pl.col(header).cast(pl.String)).alias("value"),
                    pl.lit(messages.MESSAGES[RULE].format(label=header)).alias("message"),
                )
            )
    return pl.concat(found) if found else pl.DataFrame(schema=SCHEMA)
