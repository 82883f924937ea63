"""The Register profile's queries: sums over marts.register_profile, the organizations behind a
figure, projects by category and year (through core/door.py)."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from dashboard.core import door
from dashboard.core.filters import Filters

# The register's profile (marts.register_profile): {sums} is the sum of every count; registered
# and filed (备案) organizations apart (`filed`: a filed row has only active and linked counts).
PROFILE_CELLS = """
select filed, org_type, registration_level, service_domain, is_linked, {sums}
from marts.register_profile where {w} group by all
order by filed, org_type, registration_level, service_domain, is_linked
"""

# ... every year-end: the registered organizations' sums, and the filed ones' count.
PROFILE_SERIES = """
select year(as_of) as year, as_of, {sums},
    coalesce(sum(active_orgs) filter (where filed), 0)::BIGINT as filed_orgs
from marts.register_profile where {w} group by as_of
having count(*) filter (where not filed) > 0 order by as_of
"""

# Where the selection's organizations lie (a code known at no county, such as 350300 or 100000,
# in its own region), which columns the organizations file delivered and what the delivery held
# (metadata of the refresh, the same for every viewer: it names no region's data).
PROFILE_CONTEXT = """
with p as (select distinct district_code from marts.register_profile where {w})
select count(distinct coalesce(r.province_code, r.region_code)) as provinces,
    count(distinct coalesce(r.prefecture_code, r.region_code)) as prefectures,
    count(distinct p.district_code) as counties, min(r.region_name) as county_name,
    (select coalesce(list("column" order by "column"), []) from quality.file_columns
     where table_name = 'organizations') as delivered,
    (select has_hub_data from marts.delivery) as has_hub_data,
    (select has_filed_orgs from marts.delivery) as has_filed_orgs
from p left join ref.regions r on r.region_code = p.district_code
"""

PROFILE_ORGS = """
select c.name, o.uscc, o.district_code, o.org_type, o.registration_level,
    ref.registration_mode(c.registration_mode, c.supervising_unit) as registration_mode,
    c.supervising_unit, c.rating, c.service_domain, if(x.ok, o.is_linked, null) as is_linked,
    o.has_party_org, o.has_union, c.union_form, c.party_org_form, c.full_time_staff,
    count(*) over () as total
from marts.org_segments o join clean.organizations c on c.uscc = o.uscc
cross join (select has_hub_data as ok from marts.delivery) x
where o.first_as_of <= $as_of and $as_of <= o.last_as_of and {w} and {pick}
order by c.name, o.uscc limit $limit
"""

# The filed community organizations (备案) of the selection on its year-end.
PROFILE_FILED = """
select c.name, y.filing_id, y.district_code, c.street_name, c.filing_authority, c.filed_on,
    y.service_domain, if(x.ok, y.is_linked, null) as is_linked, count(*) over () as total
from marts.filed_org_year y join clean.filed_orgs c on c.filing_id = y.filing_id
cross join (select has_hub_data as ok from marts.delivery) x
where {w}
order by c.name, y.filing_id limit $limit
"""

# Purchased-service projects per category and start year of the selection (a project counts where
# it is carried out, else where its provider is), with the first year each category appears: NULL
# when that is the first year the project records hold at all (records_from), since a category there
# may have begun any year before (every category read 2010 in a register that starts in 2010).
PROJECT_CATEGORY_YEARS = """
with p as (
    select category, start_year as year, provider_uscc, contract_amount_yuan
    from marts.projects where start_year <= $year and {w}),
g as (
    select category, year, count(*) as projects,
        coalesce(sum(contract_amount_yuan), 0)::DOUBLE as contract_amount_yuan,
        count(distinct provider_uscc) as providers
    from p group by category, year),
records as (select min(start_year) as records_from from marts.projects)
select g.category, g.year, g.projects, g.contract_amount_yuan, g.providers,
    case when min(g.year) over (partition by g.category) > r.records_from
        then min(g.year) over (partition by g.category) end as first_year,
    r.records_from
