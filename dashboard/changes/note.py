"""The revision note between two releases, from dashboard/changes/compare.py's summaries: pure computations.

A count's change is the sum of its reasons' parts. A rate r = L / A (coverage, mass-organization
share) changes by r1 - r0 = sum over reasons of (dL - r0 * dA) / A1, where dL and dA are the
reason's parts of the numerator's and the denominator's change: exact, so the parts add up."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from dashboard.changes.compare import REASONS, unit_of
from dashboard.core.headline import HEADLINE
from dashboard.core.numbers import fmt_delta, fmt_int, fmt_value
from dashboard.core.words import Lang, t

# headline column -> (unit, the column of that unit's summary holding its parts)
PARTS: dict[str, tuple[str, str]] = {
    "hubs_city": ("hubs", "d_city"),
    "hubs_district": ("hubs", "d_district"),
    "hubs_street": ("hubs", "d_street"),
    "hubs_total": ("hubs", "d_total"),
    "active_orgs": ("orgs", "d_active"),
    "linked_orgs": ("orgs", "d_linked"),
    "coverage_rate": ("orgs", "d_coverage"),
    "mass_org_linked_orgs": ("orgs", "d_mass"),
    "mass_org_share": ("orgs", "d_mass_share"),
    "funding_amount_yuan": ("funding", "d_amount"),
    "projects_started": ("projects", "d_count"),
    "contract_amount_yuan": ("projects", "d_amount"),
}
_ORDER = {reason: i for i, reason in enumerate(REASONS)}
Summary = Mapping[str, pl.DataFrame]


def sides(summary: Summary) -> tuple[dict[str, object] | None, dict[str, object] | None]:
    """The headline row of the year-end in the older and in the newer release (None when absent)."""
    rows = {r["side"]: r for r in summary["headline"].iter_rows(named=True)}
    return rows.get("old"), rows.get("new")


def _rate_part(
    d_num: str, num: str, old: Mapping[str, object], new: Mapping[str, object]
) -> pl.Expr:
    a0, a1, n0 = old["active_orgs"], new["active_orgs"], old[num]
    if not a0 or not a1:  # a rate with no denominator is empty: nothing to decompose
        return pl.lit(None, dtype=pl.Float64)
    r0 = float(n0) / float(a0)  # type: ignore[arg-type]
    return (pl.col(d_num) - r0 * pl.col("d_active")) / float(a1)  # type: ignore[arg-type]


def org_parts(summary: Summary) -> pl.DataFrame:
    """The organizations' reasons with their parts of the coverage rate and mass-organization share."""
    old, new = sides(summary)
    orgs = summary["orgs"]
    if old is None or new is None:
        nothing = pl.lit(None, dtype=pl.Float64)
        return orgs.with_columns(d_coverage=nothing, d_mass_share=nothing)
    return orgs.with_columns(
        d_coverage=_rate_part("d_linked", "linked_orgs", old, new),
        d_mass_share=_rate_part("d_mass", "mass_org_linked_orgs", old, new),
    )


