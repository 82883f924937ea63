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
# of the data has the same name (朝阳区 · 北京市, 朝阳区 · 长春市). One row per code and level.
REGIONS = """
with present as (
    select distinct region_level, region_code, parent_code from marts.region_coverage
    where not is_unassigned
    union select distinct region_level, region_code, parent_code from marts.region_funding),
ranked as (
    select *, row_number() over (partition by region_code order by
        case region_level when 'province' then 0 when 'prefecture' then 1 else 2 end) as place
    from present),
named as (
    select k.region_code, r.region_name, u.region_name as parent_name,
        count(*) over (partition by r.region_name) as namesakes
    from ranked k join ref.regions r on r.region_code = k.region_code
    left join ref.regions u on u.region_code = k.parent_code and k.parent_code <> k.region_code
    where k.place = 1)
select p.region_level, p.region_code, p.parent_code, n.region_name,
    case when n.namesakes > 1 and n.parent_name is not null
        then n.region_name || ' · ' || n.parent_name else n.region_name end as region_label
from present p join named n on n.region_code = p.region_code
where {w}
order by case p.region_level when 'province' then 0 when 'prefecture' then 1 else 2 end, p.region_code
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


def region_labels() -> pl.DataFrame:
    """Code -> the name shown outside its parent's page, once per warehouse version (cached)."""
    frame = run(REGIONS, {}, w=NO_SCOPE.where_sql({}))
    return frame.unique("region_code", keep="first", maintain_order=True)


def named(df: pl.DataFrame, code: str, into: str) -> pl.DataFrame:
    """Add the shown name of the region in column `code` (the code itself when it has no data)."""
    labels = region_labels()
    name = pl.col(code).replace(labels["region_code"], labels["region_label"])
    return df.with_columns(name.alias(into))
