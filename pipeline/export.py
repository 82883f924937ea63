"""Briefing tables from the warehouse as Excel-safe CSV files with Chinese headers."""

from __future__ import annotations

from pathlib import Path

from pipeline.csvsafe import write_csv
from pipeline.warehouse import connect

BRIEFING_TABLES = ("headline", "district_coverage", "hub_type_coverage", "district_funding")
HEADERS_ZH = {
    "as_of": "截至日期",
    "year": "年份",
    "hubs_city": "市级枢纽",
    "hubs_district": "区县级枢纽",
    "hubs_street": "街道乡镇级枢纽",
    "hubs_total": "枢纽合计",
    "active_orgs": "在册社会组织",
    "linked_orgs": "联系覆盖的社会组织",
    "coverage_rate": "覆盖率",
    "mass_org_linked_orgs": "群团枢纽联系的社会组织",
    "mass_org_share": "群团联系占比",
    "projects_started": "当年开始的购买服务项目",
    "contract_amount_yuan": "合同金额(元)",
    "funding_amount_yuan": "拨付金额(元)",
    "district_code": "区划代码",
    "district_name": "区县",
    "hub_type": "枢纽类型",
    "is_mass_org": "是否群团",
    "hubs": "枢纽数",
    "managed_orgs": "管理的社会组织",
    "liaison_orgs": "联系的社会组织",
    "share_of_active": "占在册组织比例",
    "source": "资金来源",
    "amount_yuan": "金额(元)",
    "records": "拨付笔数",
    "recipients": "收款组织数",
}


def export_briefing(warehouse: Path, out_dir: Path) -> list[Path]:
    """Write each briefing mart to out_dir/<table>-<run id>.csv; return the paths."""
    con = connect(warehouse, read_only=True)
    try:
        query = "select max(run_id) from quality.runs where status = 'succeeded'"
        ((run_id,),) = con.sql(query).fetchall()
        suffix = run_id or "unknown-run"
        paths = []
        for table in BRIEFING_TABLES:
            frame = con.sql(f"select * from marts.{table} order by all").pl()  # noqa: S608 - fixed names
            paths.append(write_csv(frame, out_dir / f"{table}-{suffix}.csv", HEADERS_ZH))
        return paths
    finally:
        con.close()
