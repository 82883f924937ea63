"""Synthetic hub-type organizations: who is recognized, at which level, when, and revocations."""

from __future__ import annotations

import numpy as np
import polars as pl

from pipeline.sample.geography import BEIJING_RETIRED, Geo
from pipeline.sample.names import (
    CITY_HUBS,
    DISTRICT_HUBS,
    FEDERATION_SUFFIXES,
    OTHER_SUFFIXES,
    STREET_FIRST,
    STREET_SECOND,
)
from pipeline.sample.scales import SNAP, day, year_days
from schemas import vocab

HUB_TYPES = tuple(vocab.codes(vocab.HUB_TYPE))
MASS_TYPES = vocab.MASS_ORG_HUB_TYPES
LEVELS = ("city", "district", "street")
Row = dict[str, object]


def _hub(
    level: int,
    code: str,
    street: str | None,
    kind: str,
    name: str,
    rec: int,
    rev: int = -1,
    county: int = -1,
) -> Row:
    return {
        "level": level,
        "district_code": code,
        "street_name": street,
        "hub_type": kind,
        "name": name,
        "recognized_on": rec,
        "revoked_on": rev,
        "county": county,
    }


def _day_in(rng: np.random.Generator, year: int) -> int:
    return int(year_days(rng, np.array([year]))[0])


def _beijing_city(rng: np.random.Generator) -> list[Row]:
    kinds = [(k, t.format(c="北京市")) for k, t in CITY_HUBS.items()]
    kinds += [("federation", "北京市" + s) for s in FEDERATION_SUFFIXES]
    kinds += [("other", "北京市" + s) for s in OTHER_SUFFIXES]
    rest = kinds[9:12] + kinds[13:]
    order = kinds[:9] + [kinds[12]] + [rest[i] for i in rng.permutation(len(rest))]
    batches = [2008] * 10 + [2009] * 7 + [2010] * 5 + [2011] * 5 + [2012] * 4 + [2013] * 3
    batches += [2014] * 2 + [2015] * 1 + [2016] * 2  # 36 recognized by 2015, one revoked, two new
    dates = {y: _day_in(rng, y) for y in set(batches)}
    rows = [
        _hub(0, "110000", None, str(k), str(n), dates[y])
        for (k, n), y in zip(order, batches, strict=True)
    ]
    rows[16]["revoked_on"] = _day_in(rng, 2013)  # the last of the 2009 batch lost recognition
    rows[20]["revoked_on"] = _day_in(rng, 2016)  # revoked in 2016: still counts at the end of 2015
    return rows


def _beijing_districts(rng: np.random.Generator, geo: Geo) -> list[Row]:
    rows: list[Row] = []
    current = [(i, c) for i, c in enumerate(geo.counties) if c.weight > 0]
    big = {c.code for _, c in sorted(current, key=lambda ic: -ic[1].weight)[:3]}
    for i, c in current:  # 13 hubs a district, 14 in the three biggest: 211
        for pos, (kind, template) in enumerate(DISTRICT_HUBS[: 14 if c.code in big else 13]):
            rec = _day_in(rng, 2010 + min(5, int(rng.random() * 3 + pos / 4)))
            name = template.format(c="北京市", d=c.name)
            rows.append(_hub(1, c.code, None, kind, name, rec, county=i))
    rows[int(rng.integers(len(rows)))]["revoked_on"] = _day_in(rng, 2016)
    by_code = {c.code: i for i, c in enumerate(geo.counties)}
    merger = day(2010, 7, 1)  # Chongwen and Xuanwu merged into Dongcheng and Xicheng
    for code, old, _ in BEIJING_RETIRED:
        for kind, template in (DISTRICT_HUBS[0], DISTRICT_HUBS[2]):
            name = template.format(c="北京市", d=old)
            rows.append(_hub(1, code, None, kind, name, day(2010, 3, 16), merger, by_code[code]))
    for n, (kind, template) in enumerate(DISTRICT_HUBS[15:17] * 2):  # two revoked, two late
        i, c = current[int(rng.integers(len(current)))]
        late = (_day_in(rng, 2016), -1)
        rec, rev = (_day_in(rng, 2011), _day_in(rng, 2013 + n % 2)) if n < 2 else late
        name = template.format(c="北京市", d=c.name)
        rows.append(_hub(1, c.code, None, kind, name, rec, rev, i))
    return rows


