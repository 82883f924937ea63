"""Find the region a text names (an address, a bureau's region), vectorized over all rows at once.

cpca's rules on polars expressions: every region's name and short name is searched (Aho-Corasick
inside polars, the longest at each place), from larger to smaller: a name counts only inside the
regions named before it, and the search stops at the first county-level unit. Where cpca takes the
first of several namesakes (朝阳区 of 北京 or of 长春), a name is read inside the row's context
region; several left is `ambiguous`, with the candidates. (cpca-new runs 26 µs an address in
Python, 26 s a million; this 1-2 s. tests/unit/test_places.py compares both.)
"""

from __future__ import annotations

import polars as pl

from schemas.places import place_names, tokens_longest_first
from schemas.regions import region_table

MAX_NAMES = 8  # names read per text (an address names a province, prefecture, county at most)
ROW = "__row"
RESULT_SCHEMA = {
    ROW: pl.UInt32,
    "place_code": pl.String,
    "place_rank": pl.Int8,
    "ambiguous_name": pl.String,
    "candidates": pl.List(pl.String),
}


def context_columns(code: pl.Expr) -> list[pl.Expr]:
    """ctx_code, ctx_prefecture, ctx_province of a region code (for reading namesakes)."""
    table = region_table()
    prefecture = dict(zip(table["region_code"], table["prefecture_code"], strict=True))
    province = dict(zip(table["region_code"], table["province_code"], strict=True))
    return [
        code.alias("ctx_code"),
        code.replace_strict(prefecture, default=None, return_dtype=pl.String).alias(
            "ctx_prefecture"
        ),
        code.replace_strict(province, default=None, return_dtype=pl.String).alias("ctx_province"),
    ]


def _within_context() -> pl.Expr:
    return (
        (pl.col("region_code") == pl.col("ctx_code"))
        | (pl.col("prefecture_code") == pl.col("ctx_prefecture"))
        | (pl.col("ctx_prefecture").is_null() & (pl.col("province_code") == pl.col("ctx_province")))
        | (pl.col("region_code") == pl.col("ctx_prefecture"))
        | (pl.col("region_code") == pl.col("ctx_province"))
    ).fill_null(False)


def _inside_chosen() -> pl.Expr:
    chosen = pl.col("place_code")
    return chosen.is_null() | (
        (pl.col("rank") > pl.col("place_rank"))
        & (
            ((pl.col("place_rank") == 0) & (pl.col("province_code") == chosen))
            | ((pl.col("place_rank") == 1) & (pl.col("prefecture_code") == chosen))
        )
    ).fill_null(False)


def find_places(texts: pl.DataFrame, text: str, context: str | None = None) -> pl.DataFrame:
    """Per row of `texts` (a row id column ROW, the text, optionally a context region code): the
    most specific region it names (place_code, place_rank 0 province, 1 prefecture, 2 county), or
    the name that could not be told apart and its candidates. Rows naming nothing get nulls."""
    ctx = pl.col(context) if context else pl.lit(None, pl.String)
    found = texts.select(
        ROW,
        *context_columns(ctx),
        pl.col(text)
        .str.extract_many(tokens_longest_first(), overlapping=False, leftmost=True)
        .alias("token"),
    )
    names = (
        found.explode("token")
        .drop_nulls("token")
        .with_columns(pl.int_range(pl.len()).over(ROW).alias("position"))
        .join(place_names(), on="token")
    )
    state = texts.select(ROW).with_columns(
        pl.lit(None, pl.String).alias("place_code"),
        pl.lit(None, pl.Int8).alias("place_rank"),
        pl.lit(None, pl.String).alias("ambiguous_name"),
        pl.lit(None, pl.List(pl.String)).alias("candidates"),
    )
    for position in range(MAX_NAMES):
        step = names.filter(pl.col("position") == position)
        if step.is_empty():
            break
        state = _read_one(state, step)
    return state.cast(RESULT_SCHEMA)  # type: ignore[arg-type]


def _read_one(state: pl.DataFrame, step: pl.DataFrame) -> pl.DataFrame:
    """Read the next name of every row still open: keep the candidates inside what was chosen,
    then, of several, those inside the context; one left is chosen, several is ambiguous."""
    open_rows = state.filter(
        pl.col("ambiguous_name").is_null() & pl.col("place_rank").fill_null(-1).ne(2)
    )
    fitting = step.join(open_rows.select(ROW, "place_code", "place_rank"), on=ROW).filter(
        _inside_chosen()
    )
    fitting = fitting.with_columns(
        pl.len().over(ROW).alias("fits"), _within_context().alias("in_context")
    ).with_columns(pl.col("in_context").sum().over(ROW).alias("in_context_n"))
    chosen = fitting.filter(
        (pl.col("fits") == 1) | (pl.col("in_context") & (pl.col("in_context_n") == 1))
    )
    unclear = fitting.filter((pl.col("fits") > 1) & (pl.col("in_context_n") != 1))
    picked = chosen.select(
        ROW, pl.col("region_code").alias("new_code"), pl.col("rank").alias("new_rank")
    )
    doubts = unclear.group_by(ROW).agg(
        pl.col("token").first().alias("new_ambiguous"),
        pl.col("region_code").sort().alias("new_candidates"),
    )
    return (
        state.join(picked, on=ROW, how="left")
        .join(doubts, on=ROW, how="left")
        .select(
            ROW,
            pl.coalesce("new_code", "place_code").alias("place_code"),
            pl.coalesce("new_rank", "place_rank").alias("place_rank"),
            pl.coalesce("ambiguous_name", "new_ambiguous").alias("ambiguous_name"),
            pl.coalesce("candidates", "new_candidates").alias("candidates"),
        )
    )
