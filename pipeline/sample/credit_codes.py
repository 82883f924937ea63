"""Vectorized Unified Social Credit Codes (GB 32100-2015) for civil-affairs registrations."""

from __future__ import annotations

import numpy as np
import polars as pl

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = np.array([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28])
_ORG_WEIGHTS = np.array([3, 7, 9, 10, 5, 8, 4, 2])  # GB 11714 organization code
_MJ = (22, 19)  # GB 11714 values of the letters M and J (A=10 .. Z=35)


def _digits(values: np.ndarray, width: int) -> np.ndarray:
    """The decimal digits of non-negative integers as an (n, width) array."""
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    return (values[:, None] // powers) % 10


def unique_numbers(rng: np.random.Generator, n: int, low: int, high: int) -> np.ndarray:
    """n distinct random integers in [low, high), in random order."""
    stride = (high - low) // max(n, 1)
    if stride < 1:
        raise ValueError(f"cannot draw {n} distinct numbers from [{low}, {high})")
    values = low + np.arange(n, dtype=np.int64) * stride + rng.integers(0, stride, n)
    return rng.permutation(values)


def org_codes(rng: np.random.Generator, is_new: np.ndarray) -> np.ndarray:
    """9-character organization codes as GB 32100 alphabet indices, shape (n, 9).

    Organizations registered before the USCC reform keep an old 8-digit code; newer ones get
    'MJ' and 6 digits. Either way the ninth character is the GB 11714 check (X for 10).
    """
    n = len(is_new)
    body = _digits(unique_numbers(rng, n, 50_000_000, 99_999_999), 8)
    body[is_new, 2:] = _digits(unique_numbers(rng, int(is_new.sum()), 0, 999_999), 6)
    gb_values = body.copy()
    gb_values[is_new, 0], gb_values[is_new, 1] = _MJ
    check = 11 - (gb_values * _ORG_WEIGHTS).sum(axis=1) % 11
    check_index = np.where(check == 10, ALPHABET.index("X"), np.where(check == 11, 0, check))
    alpha = gb_values.copy()  # alphabet positions: digits are themselves, M and J are letters
    alpha[is_new, 0] = ALPHABET.index("M")
    alpha[is_new, 1] = ALPHABET.index("J")
    return np.column_stack([alpha, check_index])


def check_chars(first17: np.ndarray) -> np.ndarray:
    """GB 32100 check character index for each row of 17 alphabet indices."""
    total = (first17 * _USCC_WEIGHTS).sum(axis=1)
    return (31 - total % 31) % 31


def usccs(type_chars: np.ndarray, regions: np.ndarray, codes: np.ndarray) -> pl.Series:
    """Assemble USCCs: '5', the type character, the 6-digit region, the org code, the check."""
    n = len(type_chars)
    first17 = np.column_stack([np.full(n, 5), type_chars, _digits(regions, 6), codes])
    full = np.column_stack([first17, check_chars(first17)])
    return as_text(full)


def as_text(indices: np.ndarray) -> pl.Series:
    """Rows of alphabet indices as strings."""
    letters = np.frombuffer(ALPHABET.encode("ascii"), dtype=np.uint8)
    raw = letters[indices].astype(np.uint8)
    width = indices.shape[1]
    text = raw.view(f"S{width}").ravel()
    return pl.Series("uscc", text.astype(str))


def _indices(text: pl.Series) -> np.ndarray:
    raw = np.frombuffer("".join(text.to_list()).encode("ascii"), dtype=np.uint8).reshape(-1, 18)
    lookup = np.zeros(128, dtype=np.int64)
    lookup[np.frombuffer(ALPHABET.encode("ascii"), dtype=np.uint8)] = np.arange(len(ALPHABET))
    return lookup[raw]


def corrupt_check(text: pl.Series) -> pl.Series:
    """The same codes with a wrong (but well-formed) check character."""
    indices = _indices(text)
    indices[:, 17] = (indices[:, 17] + 1 + indices[:, 16] % 29) % 31
    return as_text(indices)


def with_type_chars(text: pl.Series, type_chars: np.ndarray) -> pl.Series:
    """The same codes with other type characters (as digits) and recomputed valid checks."""
    indices = _indices(text)
    indices[:, 1] = type_chars
    indices[:, 17] = check_chars(indices[:, :17])
    return as_text(indices)
