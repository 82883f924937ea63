"""社会组织概况: union and party coverage counted all ways (the Chongqing report's 有形覆盖 formal and
有效覆盖 effective, and each form), from the profile's cells; each way says which it is."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

from dashboard.core.numbers import fmt_rate
from dashboard.core.words import Lang, t
from dashboard.profile.tables import FLOAT, INT, TEXT, lacks, share, total

# the rows of the table, in the page's order: the flag as delivered, formal, its forms, effective
WAYS = ("flag", "formal", "own", "joint", "via_supervisor", "form_unknown", "effective")
KINDS = ("union", "party_org")  # the count names' stems (union_own, party_org_own, ...)
FLAGS = {"union": "with_union", "party_org": "with_party_org"}
FORM_COLUMNS = {"union": "union_form", "party_org": "party_org_form"}
Counts = dict[str, int | None]


def counts(rows: Sequence[Mapping[str, object]], missing: Sequence[str], kind: str) -> Counts:
    """One kind's count of every way (None: not provided); form_unknown = formal minus the forms
    (a flag without its form)."""
    flag = FLAGS[kind]
    out: Counts = {
        "flag": total(rows, flag, missing),
        "formal": total(rows, f"{flag}_formal", missing),
        "effective": total(rows, f"{flag}_effective", missing),
    }
    for form in ("own", "joint", "via_supervisor"):
        out[form] = total(rows, f"{kind}_{form}", missing)
    own, joint, via, formal = out["own"], out["joint"], out["via_supervisor"], out["formal"]
    missing_one = None in (own, joint, via, formal)
    out["form_unknown"] = None if missing_one else formal - own - joint - via  # type: ignore[operator]
    return out


def table(cells: pl.DataFrame, missing: Sequence[str], lang: Lang) -> pl.DataFrame:
    """One row per way: its words, then each kind's organizations and share of the active ones."""
    rows = cells.to_dicts()
    active = total(rows, "active_orgs")
    by_kind = {kind: counts(rows, missing, kind) for kind in KINDS}
    out = []
    for way in WAYS:
        record: dict[str, object] = {"label": t(f"profile.way_{way}", lang), "way": way}
        for kind in KINDS:
            n = by_kind[kind][way]
            record |= {f"{kind}_orgs": n, f"{kind}_share": share(n, active)}
        out.append(record)
    schema = {"label": TEXT, "way": TEXT, "union_orgs": INT, "union_share": FLOAT,
              "party_org_orgs": INT, "party_org_share": FLOAT}  # fmt: skip
    return pl.DataFrame(out, schema=schema, orient="row")


def facts(cells: pl.DataFrame, missing: Sequence[str]) -> dict[str, Counts | None]:
    """Each kind's ways for the summary ({kind}_ways), None when its form was not delivered (the
    summary then says the flag's figure as before)."""
    rows = cells.to_dicts()
    return {
        f"{kind}_ways": None
        if FORM_COLUMNS[kind] in missing or lacks(f"{FLAGS[kind]}_formal", missing)
        else counts(rows, missing, kind)
        for kind in KINDS
    }


def clause(ways: Counts, active: int, kind: str, lang: Lang) -> str:
    """The summary's clause on one kind counted both ways: formal (with the supervising unit's) and
    effective, e.g. 工会组织有形覆盖率约65.0%（81家，其中依托主管单位工会的50家），有效覆盖率约24.0%（独立或
    联合建会30家）."""
    n = {way: f"{v:,}" if lang == "en" else f"{v}" for way, v in ways.items()}
    return t(
        f"summary.{kind}_ways",
        lang,
        formal=fmt_rate(share(ways["formal"], active)),
        n=n["formal"],
        via=n["via_supervisor"],
        effective=fmt_rate(share(ways["effective"], active)),
        m=n["effective"],
    )


def provided(missing: Sequence[str]) -> bool:
    """Whether any way beyond the flag can be counted (a form column was delivered)."""
    return any(FORM_COLUMNS[kind] not in missing for kind in KINDS)
