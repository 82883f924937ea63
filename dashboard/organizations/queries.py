"""The Organizations page's queries: search, one organization's entry, links, years, projects and
funding, all within the viewer's scope (through core/door.py)."""

from __future__ import annotations

import polars as pl

from dashboard.core import door
from dashboard.core.filters import Filters

SEARCH_LIMIT = 50  # organizations a search lists (all of them counted: total)
# marts.org_search alone: the staging view would resolve a million districts for each search. The
# total is a count of its own (a window count over every match made the top-50 sort all of them:
# 167 vs 124 ms for 283k matches at 1M organizations).
SEARCH = """
select uscc, name, org_type, district_code, status, registered_on,
    (select count(*) from marts.org_search o where {match}) as total
from marts.org_search o
where {match}
order by (o.uscc = upper(trim($q))) desc, o.name, o.uscc limit $limit
""".replace(
    "{match}", "(o.uscc = upper(trim($q)) or contains(o.search_name, lower(trim($q)))) and {w}"
)

# The entry as staging reads it: the registration level (from the authority when one is named) and
# mode (from the supervising unit when 登记方式 is absent) as the figures count them; the optional
# columns the organizations file delivered (an empty 业务主管单位 delivered means direct registration).
ORG_ENTRY = """
select o.* exclude (source_line, registration_level, registration_mode),
    s.registration_level, s.registration_mode, s.district_code as current_code,
    o.district_code || ' ' || coalesce(r.region_name, '')
        || case when r.is_current = false then '（已撤销）' else '' end as registered_district,
    (select coalesce(list("column"), []) from quality.file_columns
     where table_name = 'organizations') as delivered
from clean.organizations o join staging.organizations s on s.uscc = o.uscc
left join ref.regions r on r.region_code = o.district_code
where o.uscc = $u and {w}
"""

# An organization's own rows, shown only when the organization lies in the viewer's scope.
IN_SCOPE = "exists (select 1 from marts.org_search s where s.uscc = $u and {w})"

ORG_LINKS = """
select h.name as hub_name, h.hub_id, h.hub_type, h.level, k.relation, k.linked_on, k.ended_on,
    h.recognized_on, h.revoked_on
from clean.hub_links k join clean.hubs h on h.hub_id = k.hub_id
where k.uscc = $u and {o}
order by k.linked_on, h.name
"""

# an organization's segments (marts.org_segments) spread over their year-ends
ORG_YEARS = """
select year(c.as_of) as year, o.hubs, o.is_linked
from marts.org_segments o join marts.calendar c on c.as_of between o.first_as_of and o.last_as_of
where o.uscc = $u and {w} order by c.as_of
"""

ORG_PROJECTS = """
select project_id, name as project_name, purchaser_name, category, start_on, end_on,
    contract_amount_yuan::DOUBLE as contract_amount_yuan, status, evaluation_grade
from marts.projects where provider_uscc = $u and {o} and {w}
order by start_on, project_id
"""

# The organization's records first (clean.funding is stored in recipient order: a few row groups),
# then each record's district resolved as staging.funding does (ref.today_code on the year paid),
# else the recipient's: through the staging view the filter would come after 5M resolutions.
ORG_FUNDING = """
with records as materialized (
    select funding_id, paid_on, source, amount_yuan, project_id, payer_name, district_code
    from clean.funding where recipient_uscc = $u)
select funding_id, paid_on, source, amount_yuan, project_id, payer_name from (
    select r.funding_id, r.paid_on, r.source, r.amount_yuan::DOUBLE as amount_yuan, r.project_id,
        r.payer_name,
        coalesce(ref.today_code(r.district_code, year(r.paid_on)), o.district_code) as area_code
    from records r left join marts.org_search o on o.uscc = $u)
where {o} and {w}
order by paid_on, funding_id
"""


def search_orgs(f: Filters, text: str, limit: int = 50) -> pl.DataFrame:
    """Organizations in the scope whose name contains the text, or whose USCC is the text (the
    sidebar's region selection does not narrow the search): at most `limit`; `total` counts them
    all."""
    frame = door.run(
        SEARCH, {"q": text, "limit": limit}, w=f.where_sql({"scope": "o.district_code"})
    )
    return door.named(frame, "district_code", "district_name")


def org_entry(f: Filters, uscc: str) -> pl.DataFrame:
    """An organization's register entry (one row, or none, also when it lies outside the scope): the
    district as registered (code and name, marked when retired) and today's district it counts in."""
    frame = door.run(ORG_ENTRY, {"u": uscc}, w=f.where_sql({"scope": "s.district_code"}))
    frame = door.named(frame, "current_code", "district_name", where=True)
    return frame.with_columns(
        current_district=pl.concat_str("current_code", pl.lit(" "), "district_name")
    )


def _org_scope(f: Filters) -> tuple[str, dict[str, object]]:
    """The organization ($u) lies in the scope."""
    inner, params = f.where_sql({"scope": "s.district_code"}, prefix="o")
    return IN_SCOPE.replace("{w}", inner), params


def org_links(f: Filters, uscc: str) -> pl.DataFrame:
    """Every link of an organization (in the scope) to a hub, with the hub's type, level and dates."""
    return door.run(ORG_LINKS, {"u": uscc}, o=_org_scope(f))


def org_years(f: Filters, uscc: str) -> pl.DataFrame:
    """An organization's year-ends (in the scope): whether it was linked and by how many hubs."""
    return door.run(ORG_YEARS, {"u": uscc}, w=f.where_sql({"scope": "o.district_code"}))


def org_projects(f: Filters, uscc: str) -> pl.DataFrame:
    """The purchased-service projects an organization (in the scope) delivers in the scope."""
    where = f.where_sql({"scope": "effective_district_code"})
    return door.run(ORG_PROJECTS, {"u": uscc}, o=_org_scope(f), w=where)


def org_funding(f: Filters, uscc: str) -> pl.DataFrame:
    """The funding records an organization (in the scope) received in the scope."""
    return door.run(
        ORG_FUNDING, {"u": uscc}, o=_org_scope(f), w=f.where_sql({"scope": "area_code"})
    )
