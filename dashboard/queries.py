"""Every query of the dashboard: parameterized, over the marts; pages call these, never SQL.

Each public function takes the selection (Filters) first and restricts by its region selection and
the viewer's scope through Filters.where_sql, the one door (tests/app/test_scope.py walks them all).
The SQL text is in dashboard/statements.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import polars as pl

from dashboard import statements as sql
from dashboard.db import query
from dashboard.filters import HUB_TYPES, LEVELS, Allowed, Filters

# bits of level 0 for every hub type; shifted left by a level's index it selects that level
_LEVEL_PATTERN = sum(1 << (i * len(LEVELS)) for i in range(len(HUB_TYPES)))
PROJECT_DIMS = {
    "category": "category",
    "purchaser_name": "purchaser_name",
    "status": "status",
    "evaluation_grade": "evaluation_grade",
}
ISSUE_KINDS = ("rejected", "warning")
RANK_LEVELS = ("province", "prefecture", "county")
_NO_SCOPE = Filters.for_scope()


def _compose(
    template: str, **parts: tuple[str, dict[str, object]]
) -> tuple[str, dict[str, object]]:
    """Put Filters fragments (constant text; all values bound) into a template's {name} slots."""
    text, params = template, {}
    for name, (fragment, values) in parts.items():
        text = text.replace("{" + name + "}", fragment)
        params.update(values)
    return text, params


def _run(
    template: str, fixed: dict[str, object], **parts: tuple[str, dict[str, object]]
) -> pl.DataFrame:
    text, params = _compose(template, **parts)
    return query(text, {**fixed, **params})


def _labels() -> pl.DataFrame:
    """Code -> the name shown outside its parent's page, once per warehouse version (cached)."""
    frame = _run(sql.REGIONS, {}, w=_NO_SCOPE.where_sql({}))
    return frame.unique("region_code", keep="first", maintain_order=True)


def _named(df: pl.DataFrame, code: str, into: str) -> pl.DataFrame:
    """Add the shown name of the region in column `code` (the code itself when it has no data)."""
    labels = _labels()
    name = pl.col(code).replace(labels["region_code"], labels["region_label"])
    return df.with_columns(name.alias(into))


def regions(f: Filters) -> pl.DataFrame:
    """Every region (and level) with organizations or funding in the viewer's scope: region_level,
    region_code, parent_code, region_name, region_label (the name, with its parent's when another
    region has the same name)."""
    return _run(sql.REGIONS, {}, w=f.where_sql({"scope": "p.region_code"}))


def allowed(f: Filters) -> Allowed:
    """The years and region codes a selection may take (within the scope)."""
    years = query("select year from marts.calendar order by year")["year"].to_list()
    codes = regions(f)["region_code"].unique(maintain_order=True).to_list()
    return Allowed(years=tuple(years), regions=tuple(codes))


def provenance(f: Filters) -> dict[str, object]:
    """The latest refresh run and the latest record date of the warehouse (within the scope)."""
    if f.scope:
        latest = _run(
            sql.PROVENANCE,
            {},
            o=f.where_sql({"scope": "district_code"}, prefix="o"),
            h=f.where_sql({"scope": "district_code"}, prefix="h"),
            k=f.where_sql({"scope": "district_code"}, prefix="k"),
            p=f.where_sql({"scope": "effective_district_code"}, prefix="p"),
            f=f.where_sql({"scope": "district_code"}, prefix="f"),
            r=f.where_sql({"scope": "district_code"}, prefix="r"),
        )
    else:  # the whole register's, read fast from the clean tables
        latest = _run(sql.PROVENANCE_ALL, {}, g=f.where_sql({"global": ""}, prefix="g"))
    runs = query(sql.LAST_RUN)
    run = (
        runs.row(0, named=True)
        if runs.height
        else {"run_id": None, "finished_at": None, "status": None}
    )
    return {"latest": latest["latest"][0] if latest.height else None, **run}


