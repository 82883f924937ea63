"""Build each file's fault rows from typed rows (typed mistakes) and rendered text (typos)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl

from pipeline.sample.clerk_text import blank_to_null
from pipeline.sample.faults import FAULT_KINDS, bad_dates, per_kind, text_fault

SPARE_KINDS = ("unknown_org", "unknown_provider", "unknown_recipient")
Typed = Callable[[str, pl.DataFrame], pl.DataFrame]
Render = Callable[[pl.DataFrame], pl.DataFrame]


def _back(
    rows: pl.DataFrame, source: str, target: str, low: int, high: int, rng: np.random.Generator
) -> pl.DataFrame:
    """Set `target` a random number of days before `source`."""
    days = rows[source].to_numpy() - rng.integers(low, high, rows.height)
    return rows.with_columns(pl.Series(target, days))


def fault_rows(
    file: str,
    typed: pl.DataFrame,
    rng: np.random.Generator,
    *,
    mistake: Typed,
    render: Render,
    ctx: dict[str, object],
    fresh: pl.DataFrame | None = None,
    fresh_ids: Callable[[pl.DataFrame], pl.DataFrame] | None = None,
) -> tuple[pl.DataFrame, list[str], np.ndarray]:
    """k rows per fault kind: duplicates copy clean rows; other kinds start from `fresh` rows
    (never-written organizations) or from clean rows given new ids by `fresh_ids`."""
    k = per_kind(file, typed.height)
    frames, kinds, after = [], [], []
    used = 0
    spares = list(ctx.get("spare_uscc", []))  # type: ignore[call-overload]
    for kind in FAULT_KINDS[file]:
        if kind.startswith("duplicate") or fresh is None:
            idx = np.sort(rng.choice(typed.height, size=min(k, typed.height), replace=False))
            base = typed[idx]
            if not kind.startswith("duplicate") and fresh_ids is not None:
                base = fresh_ids(base)
            after.append(idx if kind.startswith("duplicate") else np.full(len(idx), -1))
        else:
            base = fresh[used : used + k]
            used += k
            after.append(np.full(base.height, -1))
        text = render(mistake(kind, base))
        local = dict(ctx, spare_uscc=pl.Series(spares[: text.height], dtype=pl.String))
        if kind in SPARE_KINDS:
            spares = spares[text.height :]
        frames.append(text_fault(kind, text, rng, local))
        kinds += [kind] * text.height
    return blank_to_null(pl.concat(frames)), kinds, np.concatenate(after)


def org_mistake(rng: np.random.Generator) -> Typed:
    """Typed mistakes in organizations: dates and status that contradict each other."""

    def apply(kind: str, rows: pl.DataFrame) -> pl.DataFrame:
        if kind == "future_registration":
            return rows.with_columns(
                pl.col("registered_on") + 45 * 365, deregistered_on=-1, status=pl.lit("active")
            )
        if kind == "deregistered_without_date":
            return rows.with_columns(deregistered_on=-1, status=pl.lit("deregistered"))
        if kind == "deregistered_before_registered":
            rows = rows.with_columns(status=pl.lit("deregistered"))
            return _back(rows, "registered_on", "deregistered_on", 30, 900, rng)
        return rows

    return apply


def link_mistake(rng: np.random.Generator) -> Typed:
    """Typed mistakes in links: an end before the start."""

    def apply(kind: str, rows: pl.DataFrame) -> pl.DataFrame:
        if kind == "ended_before_linked":
            return _back(rows, "linked_on", "ended_on", 1, 400, rng)
        return rows

    return apply


def project_mistake(rng: np.random.Generator) -> Typed:
    """Typed mistakes in projects: a negative amount, an end before the start."""

    def apply(kind: str, rows: pl.DataFrame) -> pl.DataFrame:
        if kind == "negative_amount":
            return rows.with_columns(-pl.col("contract_cents"))
        if kind == "end_before_start":
            return _back(rows, "start_on", "end_on", 1, 200, rng)
        return rows

    return apply


def funding_mistake(kind: str, rows: pl.DataFrame) -> pl.DataFrame:
    """Typed mistakes in funding: zero and negative amounts."""
    if kind == "zero_amount":
        return rows.with_columns(cents=0)
    if kind == "negative_amount":
        return rows.with_columns(-pl.col("cents"))
    return rows


def hub_faults(
    hubs: pl.DataFrame, rng: np.random.Generator
) -> tuple[pl.DataFrame, list[str], np.ndarray]:
    """One row of each hub fault kind (hubs are few); dates stay day numbers for Excel."""
    idx = np.sort(rng.choice(hubs.height, size=4, replace=False))
    base = hubs[idx].with_columns(pl.lit(None, dtype=pl.String).alias("recognized_text"))
    fresh = base["hub_id"].str.slice(0, 9) + pl.Series([f"9{j:02d}" for j in range(1, 5)])
    rows = [
        base[0:1],
        base[1:2].with_columns(hub_id=fresh[1:2], hub_type=pl.lit("文联")),
        base[2:3].with_columns(hub_id=fresh[2:3], recognized_text=pl.lit(bad_dates(rng, 1)[0])),
        base[3:4].with_columns(
            hub_id=fresh[3:4], revoked_on=pl.col("recognized_on") - int(rng.integers(30, 400))
        ),
    ]
    kinds = list(FAULT_KINDS["hubs.xlsx"])
    return pl.concat(rows), kinds, np.array([idx[0], -1, -1, -1])


def unknown_code(codes: list[str], known: set[str]) -> str:
    """A plausible county code that no GB/T 2260 edition has."""
    for code in sorted(codes):
        candidate = code[:4] + "99"
        if candidate not in known:
            return candidate
    return "119901"
