"""Turn typed synthetic tables into the text columns of each input file (canonical names)."""

from __future__ import annotations

import numpy as np
import polars as pl

from pipeline.sample.clerk_text import amounts, booleans, dates, enums, fullwidth, styles
from pipeline.sample.forms import labels
from schemas import vocab
from schemas.tables import FUNDING, HUB_LINKS, ORGANIZATIONS, PROJECTS

ORG_COLUMNS = [c.name for c in ORGANIZATIONS.columns]
LINK_COLUMNS = [c.name for c in HUB_LINKS.columns]
PROJECT_COLUMNS = [c.name for c in PROJECTS.columns]
FUNDING_COLUMNS = [c.name for c in FUNDING.columns]


def render_orgs(rng: np.random.Generator, orgs: pl.DataFrame) -> pl.DataFrame:
    """organizations.csv rows: Chinese labels mostly, some codes, a few full-width cells."""
    n = orgs.height
    staff = orgs["full_time_staff"].cast(pl.String)
    staff = fullwidth(staff, rng.random(n) < 0.003)
    return pl.DataFrame(
        {
            "uscc": fullwidth(orgs["uscc"], rng.random(n) < 0.001),
            "name": orgs["name"],
            "org_type": enums(orgs["org_type"], vocab.ORG_TYPE, rng, 0.9, 0.15),
            "registration_level": enums(
                orgs["registration_level"], vocab.REGISTRATION_LEVEL, rng, 0.85, 0.2
            ),
            "district_code": fullwidth(orgs["district_code"], rng.random(n) < 0.002),
            "registered_on": dates(orgs["registered_on"], styles(rng, n, (0.85, 0.1, 0.05))),
            "deregistered_on": dates(orgs["deregistered_on"], styles(rng, n, (0.85, 0.1, 0.05))),
            "status": enums(orgs["status"], vocab.ORG_STATUS, rng, 0.85, 0.2),
            "rating": orgs["rating"],
            "registration_mode": enums(
                orgs["registration_mode"], vocab.REGISTRATION_MODE, rng, 0.85
            ),
            "service_domain": enums(orgs["service_domain"], vocab.SERVICE_DOMAIN, rng, 0.8),
            "full_time_staff": pl.select(
                pl.when(pl.Series(rng.random(n) < 0.02)).then(None).otherwise(staff)
            ).to_series(),
            "has_party_org": booleans(orgs["has_party_org"].to_numpy(), rng),
            "has_union": booleans(orgs["has_union"].to_numpy(), rng),
            # from the typed codes, with no draw from the file's stream: the rest stays as it was
            "union_form": labels(orgs["union_form"], vocab.UNION_FORM),
            "party_org_form": labels(orgs["party_org_form"], vocab.PARTY_ORG_FORM),
        }
    )


def render_links(
    rng: np.random.Generator, links: pl.DataFrame, orgs: pl.DataFrame, hubs: pl.DataFrame
) -> pl.DataFrame:
    """hub_links.csv rows: Chinese relation labels, dates as 2015年7月1日 or 2015/7/1."""
    n = links.height
    relation = enums(links["relation"], vocab.RELATION, rng, 1.0, 0.12)
    return pl.DataFrame(
        {
            "hub_id": hubs["hub_id"].gather(links["hub"]),
            "uscc": orgs["uscc"].gather(links["org"]),
            "relation": relation,
            "linked_on": dates(links["linked_on"], styles(rng, n, (0.0, 0.5, 0.5))),
            "ended_on": dates(links["ended_on"], styles(rng, n, (0.0, 0.5, 0.5))),
        }
    )


def render_projects(
    rng: np.random.Generator, projects: pl.DataFrame, orgs: pl.DataFrame, hubs: pl.DataFrame
) -> pl.DataFrame:
    """projects.csv rows: codes and labels mixed, amounts as 125000 or 12.5万."""
    n = projects.height
    hub = projects["hub"].to_numpy()
    return pl.DataFrame(
        {
            "project_id": projects["project_id"],
            "name": projects["name"],
            "purchaser_name": projects["purchaser_name"],
            "purchaser_hub_id": pl.select(
                pl.when(pl.Series(hub >= 0))
                .then(hubs["hub_id"].gather(np.maximum(hub, 0)))
                .otherwise(None)
            ).to_series(),
            "provider_uscc": orgs["uscc"].gather(projects["provider"]),
            "district_code": projects["district_code"],
            "category": enums(projects["category"], vocab.PROJECT_CATEGORY, rng, 0.4),
            "start_on": dates(projects["start_on"], styles(rng, n, (0.9, 0.1, 0.0))),
            "end_on": dates(projects["end_on"], styles(rng, n, (0.9, 0.1, 0.0))),
            "contract_amount_yuan": amounts(
                projects["contract_cents"].to_numpy(), styles(rng, n, (0.6, 0.1, 0.3, 0.0))
            ),
            "status": enums(projects["status"], vocab.PROJECT_STATUS, rng, 0.4),
            "evaluation_grade": enums(
                projects["evaluation_grade"], vocab.EVALUATION_GRADE, rng, 0.5
            ),
            "evaluator": projects["evaluator"],
            "evaluation_kind": labels(projects["evaluation_kind"], vocab.EVALUATION_KIND),
        }
    )


def render_funding(
    rng: np.random.Generator, funding: pl.DataFrame, orgs: pl.DataFrame
) -> pl.DataFrame:
    """funding.csv rows: amounts as 12.5万元, 1,234.50 or plain, sources as codes or labels."""
    n = funding.height
    amount = amounts(funding["cents"].to_numpy(), styles(rng, n, (0.4, 0.25, 0.15, 0.2)))
    return pl.DataFrame(
        {
            "funding_id": funding["funding_id"],
            "recipient_uscc": orgs["uscc"].gather(funding["recipient"]),
            "project_id": funding["project_id"],
            "source": enums(funding["source"], vocab.FUNDING_SOURCE, rng, 0.5),
            "amount_yuan": fullwidth(amount, rng.random(n) < 0.001),
            "paid_on": dates(funding["paid_on"], styles(rng, n, (0.8, 0.1, 0.1))),
            "district_code": funding["district_code"],
            "payer_name": funding["payer_name"],
        }
    )


def hub_rows(hubs: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    """hubs.xlsx rows: labels for level and type, dates kept as day numbers (written as dates)."""
    street = hubs["street_name"].fill_null("")
    town = street.str.ends_with("镇") | street.str.ends_with("乡")
    level = np.array(["市级", "区级", "街道级"])[hubs["level"].to_numpy()]
    district = np.where(rng.random(hubs.height) < 0.3, "区县级", "区级")
    level = np.where(level == "区级", district, level)
    level = np.where(town.to_numpy(), "乡镇级", level)
    labels = {t.code: t.zh for t in vocab.HUB_TYPE}
    return pl.DataFrame(
        {
            "hub_id": hubs["hub_id"],
            "name": hubs["name"],
            "level": level,
            "district_code": hubs["district_code"],
            "street_name": hubs["street_name"],
            "hub_type": hubs["hub_type"].replace_strict(labels),
            "recognized_on": hubs["recognized_on"],
            "revoked_on": hubs["revoked_on"],
        }
    )
