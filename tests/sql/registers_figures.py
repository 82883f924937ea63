"""Every figure of the marts, counted in plain Python from a register read by registers_oracle.

DOMAIN.md's rules written out: active on D (from <= D < until), a link counts while it runs, its
hub is recognized and its organization active; an organization that registered under its filing
id counts as filed until then, as registered from then; a region counts every organization whose
location lies in it, and one known only above county level in a row of its own. Without hub data
every figure that needs hubs is None (not provided), never 0.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from schemas.vocab import HUB_TYPE, MASS_ORG_HUB_TYPES
from tests.sql.registers_oracle import Register, regions

NEVER = dt.date(9999, 12, 31)
# the register_profile counts whose columns the export lacks (not provided: None); the union and
# party ways too (no 工会/党组织 flag, no 工会建立方式/党组织建立方式)
COUNTS = ("with_party_org", "with_union", "rated_1a", "rated_2a", "rated_3a", "rated_4a",
          "rated_5a", "rated_4a_plus", "full_time_staff", "staff_reported", "with_union_formal",
          "with_union_effective", "union_own", "union_joint", "union_via_supervisor",
          "with_party_org_formal", "with_party_org_effective", "party_org_own",
          "party_org_joint", "party_org_via_supervisor")  # fmt: skip
UNASSIGNED = {
    "county": "本级（未落区县）",
    "prefecture": "本级（未落地市）",
    "province": "本级（未落省份）",
}
Key = tuple[Any, ...]


def _on(start: dt.date, end: dt.date | None, d: dt.date) -> bool:
    return start <= d < (end or NEVER)


def year_ends(reg: Register) -> list[dt.date]:
    """From the earliest registration's year to the latest year of any dated record (a filing's
    too)."""
    first = min(o["registered_on"] for o in reg.orgs.values())
    dates = [o["registered_on"] for o in reg.orgs.values()] + [f["paid_on"] for f in reg.funding]
    dates += [h["recognized_on"] for h in reg.hubs.values()] + [k["linked_on"] for k in reg.links]
    dates += [f["filed_on"] for f in reg.filed.values()]
    return [dt.date(y, 12, 31) for y in range(first.year, max(dates).year + 1)]


def filed_until(reg: Register) -> dict[str, dt.date]:
    """When each filed organization stops counting as filed: its filing ended, or it registered."""
    registered = {o["filing_id"]: o["registered_on"] for o in reg.orgs.values() if o["filing_id"]}
    return {
        fid: min(f["ended_on"] or NEVER, registered.get(fid, NEVER)) for fid, f in reg.filed.items()
    }


def state(reg: Register, d: dt.date) -> dict[str, Any]:
    """On year-end d: active and filed organizations, recognized hubs, and who is linked by what."""
    by_filing = {o["filing_id"]: u for u, o in reg.orgs.items() if o["filing_id"]}
    until = filed_until(reg)
    active = {u for u, o in reg.orgs.items() if _on(o["registered_on"], o["deregistered_on"], d)}
    filed = {f for f, row in reg.filed.items() if _on(row["filed_on"], until[f], d)}
    hubs = {
        h: row for h, row in reg.hubs.items() if _on(row["recognized_on"], row["revoked_on"], d)
    }
    linked: set[str] = set()
    filed_linked: set[str] = set()
    by_type: dict[tuple[str, str], set[str]] = defaultdict(set)
    for k in reg.links:
        if k["hub_id"] not in hubs or not _on(k["linked_on"], k["ended_on"], d):
            continue
        named = k["named"]
        uscc = named if named in reg.orgs else by_filing.get(named)
        fid = (
            named
            if named in reg.filed
            else (reg.orgs[named]["filing_id"] if named in reg.orgs else None)
        )
        if uscc in active:
            linked.add(uscc)
            by_type[(hubs[k["hub_id"]]["hub_type"], k["relation"])].add(uscc)
        if fid in filed:
            filed_linked.add(fid)
    mass = {u for (t, _), us in by_type.items() if t in MASS_ORG_HUB_TYPES for u in us}
    return {"active": active, "filed": filed, "hubs": hubs, "linked": linked,
            "filed_linked": filed_linked, "by_type": by_type, "mass": mass}  # fmt: skip


def _rate(part: int | None, whole: int) -> float | None:
    return None if part is None or whole == 0 else part / whole


def headline(reg: Register) -> dict[dt.date, dict[str, Any]]:
    """marts.headline's figures per year-end."""
    out = {}
    for d in year_ends(reg):
        s = state(reg, d)
        hub = reg.has_hubs
        levels = [h["level"] for h in s["hubs"].values()]
        linked, filed_linked = len(s["linked"]), len(s["filed_linked"])
        total = len(s["active"]) + len(s["filed"])
        paid = sum((f["amount"] for f in reg.funding if f["paid_on"].year == d.year), Decimal(0))
        out[d] = {
            "hubs_city": levels.count("city") if hub else None,
            "hubs_district": levels.count("district") if hub else None,
            "hubs_street": levels.count("street") if hub else None,
            "hubs_total": len(levels) if hub else None,
            "active_orgs": len(s["active"]),
            "linked_orgs": linked if hub else None,
            "coverage_rate": _rate(linked if hub else None, len(s["active"])),
            "mass_org_linked_orgs": len(s["mass"]) if hub else None,
            "mass_org_share": _rate(len(s["mass"]) if hub else None, len(s["active"])),
            "projects_started": 0,
            "contract_amount_yuan": Decimal(0),
            "funding_amount_yuan": paid,
            "filed_orgs": len(s["filed"]),
            "filed_linked_orgs": filed_linked if hub else None,
            "total_orgs": total,
            "total_linked_orgs": linked + filed_linked if hub else None,
            "total_coverage_rate": _rate(linked + filed_linked if hub else None, total),
        }
    return out


