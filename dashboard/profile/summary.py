"""The profile in the reports' own words: pure functions of the profile's tables and of the hub facts
(no model)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

from dashboard.core.numbers import fmt_int, fmt_rate
from dashboard.core.words import Lang, label, t
from dashboard.profile.hub_facts import Hubs
from dashboard.profile.tables import ORG_TYPES, Profile, Tables, note, share, tables

Facts = dict[str, object]


def _cell(frame: pl.DataFrame, key: str, value: str, column: str) -> int | None:
    """The value of `column` in the row whose `key` is `value` (0 when there is no such row)."""
    hit = frame.filter(pl.col(key) == value)
    return hit[column][0] if hit.height else 0


def facts(tables: Tables, missing: Sequence[str]) -> Facts:
    """Every number the summary says, read from the tables the page shows (None: not provided)."""
    tl, pu = tables.type_level, tables.party_union
    out: Facts = {"active": _cell(tl, "org_type", "all", "active_orgs")}
    out |= {code: _cell(tl, "org_type", code, "active_orgs") for code in ORG_TYPES}
    out |= {k: _cell(tl, "org_type", "all", k) for k in ("city", "district", "level_unknown")}
    out["direct"] = _cell(tables.modes, "registration_level", "all", "direct_registered")
    direct_city = _cell(tables.modes, "registration_level", "city", "direct_registered")
    out["direct_city"] = None if "registration_level" in missing else direct_city
    lacks_rating = "rating" in missing
    out["rated_4a_plus"] = (
        None if lacks_rating else _cell(tables.ratings, "rating", "4A_plus", "orgs")
    )
    out["linked"] = _cell(pu, "group", "linked", "active_orgs")
    for key, column in (("party", "with_party_org"), ("union", "with_union")):
        out[key] = _cell(pu, "group", "all", column)
        out[f"{key}_share"] = _cell(pu, "group", "all", f"{key}_share")
    staff, reported = tables.staff["full_time_staff"], tables.staff["staff_reported"]
    out["staff_avg"] = share(staff, reported)
    lacks_domain = "service_domain" in missing
    workers = (
        None if lacks_domain else _cell(tables.domains, "service_domain", "workers", "active_orgs")
    )
    out["workers"] = workers
    wsg = (
        _cell(tables.domains, "service_domain", "workers", "social_group_share")
        if workers
        else None
    )
    out["workers_social_group_share"] = wsg
    return out


def region_word(extent: Mapping[str, object], names: Sequence[str], lang: Lang) -> str:
    """Who the sentence speaks of: the chosen regions by name (up to three), else the one county
    the organizations lie in, 全市 when they lie in one prefecture-level city, 全省 in one province,
    else 全部地区."""
    if names:
        if len(names) <= 3:
            return t("caption.list_sep", lang).join(names)
        return t("summary.region_n", lang, n=len(names))
    if extent.get("counties") == 1 and extent.get("county_name"):
        return str(extent["county_name"])
    if extent.get("prefectures") == 1:
        return t("summary.region_city", lang)
    if extent.get("provinces") == 1:
        return t("summary.region_province", lang)
    return t("summary.region_all", lang)


def _n(value: object, lang: Lang) -> str:
    """A count as the reports write it: 15705 in Chinese, 15,705 in English."""
    return f"{value}" if lang == "zh" else f"{value:,}"


def _clauses(f: Facts, missing: Sequence[str], lang: Lang) -> list[str]:
    """The clauses after the first, each a figure or the note that it is not provided."""
    n = lambda key: _n(f[key], lang)  # noqa: E731
    out = []
    if "registration_level" in missing:
        out.append(note("registration_level", lang))
    else:
        levels = t("summary.levels", lang, city=n("city"), district=n("district"))
        unknown = (
            t("summary.level_unknown", lang, n=n("level_unknown")) if f["level_unknown"] else ""
        )
        out.append(levels + unknown)
    if "registration_mode" in missing:
        out.append(note("registration_mode", lang))
    elif f["direct_city"] is None:
        out.append(t("summary.direct", lang, n=n("direct")))
    else:
        out.append(t("summary.direct_city", lang, n=n("direct"), city=n("direct_city")))
    coverage = fmt_rate(share(f["linked"], f["active"]))  # type: ignore[arg-type]
    out.append(t("summary.linked", lang, n=n("linked"), rate=coverage))
    if "rating" in missing:
        out.append(note("rating", lang))
    else:
        out.append(t("summary.rated", lang, n=n("rated_4a_plus")))
    if "service_domain" in missing:
        out.append(note("service_domain", lang))
    elif f["workers"]:
        rate = fmt_rate(f["workers_social_group_share"])  # type: ignore[arg-type]
        out.append(t("summary.workers", lang, n=n("workers"), share=rate))
    if "full_time_staff" in missing:
        out.append(note("full_time_staff", lang))
    elif f["staff_avg"] is not None:
        out.append(t("summary.staff", lang, avg=f"{f['staff_avg']:.1f}"))
    for key, column in (("party", "has_party_org"), ("union", "has_union")):
        if column in missing:
            out.append(note(column, lang))
        else:
            rate = fmt_rate(f[f"{key}_share"])  # type: ignore[arg-type]
            out.append(t(f"summary.{key}", lang, n=n(key), rate=rate))
    # a note is a sentence of its own on the page; inside the summary it is one more clause
    return [c.rstrip("。.") if lang == "zh" else c[:1].lower() + c[1:].rstrip(".") for c in out]


def _type_key(code: str, n: object) -> str:
    return f"summary.type_{code}" + ("_one" if n == 1 else "")


def sentence(f: Facts, missing: Sequence[str], region: str, year: int, lang: Lang) -> str:
    """The summary, e.g. 截至2015年底，全市登记社会组织N家，其中社会团体a家、……工会组织覆盖率约x%。"""
    if not f["active"]:
        return t("summary.none", lang, year=year, region=region)
    types = t("caption.list_sep", lang).join(
        t("summary.type", lang, n=_n(f[code], lang), type=t(_type_key(code, f[code]), lang))
        for code in ORG_TYPES
    )
    head = t("summary.head", lang, year=year, region=region, n=_n(f["active"], lang), types=types)
    return t(
        "summary.end", lang, text=t("caption.sep", lang).join([head, *_clauses(f, missing, lang)])
    )


def cards(f: Facts, missing: Sequence[str], lang: Lang) -> list[tuple[str, str]]:
    """The page's cards (label, value in words): "未提供" where the column was not delivered."""
    na = t("profile.not_provided", lang)
    avg = f["staff_avg"]
    shown = [
        ("fig.active_orgs", None, fmt_int(f["active"])),  # type: ignore[arg-type]
        ("profile.direct", "registration_mode", fmt_int(f["direct"])),  # type: ignore[arg-type]
        ("profile.rated_4a_plus", "rating", fmt_int(f["rated_4a_plus"])),  # type: ignore[arg-type]
        ("profile.party_share", "has_party_org", fmt_rate(f["party_share"])),  # type: ignore[arg-type]
        ("profile.union_share", "has_union", fmt_rate(f["union_share"])),  # type: ignore[arg-type]
        ("profile.staff_avg", "full_time_staff", "—" if avg is None else f"{avg:.1f}"),
    ]
    return [(t(key, lang), na if column in missing else value) for key, column, value in shown]


