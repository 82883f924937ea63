"""Regions on the pages: the picker (province → prefecture → county), the drill and its breadcrumbs,
the URL, the defaults, names with their parent, hostile values, figures at every level counted by
hand (tests/app/national.py), today's districts versus "as registered", the map at each level."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from dashboard.core.numbers import fmt_int, fmt_money, fmt_rate
from tests.app.conftest import bars, chart, metrics, run
from tests.app.national import NAMES, O7, O8, PLACE, REGISTER, coverage, funding_by, today

PROVINCES = ["110000", "220000", "320000", "350000", "500000", "510000"]
PROVINCE_OF = {p: province for (_, p, province) in PLACE.values() if p}


def _inside(level: str, code: str, region: str | None) -> bool:
    """Whether a region of a level lies in another region (None: everywhere), by the hand maps."""
    if region is None:
        return True
    if level == "county":
        return region in PLACE[code][1:]
    return level == "prefecture" and PROVINCE_OF[code] == region


def _expected_bars(year: int, level: str, inside: str | None, **filters: tuple[str, ...]) -> dict:
    """code -> rate（linked/active）of the regions of one level inside a region, by hand."""
    return {
        code: f"{fmt_rate(linked / active)}（{fmt_int(linked)}/{fmt_int(active)}）"
        for (lvl, code), (active, linked) in coverage(year, **filters).items()
        if lvl == level and active and _inside(level, code, inside)
    }


def test_a_national_register_opens_at_provinces(national: Path) -> None:
    at = run("coverage/page.py")
    assert bars(at) == _expected_bars(2014, "province", None)
    assert sorted(bars(at)) == PROVINCES
    assert at.multiselect(key="f_provinces").options == [NAMES[c] for c in PROVINCES]


def test_a_one_city_register_opens_at_its_districts(warehouse: Path, con) -> None:
    at = run("coverage/page.py")
    codes = set(bars(at))
    assert codes and all(c.startswith("11") and not c.endswith("00") for c in codes)
    assert "f_provinces" not in [m.key for m in at.multiselect]  # one province: nothing to choose
    assert "crumb_top" not in [b.key for b in at.button]
    assert "北京市" in [t.value for t in at.text]  # the top of the data, not 全国


def test_the_picker_goes_province_prefecture_county(national: Path) -> None:
    at = run("coverage/page.py")
    at.multiselect(key="f_provinces").set_value(["510000"]).run()
    assert at.multiselect(key="f_prefectures").options == ["成都市", "达州市"]
    assert bars(at) == _expected_bars(2014, "prefecture", "510000")
    at.multiselect(key="f_prefectures").set_value(["511700"]).run()
    assert at.multiselect(key="f_districts").options == ["通川区", "达川区"]
    assert bars(at) == _expected_bars(2014, "county", "511700")
    at.multiselect(key="f_districts").set_value(["511702"]).run()
    assert not at.exception and at.query_params["region"] in ("511702", ["511702"])
    active, linked = coverage(2014)[("county", "511702")]
    shown = metrics(at)
    assert shown["存续社会组织"] == fmt_int(active) and shown["联系社会组织"] == fmt_int(linked)
    assert shown["覆盖率"] == fmt_rate(linked / active)
    assert sorted(at.dataframe[0].value["统一社会信用代码"]) == sorted([O7, O8])


def test_breadcrumbs_lead_back_up(national: Path) -> None:
    at = run("coverage/page.py", {"region": "511702"})
    crumbs = {b.key: b.label for b in at.button if b.key.startswith("crumb_")}
    assert crumbs == {"crumb_top": "全国", "crumb_510000": "四川省", "crumb_511700": "达州市"}
    assert "通川区" in [t.value for t in at.text]
    at.button(key="crumb_511700").click().run()
    assert at.query_params["region"] in ("511700", ["511700"])
    assert at.multiselect(key="f_prefectures").value == ["511700"]
    assert bars(at) == _expected_bars(2014, "county", "511700")
    at.button(key="crumb_top").click().run()
    assert "region" not in at.query_params and sorted(bars(at)) == PROVINCES


def test_the_drill_goes_one_level_down(national: Path) -> None:
    at = run("coverage/page.py")
    at.selectbox(key="drill_pick").set_value("510000").run()
    assert at.query_params["region"] in ("510000", ["510000"])
    assert set(bars(at)) == {"510100", "511700"}
    assert at.selectbox(key="drill_pick").value is None  # ready for the next level
    at.selectbox(key="drill_pick").set_value("511700").run()
    assert set(bars(at)) == {"511702", "511703"}


def test_a_link_reproduces_the_regional_view(national: Path) -> None:
    params = {"region": "511700", "hub_type": "union", "year": "2013"}
    at = run("coverage/page.py", params)
    assert at.multiselect(key="f_provinces").value == ["510000"]
    assert at.multiselect(key="f_prefectures").value == ["511700"]
    again = run(
        "coverage/page.py",
        {k: v if isinstance(v, str) else list(v) for k, v in at.query_params.items()},
    )
    assert bars(again) == bars(at) == _expected_bars(2013, "county", "511700", hub_types=("union",))


@pytest.mark.parametrize(
    ("region", "level"), [(None, "province"), ("510000", "prefecture"), ("511700", "county")]
)
def test_coverage_under_hub_and_type_filters_is_exact_at_every_level(
    national: Path, region: str | None, level: str
) -> None:
    params = {"hub_type": ["union", "women"], "org_type": "social_group", "year": "2012"}
    at = run("coverage/page.py", {**params, **({"region": region} if region else {})})
    expected = _expected_bars(
        2012, level, region, hub_types=("union", "women"), org_types=("social_group",)
    )
    assert expected and bars(at) == expected


@pytest.mark.parametrize(
    ("region", "level"), [(None, "province"), ("510000", "prefecture"), ("511700", "county")]
)
def test_funding_at_every_level_equals_a_count_by_hand(
    national: Path, region: str | None, level: str
) -> None:
    at = run("funding/page.py", {"year": "2013", **({"region": region} if region else {})})
    table = at.dataframe[0].value
    shown = {
        row["区划代码"]: (row["金额(万元)"], row["拨付笔数"], row["受资助组织数"])
        for _, row in table.iterrows()
    }
    counted = funding_by(2013)
    expected = {
        code: (float(amount / 10_000), records, recipients)
        for (lvl, code), (amount, records, recipients) in counted.items()
        if lvl == level and _inside(level, code, region)
    }
    assert expected and shown == expected
    whole = (
        counted[("province" if level == "prefecture" else "prefecture", region)] if region else None
    )
    if whole:
        cards = metrics(at)
        assert cards["2013年资金"] == fmt_money(float(whole[0]), "zh")
        assert (cards["拨付笔数"], cards["受资助组织数"]) == (fmt_int(whole[1]), fmt_int(whole[2]))


def test_recipients_are_distinct_per_region_not_added_up(national: Path) -> None:
    at = run("funding/page.py", {"year": "2013", "region": "511700"})
    assert metrics(at)["受资助组织数"] == "3"  # O7 paid in 通川 and 达川 counts once in 达州
    counties = at.dataframe[0].value.set_index("区划代码")["受资助组织数"].to_dict()
    assert counties == {"511702": 2, "511703": 2}


def test_names_carry_their_parent_when_not_unique(national: Path) -> None:
    at = run("coverage/page.py")
    options = at.multiselect(key="f_districts").options
    for name in (
        "朝阳区 · 北京市",
        "朝阳区 · 长春市",
        "鼓楼区 · 南京市",
        "鼓楼区 · 福州市",
        "通川区",
    ):
        assert name in options
    assert "朝阳区" not in options and "通川区 · 达州市" not in options
    at.multiselect(key="f_districts").set_value(["110105", "220104"]).run()
    assert set(chart(at, "regions")["data"][0]["y"]) == {"朝阳区 · 北京市", "朝阳区 · 长春市"}
    assert "地区：朝阳区 · 北京市、朝阳区 · 长春市" in at.caption[1].value
    found = run("organizations/page.py", {"org_q": "朝阳区"}).dataframe[0].value
    assert set(found["区县"]) == {"朝阳区 · 北京市", "朝阳区 · 长春市"}
    top = run("funding/page.py", {"year": "2013"}).dataframe[1].value
    assert "朝阳区 · 长春市" in set(top["区县"])


@pytest.mark.parametrize(
    "hostile",
    [
        ["'; drop table marts.headline; --", "511702"],
        ["999999", "5117", "51170", "5117020", "511702"],
        ["110103", "511702"],  # retired: today's districts only
        ["<script>alert(1)</script>", "511702", "511702"],
        ["511702", "１１００００"],
    ],
)
def test_hostile_region_values_are_dropped(national: Path, hostile: list[str]) -> None:
    at = run("coverage/page.py", {"region": hostile, "district": ["' or 1=1", "x" * 5000]})
    assert at.query_params["region"] in ("511702", ["511702"]) and "district" not in at.query_params
    assert metrics(at)["存续社会组织"] == fmt_int(coverage(2014)[("county", "511702")][0])


def test_retired_codes_never_rank_and_as_registered_shows_them(national: Path) -> None:
    at = run("coverage/page.py", {"region": "511700", "year": "2013"})
    assert set(bars(at)) == {"511702", "511703"}
    assert not any("已撤销" in y for y in chart(at, "regions")["data"][0]["y"])
    at.toggle(key="as_registered").set_value(True).run()
    assert at.query_params["registered"] in ("1", ["1"])
    filed: dict[str, list[int]] = {}
    for o in REGISTER["orgs"]:
        if today(o["district_code"]) in ("511702", "511703") and o["registered_on"] <= "2013-12-31":
            filed.setdefault(o["district_code"], [0, 0])[0] += 1
    y = chart(at, "regions")["data"][0]["y"]
    assert set(bars(at)) == set(filed) == {"511702", "511703", "511721"}
    assert "达县（已撤销）" in y
    again = run("coverage/page.py", {"region": "511700", "year": "2013", "registered": "1"})
    assert again.toggle(key="as_registered").value is True and bars(again) == bars(at)
    at.toggle(key="as_registered").set_value(False).run()
    assert set(bars(at)) == {"511702", "511703"} and "registered" not in at.query_params


def test_the_samples_retired_districts_show_only_as_registered(warehouse: Path, con) -> None:
    at = run("coverage/page.py")
    current = {
        c for (c,) in con.execute("select region_code from ref.regions where is_current").fetchall()
    }
    assert set(bars(at)) <= current
    at.toggle(key="as_registered").set_value(True).run()
    names = chart(at, "regions")["data"][0]["y"]
    assert {"110103", "110104"} <= set(bars(at))
    assert "崇文区（已撤销）" in names and "宣武区（已撤销）" in names


def test_the_map_is_drawn_at_every_level_and_a_missing_shape_is_said(national: Path) -> None:
    at = run("coverage/page.py")
    dots = [d for d in chart(at, "map")["data"] if d.get("customdata")]
    assert sorted(dots[0]["customdata"]) == PROVINCES
    at = run("coverage/page.py", {"region": "510000"})
    assert sorted(
        next(d for d in chart(at, "map")["data"] if d.get("customdata"))["customdata"]
    ) == [
        "510100",
        "511700",
    ]
    at = run("coverage/page.py", {"region": "500000"})  # 两江新区 (2025) is newer than the shapes
    assert next(d for d in chart(at, "map")["data"] if d.get("customdata"))["customdata"] == [
        "500229"
    ]
    assert any("两江新区" in c.value and "未画入地图" in c.value for c in at.caption)
    assert set(bars(at)) == {"500157", "500229"}


def test_english_names_the_levels(national: Path) -> None:
    at = run("coverage/page.py", {"lang": "en", "region": "511700"})
    assert not at.exception
    assert any("district" in c.value for c in at.caption)
    assert [b.label for b in at.button if b.key == "crumb_top"] == ["Nationwide"]


def test_a_prefecture_hub_counts_in_its_prefecture_not_in_a_county(national: Path) -> None:
    at = run(params={"region": "511700", "level": "city"})
    assert metrics(at)["市级枢纽"] == "1"  # H1, filed with 511700
    at = run(params={"region": "511702", "level": "city"})
    assert metrics(at)["市级枢纽"] == "0"


def test_funding_of_a_record_filed_with_a_prefecture_code(national: Path) -> None:
    amount = sum(
        (f["amount_yuan"] for f in REGISTER["funds"] if f["district_code"] == "511700"),
        Decimal("0.00"),
    )
    assert amount == Decimal("300000.00")
    at = run("funding/page.py", {"year": "2013", "region": "511700"})
    by_county = at.dataframe[0].value.set_index("区划代码")["金额(万元)"].to_dict()
    prefecture = metrics(at)["2013年资金"]
    assert prefecture == fmt_money(float(funding_by(2013)[("prefecture", "511700")][0]), "zh")
    assert sum(by_county.values()) * 10_000 + float(amount) == pytest.approx(
        float(funding_by(2013)[("prefecture", "511700")][0])
    )


@pytest.mark.parametrize(("region", "level"), [("511700", "prefecture"), ("500000", "province")])
def test_the_overview_of_a_region_equals_a_count_by_hand(
    national: Path, region: str, level: str
) -> None:
    at = run(params={"region": region, "year": "2013"})
    active, linked = coverage(2013)[(level, region)]
    hubs = [
        h
        for h in REGISTER["hubs"]
        if region in PLACE[today(h["district_code"])] and h["recognized_on"] <= "2013-12-31"
    ]
    home = {o["uscc"]: o["district_code"] for o in REGISTER["orgs"]}
    projects = [
        p
        for p in REGISTER["projects"]
        if p["start_on"].startswith("2013")
        and region in PLACE[today(p.get("district_code") or home[p["provider_uscc"]])]
    ]
    shown = metrics(at)
    assert shown["存续社会组织"] == fmt_int(active) and shown["联系社会组织"] == fmt_int(linked)
    assert shown["覆盖率"] == fmt_rate(linked / active)
    assert shown["市级枢纽"] == fmt_int(sum(h["level"] == "city" for h in hubs))
    assert shown["区级枢纽"] == fmt_int(sum(h["level"] == "district" for h in hubs))
    amount = funding_by(2013).get((level, region), (Decimal("0"), 0, 0))[0]
    assert shown["当年资金"] == fmt_money(float(amount), "zh")
    assert shown["当年新开购买服务项目"] == fmt_int(len(projects))


def test_funding_filed_with_a_prefectures_own_code_is_said(national: Path) -> None:
    at = run("funding/page.py", {"year": "2013", "region": "511700"})
    own = float(funding_by(2013)[("prefecture", "511700")][0]) - sum(
        float(v[0])
        for (lvl, c), v in funding_by(2013).items()
        if lvl == "county" and c in ("511702", "511703")
    )
    assert own == 300_000
    assert any(f"另有 {fmt_money(own, 'zh')} 的拨付记在达州市本级" in c.value for c in at.caption)
    at = run("funding/page.py", {"year": "2013", "region": "510000"})
    assert not any("本级" in c.value for c in at.caption)
