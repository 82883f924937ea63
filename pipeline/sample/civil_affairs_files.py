"""Write the civil-affairs-shaped register as a bureau delivers it, with deliberate faults.

organizations.csv is the civil-affairs system's export (GB18030, CRLF, its own column names:
登记管理机关, 业务主管单位, 法定代表人, 住所, 注册资金, 业务范围, 登记状态 正常/存续/注销/撤销/吊销);
filed_orgs.csv the street offices' filing list; hubs.xlsx and hub_links.csv the hub lists (left out
for a delivery without hub data); funding.csv the payments. README.md lists every fault's line.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path

import numpy as np
import polars as pl

from pipeline.sample.civil_affairs import Register, Row, generate
from pipeline.sample.civil_affairs_faults import FAULT_KINDS, faults_for, readme
from pipeline.sample.clerk_text import amounts
from pipeline.sample.faults import Fault
from pipeline.sample.files import write_csv, write_hubs_xlsx
from pipeline.sample.register import SampleReport
from pipeline.sample.scales import EPOCH
from schemas import vocab

ORG_HEADERS = {
    "uscc": "统一社会信用代码",
    "name": "社会组织名称",
    "org_type": "社会组织类型",
    "registration_authority": "登记管理机关",
    "supervising_unit": "业务主管单位",
    "legal_representative": "法定代表人",
    "address": "住所",
    "registered_capital": "注册资金",
    "business_scope": "业务范围",
    "registered_on": "成立日期",
    "status": "登记状态",
    "deregistered_on": "注销日期",
    "district_code": "区划代码",
    "filing_id": "备案编号",
}
FILED_HEADERS = {
    "filing_id": "备案编号",
    "name": "名称",
    "filing_authority": "备案机关",
    "district_code": "区划代码",
    "street_name": "街道乡镇",
    "filed_on": "备案日期",
    "ended_on": "撤销备案日期",
    "service_domain": "服务领域",
}
LINK_HEADERS = {
    "hub_id": "枢纽组织编号",
    "uscc": "统一社会信用代码",
    "relation": "关系类型",
    "linked_on": "纳入日期",
    "ended_on": "解除日期",
}
FUNDING_HEADERS = {
    "funding_id": "拨付编号",
    "recipient_uscc": "收款组织统一社会信用代码",
    "source": "资金来源",
    "amount_yuan": "金额（元）",
    "paid_on": "拨付日期",
    "district_code": "区划代码",
}
_LABELS = {
    t.code: t.zh
    for terms in (vocab.HUB_LEVEL, vocab.HUB_TYPE, vocab.RELATION, vocab.FUNDING_SOURCE)
    for t in terms
}
_DOMAINS = {t.code: t.zh for t in vocab.SERVICE_DOMAIN}
_TYPES = {
    "social_group": ("社会团体",),
    "private_non_enterprise": ("民办非企业单位", "社会服务机构"),
}


def text_date(rng: random.Random, day: dt.date | None) -> str | None:
    """2015-07-01 mostly, else 2015/7/1 or 2015年7月1日."""
    if day is None:
        return None
    form = rng.choices((0, 1, 2), (60, 25, 15))[0]
    if form == 0:
        return day.isoformat()
    if form == 1:
        return f"{day.year}/{day.month}/{day.day}"
    return f"{day.year}年{day.month}月{day.day}日"


def org_text(rng: random.Random, row: Row) -> Row:
    """An organization as the export writes it."""
    type_label = rng.choice(_TYPES.get(row["org_type"], ("基金会",)))
    out = {k: row.get(k) for k in ORG_HEADERS}
    dates = {k: text_date(rng, row[k]) for k in ("registered_on", "deregistered_on")}
    return {**out, **dates, "org_type": type_label}


def filed_text(rng: random.Random, row: Row) -> Row:
    """A filed organization as a street office lists it."""
    out = {k: row.get(k) for k in FILED_HEADERS}
    dates = {k: text_date(rng, row[k]) for k in ("filed_on", "ended_on")}
    return {**out, **dates, "service_domain": _DOMAINS[row["service_domain"]]}


def link_text(rng: random.Random, row: Row) -> Row:
    """A link row: the organization column holds a USCC or a filing id."""
    dates = {k: text_date(rng, row[k]) for k in ("linked_on", "ended_on")}
    return {**row, **dates, "relation": _LABELS[row["relation"]]}


def funding_text(rng: random.Random, row: Row) -> Row:
    """A payment with its amount as 125000, 125,000.00, 12.5万 or 12.5万元."""
    style = np.array([rng.randrange(4)])
    amount = amounts(np.array([row["cents"]]), style)[0]
    out = {k: row.get(k) for k in FUNDING_HEADERS if k != "amount_yuan"}
    source = _LABELS[row["source"]]
    return {
        **out,
        "amount_yuan": amount,
        "paid_on": text_date(rng, row["paid_on"]),
        "source": source,
    }


def hub_cells(row: Row) -> Row:
    """A hub for hubs.xlsx: labels in Chinese, dates as day numbers (written as Excel dates)."""
    days = {k: (row[k] - EPOCH).days if row[k] else None for k in ("recognized_on", "revoked_on")}
    labels = {k: _LABELS.get(row[k], row[k]) for k in ("level", "hub_type")}
    return {**row, **days, **labels, "recognized_text": None}


def mix(
    rng: random.Random, clean: list[Row], bad: list[tuple[str, Row, int]], file: str
) -> tuple[list[Row], list[Fault]]:
    """Put each fault row (kind, row, after: the clean row it must follow, -1 for none) at a
    random place after `after`; return the file's rows and where each fault landed."""
    slots = [(i * 2, row, "") for i, row in enumerate(clean)]
    for kind, row, after in bad:
        at = rng.randint(after + 1, len(clean))
        slots.append((at * 2 - 1 if at else -1, row, kind))
    slots.sort(key=lambda s: s[0])
    faults = [Fault(file, i + 2, kind) for i, (_, _, kind) in enumerate(slots) if kind]
    return [row for _, row, _ in slots], faults