def _narrowed(f: Filters) -> bool:
    return bool(f.regions or f.scope)


def headline_series(f: Filters) -> pl.DataFrame:
    """One row per year-end: the headline figures of the selection (all but the year filter)."""
    return _run(
        sql.HEADLINE,
        {
            "sel": f.hub_mask(),
            "mass": f.mass_mask(),
            "all_districts": not _narrowed(f),
            "all_sources": not f.sources,
        },
        cube=f.where_sql({"region": "district_code", "org_type": "org_type"}, prefix="c"),
        hubs=f.where_sql(
            {"region": "district_code", "level": "level", "hub_type": "hub_type"}, prefix="h"
        ),
        proj=f.where_sql({"region": "area_code", "org_type": "provider_org_type"}, prefix="p"),
        fund=f.where_sql(
            {"region": "district_code", "source": "source", "org_type": "org_type"}, prefix="f"
        ),
    )


def region_coverage(
    f: Filters, codes: Sequence[str], as_registered: bool = False, level: str = "county"
) -> pl.DataFrame:
    """Coverage of the given regions on the selected date, lowest first (regions without active
    organizations left out): region_code, region_name, active_orgs, linked_orgs, coverage_rate.

    as_registered: the organizations of those regions grouped by the code they were filed under at
    `level` instead (a retired code apart, its name marked 已撤销; is_current says which).
    """
    fixed: dict[str, object] = {"codes": list(codes), "sel": f.hub_mask()}
    cube_dims = {"as_of": "c.as_of", "region": "c.district_code", "org_type": "c.org_type"}
    if as_registered:
        fixed["level"] = level if level in RANK_LEVELS else "county"
        frame = _run(sql.REGION_COVERAGE_REGISTERED, fixed, w=f.where_sql(cube_dims))
        frame = _named(frame, "region_code", "region_name").with_columns(
            region_name=pl.when("is_current").then("region_name").otherwise("filed_name")
        )
    elif f.levels or f.hub_types or f.org_types:
        frame = _run(sql.REGION_COVERAGE_CUBE, fixed, w=f.where_sql(cube_dims))
        frame = _named(frame, "region_code", "region_name").with_columns(is_current=pl.lit(True))
    else:
        where = f.where_sql({"as_of": "as_of", "region": "region_code"})
        frame = _run(sql.REGION_COVERAGE, {"codes": list(codes)}, w=where)
        frame = _named(frame, "region_code", "region_name").with_columns(is_current=pl.lit(True))
    return frame.select(
        "region_code", "region_name", "active_orgs", "linked_orgs", "coverage_rate", "is_current"
    ).sort(["coverage_rate", "region_code"], nulls_last=False)


def hub_type_coverage(f: Filters, dates: list[date]) -> pl.DataFrame:
    """One row per date and hub type of the selection: hubs and the organizations they link."""
    return _run(
        sql.HUB_TYPES,
        {"sel": f.hub_mask(), "dates": dates},
        c=f.where_sql({"region": "district_code", "org_type": "org_type"}, prefix="c"),
        t=f.where_sql({"hub_type": "hub_type"}, prefix="t"),
        h=f.where_sql(
            {"region": "district_code", "level": "level", "hub_type": "hub_type"}, prefix="h"
        ),
    )


def level_coverage(f: Filters) -> pl.DataFrame:
    """One row per hub level of the selection on the selected date."""
    hub_dims = {"as_of": "as_of", "region": "district_code", "level": "level"}
    return _run(
        sql.LEVELS,
        {"sel": f.hub_mask(), "pattern": _LEVEL_PATTERN},
        c=f.where_sql(
            {"as_of": "as_of", "region": "district_code", "org_type": "org_type"}, prefix="c"
        ),
        l=f.where_sql({"level": "level"}, prefix="l"),
        h=f.where_sql({**hub_dims, "hub_type": "hub_type"}, prefix="h"),
    )


