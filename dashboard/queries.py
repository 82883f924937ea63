"""Every SQL query of the dashboard: parameterized, over the marts; pages call these, never SQL."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import polars as pl

from dashboard.db import query
from dashboard.filters import HUB_TYPES, LEVELS, Allowed, Filters

# bits of level 0 for every hub type; shifted left by a level's index it selects that level
_LEVEL_PATTERN = sum(1 << (i * len(LEVELS)) for i in range(len(HUB_TYPES)))
_LINKED = "((managed_mask | liaison_mask) & $sel::BIGINT) <> 0"
PROJECT_DIMS = {
    "category": "category",
    "purchaser_name": "purchaser_name",
    "status": "status",
    "evaluation_grade": "evaluation_grade",
}
ISSUE_KINDS = ("rejected", "warning")


def _compose(
    template: str, **parts: tuple[str, dict[str, object]]
) -> tuple[str, dict[str, object]]:
    """Put Filters fragments (constant text; all values bound) into a template's {name} slots."""
    sql, params = template, {}
    for name, (fragment, values) in parts.items():
        sql = sql.replace("{" + name + "}", fragment)
        params.update(values)
    return sql, params


def _run(
    template: str, fixed: dict[str, object], **parts: tuple[str, dict[str, object]]
) -> pl.DataFrame:
    sql, params = _compose(template, **parts)
    return query(sql, {**fixed, **params})


def allowed() -> Allowed:
    """The years and districts a selection may take."""
    years = query("select year from marts.calendar order by year")["year"].to_list()
    districts = district_names()
    return Allowed(years=tuple(years), districts=tuple(districts))


def district_names() -> dict[str, str]:
    """Code -> name of every district that occurs in the organizations."""
    frame = query(
        "select distinct d.district_code, coalesce(r.region_name, d.district_code)"
        " || case when r.is_current = false then '（已撤销）' else '' end as name "
        "from marts.district_coverage d left join ref.regions r on r.region_code = d.district_code "
        "order by d.district_code"
    )
    return dict(zip(frame["district_code"].to_list(), frame["name"].to_list(), strict=True))


def provenance() -> dict[str, object]:
    """The latest refresh run and the latest record date of the warehouse."""
    latest = query(
        "select greatest((select max(registered_on) from clean.organizations),"
        " (select max(recognized_on) from clean.hubs), (select max(linked_on) from clean.hub_links),"
        " (select max(start_on) from clean.projects), (select max(paid_on) from clean.funding)) as latest"
    )
    runs = query(
        "select run_id, finished_at, status from quality.runs order by started_at desc limit 1"
    )
    run = (
        runs.row(0, named=True)
        if runs.height
        else {"run_id": None, "finished_at": None, "status": None}
    )
    return {"latest": latest["latest"][0], **run}


