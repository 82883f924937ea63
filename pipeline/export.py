"""Briefing tables from the warehouse as Excel-safe CSV files, in the dashboard's Chinese terms."""

from __future__ import annotations

from pathlib import Path

from pipeline.csvsafe import write_csv
from pipeline.releases.files import own_run
from pipeline.warehouse import connect

# Fixed queries (no user input): codes as Chinese labels, rates as percentages with one decimal,
# retired districts marked as the dashboard marks them.
BRIEFING_QUERIES = {
    "headline": """
        select as_of as 截至日期, hubs_city as 市级枢纽, hubs_district as 区级枢纽,
            hubs_street as 街道级枢纽, hubs_total as 枢纽合计, active_orgs as 存续社会组织,
            linked_orgs as 联系社会组织, round(100 * coverage_rate, 1) as "覆盖率(%)",
            mass_org_linked_orgs as 群团联系社会组织, round(100 * mass_org_share, 1) as "群团联系占比(%)",
            projects_started as 当年开始的购买服务项目, contract_amount_yuan as "合同金额(元)",
            funding_amount_yuan as "当年拨付资金(元)"
        from marts.headline order by as_of""",
    "district_coverage": """
        select d.as_of as 截至日期, d.district_code as 区划代码, d.district_name || case when r.is_current then '' else '（已撤销）' end as 区县,
            d.active_orgs as 存续社会组织, d.linked_orgs as 联系社会组织,
            round(100 * d.coverage_rate, 1) as "覆盖率(%)"
        from marts.district_coverage d left join ref.regions r on r.region_code = d.district_code
        order by d.as_of, d.district_code""",
    "hub_type_coverage": """
        select c.as_of as 截至日期, t.label_zh as 枢纽类型,
            case when c.is_mass_org then '是' else '否' end as 是否群团, c.hubs as 枢纽数,
            c.managed_orgs as 管理的社会组织, c.liaison_orgs as 联系的社会组织,
            c.linked_orgs as 联系社会组织, round(100 * c.share_of_active, 1) as "占存续组织比例(%)"
        from marts.hub_type_coverage c join ref.hub_types t using (hub_type)
        order by c.as_of, t.type_index""",
    "district_funding": """
        select d.year as 年份, d.district_code as 区划代码, d.district_name || case when r.is_current then '' else '（已撤销）' end as 区县, v.label_zh as 资金来源,
            d.amount_yuan as "金额(元)", d.records as 拨付笔数, d.recipients as 收款组织数
        from marts.district_funding d
        left join ref.regions r on r.region_code = d.district_code
        left join ref.vocab v on v.vocabulary = 'funding_source' and v.code = d.source
        order by d.year, d.district_code, v.sort_order""",
}


def export_briefing(warehouse: Path, out_dir: Path) -> list[Path]:
    """Write each briefing mart to out_dir/<table>-<run id>.csv; return the paths."""
    con = connect(warehouse, read_only=True)
    try:
        ((catalog,),) = con.sql("select current_database()").fetchall()
        suffix = own_run(con, catalog) or "unknown-run"
        paths = []
        for table, sql in BRIEFING_QUERIES.items():
            frame = con.sql(sql).pl()
            paths.append(write_csv(frame, out_dir / f"{table}-{suffix}.csv"))
        return paths
    finally:
        con.close()
