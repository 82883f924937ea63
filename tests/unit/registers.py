"""Tiny hand-made registers for tests: valid codes, and writers for every input form."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from schemas.uscc import check_char


def uscc(type_char: str, region: str, serial: str) -> str:
    """A valid civil-affairs USCC: '5' + type + region + 9-character serial + check character."""
    body = f"5{type_char}{region}{serial}"
    return body + check_char(body)


ORG_A = uscc("1", "110105", "MJ0000001")  # 朝阳区 social group
ORG_B = uscc("2", "110108", "MJ0000002")  # 海淀区 private non-enterprise unit
ORG_C = uscc("3", "110000", "MJ0000003")  # city-level foundation, district 110101


def write_csv(
    path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8"
) -> Path:
    """Write a CSV file in the given encoding (utf-8-sig for a BOM, gb18030 for GBK)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


ORG_HEADER = [
    "uscc",
    "name",
    "org_type",
    "registration_level",
    "district_code",
    "registered_on",
    "deregistered_on",
    "status",
    "has_party_org",
]
HUB_HEADER = [
    "hub_id",
    "name",
    "level",
    "district_code",
    "street_name",
    "hub_type",
    "recognized_on",
    "revoked_on",
]
LINK_HEADER = ["hub_id", "uscc", "relation", "linked_on", "ended_on"]
FUNDING_HEADER = [
    "funding_id",
    "recipient_uscc",
    "source",
    "amount_yuan",
    "paid_on",
    "district_code",
]
PROJECT_HEADER = [
    "project_id",
    "name",
    "purchaser_name",
    "provider_uscc",
    "start_on",
    "contract_amount_yuan",
    "category",
]

ORGS = [
    [ORG_A, "朝阳区阳光志愿者协会", "社会团体", "区级", "110105", "2010-01-01", "", "正常", "是"],
    [
        ORG_B,
        "海淀区康乐养老服务中心",
        "民办非企业单位",
        "区级",
        "110108",
        "2011/3/5",
        "2014年6月1日",
        "注销",
        "否",
    ],
    [ORG_C, "北京市助学基金会", "foundation", "city", "110101", "2012-01-01", "", "", "Y"],
]
HUBS = [
    ["H1", "北京市妇女联合会", "市级", "110000", "", "妇联", "2009-01-01", ""],
    ["H2", "朝阳区社会组织联合会", "区级", "110105", "", "federation", "2011-01-01", "2013-06-30"],
]
LINKS = [
    ["H1", ORG_A, "联系", "2010-05-01", ""],
    ["H2", ORG_A, "管理", "2011-02-01", ""],
    ["H1", ORG_B, "管理", "2011-05-01", ""],
]
FUNDING = [
    ["F1", ORG_A, "财政资金", "12.5万元", "2012-03-01", ""],
    ["F2", ORG_B, "lottery", "1,234.50", "2013-01-01", "110105"],
]
PROJECTS = [["P1", "社区养老", "朝阳区民政局", ORG_B, "2012-02-01", "10万", "养老"]]


def write_register(folder: Path, extra: dict[str, list[list[str]]] | None = None) -> Path:
    """The tiny clean register in `folder`, optionally with extra rows appended per file."""
    extra = extra or {}
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(
        folder / "organizations.csv", ORG_HEADER, ORGS + extra.get("organizations", []), "utf-8-sig"
    )
    write_csv(folder / "hubs.csv", HUB_HEADER, HUBS + extra.get("hubs", []))
    write_csv(folder / "hub_links.csv", LINK_HEADER, LINKS + extra.get("hub_links", []), "gb18030")
    write_csv(folder / "funding.csv", FUNDING_HEADER, FUNDING + extra.get("funding", []))
    write_csv(folder / "projects.csv", PROJECT_HEADER, PROJECTS + extra.get("projects", []))
    return folder
