"""Synthetic social organizations: types, places, dates, names and credit codes, vectorized."""

from __future__ import annotations

import numpy as np
import polars as pl

from pipeline.sample.clerk_text import choose
from pipeline.sample.credit_codes import org_codes, usccs
from pipeline.sample.geography import Geo
from pipeline.sample.names import BRANDS, CORES, DOMAIN_WEIGHTS, DOMAINS
from pipeline.sample.scales import SNAP, Scale, day, draw_years, year_days

ORG_TYPES = ("social_group", "private_non_enterprise", "foundation")
TYPE_CHARS = np.array([1, 2, 3])
RATINGS = ("1A", "2A", "3A", "4A", "5A")
DIRECT_DOMAINS = ("industry", "science", "charity", "community")


def _flat(groups: list[tuple[str, ...]]) -> tuple[pl.Series, np.ndarray, np.ndarray]:
    """Concatenate lists of words; return the words, each list's start and length."""
    lengths = np.array([len(g) for g in groups], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    return pl.Series([w for g in groups for w in g], dtype=pl.String), starts, lengths


def _pick(rng: np.random.Generator, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """A random position inside each (start, length) range; length 0 gives -1."""
    offset = (rng.random(len(starts)) * np.maximum(lengths, 1)).astype(np.int64)
    return np.where(lengths > 0, starts + offset, -1)


def _places(
    rng: np.random.Generator, geo: Geo, scale: Scale, n: int, reg: np.ndarray
) -> np.ndarray:
    weights = np.array([c.weight for c in geo.counties])
    county = rng.choice(len(geo.counties), size=n, p=weights / weights.sum())
    city_of = np.array([c.city for c in geo.counties])
    retired = [i for i, c in enumerate(geo.counties) if c.weight == 0]
    per = max(1, scale.retired_orgs // max(len(retired), 1))
    for r in retired:  # a few old organizations still carry a code retired in a merger
        pool = np.flatnonzero((city_of[county] == city_of[r]) & (reg < day(2009)))
        county[rng.choice(pool, size=min(per, len(pool)), replace=False)] = r
    return county


def _names(
    rng: np.random.Generator,
    geo: Geo,
    county: np.ndarray,
    kind: np.ndarray,
    level: np.ndarray,
    domain: np.ndarray,
) -> pl.Series:
    """Prefix (city, city+district or district), a qualifier (brand or street) and a core."""
    n = len(county)
    cores, c_start, c_len = _flat([CORES[d][t] for d in DOMAINS for t in range(3)])
    streets, s_start, s_len = _flat([c.streets for c in geo.counties])
    street_idx = _pick(rng, s_start[county], s_len[county])
    city_names = [geo.cities[c.city].name for c in geo.counties]
    u = rng.random(n)
    qual = np.where(kind > 0, 2, np.where(u < 0.45, 0, 2))  # 0 none, 1 street, 2 brand
    qual = np.where((kind == 0) & (level == 1) & (u < 0.25) & (street_idx >= 0), 1, qual)
    prefix = np.where(level == 0, 0, np.where(rng.random(n) < 0.5, 1, 2))
    full = [a + c.name for a, c in zip(city_names, geo.counties, strict=True)]
    short = [c.name for c in geo.counties]
    street = streets.gather(np.maximum(street_idx, 0)) if len(streets) else ""
    brand = pl.Series(BRANDS).gather(rng.integers(0, len(BRANDS), n))
    core = cores.gather(_pick(rng, c_start[domain * 3 + kind], c_len[domain * 3 + kind]))
    head = choose(prefix, *(pl.Series(x).gather(county) for x in (city_names, full, short)))
    parts = pl.concat_str([head, choose(qual, "", street, brand), core])
    return pl.select(parts.alias("name")).to_series()


def _deregistration(rng: np.random.Generator, reg: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = len(reg)
    span = SNAP - reg - 365
    gone = (rng.random(n) < 0.075) & (span > 30)
    dereg = np.where(gone, reg + 365 + (rng.random(n) * np.maximum(span, 1)).astype(np.int64), -1)
    status = np.where(~gone, "active", np.where(rng.random(n) < 0.85, "deregistered", "revoked"))
    return dereg, status


def make_orgs(rng: np.random.Generator, geo: Geo, scale: Scale, n: int, spare: int) -> pl.DataFrame:
    """n organizations, plus `spare` extra rows whose codes are never registered (for faults)."""
    total = n + spare
    reg = np.sort(year_days(rng, draw_years(rng, scale.registrations, total)))
    kind = rng.choice(3, size=total, p=[0.45, 0.52, 0.03])
    level = np.where((kind == 2) | (rng.random(total) < scale.city_registration_share), 0, 1)
    weights = np.array(DOMAIN_WEIGHTS, dtype=float)
    domain = rng.choice(len(DOMAINS), size=total, p=weights / weights.sum())
    county = _places(rng, geo, scale, total, reg)
    city = np.array([c.city for c in geo.counties])[county]
    county_codes = np.array([int(c.code) for c in geo.counties])
    city_codes = np.array([int(c.code) for c in geo.cities])
    region = np.where(level == 0, city_codes[city], county_codes[county])
    codes = usccs(TYPE_CHARS[kind], region, org_codes(rng, reg >= day(2016)))
    dereg, status = _deregistration(rng, reg)
    rated = (rng.random(total) < 0.12) & (reg < day(2014))
    rating = np.array(RATINGS)[rng.choice(5, size=total, p=[0.05, 0.15, 0.35, 0.3, 0.15])]
    direct = np.isin(np.array(DOMAINS)[domain], DIRECT_DOMAINS) & (reg >= day(2013, 4, 1))
    staff = rng.poisson(np.array([1.5, 2.8, 3.2])[kind])
    frame = pl.DataFrame(
        {
            "uscc": codes,
            "org_type": np.array(ORG_TYPES)[kind],
            "registration_level": np.where(level == 0, "city", "district"),
            "district_code": np.array([c.code for c in geo.counties])[county],
            "registered_on": reg,
            "deregistered_on": dereg,
            "status": status,
            "rating": np.where(rated, rating, ""),
            "registration_mode": np.where(direct & (rng.random(total) < 0.8), "direct", "dual"),
            "service_domain": np.array(DOMAINS)[domain],
            "full_time_staff": staff,
            "has_party_org": rng.random(total) < 0.05 + 0.08 * rated + 0.01 * staff,
            "has_union": rng.random(total) < 0.12 + 0.03 * np.minimum(staff, 5),
            "kind": kind,
            "level": level,
            "domain": domain,
            "county": county,
            "city": city,
        }
    )
    return frame.with_columns(_names(rng, geo, county, kind, level, domain))
