"""Synthetic purchased-service projects: provider, purchaser, category, period, amount, status."""

from __future__ import annotations

import numpy as np
import polars as pl

from pipeline.sample.geography import Geo
from pipeline.sample.hubs import HUB_TYPES
from pipeline.sample.links import ANY_OTHER, choose_hubs, group_key, index_hubs
from pipeline.sample.names import DOMAINS, PROJECT_SUFFIXES, PROJECT_TOPICS
from pipeline.sample.organizations import _flat, _pick
from pipeline.sample.scales import SNAP, Scale, day, draw_years, year_days

CATEGORIES = tuple(PROJECT_TOPICS)
_C = {k: i for i, k in enumerate(CATEGORIES)}
_DOMAIN_CATEGORY = {
    "workers": "workers",
    "youth": "youth",
    "women_children": "women",
    "elderly": "elderly",
    "disabled": "disabled",
    "education": "children",
    "culture_sports": "community",
    "charity": "charity",
    "community": "community",
    "industry": "capacity",
    "science": "other",
    "legal": "legal_aid",
    "health": "elderly",
    "environment": "other",
    "other": "other",
}
_CATEGORY_HUB = {
    "disabled": "disabled",
    "women": "women",
    "children": "women",
    "workers": "union",
    "youth": "youth_league",
}
START_YEARS = {2010: 6, 2011: 9, 2012: 12, 2013: 15, 2014: 18, 2015: 20, 2016: 18}
GRADES = ("excellent", "good", "pass", "fail")
_GOV_COUNTY = ("民政局", "社会建设工作办公室", "人力资源和社会保障局", "卫生和计划生育委员会")
_GOV_CITY = ("民政局", "社会建设工作领导小组办公室")


def active_providers(
    rng: np.random.Generator, orgs: pl.DataFrame, pool: np.ndarray, on: np.ndarray
) -> np.ndarray:
    """Organization rows from `pool` (sorted by registration) registered by each date, preferring
    ones still active and private non-enterprise units."""
    reg = orgs["registered_on"].to_numpy()[pool]
    dereg = orgs["deregistered_on"].to_numpy()[pool]
    kind = orgs["kind"].to_numpy()[pool]
    k = np.maximum(np.searchsorted(reg, on, side="right"), 1)
    first = (rng.random(len(on)) * k).astype(np.int64)
    second = (rng.random(len(on)) * k).astype(np.int64)
    gone = (dereg[first] >= 0) & (dereg[first] <= on)
    redraw = gone | ((kind[first] == 0) & (rng.random(len(on)) < 0.4))
    return pool[np.where(redraw, second, first)]


def _categories(rng: np.random.Generator, domain: np.ndarray) -> np.ndarray:
    mapped = np.array([_C[_DOMAIN_CATEGORY[d]] for d in DOMAINS])[domain]
    return np.where(
        rng.random(len(domain)) < 0.7, mapped, rng.integers(0, len(CATEGORIES), len(domain))
    )


def _purchasers(
    rng: np.random.Generator,
    geo: Geo,
    orgs: pl.DataFrame,
    hubs: pl.DataFrame,
    provider: np.ndarray,
    category: np.ndarray,
    start: np.ndarray,
    by_hub: np.ndarray,
) -> tuple[np.ndarray, pl.Series]:
    """A purchasing hub (row, or -1) and the purchaser's name (the hub or a government body)."""
    county = orgs["county"].to_numpy()[provider]
    city_code = np.array([int(c.code) for c in geo.cities])[orgs["city"].to_numpy()[provider]]
    county_code = orgs["district_code"].cast(pl.Int64).to_numpy()[provider]
    t = {k: i for i, k in enumerate(HUB_TYPES)}
    kind = np.array([t[_CATEGORY_HUB.get(c, "federation")] for c in CATEGORIES])[category]
    district_first = rng.random(len(start)) < 0.5
    chains = [
        group_key(
            np.where(district_first, county_code, city_code), np.where(district_first, 1, 0), kind
        ),
        group_key(county_code, 1, kind),
        group_key(city_code, 0, kind),
        group_key(county_code, 1, ANY_OTHER),
        group_key(city_code, 0, ANY_OTHER),
    ]
    hub = np.where(by_hub, choose_hubs(index_hubs(hubs), chains, start, rng), -1)
    gov = [
        [geo.cities[c.city].name + g for g in _GOV_CITY] + [c.name + g for g in _GOV_COUNTY]
        for c in geo.counties
    ]
    names, starts, lengths = _flat([tuple(g) for g in gov])
    gov_name = names.gather(_pick(rng, starts[county], lengths[county]))
    hub_name = hubs["name"].gather(np.maximum(hub, 0))
    return hub, pl.select(
        pl.when(pl.Series(hub) >= 0).then(hub_name).otherwise(gov_name)
    ).to_series()


