"""The 枢纽 page on the six-province register (tests/app/national.py), every figure counted by hand.

At end 2013 against end 2010 (a link counts while it runs, its hub is recognized and its
organization active):
- H6 (重庆, women, city): O13 since 2010, O12 since 2011 -> 2 (managed O12, liaison O13), base 1.
- H1 (达州, union, city): O7 managed, O9 liaison (达县, today 达川区), O17 liaison (known only at
  达州: 达州市本级（未落区县）, since 2011) -> 3, base 2; the filed BA511702001 (通川区) and
  BA511703002 (达川区) since 2011.
- H3 (北京, union, city): O1 managed, O3 liaison (O2's link ended 2012-12-31) -> 2, base 2 (O1, O2).
- H2 (通川区, women, district, recognized 2011): O8 managed (O7's liaison ended 2013-01-01) -> 1;
  the filed G1 (通川区) since 2012.
- H4 (长春朝阳区, youth league, 2012) O5, H5 (城厢区, federation, street, 2011) O16, H7 (鼓楼区,
  union, district, 2012, revoked 2014) O14 -> 1 each, base 0.
Increases 1, 1, 0, 1, 1, 1, 1 add up to 6: a share of 16.7% each for the hubs that grew.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, metrics, run
from tests.app.national import O7, O9, O17

WHEN = {"year": "2013", "base": "2010"}
ID, NOW, BASE, INC, SHARE = (
    "枢纽组织编号",
    "统计时点联系的组织",
    "基准时点联系的组织",
    "增量",
    "占增量比例(%)",
)
MANAGED, LIAISON, FILED, RANK = "管理的组织", "联系的组织", "联系的备案组织", "排名"


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    """Every download button drawn (file name, data built on click), in order: the ranking's figures
    are read from its CSV, which holds all fifteen columns (the screen shows the ranking's eight)."""
    import streamlit as st

    drawn: list[tuple[str, object]] = []
    original = st.download_button

    def spy(*args: object, **kwargs: object) -> object:
        drawn.append((str(kwargs["file_name"]), kwargs["data"]))
        return original(*args, **kwargs)

    monkeypatch.setattr(st, "download_button", spy)
    return drawn


def _ranking(at: AppTest, drawn: list[tuple[str, object]]) -> dict[str, tuple[object, ...]]:
    """Hub id -> rank, managed, liaison, linked now and at the baseline, increase, share (%, to one
    decimal as on screen), filed: from the CSV of the ranking last drawn; its rows are the rows on
    screen, in the same order (checked by the hubs' names)."""
    name, data = next(d for d in reversed(drawn) if d[0].startswith("枢纽") and
                      d[0].endswith(".csv") and "排名" in d[0])  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(data().decode("utf-8-sig"))))  # type: ignore[operator]
    assert [r["枢纽组织"] for r in rows] == list(at.dataframe[0].value["枢纽组织"]), name
    ints = (RANK, MANAGED, LIAISON, NOW, BASE, INC)
    return {
        r[ID]: (*(int(r[c]) for c in ints), round(float(r[SHARE]), 1), int(r[FILED])) for r in rows
    }


def test_every_hub_is_ranked_with_its_links_increase_and_share(national: Path, drawn: list) -> None:
    at = run("hubs/page.py", WHEN)
    assert _ranking(at, drawn) == {
        "H1": (1, 1, 2, 3, 2, 1, 16.7, 2),
        "H6": (2, 1, 1, 2, 1, 1, 16.7, 0),
        "H3": (3, 1, 1, 2, 2, 0, 0.0, 0),
        "H2": (4, 1, 0, 1, 0, 1, 16.7, 1),
        "H4": (5, 0, 1, 1, 0, 1, 16.7, 0),
        "H5": (6, 0, 1, 1, 0, 1, 16.7, 0),
        "H7": (7, 1, 0, 1, 0, 1, 16.7, 0),
    }
    assert list(_ranking(at, drawn)) == [
        "H1",
        "H6",
        "H3",
        "H2",
        "H4",
        "H5",
        "H7",
    ]  # in the screen's order
    shown = metrics(at)
    assert shown["列出的枢纽"] == "7" and shown["2013年底已认定"] == "7"
    assert shown["联系组织增量合计（各枢纽相加）"] == "+6"


@pytest.mark.parametrize(
    ("params", "ids"),
    [
        ({"hub_type": "union"}, {"H1", "H3", "H7"}),
        ({"level": "street"}, {"H5"}),
        ({"level": ["city", "district"], "hub_type": "women"}, {"H6", "H2"}),
    ],
)
def test_types_and_levels_narrow_the_list_but_not_a_hubs_share(
    national: Path, params: dict, ids: set[str], drawn: list
) -> None:
    at = run("hubs/page.py", WHEN | params)
    ranking = _ranking(at, drawn)
    assert set(ranking) == ids
    assert all(share == (0.0 if hub == "H3" else 16.7) for hub, (*_, share, _) in ranking.items())


