"""A register as the civil-affairs system exports it: typed rows of organizations, filed ones, hubs.

Organizations carry their registering bureau and their address (住所) and seldom a region code;
community organizations filed (备案) with a county or a street office carry a filing id, and some
of them register later under it; street hubs link filed organizations by that id. Deterministic
for a seed (python's random, numpy only for the credit codes). civil_affairs_files writes them.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from pipeline.sample import bureaus as bx
from pipeline.sample.credit_codes import org_codes, usccs
from pipeline.sample.names import BRANDS, CORES

FIRST, SNAPSHOT = dt.date(2000, 1, 1), dt.date(2019, 11, 30)  # the export's extract date
Row = dict[str, Any]
TYPES = ("social_group", "private_non_enterprise", "foundation")
DOMAINS = ("community", "culture_sports", "elderly", "charity", "youth", "education")
# Where an organization's location comes from: a code, an address of each form, the authority.
SOURCES = ("code", "full", "city", "county", "prefecture", "authority")
SOURCE_WEIGHTS = (8, 34, 20, 12, 8, 18)
SPARES = 60  # organizations for the fault rows (and one more per 30 registered)


@dataclass
class Register:
    """The typed register: every row as written (dates as dates), before faults."""

    orgs: list[Row] = field(default_factory=list)
    filed: list[Row] = field(default_factory=list)
    hubs: list[Row] = field(default_factory=list)
    links: list[Row] = field(default_factory=list)
    funding: list[Row] = field(default_factory=list)
    spares: list[Row] = field(default_factory=list)  # made like the others, never written clean


def _day(rng: random.Random, first: dt.date, last: dt.date = SNAPSHOT) -> dt.date:
    return first + dt.timedelta(days=rng.randrange(max((last - first).days, 0) + 1))


def _later(rng: random.Random, start: dt.date, low: int, high: int) -> dt.date | None:
    """A date low..high days after start, or None if it would pass the extract date."""
    end = start + dt.timedelta(days=rng.randint(low, high))
    return end if end <= SNAPSHOT else None


def _status(rng: random.Random, registered: dt.date) -> tuple[str, dt.date | None]:
    """正常/存续 (active), 注销, 撤销 or 吊销 with the date that ended it."""
    roll = rng.random()
    ended = _later(rng, registered, 200, 4000) if roll < 0.2 else None
    if ended is None:
        return rng.choice(("正常", "正常", "存续")), None
    return ("注销" if roll < 0.15 else rng.choice(("撤销", "吊销"))), ended


def _name(rng: random.Random, prefix: str, org_type: str) -> str:
    cores = CORES[rng.choice(DOMAINS)][TYPES.index(org_type)]
    return f"{prefix}{rng.choice(BRANDS)}{rng.choice(cores)}"


def _prefix(bureau: bx.Bureau, county: str) -> str:
    if bureau.level == "national":
        return "中华"
    if bureau.level == "province":
        return bx.name_of(bureau.code)
    return bx.name_of(county) if bureau.level == "district" else bx.name_of(bureau.code)


def _locate(rng: random.Random, bureau: bx.Bureau, county: str, row: Row) -> None:
    """Fill district_code and address as a register holds them (most rows have no code)."""
    source = rng.choices(SOURCES, SOURCE_WEIGHTS)[0]
    if county in bx.CODE_ONLY:
        source = "code"
    if source == "authority" and bureau.name == "鼓楼区民政局":
        source = "full"  # 鼓楼区 alone names four counties: the clean rows name their city
    code = county
    if source == "code" and bureau.level == "city" and rng.random() < 0.4:
        code = bureau.code  # a city bureau's organization filed under the city's own code
    elif source == "code" and rng.random() < 0.1 and _elsewhere(bureau):
        code = row["county"] = rng.choice(_elsewhere(bureau))  # the code wins, with a warning
    row["district_code"] = code if source == "code" else None
    row["address"] = None if source in ("code", "authority") else bx.address(rng, county, source)
    if source == "code" and rng.random() < 0.5:
        row["address"] = bx.address(rng, county, "full")  # the code decides, the address is kept


def _elsewhere(bureau: bx.Bureau) -> list[str]:
    """Counties of the bureau's province that lie outside its own region (none for 民政部)."""
    if bureau.level in ("national", "province"):
        return []
    home = {bx.place(c).prefecture if bureau.level == "city" else c for c in bureau.counties}
    return sorted(
        {
            c
            for b in bx.BUREAUS
            if b.code[:2] == bureau.code[:2]
            for c in b.counties
            if (bx.place(c).prefecture if bureau.level == "city" else c) not in home
        }
    )