def drill_orgs(f: Filters) -> pl.DataFrame:
    """The active organizations of the selected regions on the selected date, linked in the hub
    selection or not, with their district's shown name."""
    where = f.where_sql({"as_of": "o.as_of", "region": "o.district_code", "org_type": "o.org_type"})
    frame = _run(sql.DRILL, {"sel": f.hub_mask()}, w=where)
    return _named(frame, "district_code", "district_name")


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
    if _narrowed(f) or ("source" not in by and len(f.sources) > 1):
        return "marts.funding_facts", where, params
    all_sources = "true" if "source" not in by and not f.sources else "false"
    return (
        "marts.funding_cube",
        f"{where} and all_districts = true and all_sources = {all_sources}",
        params,
    )


def _recipients(table: str) -> str:
    return "sum(recipients)" if table == "marts.funding_cube" else "count(distinct recipient_uscc)"


def funding_by_region(f: Filters, codes: Sequence[str]) -> pl.DataFrame:
    """Funding paid in the selected year in each given region, per linked organization and per
    resident; recipients distinct per region. Largest first."""
    codes = list(codes)
    if f.sources or f.org_types:
        dims = {"year": "ff.year", "region": "ff.district_code", "source": "ff.source"}
        dims["org_type"] = "ff.org_type"
        fund = _run(sql.REGION_FUNDING_FACTS, {"codes": codes}, w=f.where_sql(dims))
    else:
        where = f.where_sql({"year": "year", "region": "region_code"})
        fund = _run(sql.REGION_FUNDING, {"codes": codes}, w=where)
    linked = _run(
        sql.REGION_LINKED,
        {"codes": codes, "year": f.year, "sel": f.hub_mask()},
        c=f.where_sql(
            {"as_of": "c.as_of", "region": "c.district_code", "org_type": "c.org_type"}, prefix="c"
        ),
        p=f.where_sql({"region": "p.district_code"}, prefix="p"),
    )
    frame = fund.join(linked, on="region_code", how="left", maintain_order="left")
    return (
        _named(frame, "region_code", "region_name")
        .with_columns(
            per_linked_yuan=pl.col("amount_yuan") / pl.col("linked_orgs").replace(0, None),
            per_resident_yuan=pl.col("amount_yuan") / pl.col("population").replace(0, None),
        )
        .sort(["amount_yuan", "region_code"], descending=[True, False])
    )


def funding_by_source(f: Filters) -> pl.DataFrame:
    """Funding paid in the selected year per source."""
    table, where, params = _fund_from(f, ("source",), "w")
    text = sql.FUNDING_SOURCES.replace("{table}", table).replace("{recipients}", _recipients(table))
    return _run(text, {}, w=(where, params))


def funding_by_year(f: Filters) -> pl.DataFrame:
    """Funding per year and source over every year (the year filter does not apply)."""
    dims = {"region": "district_code", "source": "source", "org_type": "org_type"}
    return _run(sql.FUNDING_YEARS, {"all_districts": not _narrowed(f)}, w=f.where_sql(dims))


def funding_totals(f: Filters) -> dict[str, object]:
    """Funding paid in the selected year: amount, records and distinct recipients."""
    region = _one_region(f)
    if region is not None:
        where = f.where_sql({"year": "year", "region": "region_code"})
        return _run(sql.FUNDING_ONE, {"one": region}, w=where).row(0, named=True)
    table, where, params = _fund_from(f, (), "w")
    text = sql.FUNDING_TOTALS.replace("{table}", table).replace("{recipients}", _recipients(table))
    return _run(text, {}, w=(where, params)).row(0, named=True)


