"""Shown tables as workbook sheets: the same columns and headers as the CSV, but numbers kept as numbers
in their formats (counts #,##0, rates as %, 万元 with two decimals) and codes as text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

from dashboard.core.export import Col, header, present
from dashboard.core.words import Lang
from pipeline.csvsafe import is_identifier
from pipeline.workbook import Cover, Sheet, workbook_bytes

# A column kind (see export.Col) -> its value in the workbook and the number format it is shown in.
_NUMBER_KINDS = {"int": "int", "rate": "percent", "pp": "pp", "wan": "wan", "yuan": "yuan",
                 "multiple": "decimal"}  # fmt: skip
_BY_KIND = {"count": "int", "rate": "percent", "money": "wan"}
CHANGES = frozenset({"increase"})  # by_kind columns holding a change: a rate's is in points


def _value(col: Col) -> pl.Expr:
    c = pl.col(col.name)
    if col.kind == "int":
        return c.cast(pl.Float64).round(0).cast(pl.Int64)
    if col.kind == "rate":  # the fraction itself: the % format shows it as 42.7%
        return c.cast(pl.Float64)
    if col.kind == "pp":
        return (c.cast(pl.Float64) * 100).round(2)
    if col.kind == "wan":
        return (c.cast(pl.Float64) / 1e4).round(2)
    if col.kind in ("yuan", "multiple"):
        return c.cast(pl.Float64).round(2)
    if col.kind == "by_kind":  # the row's unit: a count, a rate (fraction), money (万元)
        kind, value = pl.col("kind"), c.cast(pl.Float64)
        rate = (value * 100).round(2) if col.name in CHANGES else value  # a change: in points
        return (
            pl.when(kind == "money")
            .then((value / 1e4).round(2))
            .when(kind == "rate")
            .then(rate)
            .otherwise(value.round(0))
        )
    return c.cast(pl.String) if is_identifier(col.name) else c


def sheet(df: pl.DataFrame, cols: Sequence[Col], name: str, lang: Lang = "zh") -> Sheet:
    """One table as a sheet: the shown columns with their headers; text columns (labels, codes) as
    the CSV has them, number columns as numbers with their format."""
    shown = present(df, cols, lang)
    own = [
        c for c in cols if c.kind in _NUMBER_KINDS or c.kind == "by_kind" or is_identifier(c.name)
    ]
    values = df.select(_value(c).alias(header(c, lang)) for c in own)
    formats: dict[str, str | pl.Series] = {}
    for col in own:
        if col.kind in _NUMBER_KINDS:
            formats[header(col, lang)] = _NUMBER_KINDS[col.kind]
        elif col.kind == "by_kind":
            units = {**_BY_KIND, "rate": "pp_words"} if col.name in CHANGES else _BY_KIND
            kinds = df["kind"].replace_strict(units, default="number", return_dtype=pl.String)
            formats[header(col, lang)] = kinds
    columns = [values[header(c, lang)] if c in own else shown[header(c, lang)] for c in cols]
    return Sheet(name, pl.DataFrame(columns), formats)


def table_xlsx(
    df: pl.DataFrame, cols: Sequence[Col], name: str, cover: Cover | None = None
) -> bytes:
    """A workbook of one shown table (in Chinese), after a 说明 sheet if given."""
    return workbook_bytes(cover, [sheet(df, cols, name)])


def tables_xlsx(
    tables: Mapping[str, tuple[pl.DataFrame, Sequence[Col]]], cover: Cover | None = None
) -> bytes:
    """A workbook with one sheet per shown table, in order, after a 说明 sheet if given."""
    return workbook_bytes(cover, [sheet(df, cols, name) for name, (df, cols) in tables.items()])