HEADLINE = """
with cube as (
    select as_of, sum(orgs) as active_orgs,
        coalesce(sum(orgs) filter (where ((managed_mask | liaison_mask) & $sel::BIGINT) <> 0), 0) as linked_orgs,
        coalesce(sum(orgs) filter (where ((managed_mask | liaison_mask) & $mass::BIGINT) <> 0), 0) as mass_org_linked_orgs
    from marts.coverage_cube where {cube} group by as_of),
hubs as (
    select as_of, count(*) filter (where level = 'city') as hubs_city,
        count(*) filter (where level = 'district') as hubs_district,
        count(*) filter (where level = 'street') as hubs_street, count(*) as hubs_total
    from marts.hub_year where {hubs} group by as_of),
proj_base as (
    select start_year, contract_amount_yuan, provider_org_type, effective_district_code as area_code
    from marts.projects),
proj as (
    select start_year as year, count(*) as projects_started, sum(contract_amount_yuan) as contract_amount_yuan
    from proj_base where {proj} group by start_year),
fund as (
    select year, sum(amount_yuan) as funding_amount_yuan from marts.funding_cube
    where {fund} and all_districts = $all_districts and all_sources = $all_sources group by year)
select c.as_of, c.year,
    coalesce(h.hubs_city, 0) as hubs_city, coalesce(h.hubs_district, 0) as hubs_district,
    coalesce(h.hubs_street, 0) as hubs_street, coalesce(h.hubs_total, 0) as hubs_total,
    coalesce(k.active_orgs, 0)::BIGINT as active_orgs, coalesce(k.linked_orgs, 0)::BIGINT as linked_orgs,
    k.linked_orgs / nullif(k.active_orgs, 0) as coverage_rate,
    coalesce(k.mass_org_linked_orgs, 0)::BIGINT as mass_org_linked_orgs,
    k.mass_org_linked_orgs / nullif(k.active_orgs, 0) as mass_org_share,
    coalesce(p.projects_started, 0) as projects_started,
    coalesce(p.contract_amount_yuan, 0)::DOUBLE as contract_amount_yuan,
    coalesce(f.funding_amount_yuan, 0)::DOUBLE as funding_amount_yuan
from marts.calendar c left join cube k on k.as_of = c.as_of left join hubs h on h.as_of = c.as_of
left join proj p on p.year = c.year left join fund f on f.year = c.year
order by c.as_of
"""


def headline_series(f: Filters) -> pl.DataFrame:
    """One row per year-end: the headline figures of the selection (all but the year filter)."""
    return _run(
        HEADLINE,
        {
            "sel": f.hub_mask(),
            "mass": f.mass_mask(),
            "all_districts": not f.districts,
            "all_sources": not f.sources,
        },
        cube=f.where_sql({"district": "district_code", "org_type": "org_type"}, prefix="c"),
        hubs=f.where_sql(
            {"district": "district_code", "level": "level", "hub_type": "hub_type"}, prefix="h"
        ),
        proj=f.where_sql({"district": "area_code", "org_type": "provider_org_type"}, prefix="p"),
        fund=f.where_sql(
            {"district": "district_code", "source": "source", "org_type": "org_type"}, prefix="f"
        ),
    )


DISTRICT_COVERAGE = """
select c.district_code, coalesce(any_value(r.region_name), c.district_code)
    || case when any_value(r.is_current) = false then '（已撤销）' else '' end as district_name,
    sum(c.orgs)::BIGINT as active_orgs,
    coalesce(sum(c.orgs) filter (where ((c.managed_mask | c.liaison_mask) & $sel::BIGINT) <> 0), 0)::BIGINT as linked_orgs,
    linked_orgs / nullif(active_orgs, 0) as coverage_rate
from marts.coverage_cube c left join ref.regions r on r.region_code = c.district_code
where {w}
group by c.district_code
order by coverage_rate asc nulls first, c.district_code
"""


def district_coverage(f: Filters) -> pl.DataFrame:
    """One row per district of the selection on the selected date, lowest coverage first."""
    where = f.where_sql(
        {"as_of": "c.as_of", "district": "c.district_code", "org_type": "c.org_type"}
    )
    return _run(DISTRICT_COVERAGE, {"sel": f.hub_mask()}, w=where)