def top_recipients(f: Filters, limit: int = 20) -> pl.DataFrame:
    """The organizations that received the most in the selected year, with the regions they were
    paid in (shown names). A top-N over marts.recipient_year (one row per recipient and year), over
    marts.funding_facts when regions, a scope or sources narrow it."""
    dims = {"year": "year", "region": "district_code", "source": "source", "org_type": "org_type"}
    facts = _narrowed(f) or bool(f.sources)
    template = sql.TOP_RECIPIENTS.replace("{table}", "marts.funding_facts")
    places = f.where_sql({"region": "ff.district_code", "source": "ff.source"}, prefix="d")
    frame = _run(
        template if facts else sql.TOP_RECIPIENTS_YEAR,
        {"limit": limit, "year": f.year},
        w=f.where_sql(dims),
        d=places,
    )
    labels = _labels()
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
    text, params = _compose(sql.PROJECTS_BY, w=where)
    return query(text.replace("{dim}", PROJECT_DIMS[dim]), {**params, "limit": limit})


def search_orgs(f: Filters, text: str, limit: int = 51) -> pl.DataFrame:
    """Organizations in the scope whose name contains the text, or whose USCC is the text (the
    sidebar's region selection does not narrow the search)."""
    frame = _run(
        sql.SEARCH, {"q": text, "limit": limit}, w=f.where_sql({"scope": "o.district_code"})
    )
    return _named(frame, "district_code", "district_name")


def org_entry(f: Filters, uscc: str) -> pl.DataFrame:
    """An organization's register entry (one row, or none, also when it lies outside the scope): the
    district as registered (code and name, marked when retired) and today's district it counts in."""
    frame = _run(sql.ORG_ENTRY, {"u": uscc}, w=f.where_sql({"scope": "s.district_code"}))
    frame = _named(frame, "current_code", "district_name")
    return frame.with_columns(
        current_district=pl.concat_str("current_code", pl.lit(" "), "district_name")
    )


def _org_scope(f: Filters) -> tuple[str, dict[str, object]]:
    """The organization ($u) lies in the scope."""
    inner, params = f.where_sql({"scope": "s.district_code"}, prefix="o")
    return sql.IN_SCOPE.replace("{w}", inner), params


def org_links(f: Filters, uscc: str) -> pl.DataFrame:
    """Every link of an organization (in the scope) to a hub, with the hub's type, level and dates."""
    return _run(sql.ORG_LINKS, {"u": uscc}, o=_org_scope(f))


def org_years(f: Filters, uscc: str) -> pl.DataFrame:
    """An organization's year-ends (in the scope): whether it was linked and by how many hubs."""
    return _run(sql.ORG_YEARS, {"u": uscc}, w=f.where_sql({"scope": "district_code"}))


def org_projects(f: Filters, uscc: str) -> pl.DataFrame:
    """The purchased-service projects an organization (in the scope) delivers in the scope."""
    where = f.where_sql({"scope": "effective_district_code"})
    return _run(sql.ORG_PROJECTS, {"u": uscc}, o=_org_scope(f), w=where)


def org_funding(f: Filters, uscc: str) -> pl.DataFrame:
    """The funding records an organization (in the scope) received in the scope."""
    return _run(
        sql.ORG_FUNDING, {"u": uscc}, o=_org_scope(f), w=f.where_sql({"scope": "area_code"})
    )


def runs(f: Filters) -> pl.DataFrame:
    """Every refresh run, newest first (the whole register's: none for a viewer with a scope)."""
    return _run(sql.RUNS, {}, g=f.where_sql({"global": ""}, prefix="g"))


def file_stats(f: Filters, run_id: str) -> pl.DataFrame:
    """Rows read, accepted, rejected and warned per input file of one run (none within a scope)."""
    return _run(sql.FILE_STATS, {"run": run_id}, g=f.where_sql({"global": ""}, prefix="g"))


def _issue_params(
    run_id: str, kinds: list[str], files: list[str], rules: list[str]
) -> dict[str, object]:
    return {
        "run": run_id,
        "kinds": [k for k in kinds if k in ISSUE_KINDS],
        "files": files,
        "rules": rules,
    }