def _ordered(df: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    order = pl.col("reason").replace_strict(_ORDER, default=len(_ORDER), return_dtype=pl.Int64)
    return labelled(df, "reason", "chg.reason.", lang).with_columns(order=order).sort("order")


def units(summary: Summary, unit: str, lang: Lang) -> pl.DataFrame:
    """One unit's reasons in catalogue order, labelled, with a total row (reason `total`)."""
    df = org_parts(summary) if unit == "orgs" else summary[unit]
    if df.is_empty():
        return _ordered(df, lang)
    numbers = [c for c in df.columns if c != "reason"]
    total = df.select(pl.lit("total").alias("reason"), *[pl.col(c).sum() for c in numbers])
    if unit == "orgs" and df["d_coverage"].null_count():
        total = total.with_columns(d_coverage=None, d_mass_share=None)
    return pl.concat([_ordered(df, lang), _ordered(total, lang)], how="diagonal_relaxed")


def labelled(df: pl.DataFrame, column: str, prefix: str, lang: Lang) -> pl.DataFrame:
    """Add `<column>_label`: the catalogue label of each code (`prefix` + code), without a UDF."""
    codes = df[column].unique().drop_nulls().to_list()
    labels = {c: t(f"{prefix}{c}", lang) for c in codes}
    if not labels:
        return df.with_columns(pl.col(column).alias(f"{column}_label"))
    return df.with_columns(
        pl.col(column).replace_strict(labels, default=pl.col(column)).alias(f"{column}_label")
    )


def figure_table(summary: Summary) -> pl.DataFrame:
    """Every headline figure of the year-end: old and new value and the change."""
    old, new = sides(summary)
    rows = []
    for key, column, kind in HEADLINE:
        o = None if old is None else old[column]
        n = None if new is None else new[column]
        o, n = (None if v is None else float(v) for v in (o, n))  # type: ignore[arg-type]
        rows.append(
            {
                "figure": column,
                "figure_key": key,
                "kind": kind,
                "old": o,
                "new": n,
                "increase": None if o is None or n is None else n - o,
            }
        )
    schema = {"figure": pl.String, "figure_key": pl.String, "kind": pl.String}
    schema |= {"old": pl.Float64, "new": pl.Float64, "increase": pl.Float64}
    return pl.DataFrame(rows, schema=schema)


def parts(summary: Summary, column: str) -> list[tuple[str, int, float]]:
    """(reason, units, part) of one headline figure's change, non-zero parts only, in catalogue order."""
    unit, part = PARTS[column]
    df = org_parts(summary) if unit == "orgs" else summary[unit]
    found = [
        (r["reason"], int(r["units"]), float(r[part]))
        for r in df.iter_rows(named=True)
        if r[part] is not None and r[part] != 0
    ]
    return sorted(found, key=lambda p: _ORDER.get(p[0], len(_ORDER)))


def unit_count(reason: str, n: int, lang: Lang) -> str:
    """A reason's count in its unit: 2 家, 1 笔."""
    return t(f"chg.unit.{unit_of(reason)}", lang, n=fmt_int(n))


def _delta(kind: str, value: float, lang: Lang) -> str:
    text = fmt_delta(kind, value, lang)
    return "−" + text[1:] if text.startswith("-") else text


def note(summary: Summary, lang: Lang) -> list[str]:
    """The revision note: one markdown line per figure that moved, with the reasons behind it."""
    lines = []
    for row in figure_table(summary).iter_rows(named=True):
        change, kind = row["increase"], row["kind"]
        if change is None or abs(change) < 1e-12:
            continue
        found = parts(summary, row["figure"])
        why = t("caption.list_sep", lang).join(
            t("chg.part", lang, reason=t(f"chg.reason.{r}", lang), units=unit_count(r, n, lang),
              value=_delta(kind, v, lang))
            for r, n, v in found
        )  # fmt: skip
        lines.append(
            t(
                "chg.line" if why else "chg.line_bare",
                lang,
                figure=t(row["figure_key"], lang),
                old=fmt_value(kind, row["old"], lang),
                new=fmt_value(kind, row["new"], lang),
                delta=_delta(kind, change, lang),
                parts=why,
            )
        )
    return lines


def reasons_found(summary: Summary) -> list[tuple[str, int]]:
    """(reason, units) of every reason with units, across the four units, in catalogue order."""
    found = [
        (r["reason"], int(r["units"]))
        for unit in ("orgs", "hubs", "funding", "projects")
        for r in summary[unit].iter_rows(named=True)
    ]
    return sorted(found, key=lambda p: _ORDER.get(p[0], len(_ORDER)))


def changed_districts(summary: Summary) -> pl.DataFrame:
    """The districts whose active or linked organizations changed, largest fall in coverage first."""
    df = summary["districts"]
    return df.filter((pl.col("active_delta") != 0) | (pl.col("linked_delta") != 0))


def sentence(summary: Summary, run_id: str, finished: str, year: int, lang: Lang) -> str:
    """The overview's one sentence: what changed since the previous release at the year-end."""
    old, new = sides(summary)
    if old is None or new is None:
        return t("chg.sentence_no_year", lang, run=run_id, finished=finished, year=year)
    count = dict(summary["orgs"].select("reason", "units").rows())  # needs orgs and headline only
    table = figure_table(summary).filter(pl.col("figure") == "coverage_rate")
    rate = table["increase"][0]
    linked = float(new["linked_orgs"]) - float(old["linked_orgs"])  # type: ignore[arg-type]
    flat = t("chg.flat", lang)
    return t(
        "chg.sentence",
        lang,
        run=run_id,
        finished=finished,
        year=year,
        added=fmt_int(count.get("org_added", 0)),
        removed=fmt_int(count.get("org_removed", 0)),
        deregistered=fmt_int(count.get("deregistered", 0)),
        linked=t("chg.orgs_delta", lang, x=_delta("count", linked, lang)) if linked else flat,
        rate=flat if rate == 0 else t("chg.rate_delta", lang, x=_delta("rate", rate, lang)),
    )
