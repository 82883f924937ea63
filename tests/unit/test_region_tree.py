"""The region hierarchy's navigation: top of the data, normalized selections, views, picker lists."""

from __future__ import annotations

import polars as pl

from dashboard.core.regions import RegionTree

ROWS = [  # (level, code, parent, name, label) as queries.regions returns them
    ("province", "110000", None, "北京市", "北京市"),
    ("prefecture", "110000", "110000", "北京市", "北京市"),  # a municipality is its own prefecture
    ("county", "110101", "110000", "东城区", "东城区"),
    ("county", "110105", "110000", "朝阳区", "朝阳区 · 北京市"),
    ("province", "510000", None, "四川省", "四川省"),
    ("prefecture", "511700", "510000", "达州市", "达州市"),
    ("county", "511702", "511700", "通川区", "通川区"),
    ("county", "511703", "511700", "达川区", "达川区"),
    ("prefecture", "510100", "510000", "成都市", "成都市"),
    ("county", "510104", "510100", "锦江区", "锦江区"),
    ("province", "440000", None, "广东省", "广东省"),
    ("prefecture", "441900", "440000", "东莞市", "东莞市"),
    ("county", "441900", "441900", "东莞市", "东莞市"),  # a prefecture city without counties
]
COLUMNS = ["region_level", "region_code", "parent_code", "region_name", "region_label"]


def _tree(rows: list[tuple[str, str, str | None, str, str]] = ROWS) -> RegionTree:
    return RegionTree.from_frame(pl.DataFrame(rows, schema=COLUMNS, orient="row"))


def test_each_code_has_one_place_at_its_highest_level() -> None:
    tree = _tree()
    assert tree.level["110000"] == "province" and tree.level["441900"] == "prefecture"
    assert tree.below(None) == ("110000", "440000", "510000")
    assert tree.below("110000") == ("110101", "110105")  # no 北京市 prefecture step
    assert tree.below("441900") == ()
    assert tree.ancestors("511702") == ("510000", "511700")


def test_a_national_view_ranks_provinces_and_drills_down() -> None:
    tree = _tree()
    assert tree.view(()).ranked == ("110000", "440000", "510000")
    assert tree.view(()).level == "province" and tree.view(()).path == ()
    sichuan = tree.view(["510000"])
    assert (sichuan.ranked, sichuan.level, sichuan.path) == (
        ("510100", "511700"),
        "prefecture",
        ("510000",),
    )
    assert tree.view(["110000"]).ranked == ("110101", "110105")
    county = tree.view(["511702"])
    assert county.leaf and county.path == ("510000", "511700", "511702")
    guangdong = tree.view(["440000"])  # one prefecture city, which has no counties
    assert guangdong.leaf and guangdong.node == "441900" and guangdong.path == ("440000", "441900")
    assert tree.view(["441900"]).leaf


def test_one_city_opens_at_its_districts() -> None:
    beijing = _tree(ROWS[:4])
    assert beijing.top() == ("110000",)
    view = beijing.view(())
    assert view.ranked == ("110101", "110105") and view.level == "county" and view.path == ()
    assert beijing.normalize(["110000"]) == ()  # the whole city is everything
    assert beijing.view(["110105"]).path == ("110105",)


def test_a_region_of_one_child_is_passed_through() -> None:
    dazhou_only = _tree([r for r in ROWS if r[1] in ("510000", "511700", "511702", "511703")])
    assert dazhou_only.top() == ("510000", "511700")
    assert dazhou_only.view(()).ranked == ("511702", "511703")


def test_a_scope_tree_starts_at_the_scoped_regions() -> None:
    scoped = _tree([r for r in ROWS if r[1] in ("511702", "510104")])
    assert scoped.below(None) == ("510104", "511702")
    assert scoped.view(()).ranked == ("510104", "511702") and scoped.top() == ()
    assert _tree([r for r in ROWS if r[1] == "511702"]).view(()).leaf


def test_normalize_keeps_known_codes_and_drops_those_inside_another() -> None:
    tree = _tree()
    assert tree.normalize(["511702", "510000", "999999", "511702"]) == ("510000",)
    assert tree.normalize(["511703", "110105"]) == ("110105", "511703")
    several = tree.view(["511703", "110105"])
    assert several.several and several.ranked == ("110105", "511703") and several.level == "county"


def test_the_picker_lists_split_and_join_back() -> None:
    tree = _tree()
    picks = tree.split(["511702", "110105"])
    assert picks == {
        "province": ["110000", "510000"],
        "prefecture": ["511700"],
        "county": ["110105", "511702"],
    }
    assert tree.join(picks) == ("110105", "511702")
    assert tree.join({"province": ["510000"], "prefecture": [], "county": []}) == ("510000",)
    assert tree.join({"province": ["510000", "110000"], "prefecture": ["511700"]}) == (
        "110000",
        "511700",
    )


def test_picker_choices_stay_inside_the_choices_above() -> None:
    tree = _tree()
    assert tree.options("prefecture", {"province": ["510000"]}) == ("510100", "511700")
    assert tree.options("county", {"province": ["510000"], "prefecture": ["511700"]}) == (
        "511702",
        "511703",
    )
    assert tree.options("county", {"province": ["110000"]}) == ("110101", "110105")
    assert len(tree.options("county", {})) == 5  # nothing chosen above: every county
    assert tree.options("prefecture", {"province": ["110000"]}) == ()
