"""Rank any level, anywhere: every prefecture or county of the country (or of a province) ranked in
one step, the lowest and highest named in a sentence that equals a count by hand, within a viewer's
scope; the Overview names the lowest prefecture of a register spanning provinces."""

from __future__ import annotations

from pathlib import Path

from dashboard.core.numbers import fmt_int, fmt_rate
from tests.app.conftest import APP, bars, metrics, run
from tests.app.national import NAMES, PLACE, coverage

PROVINCE_OF = {p: province for (_, p, province) in PLACE.values() if p}


def _by_hand(year: int, level: str, inside: str | None = None) -> dict[str, tuple[int, int]]:
    """code -> (active, linked) of every region of a level (inside a province), by hand; a row of
    its own (达州市本级（未落区县）: organizations known at no county of 达州) is no county of the
    province, so a ranking of every county leaves it out (it stands beside 达州's counties only)."""
    return {
        code: counts
        for (lvl, code), counts in coverage(year).items()
        if lvl == level
        and counts[0]
        and not _own_row(lvl, code)
        and (inside is None or _province(lvl, code) == inside)
    }


def _own_row(level: str, code: str) -> bool:
    """Whether a level's code in the hand count is a row of its own, not a region of that level."""
    if level == "county":  # 511700 at county level: 达州's organizations known at no county
        return PLACE.get(code, (None,))[0] != code
    return code == "100000"  # the country's organizations: 全国本级


def _province(level: str, code: str) -> str:
    return PLACE[code][2] if level == "county" else PROVINCE_OF[code]


def _ends(counts: dict[str, tuple[int, int]]) -> tuple[str, str]:
    ordered = sorted(counts, key=lambda c: (counts[c][1] / counts[c][0], c))
    return ordered[0], ordered[-1]


def _sentence(at) -> str:  # noqa: ANN001 - an AppTest
    found = [m.value for m in at.markdown if "覆盖率最低的是" in m.value]
    assert len(found) == 1, [m.value for m in at.markdown]
    return found[0].replace("\\", "")  # names and numbers are escaped for markdown


def test_every_prefecture_of_the_country_is_ranked_in_one_step(national: Path) -> None:
    at = run("coverage/page.py", {"rank": "prefecture"})
    counts = _by_hand(2014, "prefecture")
    assert set(bars(at)) == set(counts) and len(counts) > 6  # more prefectures than provinces
    assert bars(at) == {
        code: f"{fmt_rate(linked / active)}（{fmt_int(linked)}/{fmt_int(active)}）"
        for code, (active, linked) in counts.items()
    }
    low, high = _ends(counts)
    said = _sentence(at)
    assert f"全国{len(counts)}个地市中，覆盖率最低的是**{NAMES[low]}" in said
    assert f"最高的是**{NAMES[high]}" in said
    active, linked = counts[low]
    assert f"{fmt_rate(linked / active)}，联系/存续 {linked}/{active}" in said
    assert at.segmented_control(key="rank_level").value == "prefecture"
    assert at.query_params["rank"] in ("prefecture", ["prefecture"])


def test_every_county_of_a_province_and_the_level_below_by_default(national: Path) -> None:
    at = run("coverage/page.py", {"region": "510000", "rank": "county"})
    counts = _by_hand(2014, "county", "510000")
    assert set(bars(at)) == set(counts) == {"510104", "511702", "511703"}
    low, high = _ends(counts)
    assert f"四川省{len(counts)}个区县中，覆盖率最低的是**{NAMES[low]}" in _sentence(at)
    at.segmented_control(key="rank_level").set_value("prefecture").run()
    assert set(bars(at)) == {"510100", "511700"} and "rank" not in at.query_params


def test_a_deeper_ranking_names_each_region_with_the_one_above_it(national: Path) -> None:
    at = run("coverage/page.py", {"rank": "county"})
    from tests.app.conftest import chart

    names = chart(at, "regions")["data"][0]["y"]
    assert "通川区 · 达州市" in names and "城厢区 · 莆田市" in names
    assert "朝阳区 · 北京市" in names and "朝阳区 · 长春市" in names  # namesakes as before


def test_a_rank_level_the_view_does_not_offer_is_named_and_ignored(national: Path) -> None:
    at = run("coverage/page.py", {"region": "511700", "rank": "province"})
    assert any("rank=province" in w.value for w in at.warning)
    # 达州's counties, and beside them its row of its own (511700: O17, known at no county)
    assert set(bars(at)) == {"511700", "511702", "511703"} and "rank" not in at.query_params
    assert "rank_level" not in [s.key for s in at.segmented_control]  # one level only: no choice


def test_a_scoped_viewer_ranks_only_within_the_scope(national: Path, as_viewer) -> None:
    from streamlit.testing.v1 import AppTest

    at = as_viewer(AppTest.from_file(str(APP), default_timeout=60), ["510000"])
    at.query_params["rank"] = "county"
    at.run()
    at.switch_page("coverage/page.py").run()
    assert not at.exception
    counts = _by_hand(2014, "county", "510000")
    assert set(bars(at)) == set(counts)
    low, _ = _ends(counts)
    assert f"四川省{len(counts)}个区县中，覆盖率最低的是**{NAMES[low]}" in _sentence(at)


def test_funding_ranks_every_prefecture_of_the_country(national: Path) -> None:
    from tests.app.national import funding_by

    at = run("funding/page.py", {"year": "2013", "rank": "prefecture"})
    shown = at.dataframe[0].value
    counted = {code for (lvl, code) in funding_by(2013) if lvl == "prefecture"}
    assert set(shown["区划代码"]) == counted
    said = [m.value for m in at.markdown if "资金最少的是" in m.value]
    assert said and f"有拨付记录的{len(counted)}个地市中" in said[0].replace("\\", "")


def test_the_overview_names_the_lowest_prefecture_of_the_country(national: Path) -> None:
    at = run(params={"year": "2014"})
    counts = _by_hand(2014, "prefecture")
    low, high = _ends(counts)
    said = _sentence(at)
    assert f"全国{len(counts)}个地市中，覆盖率最低的是**{NAMES[low]}" in said
    assert f"最高的是**{NAMES[high]}" in said
    assert metrics(at)  # the cards are there too


def test_a_one_city_overview_says_nothing_of_prefectures(warehouse: Path) -> None:
    at = run()
    assert not [m.value for m in at.markdown if "覆盖率最低的是" in m.value]