def issue_groups(
    f: Filters, run_id: str, kinds: list[str], files: list[str], rules: list[str]
) -> pl.DataFrame:
    """Rejections and warnings of a run grouped by kind, file, column and rule, with sample lines
    (none within a scope: rejected rows cannot be placed in a region)."""
    chosen = _compose(sql.ISSUE_FILTER, g=f.where_sql({"global": ""}, prefix="g"))
    return _run(
        "{chosen}" + sql.ISSUE_GROUPS, _issue_params(run_id, kinds, files, rules), chosen=chosen
    )


def issue_rows(
    f: Filters, run_id: str, kinds: list[str], files: list[str], rules: list[str], limit: int
) -> pl.DataFrame:
    """The rejected or warned rows themselves, each located to file, line and column."""
    chosen = _compose(sql.ISSUE_FILTER, g=f.where_sql({"global": ""}, prefix="g"))
    params = {**_issue_params(run_id, kinds, files, rules), "limit": limit}
    return _run("{chosen}" + sql.ISSUE_ROWS, params, chosen=chosen)


def issue_choices(f: Filters, run_id: str) -> pl.DataFrame:
    """The files and rules that occur among a run's rejections and warnings."""
    return _run(sql.ISSUE_CHOICES, {"run": run_id}, g=f.where_sql({"global": ""}, prefix="g"))


# The register's profile (社会组织概况): sums over marts.register_profile, whose every figure adds
# up over its grain (docs/warehouse.md). A count NULL in the mart (its column not delivered)
# stays NULL in a sum: "not provided", never 0.
PROFILE_COUNTS = (
    "active_orgs", "linked_orgs", "with_party_org", "with_union", "direct_registered",
    "dual_registered", "rated_1a", "rated_2a", "rated_3a", "rated_4a", "rated_5a",
    "rated_4a_plus", "full_time_staff", "staff_reported",
)  # fmt: skip
_PROFILE_SUMS = ", ".join(f"sum({c})::BIGINT as {c}" for c in PROFILE_COUNTS)


def profile_cells(f: Filters) -> pl.DataFrame:
    """The selection's profile on its year-end: one row per (org_type, registration_level,
    service_domain, is_linked) with every count of marts.register_profile summed."""
    where = f.where_sql({"as_of": "as_of", "region": "district_code"})
    return _run(sql.PROFILE_CELLS, {}, w=where, sums=(_PROFILE_SUMS, {}))


def profile_series(f: Filters) -> pl.DataFrame:
    """The selection's profile totals on every year-end that has organizations."""
    where = f.where_sql({"region": "district_code"})
    return _run(sql.PROFILE_SERIES, {}, w=where, sums=(_PROFILE_SUMS, {}))


def profile_context(f: Filters) -> dict[str, object]:
    """Where the selection's organizations lie on its year-end (provinces, prefectures, counties;
    county_name when there is one) and the columns the organizations file delivered in the refresh
    that built this warehouse (`delivered`, from quality.file_columns)."""
    where = f.where_sql({"as_of": "as_of", "region": "district_code"})
    return _run(sql.PROFILE_CONTEXT, {}, w=where).row(0, named=True)


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


def profile_orgs(
    f: Filters, criteria: Mapping[str, str] | None = None, limit: int = 2000
) -> pl.DataFrame:
    """The active organizations behind one profile figure (all when no criteria), in name order, at
    most `limit`; `total` counts them all."""
    where = f.where_sql({"as_of": "o.as_of", "region": "o.district_code"})
    return _run(sql.PROFILE_ORGS, {"limit": limit}, w=where, pick=_pick_sql(criteria or {}))


def projects_by_category_year(f: Filters) -> pl.DataFrame:
    """Purchased-service projects per category and start year up to the selected year: projects,
    contract value, distinct providers, and the first year the category appears in the selection."""
    where = f.where_sql({"region": "effective_district_code"})
    return _run(sql.PROJECT_CATEGORY_YEARS, {"year": f.year}, w=where)
