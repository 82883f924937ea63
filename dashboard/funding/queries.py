"""The Funding page's queries: per region, source and year, totals, top recipients, projects (through
core/door.py)."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from dashboard.core import door
from dashboard.core.filters import Filters

PROJECT_DIMS = {
    "category": "category",
    "purchaser_name": "purchaser_name",
    "status": "status",
    "evaluation_grade": "evaluation_grade",
}

# Funding of the ranked regions: exact from marts.region_funding without source or organization
# filters (recipients distinct per region, never added up from counties); else from the facts.
REGION_FUNDING = """
select region_code, any_value(amount_yuan)::DOUBLE as amount_yuan, any_value(records)::BIGINT as records,
    any_value(recipients)::BIGINT as recipients
from marts.region_funding
where list_contains($codes::VARCHAR[], region_code) and {w}
group by region_code
"""

REGION_FUNDING_FACTS = """
with members as (
    select distinct district_code, region_code from ref.region_levels
    where list_contains($codes::VARCHAR[], region_code))
select m.region_code, sum(ff.amount_yuan)::DOUBLE as amount_yuan, sum(ff.records)::BIGINT as records,
    count(distinct ff.recipient_uscc)::BIGINT as recipients
from marts.funding_facts ff join members m on m.district_code = ff.district_code
where {w}
group by m.region_code
"""

# Funding filed with the region's own code (`$own`: a prefecture's 511700, a province's, 100000),
# in none of the regions below it: the ranking's row of its own (is_unassigned).
OWN_FUNDING = """
select $own::VARCHAR as region_code, sum(amount_yuan)::DOUBLE as amount_yuan,
    sum(records)::BIGINT as records, count(distinct recipient_uscc)::BIGINT as recipients
from marts.funding_facts where district_code = $own::VARCHAR and {w}
having sum(records) > 0
"""

# Linked organizations (in the hub selection; NULL without hub data) and population of the ranked
# regions; the row of its own's organizations are those located at its code exactly.
REGION_LINKED = """
with members as (
    select distinct district_code, region_code from ref.region_levels
    where list_contains($codes::VARCHAR[], region_code)
    union all select $own::VARCHAR, $own::VARCHAR where $own::VARCHAR is not null),
linked as (
    select m.region_code, if(any_value(x.ok),
        coalesce(sum(c.orgs) filter (where ((c.managed_mask | c.liaison_mask) & $sel::BIGINT) <> 0), 0),
        null)::BIGINT as linked_orgs
    from marts.coverage_cube c join members m on m.district_code = c.district_code
    cross join (select has_hub_data as ok from marts.delivery) x
    where {c} group by m.region_code),
pop as (
    select m.region_code, sum(p.population)::BIGINT as population from (
        select district_code, registered_district_code, max(population) as population
        from staging.population where year = $year group by all) p
    join members m on m.district_code = p.district_code
    where {p} group by m.region_code)
select c.region_code, if(x.ok, coalesce(l.linked_orgs, 0), null)::BIGINT as linked_orgs,
    if(c.region_code = $own::VARCHAR, null, p.population) as population
from (select unnest(list_concat($codes::VARCHAR[], [$own::VARCHAR])) as region_code) c
cross join (select has_hub_data as ok from marts.delivery) x
left join linked l on l.region_code = c.region_code left join pop p on p.region_code = c.region_code
where c.region_code is not null
"""

FUNDING_SOURCES = """
select source, sum(amount_yuan)::DOUBLE as amount_yuan, sum(records)::BIGINT as records,
    {recipients}::BIGINT as recipients
from {table} where {w} group by source order by amount_yuan desc
"""

FUNDING_YEARS = """
select year, source, sum(amount_yuan)::DOUBLE as amount_yuan, sum(records)::BIGINT as records
from marts.funding_cube where {w} and all_sources = false and all_districts = $all_districts
group by year, source order by year, source
"""

FUNDING_TOTALS = """
select coalesce(sum(amount_yuan), 0)::DOUBLE as amount_yuan, coalesce(sum(records), 0)::BIGINT as records,
    coalesce({recipients}, 0)::BIGINT as recipients from {table} where {w}
"""

# One region's funding (a code at two levels has the same row at both); zeros when it has none.
FUNDING_ONE = """
select coalesce(any_value(amount_yuan), 0)::DOUBLE as amount_yuan,
    coalesce(any_value(records), 0)::BIGINT as records,
    coalesce(any_value(recipients), 0)::BIGINT as recipients
