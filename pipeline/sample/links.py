"""Synthetic hub links: which hub links or manages which organization, from when to when."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from pipeline.sample.hubs import HUB_TYPES, MASS_TYPES
from pipeline.sample.names import DOMAINS
from pipeline.sample.scales import SNAP, Scale, day, draw_years, year_days

ANY_MASS, ANY_OTHER = 20, 21
_BIG = 100_000  # larger than any day number
_T = {k: i for i, k in enumerate(HUB_TYPES)}
# Which mass organization an organization of each service domain turns to, and how likely.
MASS_BY_DOMAIN: dict[str, tuple[float, dict[str, float]]] = {
    "workers": (0.8, {"union": 1}),
    "youth": (0.75, {"youth_league": 1}),
    "women_children": (0.8, {"women": 1}),
    "elderly": (0.35, {"women": 0.4, "red_cross": 0.3, "family_planning": 0.3}),
    "disabled": (0.8, {"disabled": 1}),
    "education": (0.35, {"youth_league": 0.5, "science": 0.2, "women": 0.3}),
    "culture_sports": (0.3, {"youth_league": 0.4, "union": 0.3, "women": 0.3}),
    "charity": (0.35, {"red_cross": 0.5, "women": 0.2, "youth_league": 0.3}),
    "community": (0.35, {"women": 0.6, "union": 0.2, "family_planning": 0.2}),
    "industry": (0.3, {"union": 0.6, "science": 0.4}),
    "science": (0.7, {"science": 1}),
    "legal": (0.3, {"women": 0.4, "union": 0.4, "youth_league": 0.2}),
    "health": (0.4, {"red_cross": 0.6, "family_planning": 0.4}),
    "environment": (0.3, {"science": 0.5, "youth_league": 0.5}),
    "other": (0.4, {"overseas_chinese": 0.4, "taiwan": 0.3, "union": 0.3}),
}


@dataclass(frozen=True)
class HubIndex:
    """Hubs grouped by (place, level, type), each group sorted by recognition day."""

    keys: np.ndarray
    starts: np.ndarray
    counts: np.ndarray
    combined: np.ndarray
    rows: np.ndarray


def group_key(loc: np.ndarray, level: np.ndarray | int, kind: np.ndarray | int) -> np.ndarray:
    """One integer per (6-digit place code, level, hub type or ANY_MASS/ANY_OTHER)."""
    return np.asarray(loc, dtype=np.int64) * 1000 + np.asarray(level) * 100 + np.asarray(kind)


def index_hubs(hubs: pl.DataFrame) -> HubIndex:
    """Each hub appears in its own type's group and in the any-mass or any-other group."""
    loc = hubs["district_code"].cast(pl.Int64).to_numpy()
    level, kind = hubs["level"].to_numpy(), hubs["type_idx"].to_numpy()
    anyk = np.where(kind < len(MASS_TYPES), ANY_MASS, ANY_OTHER)
    keys = np.concatenate([group_key(loc, level, kind), group_key(loc, level, anyk)])
    rec = np.tile(hubs["recognized_on"].to_numpy(), 2)
    rows = np.tile(np.arange(hubs.height), 2)
    order = np.lexsort((rows, rec, keys))
    keys, rec, rows = keys[order], rec[order], rows[order]
    uniq, starts, counts = np.unique(keys, return_index=True, return_counts=True)
    rank = np.repeat(np.arange(len(uniq)), counts)
    return HubIndex(uniq, starts, counts, rank * _BIG + rec, rows)


