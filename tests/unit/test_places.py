"""pipeline/places reads addresses as cpca-new (the maintained parser whose rules it follows) does."""

from __future__ import annotations

import cpca_new
import polars as pl

from pipeline.places import ROW, find_places
from schemas.region_rules import MUNICIPALITIES
from schemas.regions import region_table


def _ours(addresses: list[str], context: list[str | None] | None = None) -> list[str | None]:
    frame = pl.DataFrame(
        {"text": addresses, "ctx": context or [None] * len(addresses)},
        schema={"text": pl.String, "ctx": pl.String},
    ).with_row_index(ROW)
    return find_places(frame, "text", "ctx").sort(ROW)["place_code"].to_list()


def _cpca(addresses: list[str]) -> list[str | None]:
    found = cpca_new.transform(addresses)["adcode"].to_list()
    # cpca names a municipality's districts' parent 110100 (市辖区); Shuniu's code is 110000
    return [
        None
        if not isinstance(c, str)
        else c[:2] + "0000"
        if c[:2] in MUNICIPALITIES and c[2:] in ("0100", "0200")
        else c
        for c in found
    ]


def _chains() -> list[str]:
    """Every county in use that cpca-new knows (its zones included; it has no development zones)
    written with its province and prefecture, and with its prefecture only, as addresses are."""
    known = {code[:6] for code in cpca_new.ad_2_addr_dict}
    table = region_table().filter(
        pl.col("is_current")
        & (pl.col("region_level") == "county")
        & ~pl.col("province_code").is_in(["710000", "810000", "820000"])
    )
    names = dict(zip(region_table()["region_code"], region_table()["region_name"], strict=True))
    out = []
    for code, name, prefecture, province in table.select(
        "region_code", "region_name", "prefecture_code", "province_code"
    ).iter_rows():
        if code not in known:
            continue
        upper = "" if prefecture in (code, province) else names[prefecture]
        out += [
            f"{names[province]}{upper}{name}人民路1号",
            f"{upper or names[province]}{name}某街道",
        ]
    return out


def test_full_addresses_give_the_county_cpca_gives() -> None:
    addresses = _chains()
    assert len(addresses) > 5600
    ours, theirs = _ours(addresses), _cpca(addresses)
    differ = [(a, o, t) for a, o, t in zip(addresses, ours, theirs, strict=True) if o != t]
    assert differ == []


def test_a_namesake_cpca_would_guess_is_read_inside_the_context_instead() -> None:
    """cpca takes the first 朝阳区 it knows; Shuniu reads it inside the row's region or says it
    cannot tell."""
    assert _cpca(["朝阳区建国路1号"]) == ["110105"]
    assert _ours(
        ["朝阳区建国路1号", "朝阳区建国路1号", "朝阳区建国路1号"], [None, "220100", "110000"]
    ) == [
        None,
        "220104",
        "110105",
    ]


def test_an_address_naming_only_a_prefecture_or_a_province_gives_that_region() -> None:
    addresses = ["达州市通川路", "四川省成都", "福建省", "雄安新区容城", "苏州工业园区星湖街"]
    assert _ours(addresses) == ["511700", "510100", "350000", "133100", "320576"]
    assert _cpca(addresses) == ["511700", "510100", "350000", "133100", "320576"]