from marts.region_funding where region_code = $one and {w}
"""

TOP_RECIPIENTS = """
with top as (
    select recipient_uscc, any_value(org_type) as org_type,
        sum(amount_yuan)::DOUBLE as amount_yuan, sum(records)::BIGINT as records,
        count(*) over () as total
    from {table} where {w}
    group by recipient_uscc order by amount_yuan desc, recipient_uscc limit $limit),
places as (
    select ff.recipient_uscc, list(distinct ff.district_code order by ff.district_code) as place_codes
    from marts.funding_facts ff
    where ff.year = $year and ff.recipient_uscc in (select recipient_uscc from top) and {d}
    group by ff.recipient_uscc)
select t.recipient_uscc as uscc, o.name as recipient_name, t.org_type, p.place_codes,
    t.amount_yuan, t.records, t.total
from top t left join clean.organizations o on o.uscc = t.recipient_uscc
left join places p on p.recipient_uscc = t.recipient_uscc
order by t.amount_yuan desc, t.recipient_uscc
"""
# The same over marts.recipient_year (no region, scope or source chosen): already one row per
# recipient and year, so no grouping (500k recipients a year at national scale); the places of a
# recipient paid in one district are its sole_district_code, only the others are looked up. The
# total is a count of its own: `count(*) over ()` made DuckDB carry every row of the year through
# a window before the top-N (about 100 against 60 ms a year at 1M organizations).
TOP_RECIPIENTS_YEAR = """
with top as materialized (
    select recipient_uscc, org_type, amount_yuan::DOUBLE as amount_yuan, records, sole_district_code,
        (select count(*) from marts.recipient_year where {w}) as total
    from marts.recipient_year where {w}
    order by amount_yuan desc, recipient_uscc limit $limit),
places as (
    select ff.recipient_uscc, list(distinct ff.district_code order by ff.district_code) as place_codes
    from marts.funding_facts ff
    where ff.year = $year and ff.recipient_uscc in (
        select recipient_uscc from top where sole_district_code is null) and {d}
    group by ff.recipient_uscc)
select t.recipient_uscc as uscc, o.name as recipient_name, t.org_type,
    coalesce(p.place_codes, [t.sole_district_code]) as place_codes, t.amount_yuan, t.records, t.total
from top t left join clean.organizations o on o.uscc = t.recipient_uscc
left join places p on p.recipient_uscc = t.recipient_uscc
order by t.amount_yuan desc, t.recipient_uscc
"""

# The same for the whole register (no region, scope, source or organization type chosen), read from
# marts.top_recipients: each year's largest recipients with names and places, counted at refresh
# (ties at its cut included), so a year change reads a hundred rows instead of ranking ~500k.
TOP_KEPT = 100  # the recipients marts.top_recipients keeps per year (pipeline/sql/marts/top_recipients.sql)
TOP_RECIPIENTS_WHOLE = """
select recipient_uscc as uscc, recipient_name, org_type, place_codes, amount_yuan::DOUBLE as amount_yuan,
    records, recipients_in_year as total
