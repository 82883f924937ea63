"""Registers as the bureaus keep them, on screen: a civil-affairs-shaped delivery (`pipeline sample
--shape civil-affairs`, and the same without hubs) refreshed by the real refresh, every figure on
the page equal to the marts it comes from.

- Rows of their own: organizations known at no county (莆田市本级（未落区县） 350300), no prefecture
  (四川省本级（未落地市）) or no province (全国本级（未落省份） 100000) rank beside the regions, named as
  the mart names them, with the mart's figures; the regions plus that row add up to the region on
  screen; the map says how many it cannot draw; the row's organizations are listed; 100000 is no
  region to choose.
- Registered and filed (备案) apart and together: the Overview's cards, a region's cards and rankings,
  the Register profile's table and summary (区县级登记n家，另有备案社区社会组织f家).
- Registration levels 部级/省级/市级/区县级, direct registration derived from 业务主管单位 (no 登记方式
  column), the supervising unit on the organization page, functional zones named like counties.
- Without hub data every page says so in words: no hub card, no 0%, no empty chart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.changes import compare
from dashboard.changes import note as revision
from dashboard.core import db
from dashboard.core.numbers import fmt_int, fmt_rate
from pipeline import guard
from pipeline.refresh import refresh_warehouse
from pipeline.sample.civil_affairs_files import write_civil_affairs
from tests.app.conftest import APP, chart, metrics, reading, run

SEED, ORGS = 1704, 700  # tests/sql/test_registers_independent.py's held-out register
NO_HUBS = "本批数据没有枢纽组织数据"


@pytest.fixture(scope="module")
def deliveries(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The register refreshed twice: with hubs and hub_links, and without them."""
    out = {}
    for name, hubs in (("hubs", True), ("no_hubs", False)):
        folder = tmp_path_factory.mktemp(f"civil_{name}")
        write_civil_affairs(folder / "raw", seed=SEED, orgs=ORGS, hubs=hubs)
        result = refresh_warehouse(folder / "raw", folder / "hub.duckdb", lambda _: None)
        assert result.status == "succeeded", result.error
        out[name] = folder / "hub.duckdb"
    return out


@pytest.fixture(params=["hubs", "no_hubs"])
def delivery(request: pytest.FixtureRequest, deliveries: dict[str, Path]) -> Iterator[Path]:
    """The dashboard reads one of the two deliveries during the test."""
    with reading(deliveries[request.param]):
        yield deliveries[request.param]


@pytest.fixture
def with_hubs(deliveries: dict[str, Path]) -> Iterator[Path]:
    with reading(deliveries["hubs"]):
        yield deliveries["hubs"]


@pytest.fixture
def without_hubs(deliveries: dict[str, Path]) -> Iterator[Path]:
    with reading(deliveries["no_hubs"]):
        yield deliveries["no_hubs"]


