"""marts.register_profile equals a plain-Python count, by DOMAIN.md's rules, over a held-out register."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

import duckdb
import pytest

from tests.sql.warehouse import Row, build, hub, link, org, rows

# Beijing's 2010 merger written by hand: a code filed before it counts in today's district.
MERGED = {"110103": "110101", "110104": "110102"}
CODES = ("110101", "110102", "110105", "110108", "110103", "110104")
TYPES = ("social_group", "private_non_enterprise", "foundation")
HUB_TYPES = ("union", "women", "youth_league", "federation")
COUNTS = ("active_orgs", "linked_orgs", "with_party_org", "with_union", "direct_registered",
          "dual_registered", "rated_1a", "rated_2a", "rated_3a", "rated_4a", "rated_5a",
          "rated_4a_plus", "full_time_staff", "staff_reported", "with_union_formal",
          "with_union_effective", "union_own", "union_joint", "union_via_supervisor",
          "with_party_org_formal", "with_party_org_effective", "party_org_own", "party_org_joint",
          "party_org_via_supervisor")  # fmt: skip
FORMS = (None, None, "own", "joint", "via_supervisor")
Key = tuple[date, str, str, object, object, bool]


def _day(rng: random.Random, first: date, days: int) -> date:
    return first + timedelta(days=rng.randrange(days))


def _org(rng: random.Random, i: int) -> Row:
    registered = _day(rng, date(2004, 1, 1), 365 * 14)
    code = rng.choice(CODES)
    if code in MERGED and registered.year >= 2010:  # a retired code is only filed before 2010
        code = MERGED[code]
    gone = registered + timedelta(days=rng.randrange(1, 4000)) if rng.random() < 0.3 else None
    return org(
        f"O{i:03d}",
        str(registered),
        str(gone) if gone else None,
        district_code=code,
        org_type=rng.choice(TYPES),
        registration_level=rng.choice(("city", "district", "district", None)),
        rating=rng.choice((None, None, "1A", "2A", "3A", "4A", "5A")),
        registration_mode=rng.choice((None, "direct", "dual", "dual")),
        service_domain=rng.choice((None, "workers", "elderly", "charity")),
        full_time_staff=rng.choice((None, 0, 1, 2, 3, 7)),
        has_party_org=rng.choice((True, False, None)),
        has_union=rng.choice((True, False, None)),
        union_form=rng.choice(FORMS),
        party_org_form=rng.choice(FORMS),
    )


def register(seed: int) -> dict[str, list[Row]]:
    """A random register: 240 organizations, 8 hubs (some revoked), 300 links (some ended)."""
    rng = random.Random(seed)
    orgs = [_org(rng, i) for i in range(240)]
    hubs = []
    for i in range(8):
        recognized = _day(rng, date(2005, 1, 1), 365 * 10)
        revoked = recognized + timedelta(days=rng.randrange(30, 3000)) if i % 3 == 0 else None
        level = rng.choice(("city", "district", "street"))
        made = hub(f"H{i}", rng.choice(HUB_TYPES), level, str(recognized), revoked and str(revoked))
        hubs.append(made)
    links = []
    for _ in range(300):
        linked = _day(rng, date(2004, 6, 1), 365 * 14)
        ended = linked + timedelta(days=rng.randrange(1, 3000)) if rng.random() < 0.35 else None
        pair = (rng.choice(hubs)["hub_id"], rng.choice(orgs)["uscc"])
        links.append(
            link(*pair, rng.choice(("managed", "liaison")), str(linked), ended and str(ended))
        )
    return {"orgs": orgs, "hubs": hubs, "links": links}


def _on(start: str | None, end: str | None, d: date) -> bool:
    """start <= d and (end empty or end > d): DOMAIN.md's window."""
    return (
        start is not None
        and date.fromisoformat(start) <= d
        and (end is None or date.fromisoformat(end) > d)
    )


