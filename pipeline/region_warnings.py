"""Warnings for rows filed under a retired district code: kept, counted in today's district, said so."""

from __future__ import annotations

import re

import polars as pl

from pipeline.read import LINE
from schemas import messages, regions

# The date whose year says what a row's code meant (population rows have a year instead).
YEAR_OF = {
    "organizations": "registered_on",
    "filed_orgs": "filed_on",
    "hubs": "recognized_on",
    "projects": "start_on",
    "funding": "paid_on",
}
RULES = ("reused_district_code", "retired_district_split", "retired_district_code")
WARNING_SCHEMA = {
    "line": pl.Int64,
    "column": pl.String,
    "rule": pl.String,
    "value": pl.String,
    "message": pl.String,
}


def _format(template: str, parts: dict[str, pl.Expr]) -> pl.Expr:
    """A message template ({name} slots) filled per row from expressions, without Python callbacks."""
    pieces = re.split(r"\{(\w+)\}", template)
    return pl.concat_str(
        [pl.lit(piece) if i % 2 == 0 else parts[piece] for i, piece in enumerate(pieces)]
    )


def _named(code: pl.Expr, names: dict[str, str]) -> pl.Expr:
    return code.replace_strict(names, default=code)


def _message_parts(names: dict[str, str], since: dict[str, str]) -> dict[str, pl.Expr]:
    listed = pl.element() + pl.lit("（") + _named(pl.element(), names) + pl.lit("）")
    return {
        "code": pl.col("code"),
        "name": pl.col("region_name"),
        "year": pl.col("valid_until_year").cast(pl.String),
        "row_year": pl.col("year").cast(pl.String),
        "today": pl.col("successor_code"),
        "today_name": _named(pl.col("successor_code"), names),
        "current_name": _named(pl.col("code"), names),
        "current_from": pl.col("code").replace_strict(since, default=None),
        "all": pl.col("successor_codes").list.eval(listed).list.join("、"),
    }


def successor_warnings(table_name: str, accepted: pl.DataFrame) -> pl.DataFrame:
    """One warning per accepted row whose district code counts in another code today: the code is
    retired (retired_district_code), retired into several (retired_district_split, counted by the
    documented rule), or in use today but meant another district in the row's year
    (reused_district_code). Columns: line, column, rule, value (null: the cell as given), message."""
    if "district_code" not in accepted.columns:
        return pl.DataFrame(schema=WARNING_SCHEMA)
    year = pl.col(YEAR_OF[table_name]).dt.year() if table_name in YEAR_OF else pl.col("year")
    touched = regions.successor_table()["region_code"].unique().implode()
    rows = accepted.select(
        pl.col(LINE).alias("line"), pl.col("district_code").alias("code"), year.alias("year")
    ).filter(pl.col("code").is_in(touched))
    moved = regions.resolve(rows, "code", "year").filter(
        pl.col("successor_code").is_not_null() & (pl.col("successor_code") != pl.col("code"))
    )
    in_use = regions.region_table().filter(pl.col("is_current"))
    current = in_use["region_code"].implode()
    since = dict(
        in_use.select("region_code", pl.col("valid_from_year").cast(pl.String)).iter_rows()
    )
    rule = (
        pl.when(pl.col("code").is_in(current))
        .then(pl.lit("reused_district_code"))
        .when(pl.col("successor_codes").list.len() > 1)
        .then(pl.lit("retired_district_split"))
        .otherwise(pl.lit("retired_district_code"))
    )
    parts = _message_parts(regions.region_names(), since)
    reused, split, retired = (_format(messages.MESSAGES[name], parts) for name in RULES)
    text = (
        pl.when(pl.col("rule") == RULES[0])
        .then(reused)
        .when(pl.col("rule") == RULES[1])
        .then(split)
        .otherwise(retired)
    )
    return (
        moved.with_columns(rule.alias("rule"))
        .select(
            "line",
            pl.lit("district_code").alias("column"),
            "rule",
            pl.lit(None, pl.String).alias("value"),
            text.alias("message"),
        )
        .cast(WARNING_SCHEMA)  # type: ignore[arg-type]
    )