def placements(code: str) -> list[tuple[str, str, str | None, bool]]:
    """(level, region code, parent code, is_unassigned) of every region row a code counts in."""
    r = regions()[code]
    pref, prov = r["prefecture_code"], r["province_code"]
    rows: list[tuple[str, str, str | None, bool]]
    if code == "100000":
        return [("province", code, None, True)]
    if r["region_level"] == "county":
        rows = [("county", code, pref, False)]
    elif r["region_level"] == "prefecture" or pref == code:
        rows = [("county", code, code, True)]
    else:
        return [("province", code, None, False), ("prefecture", code, code, True)]
    return [*rows, ("prefecture", pref, prov, False), ("province", prov, None, False)]


def _name(code: str, row_level: str, unassigned: bool) -> str:
    name = str(regions()[code]["region_name"])
    return name + UNASSIGNED[row_level] if unassigned else name


def _cells(reg: Register, s: dict[str, Any]) -> dict[str, list[int]]:
    """Per location code: active, linked, filed, filed and linked organizations."""
    cells: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for u in s["active"]:
        cells[reg.orgs[u]["location"]][0] += 1
        cells[reg.orgs[u]["location"]][1] += u in s["linked"]
    for f in s["filed"]:
        cells[reg.filed[f]["code"]][2] += 1
        cells[reg.filed[f]["code"]][3] += f in s["filed_linked"]
    return cells


def _hub_cells(s: dict[str, Any]) -> dict[tuple[str, str], list[int]]:
    """Per (level, region): recognized city, district and street hubs whose code lies in it."""
    hubs: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for h in s["hubs"].values():
        for lv, rc, _, unassigned in placements(h["code"]):
            if not unassigned:
                hubs[(lv, rc)][("city", "district", "street").index(h["level"])] += 1
    return hubs