HUB_TYPES_SQL = """
with cube as (select * from marts.coverage_cube where list_contains($dates, as_of) and {c}),
act as (select as_of, sum(orgs) as active from cube group by as_of),
types as (
    select hub_type, type_index, is_mass_org, (7::BIGINT << (type_index * 3)) & $sel::BIGINT as tmask
    from ref.hub_types where {t}),
counts as (
    select c.as_of, t.hub_type,
        sum(c.orgs) filter (where (c.managed_mask & t.tmask) <> 0) as managed_orgs,
        sum(c.orgs) filter (where (c.liaison_mask & t.tmask) <> 0) as liaison_orgs,
        sum(c.orgs) filter (where ((c.managed_mask | c.liaison_mask) & t.tmask) <> 0) as linked_orgs
    from cube c cross join types t group by all),
hubs as (
    select as_of, hub_type, count(*) as hubs from marts.hub_year
    where list_contains($dates, as_of) and {h} group by all)
select d.as_of, t.hub_type, t.type_index, t.is_mass_org, coalesce(h.hubs, 0) as hubs,
    coalesce(k.managed_orgs, 0)::BIGINT as managed_orgs, coalesce(k.liaison_orgs, 0)::BIGINT as liaison_orgs,
    coalesce(k.linked_orgs, 0)::BIGINT as linked_orgs, coalesce(k.linked_orgs, 0) / nullif(a.active, 0) as share_of_active
from (select unnest($dates::DATE[]) as as_of) d cross join types t
left join counts k on k.as_of = d.as_of and k.hub_type = t.hub_type
left join hubs h on h.as_of = d.as_of and h.hub_type = t.hub_type
left join act a on a.as_of = d.as_of
order by d.as_of, t.type_index
"""


def hub_type_coverage(f: Filters, dates: list[date]) -> pl.DataFrame:
    """One row per date and hub type of the selection: hubs and the organizations they link."""
    return _run(
        HUB_TYPES_SQL,
        {"sel": f.hub_mask(), "dates": dates},
        c=f.where_sql({"district": "district_code", "org_type": "org_type"}, prefix="c"),
        t=f.where_sql({"hub_type": "hub_type"}, prefix="t"),
        h=f.where_sql(
            {"district": "district_code", "level": "level", "hub_type": "hub_type"}, prefix="h"
        ),
    )


LEVELS_SQL = """
with cube as (select * from marts.coverage_cube where {c}),
levels as (
    select level, level_index, ($pattern::BIGINT << level_index) & $sel::BIGINT as lmask
    from ref.hub_levels where {l}),
counts as (
    select l.level, sum(c.orgs) filter (where ((c.managed_mask | c.liaison_mask) & l.lmask) <> 0) as linked_orgs
    from levels l cross join cube c group by all),
hubs as (select level, count(*) as hubs from marts.hub_year where {h} group by level)
select l.level, l.level_index, coalesce(h.hubs, 0) as hubs, coalesce(k.linked_orgs, 0)::BIGINT as linked_orgs,
    coalesce(k.linked_orgs, 0) / nullif((select sum(orgs) from cube), 0) as share_of_active
from levels l left join counts k on k.level = l.level left join hubs h on h.level = l.level
order by l.level_index
"""


def level_coverage(f: Filters) -> pl.DataFrame:
    """One row per hub level of the selection on the selected date."""
    return _run(
        LEVELS_SQL,
        {"sel": f.hub_mask(), "pattern": _LEVEL_PATTERN},
        c=f.where_sql(
            {"as_of": "as_of", "district": "district_code", "org_type": "org_type"}, prefix="c"
        ),
        l=f.where_sql({"level": "level"}, prefix="l"),
        h=f.where_sql(
            {
                "as_of": "as_of",
                "district": "district_code",
                "level": "level",
                "hub_type": "hub_type",
            },
            prefix="h",
        ),
    )


DRILL_SQL = """
select o.uscc, c.name, o.org_type, o.registration_level, c.service_domain,
    ((o.managed_mask | o.liaison_mask) & $sel::BIGINT) <> 0 as is_linked,
    (select string_agg(t.hub_type, ',' order by t.type_index) from ref.hub_types t
     where ((o.managed_mask | o.liaison_mask) & $sel::BIGINT & (7::BIGINT << (t.type_index * 3))) <> 0) as linked_types
from marts.org_year o join clean.organizations c on c.uscc = o.uscc
where o.district_code = $drill and {w}
order by is_linked, c.name, o.uscc
"""


def drill_orgs(f: Filters, district_code: str) -> pl.DataFrame:
    """The active organizations of one district behind its bar: linked in the selection or not."""
    where = f.where_sql({"as_of": "o.as_of", "org_type": "o.org_type"})
    return _run(DRILL_SQL, {"sel": f.hub_mask(), "drill": district_code}, w=where)