def _organization(
    rng: random.Random, bureau: bx.Bureau, registered: dt.date, county: str | None = None
) -> Row:
    county = county or rng.choice(bureau.counties)
    org_type = rng.choices(TYPES, (45, 50, 5 if bureau.level != "district" else 0))[0]
    status, ended = _status(rng, registered)
    dual = org_type != "private_non_enterprise" and rng.random() < 0.6
    row: Row = {
        "name": _name(rng, _prefix(bureau, county), org_type),
        "org_type": org_type,
        "registration_authority": bureau.name,
        "county": county,  # the generator's own: where it lies (not written)
        "registered_on": registered,
        "deregistered_on": ended,
        "status": status,
        "supervising_unit": rng.choice(bureau.units) if dual else None,
        "legal_representative": rng.choice("王李张刘陈杨黄赵吴周")
        + rng.choice("伟芳娜敏静丽强磊军洋"),
        "registered_capital": f"{rng.choice((3, 5, 10, 30, 200))}万元",
        "business_scope": "开展公益服务、交流培训、咨询服务",
        "filing_id": None,
    }
    _locate(rng, bureau, county, row)
    return row


def _credit_codes(seed: int, orgs: list[Row], bureau_code: dict[str, str]) -> None:
    """A valid USCC for each organization: type character, its bureau's region, a check."""
    nrng = np.random.default_rng(seed)
    chars = np.array([TYPES.index(o["org_type"]) + 1 for o in orgs])
    regions = np.array([int(bureau_code[o["registration_authority"]]) for o in orgs])
    is_new = np.array([o["registered_on"].year >= 2016 for o in orgs])
    for row, code in zip(orgs, usccs(chars, regions, org_codes(nrng, is_new)), strict=True):
        row["uscc"] = code


def _hubs(rng: random.Random, counties: list[str], prefectures: list[str]) -> list[Row]:
    """City hubs (with their prefecture's code), district and street hubs in every county."""
    rows: list[Row] = []

    def add(level: str, code: str, hub_type: str, name: str, street: str | None = None) -> None:
        recognized = _day(rng, dt.date(2010, 1, 1), dt.date(2019, 6, 30))
        revoked = _later(rng, recognized, 300, 3000) if rng.random() < 0.08 else None
        rows.append(
            {
                "hub_id": f"SN{code}{len(rows) + 1:04d}",
                "name": name,
                "level": level,
                "district_code": code,
                "street_name": street,
                "hub_type": hub_type,
                "recognized_on": recognized,
                "revoked_on": revoked,
            }
        )

    for code in prefectures:
        city = bx.name_of(code)
        add("city", code, "union", f"{city}总工会")
        add("city", code, "women", f"{city}妇女联合会")
        add("city", code, "federation", f"{city}社会组织联合会")
    for code in counties:
        county = bx.name_of(code)
        add("district", code, "federation", f"{county}社会组织联合会")
        if rng.random() < 0.5:
            add("district", code, "youth_league", f"共青团{county}委员会")
        for street in rng.sample(bx.STREETS, rng.randint(1, 3)):
            add(
                "street", code, "federation", f"{county}{street}街道社会组织联合会", f"{street}街道"
            )
    return rows


def _link(rng: random.Random, hub: Row, named: str, since: dt.date, until: dt.date | None) -> Row:
    linked = max(since, _day(rng, hub["recognized_on"] - dt.timedelta(days=300)))
    end = _later(rng, linked, 30, 2500) if rng.random() < 0.15 else None
    if until is not None and until > linked and end is None and rng.random() < 0.5:
        end = until  # the link ended with the filing
    return {
        "hub_id": hub["hub_id"],
        "uscc": named,
        "relation": rng.choice(("managed", "liaison", "liaison")),
        "linked_on": linked,
        "ended_on": end,
    }


