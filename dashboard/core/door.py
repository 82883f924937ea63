"""The query door: every query of the dashboard runs here, values bound, through the cache.

A feature's queries.py holds its SQL templates and calls run() with Filters.where_sql fragments in the
templates' {slots}: the region selection and the viewer's scope reach every statement the same way
(tests/app/test_scope.py walks every queries.py and proves it). No page writes SQL.
"""

from __future__ import annotations

import polars as pl

from dashboard.core.db import query
from dashboard.core.filters import Filters

NO_SCOPE = Filters.for_scope()

# Every region (code, level, parent) that has organizations or funding, by today's codes, and the
# name shown for it outside its parent's page: the name, with its parent's name when another region
# of the data has the same name (朝阳区 · 北京市, 朝阳区 · 长春市). One row per code and level; then
# the rows of organizations known at no region below (is_unassigned, named as in the mart:
# 莆田市本级（未落区县） 350300 under 莆田市, 全国本级（未落省份） 100000 with no parent); is_zone: a
# statistical functional zone (苏州工业园区 320576), a county of its prefecture without a boundary file.
REGIONS = """
with present as (
    select distinct region_level, region_code, parent_code, is_unassigned,
        if(is_unassigned, region_name, null) as own_name
    from marts.region_coverage
    union select distinct region_level, region_code, parent_code, is_unassigned,
        if(is_unassigned, region_name, null) from marts.region_funding),
ranked as (
    select *, row_number() over (partition by region_code order by is_unassigned,
        case region_level when 'province' then 0 when 'prefecture' then 1 else 2 end) as place
    from present),
named as (
    select k.region_code, r.region_name, u.region_name as parent_name, r.is_zone,
        count(*) over (partition by r.region_name) as namesakes
    from ranked k join ref.regions r on r.region_code = k.region_code
    left join ref.regions u on u.region_code = k.parent_code and k.parent_code <> k.region_code
    where k.place = 1)
select p.region_level, p.region_code, p.parent_code,
    coalesce(p.own_name, n.region_name) as region_name,
    case when p.is_unassigned then p.own_name
        when n.namesakes > 1 and n.parent_name is not null
        then n.region_name || ' · ' || n.parent_name else n.region_name end as region_label,
    p.is_unassigned, coalesce(n.is_zone, false) as is_zone
from present p join named n on n.region_code = p.region_code
where {w}
order by p.is_unassigned,
    case p.region_level when 'province' then 0 when 'prefecture' then 1 else 2 end, p.region_code
"""


def compose(template: str, **parts: tuple[str, dict[str, object]]) -> tuple[str, dict[str, object]]:
    """Put Filters fragments (constant text; all values bound) into a template's {name} slots."""
    text, params = template, {}
    for name, (fragment, values) in parts.items():
        text = text.replace("{" + name + "}", fragment)
        params.update(values)
    return text, params


def run(
    template: str, fixed: dict[str, object], **parts: tuple[str, dict[str, object]]
) -> pl.DataFrame:
    """Run a template with its slots filled (compose) and its fixed values bound."""
    text, params = compose(template, **parts)
    return query(text, {**fixed, **params})


def narrowed(f: Filters) -> bool:
    """Whether regions or a scope narrow the selection (a cube's all-districts rows no longer do)."""
    return bool(f.regions or f.scope)


def region_labels(where: bool = False) -> pl.DataFrame:
    """Code -> the name shown outside its parent's page, once per warehouse version (cached).

    where: the name of where an organization lies instead: a code it is known at with no county
    below (350300) is named as its row of its own (莆田市本级（未落区县）), 100000 as 全国本级."""
    frame = run(REGIONS, {}, w=NO_SCOPE.where_sql({}))
    if where:
        frame = frame.sort("is_unassigned", descending=True, maintain_order=True)
    return frame.unique("region_code", keep="first", maintain_order=True)


def named(df: pl.DataFrame, code: str, into: str, where: bool = False) -> pl.DataFrame:
    """Add the shown name of the region in column `code` (the code itself when it has no data);
    where: as the place an organization lies (see region_labels)."""
    labels = region_labels(where)
    name = pl.col(code).replace(labels["region_code"], labels["region_label"])
    return df.with_columns(name.alias(into))


def ranking_named(df: pl.DataFrame) -> pl.DataFrame:
    """Name a ranking's rows (region_code -> region_name): a row of its own (is_unassigned) as the
    mart names it (莆田市本级（未落区县）), the others as shown outside their parent's page; is_zone
    marks a functional zone."""
    labels = region_labels()
    zone = pl.col("region_code").replace_strict(
        labels["region_code"], labels["is_zone"], default=False, return_dtype=pl.Boolean
    )
    plain = named(df, "region_code", "region_name").with_columns(zone.alias("is_zone"))
    if "is_unassigned" not in df.columns:
        return plain
    own = named(df, "region_code", "own_name", where=True)["own_name"]
    return plain.with_columns(
        pl.when(pl.col("is_unassigned"))
        .then(own)
        .otherwise(pl.col("region_name"))
        .alias("region_name")
    )
