"""The briefing tables read from a warehouse's marts, in the dashboard's Chinese terms: fixed queries,
bound parameters, each column with its kind (count, rate, money, code, text) for the CSV and the
workbook to show it right."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import duckdb
import polars as pl

# Column kinds: int (a count), rate (a fraction), yuan (money), code (an identifier), text, date.
_HEADLINE_KINDS = {
    "市级枢纽": "int", "区级枢纽": "int", "街道级枢纽": "int", "枢纽合计": "int",
    "存续社会组织": "int", "联系社会组织": "int", "覆盖率": "rate", "群团联系社会组织": "int",
    "群团联系占比": "rate", "当年开始的购买服务项目": "int", "合同金额": "yuan", "当年拨付资金": "yuan",
}  # fmt: skip
# Headline columns -> the dashboard's figure keys (their definitions: schemas/definitions.py).
FIGURE_KEYS = {
    "枢纽合计": "fig.hubs_total", "存续社会组织": "fig.active_orgs", "联系社会组织": "fig.linked_orgs",
    "覆盖率": "fig.coverage_rate", "群团联系社会组织": "fig.mass_org_linked_orgs",
    "群团联系占比": "fig.mass_org_share", "当年开始的购买服务项目": "fig.projects_started",
    "合同金额": "fig.contract_amount_yuan", "当年拨付资金": "fig.funding_amount_yuan",
}  # fmt: skip
# The rows of 总览指标, in the dashboard's order (dashboard/overview/figures.py HEADLINE)
OVERVIEW_ROWS = (
    "市级枢纽", "区级枢纽", "街道级枢纽", "枢纽合计", "存续社会组织", "联系社会组织", "覆盖率",
    "群团联系社会组织", "群团联系占比", "当年拨付资金", "当年开始的购买服务项目", "合同金额",
)  # fmt: skip


@dataclass(frozen=True)
class Table:
    """A briefing table: its file stem (machines), its sheet name (people), query and column kinds."""

    stem: str
    sheet: str
    sql: str
    kinds: Mapping[str, str]


# $as_of: the year-end (null: every year-end); retired districts marked as the dashboard marks them.
TABLES = (
    Table(
        "headline",
        "历年趋势",
        """select as_of as 截至日期, hubs_city as 市级枢纽, hubs_district as 区级枢纽,
            hubs_street as 街道级枢纽, hubs_total as 枢纽合计, active_orgs as 存续社会组织,
            linked_orgs as 联系社会组织, coverage_rate as 覆盖率,
            mass_org_linked_orgs as 群团联系社会组织, mass_org_share as 群团联系占比,
            projects_started as 当年开始的购买服务项目, contract_amount_yuan as 合同金额,
            funding_amount_yuan as 当年拨付资金
        from marts.headline where $as_of::date is null or as_of <= $as_of::date order by as_of""",
        {"截至日期": "date", **_HEADLINE_KINDS},
    ),
    Table(
        "district_coverage",
        "分区覆盖",
        """select d.as_of as 截至日期, d.district_code as 区划代码,
            d.district_name || case when r.is_current then '' else '（已撤销）' end as 区县,
            d.active_orgs as 存续社会组织, d.linked_orgs as 联系社会组织, d.coverage_rate as 覆盖率
        from marts.district_coverage d left join ref.regions r on r.region_code = d.district_code
        where $as_of::date is null or d.as_of = $as_of::date order by d.as_of, d.district_code""",
        {
            "截至日期": "date",
            "区划代码": "code",
            "区县": "text",
            "存续社会组织": "int",
            "联系社会组织": "int",
            "覆盖率": "rate",
        },  # fmt: skip
    ),
    Table(
        "hub_type_coverage",
        "枢纽类型",
        """select c.as_of as 截至日期, t.label_zh as 枢纽类型,
            case when c.is_mass_org then '是' else '否' end as 是否群团, c.hubs as 枢纽数,
            c.managed_orgs as 管理的社会组织, c.liaison_orgs as 联系的社会组织,
            c.linked_orgs as 联系社会组织, c.share_of_active as 占存续组织比例
        from marts.hub_type_coverage c join ref.hub_types t using (hub_type)
        where $as_of::date is null or c.as_of = $as_of::date order by c.as_of, t.type_index""",
        {
            "截至日期": "date",
            "枢纽类型": "text",
            "是否群团": "text",
            "枢纽数": "int",
            "管理的社会组织": "int",
            "联系的社会组织": "int",
            "联系社会组织": "int",
            "占存续组织比例": "rate",
        },  # fmt: skip
    ),
    Table(
        "district_funding",
        "分区资金",
        """select d.year as 年份, d.district_code as 区划代码,
            d.district_name || case when r.is_current then '' else '（已撤销）' end as 区县,
            v.label_zh as 资金来源, d.amount_yuan as 金额, d.records as 拨付笔数,
            d.recipients as 收款组织数
        from marts.district_funding d
        left join ref.regions r on r.region_code = d.district_code
        left join ref.vocab v on v.vocabulary = 'funding_source' and v.code = d.source
        where $as_of::date is null or d.year = year($as_of::date)
        order by d.year, d.district_code, v.sort_order""",
        {
            "年份": "year",
            "区划代码": "code",
            "区县": "text",
            "资金来源": "text",
            "金额": "yuan",
            "拨付笔数": "int",
            "收款组织数": "int",
        },  # fmt: skip
    ),
)
OVERVIEW_SHEET = "总览指标"
OVERVIEW_KINDS = {"指标": "text", "单位": "text", "基准值": "by_unit", "当前值": "by_unit",
                  "倍数": "multiple", "增量": "by_unit"}  # fmt: skip
_UNIT = {"int": "个", "rate": "%", "yuan": "元"}


def read(con: duckdb.DuckDBPyConnection, table: Table, as_of: date | None) -> pl.DataFrame:
    """One briefing table at a year-end (None: every year-end)."""
    return con.sql(table.sql, params={"as_of": as_of}).pl()


def year_ends(con: duckdb.DuckDBPyConnection) -> list[int]:
    """The warehouse's year-ends, oldest first."""
    return [y for (y,) in con.sql("select year(as_of) from marts.headline order by 1").fetchall()]


def overview(headline: pl.DataFrame, base: int, year: int) -> pl.DataFrame:
    """The headline figures at the baseline and the year-end: value, multiple (counts and money) and
    increase, one row per figure, as the dashboard's 总览指标 table."""
    rows = []
    at = {
        d.year: r for d, r in zip(headline["截至日期"], headline.iter_rows(named=True), strict=True)
    }
    for name in OVERVIEW_ROWS:
        kind = _HEADLINE_KINDS[name]
        b, c = at.get(base, {}).get(name), at.get(year, {}).get(name)
        increase = None if b is None or c is None else c - b
        multiple = None if kind == "rate" or not b or c is None else c / b
        rows.append((name, kind, b, c, multiple, increase))
    schema = {"指标": pl.String, "kind": pl.String, "基准值": pl.Float64, "当前值": pl.Float64,
              "倍数": pl.Float64, "增量": pl.Float64}  # fmt: skip
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    return frame.with_columns(pl.col("kind").replace_strict(_UNIT).alias("单位")).select(
        "指标", "单位", "基准值", "当前值", "倍数", "增量", "kind"
    )