# Funding figures read marts.funding_cube (see docs/warehouse.md) where it answers exactly:
# its distinct recipients add up over org_type but not over districts or sources, so a
# dimension that is filtered but not grouped by must be all (the cube's "all" rows) or one value.
_FUND_DIMS = {
    "year": "year",
    "district": "district_code",
    "source": "source",
    "org_type": "org_type",
}


def _fund_from(f: Filters, by: tuple[str, ...], prefix: str) -> tuple[str, str, dict[str, object]]:
    """(table, where, params) over the funding cube, or over marts.funding_facts when it cannot."""
    where, params = f.where_sql(_FUND_DIMS, prefix=prefix)
    flags = []
    for dim, flag, chosen in (
        ("district", "all_districts", f.districts),
        ("source", "all_sources", f.sources),
    ):
        if dim not in by and len(chosen) > 1:
            return "marts.funding_facts", where, params
        flags.append(f"{flag} = {'true' if dim not in by and not chosen else 'false'}")
    return "marts.funding_cube", " and ".join([where, *flags]), params


def _recipients(table: str) -> str:
    return "sum(recipients)" if table == "marts.funding_cube" else "count(distinct recipient_uscc)"


FUNDING_DISTRICTS = """
with fund as (
    select district_code, sum(amount_yuan)::DOUBLE as amount_yuan, sum(records)::BIGINT as records,
        {recipients}::BIGINT as recipients
    from {table} where {f} group by district_code),
linked as (
    select district_code,
        coalesce(sum(orgs) filter (where ((managed_mask | liaison_mask) & $sel::BIGINT) <> 0), 0)::BIGINT as linked_orgs
    from marts.coverage_cube where {c} group by district_code),
pop as (
    select district_code, sum(population) as population from (
        select district_code, registered_district_code, max(population) as population
        from staging.population where year = $year group by all)
    group by district_code)
select f.district_code, coalesce(r.region_name, f.district_code)
        || case when r.is_current = false then '（已撤销）' else '' end as district_name,
    f.amount_yuan, f.records, f.recipients,
    coalesce(l.linked_orgs, 0) as linked_orgs, p.population,
    f.amount_yuan / nullif(l.linked_orgs, 0) as per_linked_yuan,
    f.amount_yuan / nullif(p.population, 0) as per_resident_yuan
from fund f left join ref.regions r on r.region_code = f.district_code
left join linked l on l.district_code = f.district_code
left join pop p on p.district_code = f.district_code
order by f.amount_yuan desc, f.district_code
"""


def funding_by_district(f: Filters) -> pl.DataFrame:
    """Funding paid in the selected year per district, per linked organization and per resident."""
    table, where, params = _fund_from(f, ("district",), "f")
    sql = FUNDING_DISTRICTS.replace("{table}", table).replace("{recipients}", _recipients(table))
    return _run(
        sql,
        {"sel": f.hub_mask(), "year": f.year},
        f=(where, params),
        c=f.where_sql(
            {"as_of": "as_of", "district": "district_code", "org_type": "org_type"}, prefix="c"
        ),
    )


FUNDING_SOURCES = """
select source, sum(amount_yuan)::DOUBLE as amount_yuan, sum(records)::BIGINT as records,
    {recipients}::BIGINT as recipients
from {table} where {w} group by source order by amount_yuan desc
"""


def funding_by_source(f: Filters) -> pl.DataFrame:
    """Funding paid in the selected year per source."""
    table, where, params = _fund_from(f, ("source",), "w")
    sql = FUNDING_SOURCES.replace("{table}", table).replace("{recipients}", _recipients(table))
    return _run(sql, {}, w=(where, params))


FUNDING_YEARS = """
select year, source, sum(amount_yuan)::DOUBLE as amount_yuan, sum(records)::BIGINT as records
from marts.funding_cube where {w} and all_sources = false and all_districts = $all_districts
group by year, source order by year, source
"""