from marts.top_recipients where {w}
order by amount_yuan::DOUBLE desc, recipient_uscc limit $limit
"""

PROJECTS_BY = """
with p as (select *, effective_district_code as area_code from marts.projects)
select {dim} as key, count(*) as projects, coalesce(sum(contract_amount_yuan), 0)::DOUBLE as contract_amount_yuan
from p where {w} group by 1 order by projects desc, contract_amount_yuan desc, key nulls last limit $limit
"""


# Funding of the whole register reads marts.funding_cube (see docs/warehouse.md): its distinct
# recipients add up over org_type but not over districts or sources. With regions chosen or a
# scope, funding comes from marts.region_funding (one region, exact) or marts.funding_facts.
_FUND_DIMS = {"year": "year", "region": "district_code", "source": "source", "org_type": "org_type"}


def _one_region(f: Filters) -> str | None:
    """The single region the selection and scope come down to (None when it is not one region)."""
    chosen = f.regions if not f.scope else f.scope if not f.regions else ()
    return chosen[0] if len(chosen) == 1 and not (f.sources or f.org_types) else None


def _fund_from(f: Filters, by: tuple[str, ...], prefix: str) -> tuple[str, str, dict[str, object]]:
    """(table, where, params) over the funding cube, or over marts.funding_facts when it cannot."""
    where, params = f.where_sql(_FUND_DIMS, prefix=prefix)
    if door.narrowed(f) or ("source" not in by and len(f.sources) > 1):
        return "marts.funding_facts", where, params
    all_sources = "true" if "source" not in by and not f.sources else "false"
    return (
        "marts.funding_cube",
        f"{where} and all_districts = true and all_sources = {all_sources}",
        params,
    )


def _recipients(table: str) -> str:
    return "sum(recipients)" if table == "marts.funding_cube" else "count(distinct recipient_uscc)"


def funding_by_region(f: Filters, codes: Sequence[str], own: str | None = None) -> pl.DataFrame:
    """Funding paid in the selected year in each given region, per linked organization and per
    resident; recipients distinct per region. Largest first. own: the code of the region they lie
    in, whose money filed with that code (in none of them) is a row of its own (is_unassigned)."""
    codes = list(codes)
    if f.sources or f.org_types:
        dims = {"year": "ff.year", "region": "ff.district_code", "source": "ff.source"}
        dims["org_type"] = "ff.org_type"
        fund = door.run(REGION_FUNDING_FACTS, {"codes": codes}, w=f.where_sql(dims))
    else:
        where = f.where_sql({"year": "year", "region": "region_code"})
        fund = door.run(REGION_FUNDING, {"codes": codes}, w=where)
    fund = _with_own(f, fund.with_columns(is_unassigned=pl.lit(False)), own)
    linked = door.run(
        REGION_LINKED,
        {"codes": codes, "year": f.year, "sel": f.hub_mask(), "own": own},
        c=f.where_sql(
            {"as_of": "c.as_of", "region": "c.district_code", "org_type": "c.org_type"}, prefix="c"
        ),
        p=f.where_sql({"region": "p.district_code"}, prefix="p"),
    )
    frame = fund.join(linked, on="region_code", how="left", maintain_order="left")
    return (
        door.ranking_named(frame)
        .with_columns(
            per_linked_yuan=pl.col("amount_yuan") / pl.col("linked_orgs").replace(0, None),
            per_resident_yuan=pl.col("amount_yuan") / pl.col("population").replace(0, None),
        )
        .sort(["amount_yuan", "region_code"], descending=[True, False])
    )


def _with_own(f: Filters, fund: pl.DataFrame, own: str | None) -> pl.DataFrame:
    """The ranking's funding and, with `own`, the money filed with that code (is_unassigned)."""
    if own is None:
        return fund
    dims = {"year": "year", "region": "district_code", "source": "source", "org_type": "org_type"}
    mine = door.run(OWN_FUNDING, {"own": own}, w=f.where_sql(dims))
    return pl.concat([fund, mine.with_columns(is_unassigned=pl.lit(True))], how="vertical_relaxed")


def funding_by_source(f: Filters) -> pl.DataFrame:
    """Funding paid in the selected year per source."""
    table, where, params = _fund_from(f, ("source",), "w")
    text = FUNDING_SOURCES.replace("{table}", table).replace("{recipients}", _recipients(table))
    return door.run(text, {}, w=(where, params))


def funding_by_year(f: Filters) -> pl.DataFrame:
    """Funding per year and source over every year (the year filter does not apply)."""
    dims = {"region": "district_code", "source": "source", "org_type": "org_type"}
    return door.run(FUNDING_YEARS, {"all_districts": not door.narrowed(f)}, w=f.where_sql(dims))


def funding_totals(f: Filters) -> dict[str, object]:
    """Funding paid in the selected year: amount, records and distinct recipients."""
    region = _one_region(f)
    if region is not None:
        where = f.where_sql({"year": "year", "region": "region_code"})
        return door.run(FUNDING_ONE, {"one": region}, w=where).row(0, named=True)
    table, where, params = _fund_from(f, (), "w")
    text = FUNDING_TOTALS.replace("{table}", table).replace("{recipients}", _recipients(table))
    return door.run(text, {}, w=(where, params)).row(0, named=True)


def top_recipients(f: Filters, limit: int = 20) -> pl.DataFrame:
    """The organizations that received the most in the selected year, with the regions they were
    paid in (shown names); `total`: how many recipients there are in all. The whole register's
    first `limit` <= TOP_KEPT are read from marts.top_recipients (kept at refresh); with an
    organization type, a top-N over marts.recipient_year (one row per recipient and year); over
    marts.funding_facts when regions, a scope or sources narrow it."""
    dims = {"year": "year", "region": "district_code", "source": "source", "org_type": "org_type"}
    facts = door.narrowed(f) or bool(f.sources)
    if not (facts or f.org_types) and limit <= TOP_KEPT:  # the whole register's, kept at refresh
        whole = f.where_sql({"year": "year", "global": "-"})
        frame = door.run(TOP_RECIPIENTS_WHOLE, {"limit": limit}, w=whole)
    else:
        template = TOP_RECIPIENTS.replace("{table}", "marts.funding_facts")
        places = f.where_sql({"region": "ff.district_code", "source": "ff.source"}, prefix="d")
        frame = door.run(
            template if facts else TOP_RECIPIENTS_YEAR,
            {"limit": limit, "year": f.year},
            w=f.where_sql(dims),
            d=places,
        )
    labels = door.region_labels()
    names = pl.element().replace(labels["region_code"], labels["region_label"])
    return frame.with_columns(
        district_name=pl.col("place_codes").list.eval(names).list.join("、")
    ).drop("place_codes")