def _status(
    rng: np.random.Generator, start: np.ndarray, end: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    n = len(start)
    u = rng.random(n)
    status = np.where(
        start > SNAP,
        "planned",
        np.where(
            end <= SNAP,
            np.where(u < 0.92, "completed", "terminated"),
            np.where(u < 0.97, "ongoing", "terminated"),
        ),
    )
    grade = np.array(GRADES)[rng.choice(4, size=n, p=[0.25, 0.45, 0.25, 0.05])]
    graded = ((status == "completed") & (rng.random(n) < 0.9)) | (
        (status == "terminated") & (rng.random(n) < 0.5)
    )
    grade = np.where(status == "terminated", "fail", grade)
    return status, np.where(graded, grade, "")


def _schedule(
    rng: np.random.Generator, orgs: pl.DataFrame, scale: Scale, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Start days, provider rows, categories and disabled-federation flags of all projects."""
    start = year_days(rng, draw_years(rng, START_YEARS, n))
    planned = rng.random(n) < 0.03
    start = np.where(planned, day(2016, 12, 1) + rng.integers(0, 31, n), start)
    provider = active_providers(rng, orgs, np.arange(orgs.height), start)
    category = _categories(rng, orgs["domain"].to_numpy()[provider])
    factor = orgs.height / scale.orgs
    years = np.arange(2010, 2017)
    per_year = np.round(scale.disabled_projects_per_year * factor * np.where(years == 2016, 0.9, 1))
    d_start = year_days(rng, np.repeat(years, per_year.astype(np.int64)))
    disabled_pool = np.flatnonzero(orgs["service_domain"].to_numpy() == "disabled")
    if len(disabled_pool) == 0:
        disabled_pool = np.arange(orgs.height)
    d_provider = active_providers(rng, orgs, disabled_pool, d_start)
    flag = np.concatenate([np.zeros(n, bool), np.ones(len(d_start), bool)])
    cats = np.concatenate([category, np.full(len(d_start), _C["disabled"])])
    return np.concatenate([start, d_start]), np.concatenate([provider, d_provider]), cats, flag


def _project_names(
    rng: np.random.Generator,
    geo: Geo,
    orgs: pl.DataFrame,
    provider: np.ndarray,
    category: np.ndarray,
) -> pl.Series:
    topics, t_start, t_len = _flat([PROJECT_TOPICS[c] for c in CATEGORIES])
    county = orgs["county"].to_numpy()[provider]
    streets, s_start, s_len = _flat([c.streets for c in geo.counties])
    street = _pick(rng, s_start[county], s_len[county])
    use_street = (street >= 0) & (rng.random(len(county)) < 0.3)
    n = len(county)
    parts = pl.DataFrame(
        {
            "county": pl.Series([c.name for c in geo.counties]).gather(county),
            "street": pl.select(
                pl.when(pl.Series(use_street))
                .then(streets.gather(np.maximum(street, 0)) if len(streets) else pl.lit(""))
                .otherwise(pl.lit(""))
            ).to_series(),
            "topic": topics.gather(_pick(rng, t_start[category], t_len[category])),
            "suffix": pl.Series(PROJECT_SUFFIXES).gather(rng.integers(0, len(PROJECT_SUFFIXES), n)),
        }
    )
    return parts.select(pl.concat_str(pl.all()).alias("name")).to_series()


def make_projects(
    rng: np.random.Generator, geo: Geo, orgs: pl.DataFrame, hubs: pl.DataFrame, scale: Scale
) -> pl.DataFrame:
    """Projects in start order; the disabled federation's yearly purchases are among them."""
    start, provider, category, disabled = _schedule(
        rng, orgs, scale, round(orgs.height * scale.projects_per_org)
    )
    n = len(start)
    by_hub = disabled | (rng.random(n) < 0.35)
    hub, purchaser = _purchasers(rng, geo, orgs, hubs, provider, category, start, by_hub)
    months = np.where(disabled, 365, rng.choice([182, 273, 365, 365, 365, 547, 730], size=n))
    end = start + months
    median = np.where(disabled, 270_000, 150_000)
    sigma = np.where(disabled, 0.5, 0.8)
    amount = np.clip(rng.lognormal(np.log(median), sigma), 20_000, 3_000_000)
    status, grade = _status(rng, start, end)
    frame = pl.DataFrame(
        {
            "start_on": start,
            "end_on": end,
            "provider": provider,
            "hub": hub,
            "purchaser_name": purchaser,
            "category": np.array(CATEGORIES)[category],
            "district_code": pl.Series(
                np.where(rng.random(n) < 0.88, orgs["district_code"].to_numpy()[provider], ""),
                dtype=pl.String,
            ),
            "contract_cents": (np.round(amount / 100) * 10_000).astype(np.int64),
            "status": status,
            "evaluation_grade": grade,
            "disabled_fund": disabled,
            "name": _project_names(rng, geo, orgs, provider, category),
        }
    ).sort("start_on", maintain_order=True)
    year = (frame["start_on"].cast(pl.Date).dt.year()).cast(pl.String)
    seq = pl.int_range(1, n + 1, eager=True).cast(pl.String).str.zfill(6)
    return frame.with_columns((pl.lit("XM") + year + seq).alias("project_id"))