def funding_by_year(f: Filters) -> pl.DataFrame:
    """Funding per year and source over every year (the year filter does not apply)."""
    dims = {"district": "district_code", "source": "source", "org_type": "org_type"}
    return _run(FUNDING_YEARS, {"all_districts": not f.districts}, w=f.where_sql(dims))


TOP_RECIPIENTS = """
with top as (
    select recipient_uscc, any_value(org_type) as org_type,
        sum(amount_yuan)::DOUBLE as amount_yuan, sum(records)::BIGINT as records
    from {table} where {w}
    group by recipient_uscc order by amount_yuan desc, recipient_uscc limit $limit),
places as (
    select ff.recipient_uscc, string_agg(distinct r.region_name, '、') as district_name
    from marts.funding_facts ff join ref.regions r on r.region_code = ff.district_code
    where ff.year = $year and ff.recipient_uscc in (select recipient_uscc from top) and {d}
    group by ff.recipient_uscc)
select t.recipient_uscc as uscc, o.name as recipient_name, t.org_type, p.district_name,
    t.amount_yuan, t.records
from top t left join clean.organizations o on o.uscc = t.recipient_uscc
left join places p on p.recipient_uscc = t.recipient_uscc
order by t.amount_yuan desc, t.recipient_uscc
"""


def top_recipients(f: Filters, limit: int = 20) -> pl.DataFrame:
    """The organizations that received the most in the selected year.

    Without a district or source filter it is a top-N over marts.recipient_year (one row per
    recipient and year); otherwise over marts.funding_facts.
    """
    dims = {"year": "year", "district": "district_code", "source": "source", "org_type": "org_type"}
    table = "marts.funding_facts" if f.districts or f.sources else "marts.recipient_year"
    sql = TOP_RECIPIENTS.replace("{table}", table)
    places = f.where_sql({"district": "ff.district_code", "source": "ff.source"}, prefix="d")
    return _run(sql, {"limit": limit, "year": f.year}, w=f.where_sql(dims), d=places)


PROJECTS_BY = """
with p as (select *, effective_district_code as area_code from marts.projects)
select {dim} as key, count(*) as projects, coalesce(sum(contract_amount_yuan), 0)::DOUBLE as contract_amount_yuan
from p where {w} group by 1 order by projects desc, contract_amount_yuan desc, key nulls last limit $limit
"""


def projects_by(f: Filters, dim: str, limit: int = 15) -> pl.DataFrame:
    """Purchased-service projects started in the selected year, counted by one allowlisted column."""
    if dim not in PROJECT_DIMS:
        raise ValueError(f"unknown project dimension: {dim}")
    where = f.where_sql(
        {"year": "start_year", "district": "area_code", "org_type": "provider_org_type"}
    )
    sql, params = _compose(PROJECTS_BY, w=where)
    return query(sql.replace("{dim}", PROJECT_DIMS[dim]), {**params, "limit": limit})


def search_orgs(text: str, limit: int = 51) -> pl.DataFrame:
    """Organizations whose name contains the text, or whose USCC is the text."""
    return query(
        "with hits as (select uscc, name from marts.org_search"
        " where uscc = upper(trim($q)) or contains(search_name, lower(trim($q)))"
        " order by (uscc = upper(trim($q))) desc, name, uscc limit $limit)"
        " select o.uscc, o.name, o.org_type, coalesce(r.region_name, o.district_code) as district_name,"
        " o.status, o.registered_on from hits h join staging.organizations o on o.uscc = h.uscc"
        " left join ref.regions r on r.region_code = o.district_code"
        " order by (o.uscc = upper(trim($q))) desc, o.name, o.uscc",
        {"q": text, "limit": limit},
    )