def generate(seed: int, orgs: int, region: str | None = None) -> Register:
    """The register: `orgs` registered organizations (and about a fifth as many filed ones)."""
    rng = random.Random(seed)
    chosen = bx.bureaus(region)
    reg = Register()
    for _ in range(orgs):
        bureau = rng.choices(chosen, [b.weight for b in chosen])[0]
        reg.orgs.append(_organization(rng, bureau, _day(rng, FIRST)))
    counties = sorted({c for b in chosen for c in b.counties})
    _filed(rng, reg, chosen, counties, max(1, orgs // 5))
    reg.spares = [
        _organization(rng, chosen[0], _day(rng, FIRST)) for _ in range(SPARES + orgs // 30)
    ]
    _credit_codes(seed, reg.orgs + reg.spares, {b.name: b.code for b in bx.BUREAUS})
    prefectures = sorted({bx.place(c).prefecture for c in counties})
    reg.hubs = _hubs(rng, counties, prefectures)
    _links(rng, reg)
    _funding(rng, reg)
    return reg


def _filed(
    rng: random.Random, reg: Register, chosen: tuple[bx.Bureau, ...], counties: list[str], n: int
) -> None:
    """Filed community organizations; about one in eight registers later under its filing id."""
    district = {c: b for b in chosen if b.level == "district" for c in b.counties}
    fallback = {c: b for b in chosen for c in b.counties}
    for i in range(n):
        county = rng.choice(counties)
        street = rng.choice(bx.STREETS)
        filed = _day(rng, dt.date(2012, 1, 1))
        row: Row = {
            "filing_id": f"{county}BA{filed.year}{i + 1:05d}",
            "name": f"{bx.name_of(county)}{street}{rng.choice(BRANDS)}社区服务队",
            "filing_authority": rng.choice((f"{street}街道办事处", f"{bx.name_of(county)}民政局")),
            "district_code": county,
            "street_name": f"{street}街道",
            "filed_on": filed,
            "ended_on": _later(rng, filed, 100, 2000) if rng.random() < 0.1 else None,
            "service_domain": rng.choice(("community", "culture_sports", "elderly", "charity")),
        }
        reg.filed.append(row)
        registered = _later(rng, filed, 200, 1500)
        if row["ended_on"] is None and registered is not None and rng.random() < 0.125:
            bureau = district.get(county) or fallback[county]
            org = _organization(rng, bureau, registered, county)
            org.update(filing_id=row["filing_id"], org_type="social_group")
            org["name"] = row["name"].replace("社区服务队", "社区服务协会")
            reg.orgs.append(org)


def _hubs_near(reg: Register) -> dict[str, list[Row]]:
    """The hubs an organization of each county may be linked by: its county's and its city's."""
    near: dict[str, list[Row]] = {}
    for hub in reg.hubs:
        near.setdefault(hub["district_code"], []).append(hub)
    return near


def _links(rng: random.Random, reg: Register) -> None:
    """Registered organizations linked by USCC, filed ones by street hubs through the filing id
    (a link made before the organization registered keeps counting for it afterwards)."""
    near = _hubs_near(reg)
    for org in reg.orgs:
        place = bx.place(org["county"])
        choices = near.get(org["county"], []) + near.get(place.prefecture, [])
        for _ in range(2 if rng.random() < 0.1 else 1):
            if choices and rng.random() < 0.55:
                link = _link(rng, rng.choice(choices), org["uscc"], org["registered_on"], None)
                reg.links.append(link)
    for filed in reg.filed:
        streets = [h for h in near.get(filed["district_code"], []) if h["level"] == "street"]
        if streets and rng.random() < 0.5:
            ended = filed["ended_on"]
            reg.links.append(
                _link(rng, rng.choice(streets), filed["filing_id"], filed["filed_on"], ended)
            )


def _funding(rng: random.Random, reg: Register) -> None:
    """Payments to registered organizations while active, 2014 on; a few name their county."""
    sources = ("fiscal", "fiscal", "lottery", "donation", "service_fee")
    for org in reg.orgs:
        if rng.random() > 0.35:
            continue
        start = max(org["registered_on"], dt.date(2014, 1, 1))
        stop = min(org["deregistered_on"] or SNAPSHOT, SNAPSHOT) - dt.timedelta(days=1)
        for _ in range(rng.randint(1, 3)):
            if stop <= start:
                break
            reg.funding.append(
                {
                    "funding_id": f"BF{len(reg.funding) + 1:06d}",
                    "recipient_uscc": org["uscc"],
                    "source": rng.choice(sources),
                    "cents": rng.randint(50, 5000) * 10_000,
                    "paid_on": _day(rng, start, stop),
                    "district_code": org["county"] if rng.random() < 0.1 else None,
                }
            )
