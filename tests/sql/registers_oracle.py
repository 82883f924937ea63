"""A civil-affairs register's raw files read and located in plain Python, independently of the pipeline.

The files are read with the csv module and openpyxl; an address (住所) and an authority's region are
read by cpca-new (the maintained parser, not Shuniu's reader); the rest are DOMAIN.md's rules
written out here. Rows the generator planted as faults (its README's lines) are left out.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import cpca_new
import openpyxl

from pipeline.sample.faults import Fault
from schemas.region_rules import MUNICIPALITIES
from schemas.regions import region_table

Row = dict[str, Any]
STATUS = {"正常": None, "存续": None, "注销": "deregistered", "撤销": "revoked", "吊销": "revoked"}
TYPES = {"社会团体": "social_group", "民办非企业单位": "private_non_enterprise",
         "社会服务机构": "private_non_enterprise", "基金会": "foundation"}  # fmt: skip
SUFFIXES = ("社会组织管理局", "行政审批服务局", "行政审批局", "民政厅", "民政局")
LABELS = {"市级": "city", "区级": "district", "街道级": "street", "工会": "union",
          "妇联": "women", "社会组织联合会": "federation", "共青团": "youth_league",
          "管理": "managed", "联系": "liaison", "财政资金": "fiscal", "彩票公益金": "lottery",
          "社会捐赠": "donation", "服务收费": "service_fee", "社区服务": "community",
          "文体": "culture_sports", "养老": "elderly", "公益慈善": "charity"}  # fmt: skip


@dataclass
class Register:
    """The accepted rows, typed, with each organization's location, level and authority region."""

    orgs: dict[str, Row] = field(default_factory=dict)
    filed: dict[str, Row] = field(default_factory=dict)
    hubs: dict[str, Row] = field(default_factory=dict)
    links: list[Row] = field(default_factory=list)
    funding: list[Row] = field(default_factory=list)
    has_hubs: bool = True


def day(text: str | None) -> dt.date | None:
    """2015-07-01, 2015/7/1 or 2015年7月1日."""
    if not text:
        return None
    y, m, d = (int(p) for p in re.split(r"[-/年月日]", text.strip().rstrip("日"))[:3])
    return dt.date(y, m, d)


def yuan(text: str) -> Decimal:
    """125000, 1,234.50, 12.5万 or 12.5万元."""
    text = text.replace(",", "").removesuffix("元")
    return Decimal(text[:-1]) * 10_000 if text.endswith("万") else Decimal(text)


def _rows(path: Path, encoding: str, skip: set[int]) -> Iterable[Row]:
    with path.open(encoding=encoding, newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            if line not in skip:
                yield {_nfkc(k): (_nfkc(v) or None) for k, v in row.items()}


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _municipal(code: str | None) -> str | None:
    """cpca names a municipality's districts' parent 500100 (市辖区); the region is 500000."""
    if code and code[:2] in MUNICIPALITIES and code[2:] in ("0100", "0200"):
        return code[:2] + "0000"
    return code


def cpca_codes(texts: list[str]) -> list[str | None]:
    """The most specific region each text names, by cpca-new (None: no region)."""
    if not texts:
        return []
    found = cpca_new.transform(texts)["adcode"].to_list()
    return [_municipal(c) if isinstance(c, str) else None for c in found]


def authority(name: str, near: str | None) -> tuple[str, str]:
    """(region code, registration level) of a bureau; a county name that several counties share
    is read inside the prefecture of `near` (the row's code or address)."""
    if name == "民政部":
        return "100000", "national"
    suffix = next(s for s in SUFFIXES if name.endswith(s))
    text = name.removesuffix(suffix)
    code = cpca_codes([text])[0]
    table = regions()
    shared = [c for c, r in table.items() if r["region_name"] == text and r["is_current"]]
    if len(shared) > 1 and near:
        code = next(
            c for c in shared if table[c]["prefecture_code"] == table[near]["prefecture_code"]
        )
    assert code, name
    if suffix == "民政厅":
        return code, "province"
    return code, "city" if code.endswith("00") else "district"


_REGIONS: dict[str, Row] = {}


def regions() -> dict[str, Row]:
    if not _REGIONS:
        _REGIONS.update({r["region_code"]: r for r in region_table().iter_rows(named=True)})
    return _REGIONS


def _orgs(folder: Path, skip: set[int]) -> dict[str, Row]:
    raw = list(_rows(folder / "organizations.csv", "gb18030", skip))
    located = cpca_codes([r["住所"] or "" for r in raw])
    out = {}
    for r, by_address in zip(raw, located, strict=True):
        code = r["区划代码"]
        location = code or by_address
        auth_code, level = authority(r["登记管理机关"], location)
        out[r["统一社会信用代码"]] = {
            "uscc": r["统一社会信用代码"],
            "org_type": TYPES[r["社会组织类型"]],
            "level": level,
            "authority_code": auth_code,
            "location": location or auth_code,
            "source": "code" if code else "address" if by_address else "authority",
            "code": code,
            "registered_on": day(r["成立日期"]),
            "deregistered_on": day(r["注销日期"]),
            "supervising_unit": r["业务主管单位"],
            "filing_id": r["备案编号"],
        }
    return out


def _hubs(folder: Path, skip: set[int]) -> dict[str, Row]:
    sheet = openpyxl.load_workbook(folder / "hubs.xlsx", read_only=True).active
    out = {}
    for line, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):  # type: ignore[union-attr]
        if line in skip:
            continue
        hub_id, _, level, code, _, hub_type, recognized, revoked = values
        out[hub_id] = {"level": LABELS[level], "code": code, "hub_type": LABELS[hub_type],
                       "recognized_on": recognized.date(),
                       "revoked_on": revoked.date() if revoked else None}  # fmt: skip
    return out


def read(folder: Path, faults: Iterable[Fault]) -> Register:
    """The register of a raw folder without the planted faults' lines."""
    skip: dict[str, set[int]] = {}
    for f in faults:
        skip.setdefault(f.file, set()).add(f.line)
    reg = Register(orgs=_orgs(folder, skip.get("organizations.csv", set())))
    for r in _rows(folder / "filed_orgs.csv", "utf-8-sig", skip.get("filed_orgs.csv", set())):
        reg.filed[r["备案编号"]] = {
            "code": r["区划代码"], "filed_on": day(r["备案日期"]),
            "ended_on": day(r["撤销备案日期"]), "service_domain": LABELS[r["服务领域"]],
        }  # fmt: skip
    reg.has_hubs = (folder / "hubs.xlsx").exists()
    if reg.has_hubs:
        reg.hubs = _hubs(folder, skip.get("hubs.xlsx", set()))
        for r in _rows(folder / "hub_links.csv", "utf-8-sig", skip.get("hub_links.csv", set())):
            reg.links.append({
                "hub_id": r["枢纽组织编号"], "named": r["统一社会信用代码"],
                "relation": LABELS[r["关系类型"]],
                "linked_on": day(r["纳入日期"]), "ended_on": day(r["解除日期"]),
            })  # fmt: skip
    for r in _rows(folder / "funding.csv", "utf-8-sig", skip.get("funding.csv", set())):
        reg.funding.append({
            "recipient": r["收款组织统一社会信用代码"], "source": LABELS[r["资金来源"]],
            "amount": yuan(r["金额(元)"]), "paid_on": day(r["拨付日期"]), "code": r["区划代码"],
        })  # fmt: skip
    return reg
