"""资金: who delivers purchased services and who evaluated them, as the page shows them (pure frames
from the queries' rows: order, words, shares; nothing read or drawn here)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

from dashboard.core.words import Lang, labels, t

BANDS = ("4a_5a", "1a_3a", "unrated")  # the strongest first
BUCKETS = ("1", "2", "3_5", "6_10", "11_plus")
WHO = ("third_party", "purchaser", "self", "unstated", "not_provided", "not_evaluated")
GRADES = ("excellent", "good", "pass", "fail", "none")
# the columns a figure needs ("table.column" as quality.file_columns says), any one of them enough
NEEDS = {
    "rating_band": ("organizations.rating",),
    "registration_mode": ("organizations.registration_mode", "organizations.supervising_unit"),
    "evaluation": ("projects.evaluation_grade", "projects.evaluator", "projects.evaluation_kind"),
    "evaluator": ("projects.evaluator", "projects.evaluation_kind"),
}


def lacks(figure: str, delivered: Sequence[str]) -> bool:
    """Whether a figure is not provided: none of the columns it needs was delivered."""
    return not set(NEEDS[figure]) & set(delivered)


def share(part: float | None, whole: float | None) -> float | None:
    """part / whole; empty when either is empty or the whole is 0."""
    return None if part is None or not whole else part / whole


def _words(by: str, lang: Lang) -> dict[str, str]:
    """Code -> words of one provider attribute."""
    if by == "rating_band":
        return {code: t(f"funding.band_{code}", lang) for code in BANDS}
    vocabulary = "org_type" if by == "org_type" else "registration_mode"
    return labels(vocabulary, lang)


def by_attribute(rows: pl.DataFrame, by: str, lang: Lang) -> pl.DataFrame:
    """Projects, money and providers by one attribute, in its order (then not given), with words and
    each row's share of the projects, the money and the providers."""
    words = _words(by, lang)
    order = {code: i for i, code in enumerate(words)}
    shown = rows.with_columns(
        label=pl.col("key").replace_strict(words, default=t("val.unknown", lang)),
        order=pl.col("key").replace_strict(order, default=len(order)),
    ).sort("order")
    return shown.drop("order").with_columns(
        project_share=pl.col("projects") / pl.col("projects").sum(),
        money_share=pl.col("contract_amount_yuan") / pl.col("contract_amount_yuan").sum(),
    )


def with_4a_share(rows: pl.DataFrame, rated: bool) -> pl.DataFrame:
    """A region's or a year's rows with the share of the money going to 4A+ providers (empty, "not
    provided", when the register gave no ratings: then the 4A+ columns are empty too)."""
    share_4a = pl.col("amount_4a_plus") / pl.col("contract_amount_yuan").replace(0, None)
    out = rows.with_columns(share_4a_plus=share_4a)
    if rated:
        return out
    blank = ("amount_4a_plus", "projects_4a_plus", "providers_4a_plus", "share_4a_plus")
    return out.with_columns(pl.lit(None).cast(out.schema[c]).alias(c) for c in blank if c in out)


def by_count(rows: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """Providers by the number of projects each started (1, 2, 3-5, 6-10, 11+), every bucket shown,
    with each bucket's share of the providers and of the money."""
    full = pl.DataFrame({"bucket": list(BUCKETS)}).join(rows, on="bucket", how="left")
    full = full.with_columns(pl.col("providers", "projects").fill_null(0),
                             pl.col("contract_amount_yuan").fill_null(0.0))  # fmt: skip
    return full.with_columns(
        label=pl.col("bucket").replace_strict({b: t(f"funding.bucket_{b}", lang) for b in BUCKETS}),
        provider_share=pl.col("providers") / pl.col("providers").sum(),
        money_share=pl.col("contract_amount_yuan") / pl.col("contract_amount_yuan").sum(),
    )


def _who(row: Mapping[str, object]) -> str:
    if row["is_evaluated"] is not True:
        return "not_evaluated"
    return str(row["evaluated_by"]) if row["evaluated_by"] is not None else "not_provided"


def evaluation(rows: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """Completed projects by who evaluated them (third party, purchaser, 自评 self, unstated, not
    provided, not evaluated): projects, share of the completed and of the evaluated, each grade."""
    counts: dict[str, dict[str, int]] = {w: dict.fromkeys(GRADES, 0) for w in WHO}
    for row in rows.to_dicts():
        counts[_who(row)][str(row["evaluation_grade"] or "none")] += int(row["projects"])
    completed = sum(sum(c.values()) for c in counts.values())
    evaluated = completed - sum(counts["not_evaluated"].values())
    out = []
    for who in WHO:
        n = sum(counts[who].values())
        if not n:
            continue
        out.append({"label": t(f"funding.who_{who}", lang), "who": who, "projects": n,
                    "completed_share": share(n, completed),
                    "evaluated_share": None if who == "not_evaluated" else share(n, evaluated),
                    **{f"grade_{g}": counts[who][g] for g in GRADES}})  # fmt: skip
    schema = {"label": pl.String, "who": pl.String, "projects": pl.Int64,
              "completed_share": pl.Float64, "evaluated_share": pl.Float64,
              **{f"grade_{g}": pl.Int64 for g in GRADES}}  # fmt: skip
    return pl.DataFrame(out, schema=schema, orient="row")


def evaluation_facts(table: pl.DataFrame) -> dict[str, float | int | None]:
    """The cards: completed projects, the share evaluated, and the shares of the evaluated ones a third
    party and the providers themselves evaluated."""
    n = dict(zip(table["who"].to_list(), table["projects"].to_list(), strict=True))
    completed = sum(n.values())
    evaluated = completed - n.get("not_evaluated", 0)
    return {
        "completed": completed,
        "evaluated_share": share(evaluated, completed),
        "third_party_share": share(n.get("third_party", 0), evaluated),
        "self_share": share(n.get("self", 0), evaluated),
    }
