"""Place names as registers write them: every region's name and short name, and the bureaus' names.

Reference data over schemas/regions (codes in use, functional zones included). The short name is
cpca's: the full name without 省, 市, 特别行政区 or 自治区 at its end (四川, 达州), and the five
autonomous regions' usual short names (内蒙古, 广西...). pipeline/locate applies them.
"""

from __future__ import annotations

import re
from functools import lru_cache

import polars as pl

from schemas.region_rules import MUNICIPALITIES
from schemas.regions import region_table

RANKS = {"province": 0, "prefecture": 1, "county": 2}
_STOP = re.compile(r"(省|市|特别行政区|自治区)$")
_SHORT = {
    "内蒙古自治区": "内蒙古",
    "广西壮族自治区": "广西",
    "西藏自治区": "西藏",
    "新疆维吾尔自治区": "新疆",
    "宁夏回族自治区": "宁夏",
}
# The registering bureau's word after its region's name (longest first), and the national one.
NATIONAL_AUTHORITY = "民政部"
AUTHORITY_SUFFIXES = (
    "社会组织管理局",
    "行政审批服务局",
    "行政审批局",
    "审批服务局",
    "民政厅",
    "民政局",
)
PLACE_COLUMNS = ["token", "region_code", "rank", "prefecture_code", "province_code"]


def short_name(name: str) -> str | None:
    """The name without the word for its kind, as addresses write it (None if one character)."""
    short = _SHORT.get(name) or _STOP.sub("", name)
    return short if len(short) > 1 and short != name else None


@lru_cache(maxsize=1)
def place_names() -> pl.DataFrame:
    """One row per (token, region): every region in use below the country under its full name
    and its short name; rank 0 province (a municipality too), 1 prefecture, 2 county-level unit
    (a functional zone, 东莞 441900 too)."""
    table = region_table().filter(pl.col("is_current") & pl.col("region_level").is_in(list(RANKS)))
    rows = []
    for row in table.iter_rows(named=True):
        tokens = {row["region_name"], short_name(row["region_name"])} - {None}
        for token in tokens:
            rows.append(
                (
                    token,
                    row["region_code"],
                    RANKS[row["region_level"]],
                    row["prefecture_code"],
                    row["province_code"],
                )
            )
    frame = pl.DataFrame(rows, schema=PLACE_COLUMNS, orient="row")
    return frame.with_columns(pl.col("rank").cast(pl.Int8))


@lru_cache(maxsize=1)
def tokens_longest_first() -> list[str]:
    """Every token, longest first: a leftmost-first search then takes the longest at a place."""
    return sorted(set(place_names()["token"].to_list()), key=lambda t: (-len(t), t))


def authority_level(code: str, rank: int, suffix: str) -> str:
    """The registration level of a bureau of that region: 民政部 national, a province's 民政厅
    province, a municipality's or a prefecture's bureau city (also a county-level unit that is its
    own prefecture: 东莞, 仙桃), a county's district."""
    if code == "100000":
        return "national"
    if rank == 0:
        return "city" if code[:2] in MUNICIPALITIES and suffix != "民政厅" else "province"
    if rank == 1:
        return "city"
    return "city" if code.endswith("00") or code[2:4] == "90" else "district"


def split_authority(name: str) -> tuple[str, str] | None:
    """The region part and the bureau word of an authority's name, or None if no bureau word."""
    compact = "".join(name.split())
    if compact.endswith(NATIONAL_AUTHORITY):
        return "", NATIONAL_AUTHORITY
    for suffix in AUTHORITY_SUFFIXES:
        if compact.endswith(suffix) and len(compact) > len(suffix):
            return compact[: -len(suffix)], suffix
    return None
