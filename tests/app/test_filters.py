"""The selection: URL parameters in and out (allowlisted), bound SQL fragments, bit masks, words."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.core.filters import ALL_MASK, Allowed, Filters
from tests.app.conftest import run

ALLOWED = Allowed(years=(2008, 2012, 2015), regions=("110000", "110101", "110102"))


def test_params_round_trip() -> None:
    f = Filters(
        year=2012,
        base_year=2008,
        regions=("110101",),
        levels=("street",),
        hub_types=("union", "women"),
        org_types=("foundation",),
        sources=("lottery",),
        lang="en",
    )
    params = {k: v if isinstance(v, list) else [v] for k, v in f.to_params().items()}
    assert Filters.from_params(params, ALLOWED) == f


def test_values_outside_the_allowlists_are_dropped() -> None:
    params = {
        "year": ["1800"],
        "base": ["x"],
        "region": ["999999", "110102"],
        "hub_type": ["'; drop"],
        "level": ["street", "moon"],
        "lang": ["fr"],
    }
    f = Filters.from_params(params, ALLOWED)
    assert (f.year, f.base_year, f.regions, f.hub_types, f.levels, f.lang) == (
        2015,
        2008,
        ("110102",),
        (),
        ("street",),
        "zh",
    )


def test_defaults_are_the_last_year_and_five_years_before() -> None:
    f = Filters.from_params({}, Allowed(years=tuple(range(2000, 2017)), regions=()))
    assert (f.year, f.base_year) == (2016, 2011)


def test_where_sql_binds_every_value() -> None:
    f = Filters(year=2015, base_year=2008, regions=("110101",), org_types=("foundation",))
    sql, params = f.where_sql(
        {
            "as_of": "c.as_of",
            "region": "c.district_code",
            "org_type": "org_type",
            "source": "source",
        },
        prefix="c",
    )
    members = "c.district_code in (select district_code from ref.region_levels where list_contains($c_region_regions::VARCHAR[], region_code))"
    assert sql == (
        f"c.as_of = $c_as_of and {members} and list_contains($c_org_type::VARCHAR[], org_type)"
    )
    assert params == {
        "c_as_of": f.as_of,
        "c_region_regions": ["110101"],
        "c_org_type": ["foundation"],
    }


def test_where_sql_refuses_anything_but_a_plain_column() -> None:
    with pytest.raises(ValueError):
        Filters(year=2015, base_year=2008).where_sql({"region": "x; drop table y"})


def test_hub_mask_sets_type_times_three_plus_level() -> None:
    assert Filters(2015, 2008).hub_mask() == ALL_MASK
    assert Filters(2015, 2008, hub_types=("women",), levels=("street",)).hub_mask() == 1 << (
        2 * 3 + 2
    )
    assert Filters(2015, 2008, hub_types=("federation",)).mass_mask() == 0


def test_caption_says_the_selection_in_words() -> None:
    f = Filters(year=2015, base_year=2008, regions=("110101",), hub_types=("women",))
    assert f.caption("zh", {"110101": "东城区"}) == (
        "截至2015年底；对比2008年底；地区：东城区；枢纽级别：全部；枢纽类型：妇联；社会组织类型：全部；资金来源：全部"
    )
    assert f.caption("en", {}, ["regions"]) == "Regions: 110101"


def test_a_link_reproduces_the_view(warehouse: Path, last_year: int) -> None:
    params = {
        "year": str(last_year - 1),
        "base": str(last_year - 3),
        "hub_type": ["women", "union"],
        "org_type": "social_group",
    }
    at = run(params=params)
    assert at.selectbox(key="f_year").value == last_year - 1
    assert at.multiselect(key="f_hub_types").value == ["union", "women"]
    assert at.query_params["hub_type"] == ["union", "women"]
    assert at.query_params["org_type"] in ("social_group", ["social_group"])
    again = run(
        params={k: v if isinstance(v, str) else list(v) for k, v in at.query_params.items()}
    )
    assert [m.value for m in again.metric] == [m.value for m in at.metric]


def test_filters_survive_a_page_switch(warehouse: Path) -> None:
    at = run(params={"org_type": "foundation"})
    at.switch_page("quality/page.py").run()
    at.switch_page("coverage/page.py").run()
    assert not at.exception
    assert at.multiselect(key="f_org_types").value == ["foundation"]


def test_a_baseline_later_than_the_year_is_clamped_to_the_year() -> None:
    f = Filters.from_params({"year": ["2012"], "base": ["2015"]}, ALLOWED)
    assert (f.year, f.base_year) == (2012, 2012)
    f = Filters.from_params({"year": ["2008"]}, ALLOWED)  # default baseline never after the year
    assert f.base_year == 2008


def test_the_sidebar_offers_only_baselines_up_to_the_year(warehouse: Path) -> None:
    at = run(params={"year": "2012", "base": "2015"})
    assert at.selectbox(key="f_base_year").value == 2012
    assert max(at.selectbox(key="f_base_year").options) == "2012年底"
    assert at.query_params["base"] in ("2012", ["2012"])
    at.selectbox(key="f_year").set_value(2009).run()  # an earlier year pulls the baseline down
    assert not at.exception
    assert at.selectbox(key="f_base_year").value == 2009
    assert "从 0 家增至 0 家" not in at.markdown[0].value
