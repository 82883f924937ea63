"""The bundled-shape sample's organizations and projects read in plain Python (csv module, hand-written
labels), and the figures of issue 18 items 3 and 4 counted from them by DOMAIN.md's rules, apart from
the pipeline: union and party coverage counted all ways, who delivers purchased services, and who
evaluated the completed ones. Rows the generator planted as faults (its README's lines) are left out.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from pipeline.sample.faults import Fault

Row = dict[str, Any]
MERGED = {"110103": "110101", "110104": "110102"}  # Beijing 2010, by hand
ORG_TYPES = {"社会团体": "social_group", "民办非企业单位": "private_non_enterprise",
             "社会服务机构": "private_non_enterprise", "基金会": "foundation"}  # fmt: skip
MODES = {"直接登记": "direct", "双重管理": "dual"}
FORMS = {"独立建会": "own", "联合建会": "joint", "单独建立": "own", "联合建立": "joint",
         "依托主管单位": "via_supervisor"}  # fmt: skip
YES = {"是": True, "Y": True, "否": False, "N": False}
STATUS = {"已完成": "completed", "实施中": "ongoing", "未开始": "planned", "已终止": "terminated"}
GRADES = {"优秀": "excellent", "良好": "good", "合格": "pass", "不合格": "fail"}
KINDS = {"第三方": "third_party", "自评": "self", "购买方": "purchaser"}


def _text(value: str | None) -> str | None:
    value = unicodedata.normalize("NFKC", value or "").strip()
    return value or None


def _code(value: str | None, labels: dict[str, str]) -> str | None:
    """A label, or the code itself."""
    value = _text(value)
    return None if value is None else labels.get(value, value)


def day(value: str | None) -> dt.date | None:
    """2015-07-01, 2015/7/1 or 2015年7月1日."""
    value = _text(value)
    if value is None:
        return None
    y, m, d = (int(p) for p in re.split(r"[-/年月日]", value.rstrip("日"))[:3])
    return dt.date(y, m, d)


def yuan(value: str | None) -> Decimal | None:
    """125000, 125,000.00, 12.5万 or 12.5万元."""
    value = _text(value)
    if value is None:
        return None
    value = value.replace(",", "").removesuffix("元")
    return Decimal(value[:-1]) * 10_000 if value.endswith("万") else Decimal(value)


def _rows(path: Path, faults: Iterable[Fault]) -> list[dict[str, str]]:
    planted = {f.line for f in faults if f.file == path.name}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row for line, row in enumerate(csv.DictReader(handle), start=2)
                if line not in planted]  # fmt: skip


def organizations(raw: Path, faults: Iterable[Fault]) -> dict[str, Row]:
    """uscc -> the accepted organization (the first of a repeated code)."""
    out: dict[str, Row] = {}
    for r in _rows(raw / "organizations.csv", faults):
        uscc = _text(r["统一社会信用代码"])
        code = _text(r["所在区划代码"]) or ""
        out.setdefault(str(uscc), {
            "name": _text(r["社会组织名称"]), "org_type": _code(r["社会组织类型"], ORG_TYPES),
            "district": MERGED.get(code, code), "on": day(r["成立登记日期"]),
            "off": day(r["注销日期"]), "rating": _text(r["评估等级"]),
            "mode": _code(r["登记方式"], MODES), "party": YES.get(_text(r["是否建立党组织"]) or ""),
            "union": YES.get(_text(r["是否建立工会"]) or ""),
            "union_form": _code(r["工会建立方式"], FORMS),
            "party_form": _code(r["党组织建立方式"], FORMS),
        })  # fmt: skip
    return out


def projects(raw: Path, faults: Iterable[Fault], orgs: dict[str, Row]) -> list[Row]:
    """The accepted projects, each with where it counts (its district, else its provider's)."""
    out = []
    for r in _rows(raw / "projects.csv", faults):
        provider = orgs[str(_text(r["provider_uscc"]))]
        code = _text(r["district_code"])
        out.append({
            "provider": _text(r["provider_uscc"]), "purchaser": _text(r["purchaser_name"]),
            "district": MERGED.get(code, code) if code else provider["district"],
            "start": day(r["start_on"]), "end": day(r["end_on"]),
            "amount": yuan(r["contract_amount_yuan"]), "status": _code(r["status"], STATUS),
            "grade": _code(r["evaluation_grade"], GRADES), "evaluator": _text(r["evaluator"]),
            "kind": _code(r["evaluation_kind"], KINDS),
        })  # fmt: skip
    return out


def _band(rating: str | None) -> str:
    return "unrated" if rating is None else "4a_5a" if rating in ("4A", "5A") else "1a_3a"


def provider_year(orgs: dict[str, Row], work: list[Row]) -> dict[tuple[Any, ...], list[Any]]:
    """(year, district, provider) -> [org_type, rating band, mode, projects, contract money]."""
    out: dict[tuple[Any, ...], list[Any]] = {}
    for p in work:
        o = orgs[p["provider"]]
        key = (p["start"].year, p["district"], p["provider"])
        row = out.setdefault(key, [o["org_type"], _band(o["rating"]), o["mode"], 0, Decimal(0)])
        row[3] += 1
        row[4] += p["amount"] or Decimal(0)
    return out


def evaluation(orgs: dict[str, Row], work: list[Row]) -> Counter[tuple[Any, ...]]:
    """(year ended, district, provider's type, evaluated, by whom, grade) -> completed projects."""
    out: Counter[tuple[Any, ...]] = Counter()
    for p in work:
        if p["status"] != "completed":
            continue
        evaluated = any(p[k] is not None for k in ("grade", "evaluator", "kind"))
        who = None
        if evaluated:
            who = p["kind"] or {orgs[p["provider"]]["name"]: "self",
                                p["purchaser"]: "purchaser"}.get(p["evaluator"], "unstated")  # fmt: skip
        year, org_type = (p["end"] or p["start"]).year, orgs[p["provider"]]["org_type"]
        out[(year, p["district"], org_type, evaluated, who, p["grade"])] += 1
    return out


def forms(orgs: dict[str, Row], years: Iterable[int]) -> dict[int, Counter[str]]:
    """Year-end -> union and party coverage of the active organizations, counted all ways."""
    out: dict[int, Counter[str]] = defaultdict(Counter)
    for year in years:
        end = dt.date(year, 12, 31)
        for o in orgs.values():
            if not (o["on"] <= end and (o["off"] is None or o["off"] > end)):
                continue
            c = out[year]
            for flag, form, name in (("union", "union_form", "union"),
                                     ("party", "party_form", "party_org")):  # fmt: skip
                c[f"{name}_formal"] += o[flag] is True or o[form] is not None
                c[f"{name}_effective"] += o[form] in ("own", "joint")
                c[f"{name}_via_supervisor"] += o[form] == "via_supervisor"
    return out