def test_a_search_finds_a_hub_by_name_or_id(national: Path, drawn: list) -> None:
    at = run("hubs/page.py", WHEN)
    at.text_input(key="hub_q").input("达州").run()
    assert set(_ranking(at, drawn)) == {"H1"}
    assert at.query_params["hub_q"] in ("达州", ["达州"])
    at.text_input(key="hub_q").input("H7").run()
    assert set(_ranking(at, drawn)) == {"H7"}


def test_a_hubs_own_view_counts_its_organizations_projects_and_money(national: Path) -> None:
    at = run("hubs/page.py", WHEN | {"hub": "H1"})
    assert [h.value for h in at.header] == ["达州市H1枢纽"]
    tables = {tuple(d.value.columns)[:2]: d.value for d in at.dataframe}
    years = tables[("年份", "管理的组织")]
    assert years.to_dict("records") == [
        {
            "年份": y,
            "管理的组织": 1,
            "联系的组织": 1 if y == 2010 else 2,  # O17 since 2011
            "联系社会组织": 2 if y == 2010 else 3,
            "联系的备案组织": 0 if y == 2010 else 2,
        }
        for y in range(2010, 2015)
    ]
    orgs = tables[("名称", "统一社会信用代码")]
    assert sorted(orgs["统一社会信用代码"]) == sorted([O7, O9, O17])
    by_region = [
        d.value
        for d in at.dataframe
        if list(d.value.columns) == ["分类", "社会组织数", "管理的组织", "联系的组织"]
    ]
    assert {tuple(r.values()) for r in by_region[-1].to_dict("records")} == {
        ("通川区", 1, 1, 0),
        ("达川区", 1, 0, 1),
        ("达州市本级（未落区县）", 1, 0, 1),  # O17, known only at 达州
    }
    assert sorted(tables[("项目编号", "项目名称")]["项目编号"]) == ["P1", "P2"]
    assert tables[("资金来源", "金额(万元)")].to_dict("records") == [
        {"资金来源": "财政资金", "金额(万元)": 150.0, "拨付笔数": 2, "受资助组织数": 1},
        {"资金来源": "彩票公益金", "金额(万元)": 2.0, "拨付笔数": 1, "受资助组织数": 1},
    ]
    assert sorted(tables[("名称", "备案编号")]["备案编号"]) == ["BA511702001", "BA511703002"]


def test_a_group_lists_its_organizations_and_a_year_its_year_end(national: Path) -> None:
    at = run("hubs/page.py", WHEN | {"hub": "H1"})
    at.session_state["hub_group"] = "district_name:511703"  # as a click on the 达川区 row does
    at.run()
    orgs = next(
        d.value
        for d in at.dataframe
        if "统一社会信用代码" in d.value.columns and "关系" in d.value.columns
    )
    assert list(orgs["统一社会信用代码"]) == [O9]
    assert any("区县：达川区：1 家" in c.value for c in at.caption)
    at.session_state["hub_group"] = None
    at.session_state["hub_year"] = 2010
    at.run()
    assert "2010年底联系的社会组织" in [s.value for s in at.subheader]