def coverage(reg: Register) -> tuple[dict[Key, dict[str, Any]], dict[Key, dict[str, Any]]]:
    """marts.district_coverage per (as_of, district_code) and marts.region_coverage per
    (as_of, region_level, region_code, is_unassigned)."""
    codes = {o["location"] for o in reg.orgs.values()} | {f["code"] for f in reg.filed.values()}
    region_rows = {p for c in codes for p in placements(c)}
    districts: dict[Key, dict[str, Any]] = {}
    by_region: dict[Key, dict[str, Any]] = {}
    hub = reg.has_hubs
    for d in year_ends(reg):
        s = state(reg, d)
        cells, hubs = _cells(reg, s), _hub_cells(s)
        sums: dict[Key, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for code in codes:
            own = next((lv for lv, _, _, unassigned in placements(code) if unassigned), None)
            districts[(d, code)] = _figures(*cells[code], hub) | {
                "district_name": _name(code, own or "county", own is not None),
                "is_unassigned": own is not None,
            }
            for lv, rc, _, unassigned in placements(code):
                cell = sums[(lv, rc, unassigned)]
                sums[(lv, rc, unassigned)] = [x + y for x, y in zip(cell, cells[code], strict=True)]
        for lv, rc, parent, unassigned in region_rows:
            n = [0, 0, 0] if unassigned else hubs[(lv, rc)]
            by_region[(d, lv, rc, unassigned)] = _figures(*sums[(lv, rc, unassigned)], hub) | {
                "region_name": _name(rc, lv, unassigned), "parent_code": parent,
                "hubs_city": n[0] if hub else None, "hubs_district": n[1] if hub else None,
                "hubs_street": n[2] if hub else None, "hubs_total": sum(n) if hub else None,
            }  # fmt: skip
    return districts, by_region


def _figures(active: int, linked: int, filed: int, filed_linked: int, hub: bool) -> dict[str, Any]:
    return {
        "active_orgs": active,
        "linked_orgs": linked if hub else None,
        "coverage_rate": _rate(linked if hub else None, active),
        "filed_orgs": filed,
        "filed_linked_orgs": filed_linked if hub else None,
        "total_orgs": active + filed,
        "total_linked_orgs": linked + filed_linked if hub else None,
    }


def profile(reg: Register) -> dict[Key, dict[str, Any]]:
    """marts.register_profile per (as_of, district_code, org_type, registration_level,
    service_domain, is_linked, filed). The export has no 评估等级, 服务领域, 专职人员数, 党组织
    or 工会 columns (not provided: None); 登记方式 comes from 业务主管单位 (none: direct)."""
    out: dict[Key, dict[str, Any]] = {}
    hub = reg.has_hubs
    for d in year_ends(reg):
        s = state(reg, d)
        for u in s["active"]:
            o = reg.orgs[u]
            linked = (u in s["linked"]) if hub else None
            key = (d, o["location"], o["org_type"], o["level"], None, linked, False)
            c = out.setdefault(key, {"active_orgs": 0, "linked_orgs": 0 if hub else None,
                                     "direct_registered": 0, "dual_registered": 0,
                                     **dict.fromkeys(COUNTS)})  # fmt: skip
            c["active_orgs"] += 1
            c["linked_orgs"] = c["active_orgs"] if linked else c["linked_orgs"]
            c["direct_registered" if o["supervising_unit"] is None else "dual_registered"] += 1
        for fid in s["filed"]:
            f = reg.filed[fid]
            linked = (fid in s["filed_linked"]) if hub else None
            key = (d, f["code"], None, None, f["service_domain"], linked, True)
            c = out.setdefault(key, {"active_orgs": 0, "linked_orgs": 0 if hub else None,
                                     "direct_registered": None, "dual_registered": None,
                                     **dict.fromkeys(COUNTS)})  # fmt: skip
            c["active_orgs"] += 1
            c["linked_orgs"] = c["active_orgs"] if linked else c["linked_orgs"]
    return out


def hub_types(reg: Register) -> dict[Key, dict[str, Any]]:
    """marts.hub_type_coverage per (as_of, hub_type): every type, zeros included."""
    out = {}
    for d in year_ends(reg):
        s = state(reg, d)
        for term in HUB_TYPE:
            t = term.code
            managed, liaison = s["by_type"][(t, "managed")], s["by_type"][(t, "liaison")]
            n = sum(h["hub_type"] == t for h in s["hubs"].values())
            figures = (n, len(managed), len(liaison), len(managed | liaison))
            out[(d, t)] = dict(
                zip(("hubs", "managed_orgs", "liaison_orgs", "linked_orgs"), figures, strict=True)
            ) | {"share_of_active": _rate(figures[3], len(s["active"]))}
            if not reg.has_hubs:
                out[(d, t)] = dict.fromkeys(out[(d, t)])
    return out


def funding(reg: Register) -> dict[Key, tuple[Decimal, int, int]]:
    """marts.district_funding per (year, district_code, source): amount, records, recipients."""
    cells: dict[Key, list[Any]] = defaultdict(lambda: [Decimal(0), 0, set()])
    for f in reg.funding:
        code = f["code"] or reg.orgs[f["recipient"]]["location"]
        c = cells[(f["paid_on"].year, code, f["source"])]
        c[0] += f["amount"]
        c[1] += 1
        c[2].add(f["recipient"])
    return {k: (v[0], v[1], len(v[2])) for k, v in cells.items()}


def region_funding(reg: Register) -> dict[Key, dict[str, Any]]:
    """marts.region_funding per (year, region_level, region_code): a record counts where its
    district (its own, else the recipient's location) lies at each level; money at a prefecture's
    or a province's own code there and above only (no row below it), money at the country's code
    100000 in the province-level row of its own (全国本级（未落省份）); recipients distinct."""
    cells: dict[Key, list[Any]] = defaultdict(lambda: [Decimal(0), 0, set(), None, False])
    for f in reg.funding:
        code = f["code"] or reg.orgs[f["recipient"]]["location"]
        for lv, rc, parent, unassigned in placements(code):
            if unassigned and code != "100000":
                continue
            c = cells[(f["paid_on"].year, lv, rc)]
            c[0] += f["amount"]
            c[1] += 1
            c[2].add(f["recipient"])
            c[3:] = [parent, unassigned]
    return {
        (year, lv, rc): {
            "region_name": _name(rc, lv, v[4]),
            "amount_yuan": v[0],
            "records": v[1],
            "recipients": len(v[2]),
            "parent_code": v[3],
            "is_unassigned": v[4],
        }
        for (year, lv, rc), v in cells.items()
    }