def projects_by(f: Filters, dim: str, limit: int = 15) -> pl.DataFrame:
    """Purchased-service projects started in the selected year, counted by one allowlisted column."""
    if dim not in PROJECT_DIMS:
        raise ValueError(f"unknown project dimension: {dim}")
    where = f.where_sql(
        {"year": "start_year", "region": "area_code", "org_type": "provider_org_type"}
    )
    template = PROJECTS_BY.replace("{dim}", PROJECT_DIMS[dim])
    return door.run(template, {"limit": limit}, w=where)


# Who delivers purchased services (marts.provider_year: one row per start year, district and
# provider) and who evaluated the completed ones (marts.project_evaluation). Providers are distinct
# organizations of the selection: count(distinct) over the rows, never a sum.
PROVIDER_DIMS = {"rating_band": "rating_band", "org_type": "org_type",
                 "registration_mode": "registration_mode"}  # fmt: skip
# {sums}: what every provider query counts (4A+: rating_band '4a_5a')
PROVIDER_SUMS = """
sum(projects)::BIGINT as projects, sum(contract_amount_yuan)::DOUBLE as contract_amount_yuan,
coalesce(sum(contract_amount_yuan) filter (where rating_band = '4a_5a'), 0)::DOUBLE as amount_4a_plus,
coalesce(sum(projects) filter (where rating_band = '4a_5a'), 0)::BIGINT as projects_4a_plus,
count(distinct provider_uscc)::BIGINT as providers,
count(distinct provider_uscc) filter (where rating_band = '4a_5a')::BIGINT as providers_4a_plus
"""

# One scan of the selection's rows for the figures that share its filter (issue 20: five queries
# were one each): per rating band, organization type and registration mode, the totals, and providers
# by the number of projects each started in the year ('1', '2', '3_5', '6_10', '11_plus'); `part`
# says which figure a row is of. The rows are summed per provider first (p: one row per provider),
# then grouped by each attribute: a provider's org_type, rating band and registration mode are the
# register's (clean.organizations, one per uscc: docs/warehouse.md), the same on all its rows, so
# distinct providers are counted rows, not count(distinct), and the one high-cardinality grouping
# runs once instead of once per grouping set (about half the CPU at 1M). A selection without rows
# still has its one totals row: the empty grouping set () gives it, as an aggregate without GROUP BY.
# The delivery's columns (metadata of the refresh, the same for every viewer) ride on the totals row.
PROVIDER_SECTION = """
with p as materialized (
    select provider_uscc, any_value(rating_band) as rating_band, any_value(org_type) as org_type,
        any_value(registration_mode) as registration_mode, sum(projects) as projects,
        sum(contract_amount_yuan) as contract_amount_yuan
    from marts.provider_year where {w}
    group by provider_uscc),
parts as (
    select case when grouping(rating_band) = 0 then 'rating_band'
            when grouping(org_type) = 0 then 'org_type'
            when grouping(registration_mode) = 0 then 'registration_mode' else 'total' end as part,
        case when grouping(rating_band) = 0 then rating_band
            when grouping(org_type) = 0 then org_type
            when grouping(registration_mode) = 0 then registration_mode end as key,
        sum(projects)::BIGINT as projects, sum(contract_amount_yuan)::DOUBLE as contract_amount_yuan,
        coalesce(sum(contract_amount_yuan) filter (where rating_band = '4a_5a'), 0)::DOUBLE
            as amount_4a_plus,
        coalesce(sum(projects) filter (where rating_band = '4a_5a'), 0)::BIGINT as projects_4a_plus,
        count(provider_uscc)::BIGINT as providers,
        count(provider_uscc) filter (where rating_band = '4a_5a')::BIGINT as providers_4a_plus
    from p group by grouping sets ((rating_band), (org_type), (registration_mode), ())),
counts as (
    select 'count' as part,
        case when projects = 1 then '1' when projects = 2 then '2' when projects <= 5 then '3_5'
            when projects <= 10 then '6_10' else '11_plus' end as key,
        count(*)::BIGINT as providers, sum(projects)::BIGINT as projects,
        sum(contract_amount_yuan)::DOUBLE as contract_amount_yuan
    from p group by 2)
select *, if(part = 'total', (
    select coalesce(list(table_name || '.' || "column" order by table_name, "column"), [])
    from quality.file_columns where table_name in ('organizations', 'projects')), null) as delivered
from (from parts union all by name from counts)
order by part, key
"""
_SUMS = ("projects", "contract_amount_yuan", "amount_4a_plus", "projects_4a_plus", "providers",
         "providers_4a_plus")  # fmt: skip