from g cross join records r
left join ref.vocab v on v.vocabulary = 'project_category' and v.code = g.category
order by v.sort_order nulls last, g.year
"""


# The register's profile (社会组织概况): sums over marts.register_profile, whose every figure adds
# up over its grain (docs/warehouse.md). A count NULL in the mart (its column not delivered)
# stays NULL in a sum: "not provided", never 0.
PROFILE_COUNTS = (
    "active_orgs", "linked_orgs", "with_party_org", "with_union", "direct_registered",
    "dual_registered", "rated_1a", "rated_2a", "rated_3a", "rated_4a", "rated_5a",
    "rated_4a_plus", "full_time_staff", "staff_reported", "with_union_formal",
    "with_union_effective", "union_own", "union_joint", "union_via_supervisor",
    "with_party_org_formal", "with_party_org_effective", "party_org_own", "party_org_joint",
    "party_org_via_supervisor",
)  # fmt: skip


_PROFILE_SUMS = ", ".join(f"sum({c})::BIGINT as {c}" for c in PROFILE_COUNTS)
_REGISTERED_SUMS = ", ".join(
    f"sum({c}) filter (where not filed)::BIGINT as {c}" for c in PROFILE_COUNTS
)


def profile_cells(f: Filters) -> pl.DataFrame:
    """The selection's profile on its year-end: one row per (filed, org_type, registration_level,
    service_domain, is_linked) with every count of marts.register_profile summed."""
    where = f.where_sql({"as_of": "as_of", "region": "district_code"})
    return door.run(PROFILE_CELLS, {}, w=where, sums=(_PROFILE_SUMS, {}))


def profile_series(f: Filters) -> pl.DataFrame:
    """The selection's profile totals (of its registered organizations) on every year-end that has
    any, and its filed organizations' count (filed_orgs)."""
    where = f.where_sql({"region": "district_code"})
    return door.run(PROFILE_SERIES, {}, w=where, sums=(_REGISTERED_SUMS, {}))


def profile_context(f: Filters) -> dict[str, object]:
    """Where the selection's organizations lie on its year-end (provinces, prefectures, counties;
    county_name when there is one) and the columns the organizations file delivered in the refresh
    that built this warehouse (`delivered`, from quality.file_columns)."""
    where = f.where_sql({"as_of": "as_of", "region": "district_code"})
    return door.run(PROFILE_CONTEXT, {}, w=where).row(0, named=True)


# drill criterion -> the column it tests (o: marts.org_segments, c: clean.organizations)
PICK_COLUMNS = {
    "org_type": "o.org_type",
    "registration_level": "o.registration_level",
    "is_linked": "o.is_linked",
    "has_party_org": "o.has_party_org",
    "has_union": "o.has_union",
    "registration_mode": "ref.registration_mode(c.registration_mode, c.supervising_unit)",
    "rating": "c.rating",
    "service_domain": "c.service_domain",
    "union_form": "c.union_form",
    "party_org_form": "c.party_org_form",
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
    where = f.where_sql({"region": "o.district_code"})
    fixed = {"limit": limit, "as_of": f.as_of}
    frame = door.run(PROFILE_ORGS, fixed, w=where, pick=_pick_sql(criteria or {}))
    return door.named(frame, "district_code", "district_name", where=True)


def profile_filed(f: Filters, limit: int = 2000) -> pl.DataFrame:
    """The filed community organizations (备案) behind the profile's filed figure, in name order, at
    most `limit`; `total` counts them all."""
    where = f.where_sql({"as_of": "y.as_of", "region": "y.district_code"})
    frame = door.run(PROFILE_FILED, {"limit": limit}, w=where)
    return door.named(frame, "district_code", "district_name")


def projects_by_category_year(f: Filters) -> pl.DataFrame:
    """Purchased-service projects per category and start year up to the selected year: projects,
    contract value, distinct providers, and the first year the category appears in the selection
    (empty when it appears in the records' first year, records_from: it may be older)."""
    where = f.where_sql({"region": "effective_district_code"})
    return door.run(PROJECT_CATEGORY_YEARS, {"year": f.year}, w=where)