def _beijing_streets(rng: np.random.Generator, geo: Geo, seconds: int = 75) -> list[Row]:
    """A hub in each of the 328 streets/townships, a second one in 75 of them: 403."""
    rows: list[Row] = []
    places = [(i, c, s) for i, c in enumerate(geo.counties) for s in c.streets]
    for i, c, s in places:
        kind, template = STREET_FIRST[int(rng.random() < 0.4)]
        rec = _day_in(rng, int(rng.choice([2011, 2012, 2013, 2014, 2015])))
        rows.append(_hub(2, c.code, s, kind, template.format(d=c.name, s=s), rec, county=i))
    picks = rng.choice(len(places), size=seconds + 8, replace=False)
    for n, p in enumerate(picks):
        i, c, s = places[p]
        kind, template = STREET_SECOND[int(rng.integers(len(STREET_SECOND)))]
        rec, rev = _day_in(rng, int(rng.choice([2012, 2013, 2014, 2015]))), -1
        if seconds <= n < seconds + 4:  # four recognized in 2016
            rec = _day_in(rng, 2016)
        elif n >= seconds + 4:  # four revoked before the end of 2015
            rec, rev = _day_in(rng, 2012), _day_in(rng, 2014)
        rows.append(_hub(2, c.code, s, kind, template.format(d=c.name, s=s), rec, rev, i))
    return rows


NATIONAL_CITY_ORDER = (
    "union youth_league women federation disabled science red_cross family_planning other "
    "overseas_chinese taiwan"
).split()
NATIONAL_DISTRICT_KINDS = ("federation", "women", "union", "youth_league", "disabled")


def _national_cities(rng: np.random.Generator, geo: Geo) -> list[Row]:
    rows: list[Row] = []
    for city in geo.cities:
        count = min(len(NATIONAL_CITY_ORDER), 3 + int(rng.poisson(1.6)))
        for pos, kind in enumerate(NATIONAL_CITY_ORDER[:count]):
            if kind in CITY_HUBS:
                name = CITY_HUBS[kind].format(c=city.name)
            else:
                suffix = FEDERATION_SUFFIXES[0] if kind == "federation" else OTHER_SUFFIXES[pos]
                name = city.name + suffix
            year = 2008 + min(7, int(rng.random() * 3 + pos / 2))
            rows.append(_hub(0, city.code, None, kind, name, _day_in(rng, year)))
    return rows


def _national_counties(rng: np.random.Generator, geo: Geo) -> list[Row]:
    rows: list[Row] = []
    kinds = [(k, t) for k, t in DISTRICT_HUBS if k in NATIONAL_DISTRICT_KINDS]
    for i, c in enumerate(geo.counties):
        if c.weight == 0:
            continue
        city = geo.cities[c.city].name
        for kind, template in kinds[: int(rng.poisson(0.85))]:
            rec = _day_in(rng, int(rng.integers(2010, 2016)))
            rows.append(
                _hub(1, c.code, None, kind, template.format(c=city, d=c.name), rec, county=i)
            )
        count = min(len(c.streets), int(rng.poisson(0.45)))
        for s in rng.choice(c.streets, size=count, replace=False):
            kind, template = (STREET_FIRST + STREET_SECOND[:1])[int(rng.integers(3))]
            rec = _day_in(rng, int(rng.integers(2011, 2016)))
            rows.append(
                _hub(2, c.code, str(s), kind, template.format(d=c.name, s=s), rec, county=i)
            )
    return rows


def _national_rows(rng: np.random.Generator, geo: Geo) -> list[Row]:
    rows = _national_cities(rng, geo) + _national_counties(rng, geo)
    for row in rows:  # a few lose recognition, a few are recognized late
        u = rng.random()
        if u < 0.02:
            row["revoked_on"] = int(str(row["recognized_on"])) + int(rng.integers(400, 1500))
        elif u < 0.05:
            row["recognized_on"] = _day_in(rng, 2016)
    return rows


def make_hubs(rng: np.random.Generator, geo: Geo, scale: str) -> pl.DataFrame:
    """Every hub with its level, place, type, recognition and revocation day numbers."""
    if scale == "beijing":
        rows = _beijing_city(rng) + _beijing_districts(rng, geo) + _beijing_streets(rng, geo)
    else:
        rows = _national_rows(rng, geo)
    frame = pl.DataFrame(rows, schema_overrides={"street_name": pl.String}, orient="row")
    frame = frame.with_columns(
        pl.when(pl.col("revoked_on") > SNAP).then(-1).otherwise("revoked_on").alias("revoked_on"),
        pl.col("hub_type")
        .replace_strict({k: i for i, k in enumerate(HUB_TYPES)})
        .alias("type_idx"),
    )
    seq = frame.with_row_index("row").sort(["level", "district_code", "recognized_on", "row"])
    seq = seq.with_columns(
        (pl.int_range(pl.len()).over(["level", "district_code"]) + 1).alias("seq")
    ).sort("row")
    letter = pl.col("level").replace_strict({0: "C", 1: "D", 2: "S"}, return_dtype=pl.String)
    hub_id = pl.concat_str(
        [
            letter,
            pl.lit("-"),
            pl.col("district_code"),
            pl.lit("-"),
            pl.col("seq").cast(pl.String).str.zfill(3),
        ]
    )
    return seq.with_columns(hub_id.alias("hub_id")).drop("row", "seq").sort("hub_id")