def expected(reg: dict[str, list[Row]]) -> dict[Key, dict[str, int]]:
    """Every count per year-end and grain, from the rows, in plain Python."""
    dates = [o["registered_on"] for o in reg["orgs"]] + [h["recognized_on"] for h in reg["hubs"]]
    dates += [k["linked_on"] for k in reg["links"]]
    first = min(o["registered_on"] for o in reg["orgs"])[:4]
    hubs = {h["hub_id"]: h for h in reg["hubs"]}
    out: dict[Key, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTS, 0))
    for year in range(int(first), int(max(dates)[:4]) + 1):
        d = date(year, 12, 31)
        for o in reg["orgs"]:
            if not _on(o["registered_on"], o["deregistered_on"], d):
                continue
            linked = any(
                k["uscc"] == o["uscc"]
                and _on(k["linked_on"], k["ended_on"], d)
                and _on(hubs[k["hub_id"]]["recognized_on"], hubs[k["hub_id"]]["revoked_on"], d)
                for k in reg["links"]
            )
            today = MERGED.get(o["district_code"], o["district_code"])
            key = (d, today, o["org_type"], o["registration_level"], o["service_domain"], linked)
            c = out[key]
            rating, mode, staff = o["rating"], o["registration_mode"], o["full_time_staff"]
            c["active_orgs"] += 1
            c["linked_orgs"] += linked
            c["with_party_org"] += o["has_party_org"] is True
            c["with_union"] += o["has_union"] is True
            c["direct_registered"] += mode == "direct"
            c["dual_registered"] += mode == "dual"
            for r in ("1A", "2A", "3A", "4A", "5A"):
                c[f"rated_{r.lower()}"] += rating == r
            c["rated_4a_plus"] += rating in ("4A", "5A")
            c["full_time_staff"] += staff or 0
            c["staff_reported"] += staff is not None
            for flag, form, name in (("has_union", "union_form", "union"),
                                     ("has_party_org", "party_org_form", "party_org")):  # fmt: skip
                with_ = "with_union" if name == "union" else "with_party_org"
                # formal: the flag or any form (the supervising unit's too); effective: own or joint
                c[f"{with_}_formal"] += o[flag] is True or o[form] is not None
                c[f"{with_}_effective"] += o[form] in ("own", "joint")
                for kind in ("own", "joint", "via_supervisor"):
                    c[f"{name}_{kind}"] += o[form] == kind
    return dict(out)


@pytest.mark.parametrize("seed", [13, 2015])
def test_profile_equals_an_independent_count(con: duckdb.DuckDBPyConnection, seed: int) -> None:
    reg = register(seed)
    build(con, **reg)
    got = {
        tuple(r[:6]): dict(zip(COUNTS, r[6:], strict=True))
        for r in rows(
            con,
            "select as_of, district_code, org_type, registration_level, service_domain, is_linked, "
            + ", ".join(COUNTS)
            + " from marts.register_profile",
        )
    }
    want = expected(reg)
    assert len(got) == len(want) > 100
    assert got == want


def test_per_district_type_level_and_year_end_equal_an_independent_count(
    con: duckdb.DuckDBPyConnection,
) -> None:
    reg = register(7)
    build(con, **reg)
    want: dict[tuple[object, ...], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for (d, code, org_type, level, _, _), c in expected(reg).items():
        for i, name in enumerate(
            ("active_orgs", "linked_orgs", "rated_4a_plus", "direct_registered")
        ):
            want[(d, code, org_type, level)][i] += c[name]
    got = rows(
        con,
        "select as_of, district_code, org_type, registration_level, sum(active_orgs),"
        " sum(linked_orgs), sum(rated_4a_plus), sum(direct_registered) from marts.register_profile"
        " group by all",
    )
    assert {tuple(r[:4]): list(r[4:]) for r in got} == dict(want)
    assert {code for _, code, _, _ in want} <= {"110101", "110102", "110105", "110108"}
