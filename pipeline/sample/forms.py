"""Synthetic union and party-organization forms (工会/党组织建立方式) and project evaluators (评估机构,
评估方式), drawn from streams of their own so the rest of the register stays as it was."""

from __future__ import annotations

import numpy as np
import polars as pl

from schemas import vocab

# Third-party evaluators a purchaser hires (invented names).
EVALUATORS = (
    "首都社会组织评估中心",
    "京华社会工作评估事务所",
    "恒信公益项目评估中心",
    "北方社会服务评估研究院",
    "明德第三方评估中心",
)


def _form(
    rng: np.random.Generator, has: np.ndarray, dual: np.ndarray, relies: np.ndarray
) -> np.ndarray:
    """A form code ("" when none is given): with the flag, mostly its own or a joint one, else
    (under a supervising unit) the unit's; without it, the unit's for a share `relies` of the
    dual-managed (the Chongqing report: most social groups rely on the supervising unit's union)."""
    u = rng.random(len(has))
    with_flag = np.where(
        u < 0.4,
        "own",
        np.where(u < 0.6, "joint", np.where(dual & (u < 0.92), "via_supervisor", "")),
    )
    without = np.where(dual & (u < relies), "via_supervisor", "")
    return np.where(has, with_flag, without)


def with_forms(orgs: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    """The organizations with union_form and party_org_form codes ("" when not given)."""
    dual = orgs["registration_mode"].to_numpy() == "dual"
    group = orgs["org_type"].to_numpy() == "social_group"
    union = _form(rng, orgs["has_union"].to_numpy(), dual, np.where(group, 0.6, 0.25))
    party = _form(rng, orgs["has_party_org"].to_numpy(), dual, np.where(group, 0.3, 0.1))
    return orgs.with_columns(union_form=pl.Series(union), party_org_form=pl.Series(party))


def with_evaluators(
    projects: pl.DataFrame, orgs: pl.DataFrame, rng: np.random.Generator
) -> pl.DataFrame:
    """The projects with who evaluated them: a graded project by a third party, the provider itself
    (自评) or the purchaser; the kind left empty for some (then the evaluator's name says it), the
    evaluator for others. Ungraded projects name no evaluator."""
    n = projects.height
    graded = projects["evaluation_grade"].to_numpy() != ""
    u, given = rng.random(n), rng.random(n)
    kind = np.where(u < 0.4, "third_party", np.where(u < 0.75, "self", "purchaser"))
    agency = pl.Series(EVALUATORS).gather(rng.integers(0, len(EVALUATORS), n))
    provider = orgs["name"].gather(projects["provider"])
    named = pl.select(
        pl.when(pl.Series(kind) == "self")
        .then(provider)
        .when(pl.Series(kind) == "purchaser")
        .then(projects["purchaser_name"])
        .otherwise(agency)
    ).to_series()
    show_kind = graded & (given < 0.8)
    show_name = graded & ((given >= 0.65) | ~show_kind)  # every graded project says who, one way
    return projects.with_columns(
        evaluation_kind=pl.Series(np.where(show_kind, kind, "")),
        evaluator=pl.select(pl.when(pl.Series(show_name)).then(named)).to_series(),
    )


def labels(codes: pl.Series, terms: tuple[vocab.Term, ...]) -> pl.Series:
    """Codes as the Chinese labels a clerk writes (empty stays empty)."""
    return codes.replace_strict({t.code: t.zh for t in terms}, default=None)