def org_entry(uscc: str) -> pl.DataFrame:
    """An organization's register entry (one row, or none): the district as registered (code and
    name, marked when retired) and today's district it counts in."""
    return query(
        "select o.* exclude (source_line), coalesce(r.region_name, o.district_code) as district_name,"
        " o.district_code || ' ' || coalesce(r.region_name, '')"
        " || case when r.is_current = false then '（已撤销）' else '' end as registered_district,"
        " s.district_code || ' ' || coalesce(t.region_name, '') as current_district"
        " from clean.organizations o join staging.organizations s on s.uscc = o.uscc"
        " left join ref.regions r on r.region_code = o.district_code"
        " left join ref.regions t on t.region_code = s.district_code"
        " where o.uscc = $u",
        {"u": uscc},
    )


def org_links(uscc: str) -> pl.DataFrame:
    """Every link of an organization to a hub, with the hub's type, level and recognition dates."""
    return query(
        "select h.name as hub_name, h.hub_type, h.level, k.relation, k.linked_on, k.ended_on,"
        " h.recognized_on, h.revoked_on from clean.hub_links k join clean.hubs h on h.hub_id = k.hub_id"
        " where k.uscc = $u order by k.linked_on, h.name",
        {"u": uscc},
    )


def org_years(uscc: str) -> pl.DataFrame:
    """An organization's year-ends: whether it was linked and by how many hubs."""
    return query(
        "select year(as_of) as year, hubs, is_linked from marts.org_year where uscc = $u order by as_of",
        {"u": uscc},
    )


def org_projects(uscc: str) -> pl.DataFrame:
    """The purchased-service projects an organization delivers."""
    return query(
        "select project_id, name as project_name, purchaser_name, category, start_on, end_on,"
        " contract_amount_yuan::DOUBLE as contract_amount_yuan, status, evaluation_grade"
        " from marts.projects where provider_uscc = $u order by start_on, project_id",
        {"u": uscc},
    )


def org_funding(uscc: str) -> pl.DataFrame:
    """The funding records an organization received."""
    return query(
        "select funding_id, paid_on, source, amount_yuan::DOUBLE as amount_yuan, project_id, payer_name"
        " from clean.funding where recipient_uscc = $u order by paid_on, funding_id",
        {"u": uscc},
    )


def runs() -> pl.DataFrame:
    """Every refresh run, newest first."""
    return query(
        "select run_id, started_at, finished_at, status, raw_folder, rows_read, rows_accepted,"
        " rows_rejected, rows_warned from quality.runs order by started_at desc"
    )


def file_stats(run_id: str) -> pl.DataFrame:
    """Rows read, accepted, rejected and warned per input file of one run."""
    return query(
        "select file, rows_read, rows_accepted, rows_rejected, rows_warned from quality.file_stats"
        " where run_id = $run order by file",
        {"run": run_id},
    )


ISSUE_FILTER = """
with issues as (
    select 'rejected' as kind, * from quality.rejected_rows
    union all by name select 'warning' as kind, * from quality.warnings),
chosen as (
    select * from issues
    where run_id = $run and list_contains($kinds::VARCHAR[], kind)
        and (len($files::VARCHAR[]) = 0 or list_contains($files::VARCHAR[], file))
        and (len($rules::VARCHAR[]) = 0 or list_contains($rules::VARCHAR[], rule)))
"""
ISSUE_GROUPS = """
select kind, file, "column", rule, count(*) as rows, any_value(message) as message,
    array_to_string(list(line order by line)[1:5], ', ') as sample_lines,
    array_to_string(list(coalesce(value, '') order by line)[1:3], ' | ') as sample_values
from chosen group by all order by rows desc, file, rule
"""
ISSUE_ROWS = """
select kind, file, line, "column", rule, value, message from chosen
order by file, line, "column", rule limit $limit
"""
ISSUE_CHOICES = """
select distinct file, rule from (
    select file, rule, run_id from quality.rejected_rows
    union all select file, rule, run_id from quality.warnings)
where run_id = $run order by file, rule
"""