def _frame(rows: list[Row], columns: list[str]) -> pl.DataFrame:
    return pl.DataFrame(
        [{c: (None if r.get(c) in (None, "") else str(r[c])) for c in columns} for r in rows],
        schema=dict.fromkeys(columns, pl.String),
    )


def _write(
    out: Path,
    name: str,
    rows: list[Row],
    render: Callable[[random.Random, Row], Row],
    reg: Register,
    rng: random.Random,
) -> tuple[int, list[Fault]]:
    clean = [render(rng, r) for r in rows]
    table, fmt = name.rsplit(".", 1)
    bad = faults_for(name, reg, clean, rng, render)
    mixed, faults = mix(rng, clean, bad, name)
    if fmt == "xlsx":
        frame = pl.DataFrame(mixed, infer_schema_length=None)
        return write_hubs_xlsx(frame, out / name), faults
    headers = {
        "organizations.csv": ORG_HEADERS,
        "filed_orgs.csv": FILED_HEADERS,
        "hub_links.csv": LINK_HEADERS,
        "funding.csv": FUNDING_HEADERS,
    }[name]
    frame = _frame(mixed, list(headers))
    gb = name == "organizations.csv"
    n = write_csv(
        frame, out / name, headers, encoding="gb18030" if gb else "utf-8", bom=not gb, crlf=gb
    )
    return n, faults


def write_civil_affairs(
    out_dir: Path,
    *,
    seed: int = 20180401,
    orgs: int | None = None,
    region: str | None = None,
    hubs: bool = True,
) -> SampleReport:
    """Write the civil-affairs-shaped register to `out_dir` (hubs=False: the same delivery
    without hubs.xlsx and hub_links.csv); return rows per file and every fault's line."""
    reg = generate(seed, orgs if orgs is not None else 3000, region)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    plan: list[tuple[str, list[Row], Callable[[random.Random, Row], Row]]] = [
        ("organizations.csv", reg.orgs, org_text),
        ("filed_orgs.csv", reg.filed, filed_text),
        ("hubs.xlsx", reg.hubs, lambda _rng, row: hub_cells(row)),
        ("hub_links.csv", reg.links, link_text),
        ("funding.csv", reg.funding, funding_text),
    ]
    rows: dict[str, int] = {}
    faults: list[Fault] = []
    for i, (name, table_rows, render) in enumerate(plan):
        if not hubs and name in ("hubs.xlsx", "hub_links.csv"):
            continue
        rows[name], found = _write(out, name, table_rows, render, reg, random.Random(seed * 10 + i))
        faults += found
    report = SampleReport(rows, tuple(faults))
    (out / "README.md").write_text(readme(report, seed, orgs, region, hubs), "utf-8")
    return report


__all__ = ["FAULT_KINDS", "write_civil_affairs"]
