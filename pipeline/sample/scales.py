"""Shape parameters of the synthetic register at each scale, and day-number helpers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

EPOCH = dt.date(1970, 1, 1)
SNAPSHOT = dt.date(2016, 11, 30)  # the register extract date: nothing happens after it


def day(year: int, month: int = 1, dom: int = 1) -> int:
    """Days since 1970-01-01."""
    return (dt.date(year, month, dom) - EPOCH).days


def to_date(days: int) -> dt.date:
    """The date of a day number."""
    return EPOCH + dt.timedelta(days=int(days))


SNAP = day(SNAPSHOT.year, SNAPSHOT.month, SNAPSHOT.day)


def year_days(rng: np.random.Generator, years: np.ndarray) -> np.ndarray:
    """A uniformly random day inside each given year (never after the snapshot)."""
    offset = years.astype(np.int64) - 1970
    first = offset.astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    last = (offset + 1).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64) - 1
    last = np.minimum(last, SNAP)
    return first + (rng.random(len(years)) * (last - first + 1)).astype(np.int64)


def draw_years(rng: np.random.Generator, table: Mapping[int, float], n: int) -> np.ndarray:
    """n years drawn with the relative weights of a {year: weight} table."""
    years = np.array(list(table), dtype=np.int64)
    weights = np.array(list(table.values()), dtype=float)
    return rng.choice(years, size=n, p=weights / weights.sum())


def by_year(first: int, *weights: float) -> dict[int, float]:
    """{year: weight} for consecutive years starting at `first`."""
    return {first + i: float(w) for i, w in enumerate(weights)}


@dataclass(frozen=True)
class Scale:
    """How many of everything, and the time shape of registrations and links."""

    orgs: int
    registrations: dict[int, float]  # relative registrations per year
    mass_link_share: float  # multiplier on the per-domain chance of a mass-organization link
    other_link_share: float  # chance of a federation/other link, without a mass link
    other_link_share_with_mass: float  # the same, for an organization that has a mass link
    extra_link_share: float  # mean number of further links to any nearby hub
    mass_link_years: dict[int, float]
    other_link_years: dict[int, float]
    projects_per_org: float
    disabled_projects_per_year: int  # purchases by disabled persons' federations per year
    funding_per_org: float
    city_registration_share: float
    retired_orgs: int


BEIJING = Scale(
    orgs=35_000,
    registrations=by_year(
        2000,
        2600,
        480,
        500,
        520,
        540,
        560,
        600,
        640,
        700,
        2400,
        3000,
        3400,
        3800,
        4000,
        4200,
        4300,
        2600,
    ),
    mass_link_share=1.06,
    other_link_share=0.96,
    other_link_share_with_mass=0.35,
    extra_link_share=0.06,
    mass_link_years={2003: 1, 2005: 1, 2007: 2} | by_year(2008, 9, 8, 10, 12, 13, 14, 14, 12, 8),
    other_link_years=by_year(2010, 6, 10, 14, 17, 18, 14, 3),
    projects_per_org=0.07,
    disabled_projects_per_year=125,
    funding_per_org=0.57,
    city_registration_share=0.25,
    retired_orgs=24,
)

NATIONAL = Scale(
    orgs=1_000_000,
    registrations=by_year(2000, 60, 20, 21, 22, 24, 26, 29, 32, 36, 44, 52, 60, 70, 80, 90, 98, 90),
    mass_link_share=1.1,
    other_link_share=0.80,
    other_link_share_with_mass=0.55,
    extra_link_share=1.7,
    mass_link_years={2005: 1} | by_year(2008, 4, 6, 9, 11, 13, 14, 15, 14, 10),
    other_link_years=by_year(2010, 5, 9, 13, 16, 18, 18, 12),
    projects_per_org=0.3,
    disabled_projects_per_year=3000,
    funding_per_org=5.0,
    city_registration_share=0.10,
    retired_orgs=40,
)