def _issue_params(
    run_id: str, kinds: list[str], files: list[str], rules: list[str]
) -> dict[str, object]:
    return {
        "run": run_id,
        "kinds": [k for k in kinds if k in ISSUE_KINDS],
        "files": files,
        "rules": rules,
    }


def issue_groups(run_id: str, kinds: list[str], files: list[str], rules: list[str]) -> pl.DataFrame:
    """Rejections and warnings of a run grouped by kind, file, column and rule, with sample lines."""
    sql, params = _compose("{filter}{select}", filter=(ISSUE_FILTER, {}), select=(ISSUE_GROUPS, {}))
    return query(sql, {**params, **_issue_params(run_id, kinds, files, rules)})


def issue_rows(
    run_id: str, kinds: list[str], files: list[str], rules: list[str], limit: int
) -> pl.DataFrame:
    """The rejected or warned rows themselves, each located to file, line and column."""
    sql, params = _compose("{filter}{select}", filter=(ISSUE_FILTER, {}), select=(ISSUE_ROWS, {}))
    return query(sql, {**params, **_issue_params(run_id, kinds, files, rules), "limit": limit})


def issue_choices(run_id: str) -> pl.DataFrame:
    """The files and rules that occur among a run's rejections and warnings."""
    return query(ISSUE_CHOICES, {"run": run_id})


FUNDING_TOTALS = """
select coalesce(sum(amount_yuan), 0)::DOUBLE as amount_yuan, coalesce(sum(records), 0)::BIGINT as records,
    coalesce({recipients}, 0)::BIGINT as recipients from {table} where {w}
"""


def funding_totals(f: Filters) -> dict[str, object]:
    """Funding paid in the selected year: amount, records and distinct recipients."""
    table, where, params = _fund_from(f, (), "w")
    sql = FUNDING_TOTALS.replace("{table}", table).replace("{recipients}", _recipients(table))
    return _run(sql, {}, w=(where, params)).row(0, named=True)


# The register's profile (社会组织概况): sums over marts.register_profile, whose every figure adds
# up over its grain (docs/warehouse.md). A count NULL in the mart (its column not delivered)
# stays NULL in a sum: "not provided", never 0.
PROFILE_COUNTS = (
    "active_orgs", "linked_orgs", "with_party_org", "with_union", "direct_registered",
    "dual_registered", "rated_1a", "rated_2a", "rated_3a", "rated_4a", "rated_5a",
    "rated_4a_plus", "full_time_staff", "staff_reported",
)  # fmt: skip
_PROFILE_SUMS = ", ".join(f"sum({c})::BIGINT as {c}" for c in PROFILE_COUNTS)
PROFILE_CELLS = """
select org_type, registration_level, service_domain, is_linked, {sums}
from marts.register_profile where {w} group by all
order by org_type, registration_level, service_domain, is_linked
"""
PROFILE_SERIES = """
select year(as_of) as year, as_of, {sums}
from marts.register_profile where {w} group by as_of order by as_of
"""
PROFILE_EXTENT = """
select count(distinct r.province_code) as provinces, count(distinct r.prefecture_code) as prefectures,
    count(distinct p.district_code) as counties
from (select distinct district_code from marts.register_profile where {w}) p
left join ref.regions r on r.region_code = p.district_code
"""


def profile_cells(f: Filters) -> pl.DataFrame:
    """The selection's profile on its year-end: one row per (org_type, registration_level,
    service_domain, is_linked) with every count of marts.register_profile summed."""
    where = f.where_sql({"as_of": "as_of", "district": "district_code"})
    return _run(PROFILE_CELLS, {}, w=where, sums=(_PROFILE_SUMS, {}))


def profile_series(f: Filters) -> pl.DataFrame:
    """The selection's profile totals on every year-end that has organizations."""
    where = f.where_sql({"district": "district_code"})
    return _run(PROFILE_SERIES, {}, w=where, sums=(_PROFILE_SUMS, {}))


