"""The Organizations page's queries: search, one organization's entry, links, years, projects and
funding, all within the viewer's scope (through core/door.py)."""

from __future__ import annotations

import polars as pl

from dashboard.core import door
from dashboard.core.filters import Filters

SEARCH = """
select o.uscc, o.name, o.org_type, o.district_code, o.status, o.registered_on
from marts.org_search h join staging.organizations o on o.uscc = h.uscc
where (h.uscc = upper(trim($q)) or contains(h.search_name, lower(trim($q)))) and {w}
order by (o.uscc = upper(trim($q))) desc, o.name, o.uscc limit $limit
"""

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
IN_SCOPE = "exists (select 1 from staging.organizations s where s.uscc = $u and {w})"

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

ORG_FUNDING = """
select funding_id, paid_on, source, amount_yuan, project_id, payer_name from (
    select f.funding_id, f.paid_on, f.source, f.amount_yuan::DOUBLE as amount_yuan, f.project_id,
        f.payer_name, coalesce(f.district_code, o.district_code) as area_code
    from staging.funding f left join staging.organizations o on o.uscc = f.recipient_uscc
    where f.recipient_uscc = $u)
where {o} and {w}
order by paid_on, funding_id
"""


def search_orgs(f: Filters, text: str, limit: int = 51) -> pl.DataFrame:
    """Organizations in the scope whose name contains the text, or whose USCC is the text (the
    sidebar's region selection does not narrow the search)."""
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
