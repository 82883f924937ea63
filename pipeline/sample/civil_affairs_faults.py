"""The deliberate faults of the civil-affairs-shaped register, and the README that lists them."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable

import polars as pl

from pipeline.sample.civil_affairs import Register, Row
from pipeline.sample.credit_codes import corrupt_check
from pipeline.sample.faults import FAULT_RATE, Fault
from pipeline.sample.register import SampleReport

Render = Callable[[random.Random, Row], Row]
FAULT_KINDS: dict[str, dict[str, str]] = {
    "organizations.csv": {
        "bad_check_char": "USCC whose check character is wrong",
        "type_char_mismatch": "社会组织类型 disagrees with the USCC's type character",
        "missing_name": "社会组织名称 left empty",
        "duplicate_uscc": "a later copy of an organization already listed",
        "unknown_label": "登记状态 停业 (not a status)",
        "unparseable_date": "成立日期 2013-02-30",
        "inactive_without_date": "登记状态 注销 without 注销日期",
        "unknown_district": "区划代码 that no GB/T 2260 edition has",
        "authority_unknown": "登记管理机关 海川市民政局: no such region (no code, no address)",
        "authority_ambiguous": "登记管理机关 鼓楼区民政局 alone: four counties (no code, no address)",
        "address_unlocated": "住所 naming no region, no authority, no code",
        "address_ambiguous": "住所 naming only 鼓楼区 (four counties), no authority, no code",
        "location_missing": "no 区划代码, 住所 or 登记管理机关",
    },
    "filed_orgs.csv": {
        "duplicate_filing_id": "a later copy of a filed organization already listed",
        "filing_id_is_uscc": "备案编号 that is a valid USCC",
        "not_a_county": "区划代码 of a prefecture (a filing is with a county)",
        "ended_before_filed": "撤销备案日期 before 备案日期",
        "unparseable_date": "备案日期 2016年13月5日",
    },
    "hubs.xlsx": {
        "duplicate_hub_id": "a later copy of a hub already listed",
        "unknown_label": "枢纽类型 文联 (not a hub type)",
    },
    "hub_links.csv": {
        "unknown_org": "统一社会信用代码 naming neither an organization nor a filing",
        "ended_before_linked": "解除日期 before 纳入日期",
    },
    "funding.csv": {
        "duplicate_funding_id": "a later copy of a payment already listed",
        "unknown_recipient": "收款组织 not in organizations",
        "zero_amount": "金额 0",
    },
}
WARNINGS = (
    "Warnings, not faults (rows kept): every organization without 区划代码 whose 住所 names a"
    " region is `located_by_address` (the region chosen, a county or the prefecture or province"
    " the address names), every one located by its 登记管理机关 alone `located_by_authority`;"
    " a few carry a 区划代码 outside their authority's region (`authority_code_disagrees`, the"
    " code wins)."
)


def per_kind(file: str, rows: int) -> int:
    """Rows of each fault kind: about FAULT_RATE of the file over its kinds, at least one."""
    return max(1, round(FAULT_RATE * rows / len(FAULT_KINDS[file])))


def _spares(reg: Register, part: int) -> list[Row]:
    """One of three parts of the spare organizations: 0 organizations.csv's faulty rows, 1 the
    unknown organizations that links and payments name, 2 the filing ids that are USCCs."""
    third = len(reg.spares) // 3
    return reg.spares[part * third : (part + 1) * third]


def _org_fault(kind: str, row: Row) -> Row:
    nowhere: dict[str, object] = dict.fromkeys(
        ("district_code", "address", "registration_authority")
    )
    changes: dict[str, dict[str, object]] = {
        "bad_check_char": {"uscc": corrupt_check(pl.Series([row["uscc"]]))[0]},
        "type_char_mismatch": {"org_type": "基金会" if row["uscc"][1] != "3" else "社会团体"},
        "missing_name": {"name": None},
        "unknown_label": {"status": "停业"},
        "unparseable_date": {"registered_on": "2013-02-30"},
        "inactive_without_date": {"status": "注销", "deregistered_on": None},
        "authority_unknown": {**nowhere, "registration_authority": "海川市民政局"},
        "authority_ambiguous": {**nowhere, "registration_authority": "鼓楼区民政局"},
        "address_unlocated": {**nowhere, "address": "学府路12号"},
        "address_ambiguous": {**nowhere, "address": "鼓楼区学府路1号"},
        "location_missing": nowhere,
    }
    return {**row, **changes.get(kind, {})}


def _org_faults(
    reg: Register, clean: list[Row], rng: random.Random, render: Render, unknown: str
) -> list[tuple[str, Row, int]]:
    k = per_kind("organizations.csv", len(clean))
    spares = iter(_spares(reg, 0))
    out = []
    for kind in FAULT_KINDS["organizations.csv"]:
        for _ in range(k):
            if kind == "duplicate_uscc":
                i = rng.randrange(len(clean))
                out.append((kind, dict(clean[i]), i))
                continue
            row = render(rng, next(spares))
            row = {**row, "district_code": unknown} if kind == "unknown_district" else row
            out.append((kind, _org_fault(kind, row), -1))
    return out


def _filed_faults(
    reg: Register, clean: list[Row], rng: random.Random, render: Render
) -> list[tuple[str, Row, int]]:
    k = per_kind("filed_orgs.csv", len(clean))
    out = []
    for j, kind in enumerate(FAULT_KINDS["filed_orgs.csv"]):
        for n in range(k):
            i = rng.randrange(len(clean))
            if kind == "duplicate_filing_id":
                out.append((kind, dict(clean[i]), i))
                continue
            typed = dict(reg.filed[i], filing_id=f"{reg.filed[i]['filing_id']}F{j}{n}")
            if kind == "ended_before_filed":
                typed["ended_on"] = typed["filed_on"] - dt.timedelta(days=rng.randint(1, 300))
            row = render(rng, typed)
            if kind == "filing_id_is_uscc":
                row["filing_id"] = _spares(reg, 2)[n]["uscc"]
            elif kind == "not_a_county":
                row["district_code"] = row["district_code"][:4] + "00"
            elif kind == "unparseable_date":
                row["filed_on"] = "2016年13月5日"
            out.append((kind, row, -1))
    return out


def _other_faults(
    file: str, reg: Register, clean: list[Row], rng: random.Random, render: Render
) -> list[tuple[str, Row, int]]:
    typed = {"hubs.xlsx": reg.hubs, "hub_links.csv": reg.links, "funding.csv": reg.funding}[file]
    spare = _spares(reg, 1)
    out = []
    for j, kind in enumerate(FAULT_KINDS[file]):
        for n in range(per_kind(file, len(clean))):
            i = rng.randrange(len(clean))
            if kind.startswith("duplicate"):
                out.append((kind, dict(clean[i]), i))
                continue
            base = dict(typed[i])
            if kind == "ended_before_linked":
                base["ended_on"] = base["linked_on"] - dt.timedelta(days=rng.randint(1, 300))
            row = render(rng, base)
            if file == "hubs.xlsx":
                row.update(hub_id=f"{row['hub_id'][:8]}9{j}{n:02d}", hub_type="文联")
            elif kind == "unknown_org":
                row["uscc"] = spare[n % len(spare)]["uscc"]
            elif file == "funding.csv":
                row["funding_id"] = f"BF9{j}{n:04d}"
                if kind == "unknown_recipient":
                    row["recipient_uscc"] = spare[-1 - n % len(spare)]["uscc"]
                else:
                    row["amount_yuan"] = "0"
            out.append((kind, row, -1))
    return out


def faults_for(
    file: str, reg: Register, clean: list[Row], rng: random.Random, render: Render
) -> list[tuple[str, Row, int]]:
    """The fault rows of one file: (kind, row as written, the clean row it must follow or -1)."""
    if not clean:
        return []
    if file == "organizations.csv":
        from pipeline.sample.fault_rows import unknown_code
        from schemas.regions import region_names

        counties = sorted({o["county"] for o in reg.orgs})
        return _org_faults(reg, clean, rng, render, unknown_code(counties, set(region_names())))
    if file == "filed_orgs.csv":
        return _filed_faults(reg, clean, rng, render)
    return _other_faults(file, reg, clean, rng, render)


def _fault_table(faults: tuple[Fault, ...]) -> list[str]:
    lines: dict[tuple[str, str], list[int]] = defaultdict(list)
    for fault in faults:
        lines[(fault.file, fault.kind)].append(fault.line)
    out = ["| file | fault | meaning | lines |", "|---|---|---|---|"]
    for file, kinds in FAULT_KINDS.items():
        for kind, meaning in kinds.items():
            found = sorted(lines.get((file, kind), []))
            if found:
                out.append(f"| {file} | {kind} | {meaning} | {', '.join(map(str, found))} |")
    return out


def readme(
    report: SampleReport, seed: int, orgs: int | None, region: str | None, hubs: bool
) -> str:
    """Markdown for the folder: synthetic, how to regenerate, files, shape, faults."""
    rows, faults = report.rows, report.faults
    command = f"python -m pipeline sample --shape civil-affairs --seed {seed}"
    command += f" --orgs {orgs}" if orgs is not None else ""
    command += f" --region {region}" if region else ""
    command += "" if hubs else " --without-hubs"
    return "\n".join(
        [
            "# Synthetic register in the civil-affairs export's shape (not real data)",
            "",
            "Every file here is **synthetic**, made by `pipeline/sample/civil_affairs*.py`; only",
            "the bureaus', regions' and zones' names and codes are real.",
            f"Regenerate (byte-identical): `{command} --out DIR`",
            "",
            "## Files",
            "| file | rows |",
            "|---|---|",
            *[f"| {name} | {count:,} |" for name, count in rows.items()],
            "",
            "## Shape",
            "organizations.csv is the system's export (GB18030, CRLF): 登记管理机关 (民政部, 省民政厅,",
            "市民政局 including 重庆市民政局 at city level, 区县民政局, a 社会组织管理局 and 行政审批局s),",
            "业务主管单位 (empty: directly registered), 法定代表人, 住所, 注册资金, 业务范围, 登记状态",
            "(正常/存续/注销/撤销/吊销), 备案编号 for those that were filed first; 区划代码 on few rows,",
            "sometimes a city's own code (350300), or a functional zone (133100, 320576, 232761, 632857).",
            "filed_orgs.csv: community organizations filed (备案) with a street office or county bureau;",
            "street hubs link some of them by 备案编号 in hub_links.csv, and some register later under",
            "it (counted once, as registered, from then)."
            + ("" if hubs else " This delivery has no hubs.xlsx or hub_links.csv."),
            "",
            "## Deliberate faults",
            "A refresh must reject exactly these rows (lines count the header as line 1).",
            WARNINGS,
            "",
            *_fault_table(faults),
            "",
        ]
    )
