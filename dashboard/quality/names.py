"""Rejections and warnings in words: the column as the clerk's header, the rule by its name."""

from __future__ import annotations

import polars as pl

from dashboard.core.words import Lang
from schemas.messages import RULE_NAMES, rule_name
from schemas.tables import TABLES_BY_NAME


def column_label(file: str | None, column: str | None, lang: Lang = "zh") -> str:
    """An input column in words: its Chinese header (the first alias) in Chinese, its canonical name
    in English (the code itself when the column is unknown)."""
    if not column:
        return ""
    table = TABLES_BY_NAME.get((file or "").rsplit(".", 1)[0])
    match = next((c for c in table.columns if c.name == column), None) if table else None
    return match.aliases[0] if lang == "zh" and match and match.aliases else column


def with_column_labels(df: pl.DataFrame, lang: Lang = "zh") -> pl.DataFrame:
    """Add column_label to a frame of rejections or warnings (file, column)."""
    labels = [
        column_label(f, c, lang)
        for f, c in zip(df["file"].to_list(), df["column"].to_list(), strict=True)
    ]
    return df.with_columns(pl.Series("column_label", labels, dtype=pl.String))


def with_rule_labels(df: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """Add rule_label: the rule in words in the language (schemas.messages.RULE_NAMES), the code for
    a rule without a name."""
    names = {rule: rule_name(rule, lang) for rule in RULE_NAMES}
    label = pl.col("rule").replace_strict(names, default=pl.col("rule"), return_dtype=pl.String)
    return df.with_columns(label.alias("rule_label"))