def profile_extent(f: Filters) -> dict[str, int]:
    """How many provinces, prefectures and counties the selection's organizations lie in."""
    where = f.where_sql({"as_of": "as_of", "district": "district_code"})
    return _run(PROFILE_EXTENT, {}, w=where).row(0, named=True)


def delivered_columns(table: str) -> dict[str, str]:
    """Column -> the header the input file used, for every column the file of `table` delivered
    in the refresh that built this warehouse (quality.file_columns)."""
    frame = query(
        'select "column", header from quality.file_columns where table_name = $t order by 1',
        {"t": table},
    )
    return dict(zip(frame["column"].to_list(), frame["header"].to_list(), strict=True))


# drill criterion -> the column it tests (o: marts.org_year, c: clean.organizations)
PICK_COLUMNS = {
    "org_type": "o.org_type",
    "registration_level": "o.registration_level",
    "is_linked": "o.is_linked",
    "has_party_org": "o.has_party_org",
    "has_union": "o.has_union",
    "registration_mode": "c.registration_mode",
    "rating": "c.rating",
    "service_domain": "c.service_domain",
}
PROFILE_ORGS = """
select c.name, o.uscc, coalesce(r.region_name, o.district_code) as district_name, o.org_type,
    o.registration_level, c.registration_mode, c.rating, c.service_domain, o.is_linked,
    o.has_party_org, o.has_union, c.full_time_staff, count(*) over () as total
from marts.org_year o join clean.organizations c on c.uscc = o.uscc
left join ref.regions r on r.region_code = o.district_code
where {w} and {pick}
order by c.name, o.uscc limit $limit
"""


def _pick_sql(criteria: Mapping[str, str]) -> tuple[str, dict[str, object]]:
    """A drill's criteria (column -> value; "none" = empty, "true"/"false", "4A_plus") as SQL."""
    clauses: list[str] = []
    params: dict[str, object] = {}
    for i, (field, value) in enumerate(criteria.items()):
        column, name = PICK_COLUMNS[field], f"k_{i}"  # KeyError: not an allowed criterion
        if value == "none":
            clauses.append(f"{column} is null")
        elif value in ("true", "false"):
            clauses.append(f"{column} = ${name}")
            params[name] = value == "true"
        elif field == "rating" and value == "4A_plus":
            clauses.append(f"list_contains(['4A', '5A'], {column})")
        else:
            clauses.append(f"{column} = ${name}")
            params[name] = value
    return " and ".join(clauses) or "true", params


def profile_orgs(f: Filters, criteria: Mapping[str, str], limit: int = 2000) -> pl.DataFrame:
    """The active organizations behind one profile figure (name order, at most `limit`; `total`
    counts them all)."""
    where = f.where_sql({"as_of": "o.as_of", "district": "o.district_code"})
    return _run(PROFILE_ORGS, {"limit": limit}, w=where, pick=_pick_sql(criteria))


PROJECT_CATEGORY_YEARS = """
with p as (
    select category, start_year as year, provider_uscc, contract_amount_yuan
    from marts.projects where start_year <= $year and {w}),
g as (
    select category, year, count(*) as projects,
        coalesce(sum(contract_amount_yuan), 0)::DOUBLE as contract_amount_yuan,
        count(distinct provider_uscc) as providers
    from p group by category, year)
select g.category, g.year, g.projects, g.contract_amount_yuan, g.providers,
    min(g.year) over (partition by g.category) as first_year
from g left join ref.vocab v on v.vocabulary = 'project_category' and v.code = g.category
order by v.sort_order nulls last, g.year
"""


def projects_by_category_year(f: Filters) -> pl.DataFrame:
    """Purchased-service projects per category and start year up to the selected year: projects,
    contract value, distinct providers, and the first year the category appears in the selection."""
    where = f.where_sql({"district": "effective_district_code"})
    return _run(PROJECT_CATEGORY_YEARS, {"year": f.year}, w=where)
