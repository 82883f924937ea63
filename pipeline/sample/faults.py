"""Deliberate clerk's faults mixed into the synthetic files, so the rejection report shows them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import polars as pl

from pipeline.sample.credit_codes import corrupt_check, with_type_chars

FAULT_RATE = 0.004  # share of rows per file, split evenly over the file's fault kinds
FAULT_KINDS: dict[str, tuple[str, ...]] = {
    "organizations.csv": (
        "bad_check_char",
        "type_char_mismatch",
        "missing_name",
        "unknown_district",
        "future_registration",
        "deregistered_without_date",
        "deregistered_before_registered",
        "duplicate_uscc",
        "unknown_label",
        "unparseable_date",
    ),
    "hubs.xlsx": (
        "duplicate_hub_id",
        "unknown_label",
        "unparseable_date",
        "revoked_before_recognized",
    ),
    "hub_links.csv": (
        "unknown_org",
        "unknown_hub",
        "ended_before_linked",
        "unknown_label",
        "unparseable_date",
        "missing_date",
    ),
    "projects.csv": (
        "duplicate_project_id",
        "negative_amount",
        "unknown_label",
        "unparseable_date",
        "end_before_start",
        "missing_name",
        "unknown_provider",
        "unknown_purchaser_hub",
    ),
    "funding.csv": (
        "duplicate_funding_id",
        "zero_amount",
        "negative_amount",
        "unknown_label",
        "unparseable_date",
        "missing_date",
        "unknown_recipient",
        "unknown_project",
        "unknown_district",
    ),
}
BAD_DATES = ("{y}-02-30", "{y}年13月{d}日", "二〇{yy}年五月", "{y}/0/{d}")
BAD_LABELS = {
    "org_type": "社团",
    "status": "停业",
    "service_domain": "旅游",
    "registration_level": "省级",
    "rating": "6A",
    "relation": "指导",
    "category": "养老助残",
    "source": "专项资金",
    "hub_type": "文联",
}


@dataclass(frozen=True)
class Fault:
    """One injected fault: the file, its line there (header = line 1) and its kind."""

    file: str
    line: int
    kind: str


def per_kind(file: str, rows: int) -> int:
    """How many rows of each fault kind a file of `rows` clean rows gets (at least one)."""
    return max(1, round(FAULT_RATE * rows / len(FAULT_KINDS[file])))


def bad_dates(rng: np.random.Generator, n: int) -> list[str]:
    """Dates no parser should accept."""
    years = rng.integers(2003, 2016, n)
    forms = rng.integers(0, len(BAD_DATES), n)
    return [
        BAD_DATES[f].format(
            y=y,
            d=int(d),
            yy=str(y)[2:].translate(str.maketrans("0123456789", "〇一二三四五六七八九")),
        )
        for f, y, d in zip(forms, years, rng.integers(1, 29, n), strict=True)
    ]


def wrong_type_char(uscc: pl.Series, rng: np.random.Generator) -> pl.Series:
    """Codes whose type character names another organization type (check still valid)."""
    current = uscc.str.slice(1, 1).cast(pl.Int64).to_numpy()
    shifted = (current - 1 + rng.integers(1, 3, len(current))) % 3 + 1
    return with_type_chars(uscc, shifted).alias(uscc.name)


def override(frame: pl.DataFrame, column: str, values: object) -> pl.DataFrame:
    """The same rows with one column replaced (a scalar, a list or a Series)."""
    if isinstance(values, pl.Series):
        series = values.alias(column)
    elif isinstance(values, list):
        series = pl.Series(column, values, dtype=pl.String)
    else:
        series = pl.Series(column, [values] * frame.height, dtype=pl.String)
    return frame.with_columns(series.cast(pl.String))


def text_fault(
    kind: str, rows: pl.DataFrame, rng: np.random.Generator, ctx: dict[str, object]
) -> pl.DataFrame:
    """Faults made in the text of a rendered row (the others are made in typed rows)."""
    n = rows.height
    makers: dict[str, Callable[[], pl.DataFrame]] = {
        "bad_check_char": lambda: override(rows, "uscc", corrupt_check(rows["uscc"])),
        "type_char_mismatch": lambda: override(rows, "uscc", wrong_type_char(rows["uscc"], rng)),
        "missing_name": lambda: override(rows, "name", None),
        "unknown_district": lambda: override(rows, "district_code", ctx["unknown_code"]),
        "unknown_org": lambda: override(rows, "uscc", ctx["spare_uscc"]),
        "unknown_provider": lambda: override(rows, "provider_uscc", ctx["spare_uscc"]),
        "unknown_recipient": lambda: override(rows, "recipient_uscc", ctx["spare_uscc"]),
        "unknown_hub": lambda: override(rows, "hub_id", rows["hub_id"].str.slice(0, 9) + "987"),
        "unknown_purchaser_hub": lambda: override(rows, "purchaser_hub_id", ctx["fake_hub"]),
        "unknown_project": lambda: override(rows, "project_id", ctx["fake_project"]),
        "missing_date": lambda: override(rows, str(ctx["date_column"]), None),
        "unparseable_date": lambda: override(rows, str(ctx["date_column"]), bad_dates(rng, n)),
        "unknown_label": lambda: _unknown_label(rows, rng, ctx),
    }
    maker = makers.get(kind)
    return maker() if maker else rows


def _unknown_label(
    rows: pl.DataFrame, rng: np.random.Generator, ctx: dict[str, object]
) -> pl.DataFrame:
    columns = [c for c in ctx["label_columns"] if c in rows.columns]  # type: ignore[attr-defined]
    pick = rng.integers(0, len(columns), rows.height)
    return rows.with_columns(
        pl.when(pl.Series(pick == i)).then(pl.lit(BAD_LABELS[c])).otherwise(pl.col(c)).alias(c)
        for i, c in enumerate(columns)
    )


def insert(
    clean: pl.DataFrame,
    faults: pl.DataFrame,
    kinds: list[str],
    after: np.ndarray,
    rng: np.random.Generator,
    file: str,
) -> tuple[pl.DataFrame, list[Fault]]:
    """Put fault rows among the clean rows (each after row `after`, at a random later place);
    return the file's rows and where each fault landed."""
    n = clean.height
    slot = after + 1 + (rng.random(len(after)) * (n - after - 1).clip(0)).astype(np.int64)
    keys = np.concatenate([np.arange(n) * 2, slot * 2 + 1])
    tags = np.concatenate([np.full(n, ""), np.array(kinds, dtype=object)])
    order = np.argsort(keys, kind="stable")
    rows = pl.concat([clean, faults.select(clean.columns)])[order]
    placed = np.flatnonzero(order >= n)
    lines = [Fault(file, int(i) + 2, str(tags[order[i]])) for i in placed]
    return rows, lines
