"""Codes and catalogue keys as words, as polars expressions: `replace` with a table built once per
(vocabulary, language), never a Python callback. A callback runs on the polars thread pool and needs
the GIL there, while another session's `to_pandas()` holds the GIL waiting for that pool: the whole
server hangs (STACK_NOTES, issue 7)."""

from __future__ import annotations

from functools import cache

import polars as pl

from dashboard.core.words import Lang, catalogue, labels, t

Table = tuple[
    tuple[str, ...], tuple[str, ...]
]  # (codes, words): immutable, shared by every session


@cache
def vocab_table(vocabulary: str, lang: Lang) -> Table:
    """Code -> label of one vocabulary of schemas/vocab.py, built once per process."""
    mapping = labels(vocabulary, lang)
    return tuple(mapping), tuple(mapping.values())


@cache
def catalogue_table(lang: Lang) -> Table:
    """Catalogue key -> text (dashboard/core/words.py), built once per process."""
    mapping = catalogue(lang)
    return tuple(mapping), tuple(mapping.values())


def _as_expr(column: str | pl.Expr) -> pl.Expr:
    return (pl.col(column) if isinstance(column, str) else column).cast(pl.String)


def vocab(column: str | pl.Expr, vocabulary: str, lang: Lang) -> pl.Expr:
    """A column of codes as their labels; an unknown code stays as it is, a missing one stays missing."""
    codes, words = vocab_table(vocabulary, lang)
    return _as_expr(column).replace(codes, words)


def keys(column: str | pl.Expr, lang: Lang) -> pl.Expr:
    """A column of catalogue keys (e.g. val.rejected) as their text; an unknown key stays as it is."""
    names, words = catalogue_table(lang)
    return _as_expr(column).replace(names, words)


def code_list(column: str | pl.Expr, vocabulary: str, lang: Lang) -> pl.Expr:
    """A column of comma-separated codes (e.g. union,women) as labels joined by the list separator."""
    codes, words = vocab_table(vocabulary, lang)
    parts = _as_expr(column).str.split(",")
    return parts.list.eval(pl.element().replace(codes, words)).list.join(
        t("caption.list_sep", lang)
    )