_TOTALS = ("projects", "contract_amount_yuan", "amount_4a_plus", "providers", "providers_4a_plus")

PROVIDERS_BY_REGION = """
with members as (
    select distinct district_code, region_code from ref.region_levels
    where list_contains($codes::VARCHAR[], region_code)),
p as (select m.region_code, y.* from marts.provider_year y
      join members m on m.district_code = y.district_code where {w})
select region_code, {sums}
from p group by region_code
"""

PROVIDERS_BY_YEAR = """
select year, {sums}
from marts.provider_year where {w} group by year order by year
"""

EVALUATION = """
select is_evaluated, evaluated_by, evaluation_grade,
    sum(completed_projects)::BIGINT as projects, sum(contract_amount_yuan)::DOUBLE as contract_amount_yuan
from marts.project_evaluation where {w} group by all
"""

_PROVIDER_WHERE = {"year": "year", "region": "district_code", "org_type": "org_type"}


def _section(f: Filters) -> pl.DataFrame:
    """The rows of PROVIDER_SECTION for a selection (one query, cached: the figures below share it)."""
    return door.run(PROVIDER_SECTION, {}, w=f.where_sql(_PROVIDER_WHERE))


def _section_part(rows: pl.DataFrame, by: str) -> pl.DataFrame:
    """One attribute's rows of PROVIDER_SECTION: key and what every provider query counts."""
    return rows.filter(pl.col("part") == by).select("key", *_SUMS)


def _section_totals(rows: pl.DataFrame) -> dict[str, object]:
    """The totals row of PROVIDER_SECTION (0 where nothing is selected) and the delivery's columns."""
    row = rows.filter(pl.col("part") == "total").row(0, named=True)
    out: dict[str, object] = {name: row[name] for name in _TOTALS}
    out["projects"] = row["projects"] or 0
    out["contract_amount_yuan"] = row["contract_amount_yuan"] or 0.0
    out["delivered"] = row["delivered"]
    return out


def _section_counts(rows: pl.DataFrame) -> pl.DataFrame:
    """The providers-by-count rows of PROVIDER_SECTION (bucket, providers, projects, money)."""
    counts = rows.filter(pl.col("part") == "count")
    return counts.select(
        pl.col("key").alias("bucket"), "providers", "projects", "contract_amount_yuan"
    )


def providers_by(f: Filters, by: str) -> pl.DataFrame:
    """Projects started in the selected year, their contract money and distinct providers, by one
    allowlisted attribute of the provider (rating band, organization type, registration mode)."""
    if by not in PROVIDER_DIMS:
        raise ValueError(f"unknown provider dimension: {by}")
    return _section_part(_section(f), by)


def provider_totals(f: Filters) -> dict[str, object]:
    """The selected year's projects, money, providers and those of 4A+ providers; `delivered`: the
    organizations and projects columns of the delivery ("table.column")."""
    return _section_totals(_section(f))


def providers_by_region(f: Filters, codes: Sequence[str]) -> pl.DataFrame:
    """The same per given region (each counting the districts below it; providers distinct per
    region), with the region's shown name."""
    where = f.where_sql({"year": "y.year", "region": "y.district_code", "org_type": "y.org_type"})
    frame = door.run(PROVIDERS_BY_REGION, {"codes": list(codes)}, w=where, sums=(PROVIDER_SUMS, {}))
    return door.named(frame, "region_code", "region_name")


def providers_by_year(f: Filters) -> pl.DataFrame:
    """The same per start year over every year (the year filter does not apply)."""
    where = f.where_sql({"region": "district_code", "org_type": "org_type"})
    return door.run(PROVIDERS_BY_YEAR, {}, w=where, sums=(PROVIDER_SUMS, {}))


def providers_by_count(f: Filters) -> pl.DataFrame:
    """Providers of the selected year by how many projects each started (1, 2, 3-5, 6-10, 11+)."""
    return _section_counts(_section(f))


def evaluation(f: Filters) -> pl.DataFrame:
    """Completed projects of the year they ended: whether evaluated, by whom and their grade."""
    return door.run(EVALUATION, {}, w=f.where_sql(_PROVIDER_WHERE))
