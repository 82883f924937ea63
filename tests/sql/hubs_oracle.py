"""The hubs' figures counted in plain Python from raw files, independently of the pipeline.

Two readers give one Register (tests/sql/registers_oracle.py): the civil-affairs export (that module's
own reader) and the Beijing-shaped sample (`pipeline sample`), read here with the csv module and
openpyxl, the contract's spellings for labels and Beijing's 2010 merger written by hand. The planted
faults' lines are left out. Then DOMAIN.md's rules: a link counts on D when it runs, its hub is
recognized and its organization is active (or counts as filed); a hub's relation counts look at that
relation only; a field organization is one of the service domain mapped to the hub type.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import openpyxl

from pipeline.sample.faults import Fault
from schemas import vocab
from tests.sql.registers_oracle import Register

NEVER = dt.date(9999, 12, 31)
MERGED = {"110103": "110101", "110104": "110102"}  # 崇文 → 东城, 宣武 → 西城 (2010), by hand
# a mass organization's field, written out from DOMAIN.md (not read from schemas/)
FIELD = {"union": "workers", "youth_league": "youth", "women": "women_children",
         "disabled": "disabled", "science": "science"}  # fmt: skip
Row = dict[str, Any]


def _nfkc(text: str | None) -> str | None:
    return unicodedata.normalize("NFKC", text).strip() or None if text else None


def _day(value: object) -> dt.date | None:
    """2015-07-01, 2015/7/1, 2015年7月1日, or an Excel date cell."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    y, m, d = (int(p) for p in re.split(r"[-/年月日]", str(value).strip().rstrip("日"))[:3])
    return dt.date(y, m, d)


def _code(vocabulary: tuple[vocab.Term, ...], text: str | None) -> str | None:
    return vocab.spellings(vocabulary)[text.lower()] if text else None


def _csv(path: Path, encoding: str, skip: set[int]) -> Iterator[Row]:
    with path.open(encoding=encoding, newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            if line not in skip:
                yield {_nfkc(k): _nfkc(v) for k, v in row.items()}


def beijing(folder: Path, faults: Iterable[Fault]) -> Register:
    """The Beijing-shaped sample's organizations, hubs and links (first copy of a key kept)."""
    skip: dict[str, set[int]] = defaultdict(set)
    for fault in faults:
        skip[fault.file].add(fault.line)
    reg = Register()
    for r in _csv(folder / "organizations.csv", "utf-8-sig", skip["organizations.csv"]):
        code = r["所在区划代码"]
        reg.orgs.setdefault(r["统一社会信用代码"], {
            "location": MERGED.get(code, code), "registered_on": _day(r["成立登记日期"]),
            "deregistered_on": _day(r["注销日期"]), "filing_id": None,
            "service_domain": _code(vocab.SERVICE_DOMAIN, r["服务领域"]),
        })  # fmt: skip
    sheet = openpyxl.load_workbook(folder / "hubs.xlsx", read_only=True).active
    for line, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):  # type: ignore[union-attr]
        if line in skip["hubs.xlsx"]:
            continue
        hub_id, _, level, code, _, hub_type, recognized, revoked = values
        reg.hubs.setdefault(str(hub_id), {
            "level": _code(vocab.HUB_LEVEL, str(level)), "code": str(code),
            "hub_type": _code(vocab.HUB_TYPE, str(hub_type)),
            "recognized_on": _day(recognized), "revoked_on": _day(revoked),
        })  # fmt: skip
    for r in _csv(folder / "hub_links.csv", "gb18030", skip["hub_links.csv"]):
        reg.links.append({
            "hub_id": r["枢纽组织编号"], "named": r["统一社会信用代码"],
            "relation": _code(vocab.RELATION, r["关系类型"]),
            "linked_on": _day(r["纳入日期"]), "ended_on": _day(r["解除日期"]),
        })  # fmt: skip
    return reg


def _on(start: dt.date | None, end: dt.date | None, d: dt.date) -> bool:
    return start is not None and start <= d < (end or NEVER)


def _counted(reg: Register, d: dt.date) -> Iterator[tuple[Row, str | None, str | None]]:
    """Each link running on d whose hub is recognized, with the active organization (USCC) and the
    organization counting as filed (filing id) it counts for, each None when there is none."""
    by_filing = {o["filing_id"]: u for u, o in reg.orgs.items() if o["filing_id"]}
    registered = {o["filing_id"]: o["registered_on"] for o in reg.orgs.values() if o["filing_id"]}
    for k in reg.links:
        h = reg.hubs.get(k["hub_id"])
        if h is None or not _on(h["recognized_on"], h["revoked_on"], d):
            continue
        if not _on(k["linked_on"], k["ended_on"], d):
            continue
        named = k["named"]
        uscc = named if named in reg.orgs else by_filing.get(named)
        o = reg.orgs.get(uscc) if uscc else None
        fid = named if named in reg.filed else (o or {}).get("filing_id")
        f = reg.filed.get(fid) if fid else None
        active = o is not None and _on(o["registered_on"], o["deregistered_on"], d)
        until = min((f or {}).get("ended_on") or NEVER, registered.get(fid, NEVER))
        filed = f is not None and _on(f["filed_on"], until, d)
        yield k, uscc if active else None, fid if filed else None


def hub_links(reg: Register, d: dt.date) -> dict[tuple[str, str], tuple[int, int]]:
    """(hub_id, relation) -> (registered, filed) organizations linked on d, for every hub recognized
    on d and relation managed, liaison, any."""
    found: dict[tuple[str, str], tuple[set[str], set[str]]] = {
        (h, rel): (set(), set())
        for h, row in reg.hubs.items()
        if _on(row["recognized_on"], row["revoked_on"], d)
        for rel in ("managed", "liaison", "any")
    }
    for k, uscc, fid in _counted(reg, d):
        for rel in (k["relation"], "any"):
            orgs, filed = found[(k["hub_id"], rel)]
            orgs.update([uscc] if uscc else [])
            filed.update([fid] if fid else [])
    return {key: (len(orgs), len(filed)) for key, (orgs, filed) in found.items()}


def field_reach(reg: Register, d: dt.date) -> dict[tuple[str, str], tuple[int, ...]]:
    """(hub_type, district) -> field, reached by own, by any; the same for filed organizations."""
    registered = {o["filing_id"]: o["registered_on"] for o in reg.orgs.values() if o["filing_id"]}
    types = defaultdict(set)
    for k, uscc, fid in _counted(reg, d):
        for org_id in (uscc, fid):
            if org_id:
                types[org_id].add(reg.hubs[k["hub_id"]]["hub_type"])
    cells: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * 6)
    members = [(u, o.get("service_domain"), o["location"], 0) for u, o in reg.orgs.items()
               if _on(o["registered_on"], o["deregistered_on"], d)]  # fmt: skip
    members += [
        (fid, f["service_domain"], f["code"], 3)
        for fid, f in reg.filed.items()
        if _on(f["filed_on"], min(f["ended_on"] or NEVER, registered.get(fid, NEVER)), d)
    ]
    for org_id, domain, code, at in members:
        for hub_type, field in FIELD.items():
            if domain == field:
                cell = cells[(hub_type, code)]
                cell[at] += 1
                cell[at + 1] += hub_type in types[org_id]
                cell[at + 2] += bool(types[org_id])
    return {key: (c[0], c[1], c[2], c[3], c[4], c[5]) for key, c in cells.items()}