def choose_hubs(
    index: HubIndex, chains: list[np.ndarray], dates: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """For each wanted link, a hub of the first existing group in its chain, recognized by
    the date if any is (else the group's first recognized hub); -1 when no group exists."""
    rank = np.full(len(dates), -1, dtype=np.int64)
    for keys in chains:
        pos = np.minimum(np.searchsorted(index.keys, keys), len(index.keys) - 1)
        rank = np.where((rank < 0) & (index.keys[pos] == keys), pos, rank)
    ok = rank >= 0
    r = np.maximum(rank, 0)
    start, count = index.starts[r], index.counts[r]
    eligible = np.searchsorted(index.combined, r * _BIG + dates, side="right") - start
    eligible = np.clip(eligible, 1, count)
    pick = start + (rng.random(len(dates)) * eligible).astype(np.int64)
    return np.where(ok, index.rows[np.minimum(pick, len(index.rows) - 1)], -1)


def _chains(
    city_loc: np.ndarray,
    county_loc: np.ndarray,
    level: np.ndarray,
    kind: np.ndarray,
    mass: np.ndarray,
) -> list[np.ndarray]:
    loc = np.where(level == 0, city_loc, county_loc)
    same, near = np.where(mass, ANY_MASS, ANY_OTHER), np.where(mass, ANY_OTHER, ANY_MASS)
    return [
        group_key(loc, level, kind),
        group_key(loc, level, same),
        group_key(county_loc, 1, same),
        group_key(city_loc, 0, kind),
        group_key(city_loc, 0, same),
        group_key(loc, level, near),
        group_key(city_loc, 0, near),
    ]


def _mass_types(rng: np.random.Generator, domain: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    probs = np.zeros((len(DOMAINS), len(HUB_TYPES)))
    chance = np.zeros(len(DOMAINS))
    for d, name in enumerate(DOMAINS):
        chance[d], table = MASS_BY_DOMAIN[name]
        for kind, p in table.items():
            probs[d, _T[kind]] = p
    cum = np.cumsum(probs, axis=1)
    u = rng.random(len(domain))
    kind = np.minimum((u[:, None] > cum[domain]).sum(axis=1), len(HUB_TYPES) - 1)
    return chance[domain], kind


def _part(mask: np.ndarray, *columns: np.ndarray) -> tuple[np.ndarray, ...]:
    return tuple(np.broadcast_to(c, mask.shape)[mask] for c in columns)


def _wanted(rng: np.random.Generator, orgs: pl.DataFrame, scale: Scale) -> dict[str, np.ndarray]:
    """Wanted links: (org row, level, hub type, date, is mass) before hubs are chosen."""
    n = orgs.height
    rows = np.arange(n)
    chance, mass_kind = _mass_types(rng, orgs["domain"].to_numpy())
    has_mass = rng.random(n) < chance * scale.mass_link_share
    other_p = np.where(has_mass, scale.other_link_share_with_mass, scale.other_link_share)
    has_other = rng.random(n) < other_p
    mass_on = year_days(rng, draw_years(rng, scale.mass_link_years, n))
    mass_level = np.where(mass_on < day(2010), 0, rng.choice(3, size=n, p=[0.35, 0.5, 0.15]))
    other_kind = np.where(rng.random(n) < 0.7, _T["federation"], _T["other"])
    extra = np.repeat(rows, rng.poisson(scale.extra_link_share, n))
    m = len(extra)
    any_mass = rng.random(m) < 0.4
    mass_pick = rng.integers(0, len(MASS_TYPES), m)
    extra_kind = np.where(any_mass, mass_pick, rng.choice([_T["federation"], _T["other"]], size=m))
    other_level = rng.choice(3, size=n, p=[0.12, 0.38, 0.5])
    other_on = year_days(rng, draw_years(rng, scale.other_link_years, n))
    extra_level = rng.choice(3, size=m, p=[0.3, 0.4, 0.3])
    extra_on = year_days(rng, draw_years(rng, scale.other_link_years, m))
    parts = [
        _part(has_mass, rows, mass_level, mass_kind, mass_on, np.array(True)),
        _part(has_other, rows, other_level, other_kind, other_on, np.array(False)),
        _part(np.ones(m, bool), extra, extra_level, extra_kind, extra_on, any_mass),
    ]
    names = ("org", "level", "kind", "on", "mass")
    return {k: np.concatenate([part[i] for part in parts]) for i, k in enumerate(names)}


def _endings(
    rng: np.random.Generator, on: np.ndarray, dereg: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Ended links: half of a deregistered organization's, and a few others (to transfer)."""
    n = len(on)
    span = SNAP - on - 180
    moved = (rng.random(n) < 0.045) & (span > 30) & (dereg < 0)
    ended = np.where(moved, on + 180 + (rng.random(n) * np.maximum(span, 1)).astype(np.int64), -1)
    closed = (dereg >= 0) & (rng.random(n) < 0.5)
    return np.where(closed, dereg, ended), moved & (rng.random(n) < 0.6)


def _transfers(
    rng: np.random.Generator,
    index: HubIndex,
    hubs: pl.DataFrame,
    org: np.ndarray,
    hub: np.ndarray,
    ended: np.ndarray,
) -> dict[str, np.ndarray]:
    """A transferred organization is taken up by another hub of the same place, level, type."""
    again = ended + rng.integers(1, 90, len(ended))
    loc = hubs["district_code"].cast(pl.Int64).to_numpy()[hub]
    key = group_key(loc, hubs["level"].to_numpy()[hub], hubs["type_idx"].to_numpy()[hub])
    new_hub = choose_hubs(index, [key], again, rng)
    ok = (new_hub >= 0) & (new_hub != hub) & (again <= SNAP)
    return {
        "org": org[ok],
        "hub": new_hub[ok],
        "linked_on": again[ok],
        "ended_on": np.full(int(ok.sum()), -1),
    }


def make_links(
    rng: np.random.Generator,
    orgs: pl.DataFrame,
    hubs: pl.DataFrame,
    cities: np.ndarray,
    scale: Scale,
) -> pl.DataFrame:
    """Links as (org row, hub row, relation, linked_on, ended_on), in linked_on order."""
    index = index_hubs(hubs)
    w = _wanted(rng, orgs, scale)
    county_loc = orgs["district_code"].cast(pl.Int64).to_numpy()[w["org"]]
    city_loc = cities[orgs["city"].to_numpy()[w["org"]]]
    reg = orgs["registered_on"].to_numpy()[w["org"]]
    dereg = orgs["deregistered_on"].to_numpy()[w["org"]]
    on = np.maximum(w["on"], reg + rng.integers(15, 240, len(reg)))
    hub = choose_hubs(
        index, _chains(city_loc, county_loc, w["level"], w["kind"], w["mass"]), on, rng
    )
    keep = (hub >= 0) & (on <= SNAP) & ((dereg < 0) | (on < dereg))
    _, first = np.unique(w["org"][keep] * 1_000_000 + hub[keep], return_index=True)
    first = np.flatnonzero(keep)[np.sort(first)]
    org, hub, on, dereg = w["org"][first], hub[first], on[first], dereg[first]
    ended, moves = _endings(rng, on, dereg)
    links = {"org": org, "hub": hub, "linked_on": on, "ended_on": ended}
    moved = _transfers(rng, index, hubs, org[moves], hub[moves], ended[moves])
    frame = pl.DataFrame({k: np.concatenate([links[k], moved[k]]) for k in links})
    kind = hubs["type_idx"].to_numpy()[frame["hub"].to_numpy()]
    level = hubs["level"].to_numpy()[frame["hub"].to_numpy()]
    managed_p = np.where(kind < len(MASS_TYPES), np.where(level == 0, 0.35, 0.2), 0.1)
    relation = np.where(rng.random(frame.height) < managed_p, "managed", "liaison")
    return frame.with_columns(pl.Series("relation", relation)).sort(
        ["linked_on", "org", "hub"], maintain_order=True
    )
