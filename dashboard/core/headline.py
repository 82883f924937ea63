"""The headline figures (the columns of marts.headline): catalogue key, column and kind (count, rate
or money), in the order the Overview's cards, its change table and the 变化 page's figures show them."""

from __future__ import annotations

# (figure key, column of headline_series, kind: count | rate | money)
HEADLINE: tuple[tuple[str, str, str], ...] = (
    ("fig.hubs_city", "hubs_city", "count"),
    ("fig.hubs_district", "hubs_district", "count"),
    ("fig.hubs_street", "hubs_street", "count"),
    ("fig.hubs_total", "hubs_total", "count"),
    ("fig.active_orgs", "active_orgs", "count"),
    ("fig.linked_orgs", "linked_orgs", "count"),
    ("fig.coverage_rate", "coverage_rate", "rate"),
    ("fig.mass_org_linked_orgs", "mass_org_linked_orgs", "count"),
    ("fig.mass_org_share", "mass_org_share", "rate"),
    ("fig.funding_amount_yuan", "funding_amount_yuan", "money"),
    ("fig.projects_started", "projects_started", "count"),
    ("fig.contract_amount_yuan", "contract_amount_yuan", "money"),
)
