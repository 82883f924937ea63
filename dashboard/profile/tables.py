"""社会组织概况: a selection's register profile as tables, each figure a sum over one query's cells."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import polars as pl

from dashboard.core.filters import Filters
from dashboard.core.words import Lang, label, labels, t
from dashboard.profile import queries
from schemas import vocab
from schemas.tables import ORGANIZATIONS

# The optional organizations columns the profile counts, and the counts each one feeds.
PROFILE_COLUMNS = ("registration_level", "registration_mode", "rating", "service_domain",
                   "full_time_staff", "has_party_org", "has_union")  # fmt: skip
NEEDS = {
    "with_party_org": "has_party_org",
    "with_union": "has_union",
    "direct_registered": "registration_mode",
    "dual_registered": "registration_mode",
    **{f"rated_{r.lower()}": "rating" for r in vocab.codes(vocab.RATING)},
    "rated_4a_plus": "rating",
    "full_time_staff": "full_time_staff",
    "staff_reported": "full_time_staff",
}
ORG_TYPES = tuple(vocab.codes(vocab.ORG_TYPE))
RATINGS = tuple(reversed(vocab.codes(vocab.RATING)))  # 5A first
Row = Mapping[str, object]


@dataclass(frozen=True)
class Profile:
    """One selection's profile: its cells (the query result every figure sums), the trend, the
    optional columns the register lacks, and where its organizations lie (queries.profile_context)."""

    year: int
    cells: pl.DataFrame
    series: pl.DataFrame
    missing: tuple[str, ...]
    extent: Mapping[str, object]


def load(f: Filters) -> Profile:
    """Query the profile of a selection (its year-end and regions, within the viewer's scope)."""
    context = queries.profile_context(f)
    delivered = set(context["delivered"] or ())  # type: ignore[call-overload]
    missing = tuple(c for c in PROFILE_COLUMNS if c not in delivered)
    series = queries.profile_series(f).filter(pl.col("year") <= f.year)
    return Profile(f.year, queries.profile_cells(f), series, missing, context)


def total(
    rows: Iterable[Row], count: str, missing: Iterable[str] = (), **where: object
) -> int | None:
    """A count summed over the cells matching `where` (None as a value matches an empty cell);
    None, "not provided", when the count's column was not delivered."""
    if NEEDS.get(count) in set(missing):
        return None
    return sum(
        int(r[count] or 0) for r in rows if all(r[k] == v for k, v in where.items())
    )  # fmt: skip


def share(part: int | None, whole: int | None) -> float | None:
    """part / whole; empty when either is empty or the whole is 0."""
    return None if part is None or not whole else part / whole


def header(column: str) -> str:
    """An organizations column as the clerk knows it (its first Chinese alias, e.g. 评估等级)."""
    spec = ORGANIZATIONS.column(column)
    return spec.aliases[0] if spec.aliases else spec.name


def note(column: str, lang: Lang) -> str:
    """The sentence a figure shows when its column was not delivered."""
    what = t(f"profile.lacks_{column}", lang)
    return t("profile.missing_note", lang, header=header(column), column=column, what=what)


def _frame(records: list[dict[str, object]], schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(records, schema=dict(schema), orient="row")


INT, FLOAT, TEXT = pl.Int64(), pl.Float64(), pl.String()


def type_level(cells: pl.DataFrame, missing: tuple[str, ...], lang: Lang) -> pl.DataFrame:
    """Active organizations by type (rows, then the total: org_type "all") and registration level
    (columns)."""
    rows, lacks_level = cells.to_dicts(), "registration_level" in missing
    out = []
    for code in [*ORG_TYPES, None]:
        where = {"org_type": code} if code else {}
        active = total(rows, "active_orgs", **where)
        by_level = {
            key: None if lacks_level else total(rows, "active_orgs", registration_level=lv, **where)
            for key, lv in (("city", "city"), ("district", "district"), ("level_unknown", None))
        }
        name = label("org_type", code, lang) if code else t("val.total", lang)
        out.append({"label": name, "org_type": code or "all", **by_level, "active_orgs": active,
                    "share": share(active, total(rows, "active_orgs"))})  # fmt: skip
    schema = {"label": TEXT, "org_type": TEXT, "city": INT, "district": INT,
              "level_unknown": INT, "active_orgs": INT, "share": FLOAT}  # fmt: skip
    return _frame(out, schema)


def _level_rows(rows: list[dict[str, object]], missing: tuple[str, ...]) -> list[str | None]:
    present = {r["registration_level"] for r in rows}
    if "registration_level" in missing:
        return []
    return [lv for lv in ("city", "district", None) if lv in present]


def modes(cells: pl.DataFrame, missing: tuple[str, ...], lang: Lang) -> pl.DataFrame:
    """Direct registration and dual management by registration level ("none": not given), then the
    total (registration_level "all")."""
    rows, out = cells.to_dicts(), []
    for level in [*_level_rows(rows, missing), "all"]:
        where = {} if level == "all" else {"registration_level": level}
        active = total(rows, "active_orgs", **where)
        direct = total(rows, "direct_registered", missing, **where)
        dual = total(rows, "dual_registered", missing, **where)
        unknown = None if direct is None or dual is None else active - direct - dual
        if level == "all":
            name = t("val.total", lang)
        else:
            name = label("registration_level", level, lang) if level else t("val.unknown", lang)
        out.append({"label": name, "registration_level": level or "none",
                    "active_orgs": active, "direct_registered": direct, "dual_registered": dual,
                    "mode_unknown": unknown, "direct_share": share(direct, active)})  # fmt: skip
    schema = {"label": TEXT, "registration_level": TEXT, "active_orgs": INT,
              "direct_registered": INT, "dual_registered": INT, "mode_unknown": INT,
              "direct_share": FLOAT}  # fmt: skip
    return _frame(out, schema)


def ratings(cells: pl.DataFrame, missing: tuple[str, ...], lang: Lang) -> pl.DataFrame:
    """Organizations per rating (5A first), not rated, and 4A or above; no rows without ratings."""
    if "rating" in missing:
        return _frame([], {"label": TEXT, "rating": TEXT, "orgs": INT, "share": FLOAT})
    rows = cells.to_dicts()
    active = total(rows, "active_orgs")
    counts = [(r, total(rows, f"rated_{r.lower()}")) for r in RATINGS]
    rated = sum(n or 0 for _, n in counts)
    out = [(label("rating", r, lang), r, n) for r, n in counts]
    out += [(t("val.unrated", lang), "none", active - rated),
            (t("profile.rated_4a_plus", lang), "4A_plus", total(rows, "rated_4a_plus"))]  # fmt: skip
    records = [{"label": a, "rating": b, "orgs": n, "share": share(n, active)} for a, b, n in out]
    return _frame(records, {"label": TEXT, "rating": TEXT, "orgs": INT, "share": FLOAT})


def party_union(cells: pl.DataFrame, missing: tuple[str, ...], lang: Lang) -> pl.DataFrame:
    """Party organizations and unions among all active organizations, linked ones and the rest."""
    rows, out = cells.to_dicts(), []
    for group, where in (("all", {}), ("linked", {"is_linked": True}),
                         ("not_linked", {"is_linked": False})):  # fmt: skip
        active = total(rows, "active_orgs", **where)
        party = total(rows, "with_party_org", missing, **where)
        union = total(rows, "with_union", missing, **where)
        out.append({"label": t(f"profile.group_{group}", lang), "group": group,
                    "active_orgs": active, "with_party_org": party,
                    "party_share": share(party, active), "with_union": union,
                    "union_share": share(union, active)})  # fmt: skip
    schema = {"label": TEXT, "group": TEXT, "active_orgs": INT, "with_party_org": INT,
              "party_share": FLOAT, "with_union": INT, "union_share": FLOAT}  # fmt: skip
    return _frame(out, schema)


def domains(cells: pl.DataFrame, missing: tuple[str, ...], lang: Lang) -> pl.DataFrame:
    """Organizations per service domain (catalogue order, then none given) with their type split."""
    schema = {"label": TEXT, "service_domain": TEXT, "active_orgs": INT,
              **dict.fromkeys(ORG_TYPES, INT), "social_group_share": FLOAT,
              "direct_registered": INT, "linked_orgs": INT}  # fmt: skip
    if "service_domain" in missing:
        return _frame([], schema)
    rows, out = cells.to_dicts(), []
    present = {r["service_domain"] for r in rows}
    names = labels("service_domain", lang)
    for code in [c for c in [*names, None] if c in present]:
        active = total(rows, "active_orgs", service_domain=code)
        types = {k: total(rows, "active_orgs", service_domain=code, org_type=k) for k in ORG_TYPES}
        out.append({"label": names[code] if code else t("val.unknown", lang),
                    "service_domain": code or "none", "active_orgs": active, **types,
                    "social_group_share": share(types["social_group"], active),
                    "direct_registered": total(rows, "direct_registered", missing,
                                               service_domain=code),
                    "linked_orgs": total(rows, "linked_orgs", service_domain=code)})  # fmt: skip
    return _frame(out, schema)


def trend(series: pl.DataFrame, missing: tuple[str, ...]) -> pl.DataFrame:
    """The totals over the year-ends with coverage, party and union shares (blank where the column
    was not delivered)."""
    blank = [pl.lit(None, INT).alias(c) for c in series.columns if NEEDS.get(c) in missing]
    return series.with_columns(blank).with_columns(
        (pl.col("linked_orgs") / pl.col("active_orgs")).alias("coverage_rate"),
        (pl.col("with_party_org") / pl.col("active_orgs")).alias("party_share"),
        (pl.col("with_union") / pl.col("active_orgs")).alias("union_share"),
    )


@dataclass(frozen=True)
class Tables:
    """The profile's tables as the page shows them (every figure of the summary is read from them)."""

    type_level: pl.DataFrame
    modes: pl.DataFrame
    ratings: pl.DataFrame
    party_union: pl.DataFrame
    domains: pl.DataFrame
    staff: Mapping[str, int | None]


def tables(p: Profile, lang: Lang) -> Tables:
    """Every table of the profile page, from the one query result `p.cells`."""
    rows = p.cells.to_dicts()
    staff = {c: total(rows, c, p.missing) for c in ("full_time_staff", "staff_reported")}
    build: list[Callable[[pl.DataFrame, tuple[str, ...], Lang], pl.DataFrame]] = [
        type_level, modes, ratings, party_union, domains]  # fmt: skip
    return Tables(*(make(p.cells, p.missing, lang) for make in build), staff)
