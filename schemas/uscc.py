"""Unified Social Credit Code (GB 32100-2015) check characters, vectorized over a polars column."""

from __future__ import annotations

import polars as pl

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {char: index for index, char in enumerate(ALPHABET)}
PATTERN = rf"^[0-9]{{8}}[{ALPHABET}]{{10}}$"  # authority, type and region are digits


def check_char(first17: str) -> str:
    """The check character for the first 17 characters of a code (scalar reference version)."""
    total = sum(_VALUE[char] * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def expected_check_char(code: pl.Expr) -> pl.Expr:
    """The check character a code should end with (null when a character is outside the alphabet)."""
    total = pl.sum_horizontal(
        code.str.slice(i, 1).replace_strict(_VALUE, default=None, return_dtype=pl.Int32) * w
        for i, w in enumerate(WEIGHTS)
    )
    has_bad_char = pl.any_horizontal(
        code.str.slice(i, 1).replace_strict(_VALUE, default=None, return_dtype=pl.Int32).is_null()
        for i in range(len(WEIGHTS))
    )
    index = (31 - total % 31) % 31
    char = index.replace_strict(dict(enumerate(ALPHABET)), default=None, return_dtype=pl.String)
    return pl.when(has_bad_char).then(None).otherwise(char)


def is_valid(code: pl.Expr) -> pl.Expr:
    """True when the code has 8 digits, 10 characters of the alphabet and the right check character."""
    return code.str.contains(PATTERN) & (
        code.str.slice(17, 1) == expected_check_char(code)
    ).fill_null(False)