def _rows(path: Path, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        cursor = con.execute(sql, params or [])
        names = [c[0] for c in cursor.description]  # type: ignore[union-attr]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


def _year(path: Path) -> int:
    """The dashboard's default year-end: the last that has passed."""
    years = [r["year"] for r in _rows(path, "select year from marts.calendar")]
    return max(y for y in years if date(y, 12, 31) <= date.today())


def _hubs(path: Path) -> bool:
    return bool(_rows(path, "select has_hub_data from marts.delivery")[0]["has_hub_data"])


def _table(at: AppTest, *columns: str) -> pd.DataFrame:
    """The first table on the page with these headers."""
    found = [d.value for d in at.dataframe if set(columns) <= set(d.value.columns)]
    assert found, [list(d.value.columns) for d in at.dataframe]
    return found[0]


def _ranked_rows(path: Path, year: int, node: str | None, level: str) -> list[dict[str, Any]]:
    """The mart's rows a ranking of `level` below `node` shows: the regions and the node's row of its
    own (organizations known at no region below), with any organization, registered or filed."""
    where = "parent_code = ?" if node else "parent_code is null"
    own = "region_code = ?" if node else "region_code = '100000'"
    return _rows(
        path,
        f"select region_code, region_name, is_unassigned, active_orgs, filed_orgs, total_orgs,"  # noqa: S608
        f" linked_orgs, coverage_rate from marts.region_coverage where as_of = ? and"
        f" region_level = ? and total_orgs > 0 and ((not is_unassigned and {where})"
        f" or (is_unassigned and {own}))",
        [date(year, 12, 31), level, *([node, node] if node else [])],
    )


RANKINGS = [(None, "province"), ("510000", "prefecture"), ("350300", "county"),
            ("500000", "county")]  # fmt: skip


@pytest.mark.parametrize(("node", "level"), RANKINGS)
def test_every_ranking_shows_the_row_of_its_own_with_the_marts_figures(
    delivery: Path, node: str | None, level: str
) -> None:
    year = _year(delivery)
    at = run("coverage/page.py", {"year": str(year), **({"region": node} if node else {})})
    table = _table(at, "地区", "区划代码", "存续社会组织", "备案社区社会组织", "登记和备案合计")
    shown = {
        (r["区划代码"], r["地区"]): (r["存续社会组织"], r["备案社区社会组织"], r["登记和备案合计"])
        for _, r in table.iterrows()
    }
    expected = _ranked_rows(delivery, year, node, level)
    own = [r for r in expected if r["is_unassigned"]]
    assert own and own[0]["active_orgs"] > 0, "the sample has a row of its own here"
    assert re.search(r"本级（未落(区县|地市|省份)）$", own[0]["region_name"])
    assert shown == {
        (r["region_code"], r["region_name"]): (r["active_orgs"], r["filed_orgs"], r["total_orgs"])
        for r in expected
    }
    if _hubs(delivery):
        rates = dict(zip(table["区划代码"], table["覆盖率(%)"], strict=True))
        for r in expected:
            assert rates[r["region_code"]] == round(r["coverage_rate"] * 100, 1)
    else:
        assert "覆盖率(%)" not in table.columns and "联系社会组织" not in table.columns


@pytest.mark.parametrize("node", ["350300", "510000", "500000"])
def test_the_regions_and_the_row_of_its_own_add_up_to_the_region_on_screen(
    delivery: Path, node: str
) -> None:
    year = _year(delivery)
    at = run("coverage/page.py", {"year": str(year), "region": node})
    whole = _rows(
        delivery,
        "select region_name, active_orgs, filed_orgs, total_orgs from marts.region_coverage"
        " where as_of = ? and region_code = ? and not is_unassigned order by region_level limit 1",
        [date(year, 12, 31), node],
    )[0]
    table = _table(at, "区划代码", "存续社会组织", "备案社区社会组织")
    assert table["存续社会组织"].sum() == whole["active_orgs"]
    assert table["备案社区社会组织"].sum() == whole["filed_orgs"]
    own = table[table["地区"].str.contains("本级（未落")].iloc[0]
    line = next(c.value for c in at.caption if c.value.startswith(f"{whole['region_name']}："))
    assert f"存续社会组织 {fmt_int(whole['active_orgs'])} 家 = " in line
    assert f"+ {own['地区']} {fmt_int(own['存续社会组织'])} 家" in line
    assert f"另有备案社区社会组织 {fmt_int(whole['filed_orgs'])} 家" in line
    assert f"登记和备案合计 {fmt_int(whole['total_orgs'])} 家" in line


def test_the_row_of_its_owns_organizations_are_listed_and_the_map_says_so(with_hubs: Path) -> None:
    year = _year(with_hubs)
    at = run("coverage/page.py", {"year": str(year), "region": "350300"})
    located = {
        r["uscc"]
        for r in _rows(
            with_hubs,
            "select uscc from marts.org_segments"
            " where ? between first_as_of and last_as_of and district_code = '350300'",
            [date(year, 12, 31)],
        )
    }
    listed = [d.value for d in at.dataframe if "统一社会信用代码" in d.value.columns]
    assert located and set(listed[0]["统一社会信用代码"]) == located
    assert set(listed[0]["区县"]) == {"莆田市本级（未落区县）"}
    assert any(
        c.value == f"莆田市本级（未落区县）的 {len(located)} 家组织不属于任何区县，地图上无法画出，"
        "见条形图、排名表和下方名单。"
        for c in at.caption
    )
    assert "莆田市本级（未落区县）" in chart(at, "regions")["data"][0]["y"]  # a bar of its own


def test_the_countrys_code_is_no_region_to_choose(with_hubs: Path) -> None:
    first = run(params={"region": "100000"})
    assert any("region=100000" in w.value for w in first.warning)  # named as ignored
    at = run("coverage/page.py", {"region": "100000"})
    assert "region" not in at.query_params
    assert "全国本级（未落省份）" not in at.multiselect(key="f_provinces").options
    table = _table(at, "地区", "区划代码")
    assert "全国本级（未落省份）" in set(table["地区"])  # ranked beside the provinces


def test_the_headline_cards_count_registered_and_filed_apart_and_together(delivery: Path) -> None:
    year = _year(delivery)
    head = _rows(delivery, "select * from marts.headline where as_of = ?", [date(year, 12, 31)])[0]
    cards = metrics(run(params={"year": str(year)}))
    assert cards["存续社会组织"] == fmt_int(head["active_orgs"])
    assert cards["备案社区社会组织"] == fmt_int(head["filed_orgs"])
    assert cards["登记和备案合计"] == fmt_int(head["total_orgs"])
    assert head["filed_orgs"] > 0 and head["total_orgs"] == head["active_orgs"] + head["filed_orgs"]
    if _hubs(delivery):
        assert cards["联系社会组织"] == fmt_int(head["linked_orgs"])
        assert cards["覆盖率"] == fmt_rate(head["coverage_rate"])
        assert cards["被联系的备案组织"] == fmt_int(head["filed_linked_orgs"])
        assert cards["覆盖率（含备案）"] == fmt_rate(head["total_coverage_rate"])
        assert cards["认定枢纽合计"] == fmt_int(head["hubs_total"])


def test_without_hub_data_the_overview_says_so_and_shows_no_zero(without_hubs: Path) -> None:
    at = run()
    cards = metrics(at)
    assert not {"认定枢纽合计", "联系社会组织", "覆盖率", "群团联系占比"} & set(cards)
    assert not any(v in ("0", "0.0%") for k, v in cards.items() if "项目" not in k)
    assert any(i.value.startswith(NO_HUBS) for i in at.info)
    assert any("联系和覆盖情况无法统计" in m.value for m in at.markdown)
    assert [c for c in at.get("plotly_chart") if c.proto.id.endswith("fig_trend_rates")] == []
    assert not any("枢纽类型" in " ".join(d.value.columns) for d in at.dataframe)


def test_without_hub_data_coverage_funding_and_organizations_say_so(without_hubs: Path) -> None:
    at = run("coverage/page.py", {"region": "350300"})
    assert any(i.value.startswith(NO_HUBS) for i in at.info)
    assert not [c for c in at.get("plotly_chart") if c.proto.id.endswith("fig_regions")]
    leaf = run("coverage/page.py", {"region": "350302"})
    assert metrics(leaf)["覆盖率"] == "未提供" and metrics(leaf)["联系社会组织"] == "未提供"
    funding = run("funding/page.py", {"region": "350300"})
    assert any(i.value.startswith(NO_HUBS) for i in funding.info)
    linked = _table(funding, "联系社会组织")["联系社会组织"]
    assert all(pd.isna(v) or v == "" for v in linked)  # not provided, never 0
    org = _rows(without_hubs, "select uscc from clean.organizations limit 1")[0]["uscc"]
    page = run("organizations/page.py", {"org": org})
    assert any(i.value.startswith(NO_HUBS) for i in page.info)
    assert not any("没有任何枢纽联系记录" in i.value for i in page.info)


def _profile_sums(path: Path, year: int, region: str) -> dict[str, Any]:
    """register_profile summed for a region's organizations: by level (registered), filed, direct."""
    rows = _rows(
        path,
        "select filed, registration_level, sum(active_orgs) as n, sum(direct_registered) as direct"
        " from marts.register_profile where as_of = ? and district_code in (select district_code"
        " from ref.region_levels where region_code = ?) group by all",
        [date(year, 12, 31), region],
    )
    out: dict[str, Any] = {"filed": sum(r["n"] for r in rows if r["filed"])}
    for level in ("national", "province", "city", "district"):
        out[level] = sum(
            r["n"] for r in rows if not r["filed"] and r["registration_level"] == level
        )
    out["active"] = sum(r["n"] for r in rows if not r["filed"])
    out["direct"] = sum(r["direct"] or 0 for r in rows if not r["filed"])
    return out


def test_the_profile_says_registered_and_filed_like_the_chongqing_report(delivery: Path) -> None:
    year = _year(delivery)
    at = run("profile/page.py", {"year": str(year), "region": "500000"})
    want = _profile_sums(delivery, year, "500000")
    text = at.text[0].value
    total = want["active"] + want["filed"]
    assert (
        f"市级登记{want['city']}家，区县级登记{want['district']}家，"
        f"另有备案社区社会组织{want['filed']}家（登记和备案合计{total}家）"
    ) in text
    assert f"重庆市登记社会组织{want['active']}家" in text
    table = _table(at, "组织类型", "市级登记", "区县级登记").set_index("组织类型")
    assert table.loc["备案社区社会组织", "合计"] == want["filed"]
    assert table.loc["登记和备案合计", "合计"] == total
    assert metrics(at)["备案社区社会组织"] == fmt_int(want["filed"])
    if not _hubs(delivery):
        assert "本批数据没有枢纽组织数据，被枢纽联系的组织数和覆盖率无法统计" in text
        assert list(_table(at, "范围")["范围"]) == ["全部存续组织"]  # no linked / not linked rows


def test_every_registration_level_is_split_with_its_label(with_hubs: Path) -> None:
    year = _year(with_hubs)
    at = run("profile/page.py", {"year": str(year)})
    rows = _rows(
        with_hubs,
        "select registration_level, sum(active_orgs) as n from marts.register_profile"
        " where as_of = ? and not filed group by all",
        [date(year, 12, 31)],
    )
    by = {r["registration_level"]: r["n"] for r in rows}
    assert by["national"] and by["province"]
    total = _table(at, "组织类型", "部级登记", "省级登记").set_index("组织类型").loc["合计"]
    for header, level in (("部级登记", "national"), ("省级登记", "province"),
                          ("市级登记", "city"), ("区县级登记", "district")):  # fmt: skip
        assert str(total[header]) == fmt_int(by[level])  # with the filed rows' gaps: text
    modes = _table(at, "登记级别", "直接登记").set_index("登记级别")
    assert {"部级", "省级", "市级", "区县级", "合计"} <= set(modes.index)
    assert (
        f"部级登记{by['national']}家，省级登记{by['province']}家，市级登记{by['city']}家，"
        f"区县级登记{by['district']}家"
    ) in at.text[0].value


def test_direct_registration_comes_from_the_supervising_unit(with_hubs: Path) -> None:
    delivered = {r["column"] for r in _rows(with_hubs, 'select "column" from quality.file_columns')}
    assert "supervising_unit" in delivered and "registration_mode" not in delivered
    year = _year(with_hubs)
    want = _profile_sums(with_hubs, year, "350300")
    at = run("profile/page.py", {"year": str(year), "region": "350300"})
    assert metrics(at)["直接登记"] == fmt_int(want["direct"]) and want["direct"] > 0
    assert not any("登记方式" in i.value for i in at.info)
    modes = _table(at, "登记级别", "直接登记", "双重管理").set_index("登记级别")
    assert modes.loc["合计", "直接登记"] == want["direct"]
    assert modes.loc["合计", "登记方式未填"] == 0


def test_the_organization_page_shows_the_supervising_unit(with_hubs: Path) -> None:
    (supervised,) = _rows(
        with_hubs,
        "select uscc, supervising_unit from clean.organizations where supervising_unit is not null"
        " order by uscc limit 1",
    )
    (direct,) = _rows(
        with_hubs,
        "select uscc, registration_authority from clean.organizations"
        " where supervising_unit is null order by uscc limit 1",
    )
    for org, unit, mode in ((supervised, supervised["supervising_unit"], "双重管理"),
                            (direct, "无（直接登记）", "直接登记")):  # fmt: skip
        entry = _table(run("organizations/page.py", {"org": org["uscc"]}), "字段", "内容")
        fields = dict(zip(entry["字段"], entry["内容"], strict=True))
        assert fields["业务主管单位"] == unit and fields["登记方式"] == mode
    assert fields["登记管理机关"] == direct["registration_authority"]


def test_functional_zones_are_named_like_counties_under_their_prefecture(with_hubs: Path) -> None:
    at = run("coverage/page.py", {"region": "320500"})
    table = _table(at, "地区", "区划代码")
    names = dict(zip(table["区划代码"], table["地区"], strict=True))
    assert names["320576"] == "苏州工业园区"
    at.multiselect(key="f_prefectures").set_value(["320500"]).run()
    assert "苏州工业园区" in at.multiselect(key="f_districts").options
    zone = run("coverage/page.py", {"region": "320576"})
    assert "苏州工业园区" in [t.value for t in zone.text]  # the breadcrumb ends at the zone
    assert not zone.exception


def test_english_pages_name_the_rows_and_say_no_hub_data(without_hubs: Path) -> None:
    at = run("coverage/page.py", {"region": "350300", "lang": "en"})
    assert "莆田市本级（未落区县）" in set(_table(at, "Region")["Region"])
    assert any(i.value.startswith("This delivery has no hub data") for i in at.info)
    profile = run("profile/page.py", {"region": "500000", "lang": "en"})
    assert "filed community organizations" in profile.text[0].value


def test_a_scoped_district_viewer_sees_no_row_of_another_region(with_hubs: Path, as_viewer) -> None:
    at = as_viewer(AppTest.from_file(str(APP), default_timeout=60), ["350302"])
    at.run()
    for page in ("coverage/page.py", "funding/page.py", "profile/page.py", "overview/page.py"):
        at.switch_page(page).run()
        assert not at.exception
        seen = " ".join(
            [c.value for c in at.caption] + [t.value for t in at.text]
            + [str(d.value.to_dict()) for d in at.dataframe]
        )  # fmt: skip
        assert "本级（未落" not in seen  # 莆田市本级（未落区县） is 莆田's, not the county's
        for frame in at.dataframe:  # every region named is the county
            for column in {"地区", "区县"} & set(frame.value.columns):
                assert set(frame.value[column]) <= {"城厢区"}, (page, column)
    year = _year(with_hubs)
    county = _rows(
        with_hubs,
        "select active_orgs, filed_orgs from marts.district_coverage"
        " where as_of = ? and district_code = '350302'",
        [date(year, 12, 31)],
    )[0]
    at.switch_page("overview/page.py").run()
    assert metrics(at)["存续社会组织"] == fmt_int(county["active_orgs"])
    assert metrics(at)["备案社区社会组织"] == fmt_int(county["filed_orgs"])


def _pack(year: int) -> dict[str, bytes]:
    """The briefing pack of the whole register at a year-end, its files by name (charts faked)."""
    import io
    import zipfile

    from dashboard.core.filters import Filters
    from dashboard.frame import queries
    from dashboard.overview import briefing
    from dashboard.overview.pack import briefing_zip

    f = Filters(year=year, base_year=year - 5)
    names = dict(zip(*queries.regions(f).select("region_code", "region_label"), strict=True))
    pack = briefing.pack(briefing.overview(f), f, names, queries.provenance(f))
    data = briefing_zip(pack, render=lambda fig: b"\x89PNG fake")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_briefing_pack_ranks_the_row_of_its_own_and_says_when_there_is_no_hub_data(
    delivery: Path,
) -> None:
    year = _year(delivery)
    files = _pack(year)
    cover = files["00_封面与口径.txt"].decode("utf-8-sig")
    regions = files["02_分区覆盖.csv"].decode("utf-8-sig")
    own = next(r for r in _ranked_rows(delivery, year, None, "province") if r["is_unassigned"])
    code = "100000"  # a code as its plain digits (CSV is plain data; the .xlsx keeps it as text)
    assert f"全国本级（未落省份）,{code},{own['active_orgs']},{own['filed_orgs']}," in regions
    assert "备案社区社会组织" in regions.splitlines()[0]
    if _hubs(delivery):
        assert NO_HUBS not in cover and "03_枢纽类型增量.csv" in files
        assert sum(n.endswith(".png") for n in files) == 4
    else:
        assert f"枢纽数据：{NO_HUBS}" in cover
        assert not any("枢纽类型" in n or "覆盖率" in n for n in files)  # no hub table nor chart
        assert "覆盖率" not in regions.splitlines()[0]
        assert [n for n in files if n.endswith(".png")] == ["04_历年组织数.png"]


@pytest.mark.parametrize("first", ["hubs", "no_hubs"])
def test_a_release_without_hub_data_is_compared_without_a_hub_figure(
    tmp_path_factory: pytest.TempPathFactory, first: str
) -> None:
    """变化 and the Overview's sentence work when the newer delivery has no hubs (after one with or
    without them): the hub figures are not provided on the newer side, so they are not compared: no
    crash on a missing number, no coverage part, no district's linked count read as 0."""
    folder = tmp_path_factory.mktemp(f"civil_{first}_then_no_hubs")
    accept = guard.Policy(accept=True)  # a bureau that stops sending hubs: published deliberately
    for hubs in (first == "hubs", False):
        write_civil_affairs(folder / f"raw_{hubs}", seed=SEED, orgs=ORGS, hubs=hubs)
        result = refresh_warehouse(
            folder / f"raw_{hubs}", folder / "hub.duckdb", lambda _: None, policy=accept
        )
        assert result.status == "succeeded", result.error
    with reading(folder / "hub.duckdb"):
        overview = run()
        assert any(
            "没有枢纽组织数据，联系社会组织和覆盖率未作比较" in i.value for i in overview.info
        )
        changes = run("changes/page.py")
        assert not changes.exception
        figures = _table(changes, "指标", "旧版本", "新版本").set_index("指标")
    same = [
        float(str(figures.loc["存续社会组织", side]).replace(",", ""))
        for side in ("旧版本", "新版本")
    ]
    assert same[0] == same[1] > 0  # the same register delivered twice
    for hub_figure in ("联系社会组织", "覆盖率"):  # not provided on the newer side: blank, not 0
        assert str(figures.loc[hub_figure, "新版本"]) in ("", "nan", "None")
        assert str(figures.loc[hub_figure, "增量"]) in ("", "nan", "None")
    old, new = sorted((folder / "hub.releases").glob("*.duckdb"))
    year_end = date(_year(new), 12, 31)  # the page's default year
    summary = compare.summary(db.file_version(old), db.file_version(new), year_end)
    assert summary["districts"]["linked_new"].null_count() == summary["districts"].height > 0
    assert summary["districts"]["linked_delta"].null_count() == summary["districts"].height
    assert revision.changed_districts(summary).is_empty()  # no organization moved or ended
    assert revision.units(summary, "orgs", "zh")["d_coverage"].null_count() == (
        revision.units(summary, "orgs", "zh").height
    )
    assert revision.parts(summary, "coverage_rate") == []