def of_profile(p: Profile, names: Sequence[str], lang: Lang) -> str:
    """The summary of a loaded profile (`names`: the chosen districts' names), as the page says it."""
    return sentence(facts(tables(p, lang), p.missing), p.missing, region_word(p.extent, names, lang),
                    p.year, lang)  # fmt: skip


def _hub_type(code: str, lang: Lang) -> str:
    """A hub type as the sentence names it: 工会 / trade union."""
    return label("hub_type", code, lang) if lang == "zh" else label("hub_type", code, lang).lower()


def hub_sentence(hubs: Hubs, region: str, year: int, lang: Lang) -> str:
    """The hubs as the seeds write them: 截至Y年底，全市共认定枢纽型社会组织X家，其中市级a家、区级b家、
    街道级c家；工会联系职工服务类社会组织n家，占该领域p%；…（a level without hubs, a field without
    organizations left out)."""
    c = hubs.counts
    if not c.get("has_hub_data"):
        return t("summary.hubs_none", lang)
    parts = [
        t(
            "summary.hub_level",
            lang,
            level=t(f"summary.level_{lv}", lang),
            n=_n(c[f"hubs_{lv}"], lang),
        )
        for lv in ("city", "district", "street")
        if c[f"hubs_{lv}"]
    ]
    sep = t("caption.list_sep", lang)
    levels = t("summary.hub_levels", lang, parts=sep.join(parts)) if parts else ""
    fields = [
        t("summary.hub_field", lang, type=_hub_type(r["hub_type"], lang), n=_n(r["reached_by_own"], lang),
          field=t(f"summary.field_{r['service_domain']}", lang), share=fmt_rate(r["own_share"]))
        for r in hubs.reach.sort("type_index").iter_rows(named=True)
        if r["field_orgs"] and r["reached_by_own"] is not None
    ]  # fmt: skip
    tail = "".join(t("caption.sep", lang) + clause for clause in fields)
    n = _n(c["hubs_total"], lang)
    return t("summary.hubs", lang, year=year, region=region, n=n, levels=levels, fields=tail)


def weakest_field(hubs: Hubs, region: str, lang: Lang) -> str | None:
    """The field its own mass organization reaches least (the lowest share linked by its own hubs;
    the first hub type on a tie), in words; None without a field or without hub data."""
    rows = hubs.reach.filter(pl.col("field_orgs") > 0, pl.col("own_share").is_not_null())
    if rows.is_empty() or not hubs.counts.get("has_hub_data"):
        return None
    r = rows.sort(["own_share", "type_index"]).row(0, named=True)
    return t(
        "summary.weakest",
        lang,
        type=_hub_type(r["hub_type"], lang),
        region=region,
        field=t(f"summary.field_{r['service_domain']}", lang),
        n=_n(r["field_orgs"], lang),
        own=_n(r["reached_by_own"], lang),
        own_share=fmt_rate(r["own_share"]),
        any=_n(r["reached_by_any"], lang),
        none=_n(r["reached_by_none"], lang),
    )