def test_a_link_to_a_hub_opens_it_and_an_organization_links_back(national: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["org"] = O7
    at.run()
    at.switch_page("organizations/page.py").run()
    links = {p.proto.query_string: p.proto.label for p in at.get("page_link")}
    assert links == {"hub=H1": "达州市H1枢纽", "hub=H2": "通川区H2枢纽"}
    at.query_params["hub"] = "H2"  # the link's URL
    at.switch_page("hubs/page.py").run()
    assert not at.exception and [h.value for h in at.header] == ["通川区H2枢纽"]
    assert at.selectbox(key="hub").value == "H2"


def test_a_county_viewer_sees_the_city_hub_with_its_links_there_only(
    national: Path, as_viewer, drawn: list
) -> None:
    at = as_viewer(AppTest.from_file(str(APP), default_timeout=60), ["511702"])
    for key, value in WHEN.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("hubs/page.py").run()
    assert not at.exception
    # H1 links O7 and the filed BA511702001 in 通川区; H2 O8 and the filed G1; the other regions'
    # hubs are not listed (equal links: the one that grew first)
    assert _ranking(at, drawn) == {
        "H2": (1, 1, 0, 1, 0, 1, 100.0, 1),
        "H1": (2, 1, 0, 1, 1, 0, 0.0, 1),
    }
    at.session_state["hub"] = "H1"  # as a click on its row does
    at.run()
    orgs = next(
        d.value
        for d in at.dataframe
        if "关系" in d.value.columns and "统一社会信用代码" in d.value.columns
    )
    assert list(orgs["统一社会信用代码"]) == [O7]
    projects = next(d.value for d in at.dataframe if "项目编号" in d.value.columns)
    assert list(projects["项目编号"]) == ["P1"]  # P2 is carried out in 达川区
    money = next(d.value for d in at.dataframe if "资金来源" in d.value.columns)
    assert dict(zip(money["资金来源"], money["金额(万元)"], strict=True)) == {
        "财政资金": 100.0,
        "彩票公益金": 2.0,
    }
    at.button[0].click().run()  # back to the ranking
    assert "hub" not in at.query_params and at.dataframe[0].value.shape[0] == 2
    at.query_params["hub"] = "H3"  # a link to Beijing's hub
    at.run()
    assert any("没有找到这家枢纽" in i.value for i in at.info)


def _downloads(
    monkeypatch: pytest.MonkeyPatch, params: dict
) -> tuple[dict[str, object], list[str]]:
    """The page's download buttons: file name -> data (built on click), and every name drawn."""
    import streamlit as st

    found: dict[str, object] = {}
    drawn: list[str] = []
    original = st.download_button

    def spy(*args: object, **kwargs: object) -> object:
        found[str(kwargs["file_name"])] = kwargs["data"]
        drawn.append(str(kwargs["file_name"]))
        return original(*args, **kwargs)

    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    monkeypatch.setattr(st, "download_button", spy)
    at.switch_page("hubs/page.py").run()
    assert not at.exception
    assert len(drawn) == len(set(drawn))  # each its own name
    books = sorted(n.removesuffix(".xlsx") for n in drawn if n.endswith(".xlsx"))
    assert books == sorted(n.removesuffix(".csv") for n in drawn if n.endswith(".csv"))
    return found, drawn


def test_the_ranking_downloads_name_the_search_and_hold_the_rows_shown(
    national: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found, drawn = _downloads(monkeypatch, WHEN | {"hub_q": "达州"})
    assert len(drawn) == 2 * 2  # the chart's rows and the ranking
    ranking = next(n for n in found if n.startswith("枢纽排名（查找：达州）_2013年底_批次R-TEST_"))
    data = found[ranking.rsplit(".", 1)[0] + ".csv"]()  # type: ignore[operator]
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["排名", "枢纽组织", "枢纽组织编号"] and len(rows) == 2
    assert rows[1][:5] == ["1", "达州市H1枢纽", "H1", "工会", "市级"]


def test_a_hubs_downloads_name_the_hub(national: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl

    found, drawn = _downloads(monkeypatch, WHEN | {"hub": "H1"})
    # entry, years (chart and table), five groups, organizations, filed, projects, money (two)
    assert len(drawn) == 2 * 13
    assert all("达州市H1枢纽" in n and "_2013年底_批次R-TEST_" in n for n in drawn), drawn
    orgs = next(
        n
        for n in found
        if n.startswith("枢纽联系的组织_达州市H1枢纽_2013年底") and n.endswith(".xlsx")
    )
    book = openpyxl.load_workbook(io.BytesIO(found[orgs]()))  # type: ignore[operator]
    names = [row[0] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == ["达县9号协会", "达州市17号协会", "通川区7号协会"]


def test_the_page_speaks_english(national: Path) -> None:
    at = run("hubs/page.py", WHEN | {"lang": "en"})
    assert at.title[0].value == "Hubs"
    assert "Linked at the year-end" in at.dataframe[0].value.columns
    at = run("hubs/page.py", WHEN | {"lang": "en", "hub": "H1"})
    assert [h.value for h in at.header] == ["达州市H1枢纽"]
    assert "Organizations linked at end 2013" in [s.value for s in at.subheader]


def test_the_overview_and_the_profile_say_the_hubs_in_the_reports_words(national: Path) -> None:
    """End 2013, all six provinces: hubs H1, H3, H6 (city), H2, H4, H7 (district), H5 (street); the
    workers' organizations O1, O7, O9 linked by union hubs, O8 by the women's hub only; O5 (youth)
    by the youth league's, O12 (women and children) by the women's federation's."""
    at = run(params=WHEN)
    assert [x.value for x in at.text] == [
        "截至2013年底，全部地区共认定枢纽型社会组织7家，其中市级3家、区级3家、街道级1家；"
        "工会联系职工服务类社会组织3家，占该领域75.0%；共青团联系青年类社会组织1家，占该领域100.0%；"
        "妇联联系妇女儿童类社会组织1家，占该领域100.0%。",
        "各群团组织的本领域覆盖中，工会最低：全部地区职工服务类社会组织4家，本系统枢纽联系3家（75.0%），"
        "任一枢纽联系4家，0家没有任何枢纽联系。",
    ]
    at = run("profile/page.py", WHEN | {"region": "511702"})  # 通川区: H2 only; O7 by H1, O8 by H2
    assert at.text[1].value == (
        "截至2013年底，通川区共认定枢纽型社会组织1家，其中区级1家；工会联系职工服务类社会组织1家，占该领域50.0%。"
    )
