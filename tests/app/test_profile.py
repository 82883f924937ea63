"""社会组织概况: figures equal hand counts from the clean tables, the summary says the numbers the tables
show, each figure drills to its organizations, a register without optional columns shows 未提供."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core.filters import Filters
from dashboard.core.numbers import fmt_int, fmt_rate
from dashboard.core.regions import RegionTree
from dashboard.frame import queries
from dashboard.overview import briefing
from pipeline.refresh import refresh_warehouse
from tests.app.conftest import ACTIVE, APP, metrics, run, sample_raw, today_sql
from tests.app.national import coverage

PAGE = "profile/page.py"
LINKED = """exists (select 1 from clean.hub_links l join clean.hubs h on h.hub_id = l.hub_id
    where l.uscc = o.uscc and l.linked_on <= $d and (l.ended_on is null or l.ended_on > $d)
      and h.recognized_on <= $d and (h.revoked_on is null or h.revoked_on > $d))"""
# figure -> its condition on an active organization, counted by hand from clean.organizations
HAND = {
    "active": "true",
    "social_group": "o.org_type = 'social_group'",
    "private_non_enterprise": "o.org_type = 'private_non_enterprise'",
    "foundation": "o.org_type = 'foundation'",
    "city": "o.registration_level = 'city'",
    "district": "o.registration_level = 'district'",
    "direct": "o.registration_mode = 'direct'",
    "direct_city": "o.registration_mode = 'direct' and o.registration_level = 'city'",
    "rated_4a_plus": "o.rating in ('4A', '5A')",
    "party": "o.has_party_org",
    "union": "o.has_union",
    "linked": LINKED,
    "linked_party": f"o.has_party_org and {LINKED}",
    "not_linked_union": f"o.has_union and not {LINKED}",
    "workers": "o.service_domain = 'workers'",
    "workers_sg": "o.service_domain = 'workers' and o.org_type = 'social_group'",
}


def hand(con: duckdb.DuckDBPyConnection, year: int, district: str | None = None) -> dict[str, int]:
    """Every profile figure of a year-end (and a district of today), counted from clean.*."""
    where = ACTIVE + (f" and {today_sql('o.district_code')} = $district" if district else "")
    counts = ", ".join(f"count(*) filter (where {cond})" for cond in HAND.values())
    params: dict[str, object] = {"d": date(year, 12, 31)}
    if district:
        params["district"] = district
    row = con.execute(
        f"select {counts} from clean.organizations o where {where}", params
    ).fetchone()
    assert row is not None
    return dict(zip(HAND, row, strict=True))


def frame(at: AppTest, first_header: str) -> pd.DataFrame:
    """The shown table whose first column is headed `first_header`."""
    return next(d.value for d in at.dataframe if d.value.columns[0] == first_header)


def cell(table: pd.DataFrame, row: str, column: str) -> object:
    return table.set_index(table.columns[0]).loc[row, column]


def test_the_page_counts_what_a_hand_count_of_the_register_finds(con, last_year: int) -> None:
    want = hand(con, last_year)
    at = run(PAGE)
    shown = metrics(at)
    assert shown["存续社会组织"] == fmt_int(want["active"])
    assert shown["直接登记"] == fmt_int(want["direct"])
    assert shown["4A及以上"] == fmt_int(want["rated_4a_plus"])
    assert shown["党组织覆盖率"] == fmt_rate(want["party"] / want["active"])
    assert shown["工会组织覆盖率"] == fmt_rate(want["union"] / want["active"])
    types = frame(at, "组织类型")
    for code, name in [("social_group", "社会团体"), ("private_non_enterprise", "民办非企业单位"),
                       ("foundation", "基金会")]:  # fmt: skip
        assert cell(types, name, "合计") == want[code]
    assert (cell(types, "合计", "市级登记"), cell(types, "合计", "区县级登记")) == (
        want["city"],
        want["district"],
    )
    modes = frame(at, "登记级别")
    assert cell(modes, "市级", "直接登记") == want["direct_city"]
    groups = frame(at, "范围")
    assert cell(groups, "被枢纽联系的", "存续社会组织") == want["linked"]
    assert cell(groups, "被枢纽联系的", "建立党组织") == want["linked_party"]
    assert cell(groups, "未被联系的", "建立工会") == want["not_linked_union"]
    assert cell(frame(at, "服务领域"), "职工", "社会团体") == want["workers_sg"]


def test_a_district_with_a_merged_code_counts_its_predecessors_organizations(
    con, last_year: int
) -> None:
    # 东城区 110101 holds the organizations filed under 崇文区 110103 (merged 2010)
    filed_old = con.execute(
        f"select count(*) from clean.organizations o where {ACTIVE} and o.district_code = '110103'",
        {"d": date(last_year, 12, 31)},
    ).fetchone()
    assert filed_old is not None and filed_old[0] > 0
    want = hand(con, last_year, "110101")
    at = run(PAGE, {"region": "110101"})
    assert metrics(at)["存续社会组织"] == fmt_int(want["active"])
    assert cell(frame(at, "组织类型"), "基金会", "合计") == want["foundation"]
    assert at.text[0].value.startswith(f"截至{last_year}年底，东城区登记社会组织{want['active']}家")


def _numbers(pattern: str, text: str) -> tuple[float, ...]:
    found = re.search(pattern, text)
    assert found, (pattern, text)
    return tuple(float(g.replace(",", "")) for g in found.groups())


@pytest.mark.parametrize("params", [{}, {"region": ["110105", "110108"]}, {"year": "2012"}])
def test_the_summary_says_the_numbers_the_tables_show(params: dict) -> None:
    at = run(PAGE, params)
    text, shown = at.text[0].value, metrics(at)
    types, modes, groups = frame(at, "组织类型"), frame(at, "登记级别"), frame(at, "范围")
    domains = frame(at, "服务领域")
    assert _numbers(r"登记社会组织(\d+)家，其中社会团体(\d+)家、民办非企业单位(\d+)家、基金会(\d+)家", text) == (
        cell(types, "合计", "合计"), cell(types, "社会团体", "合计"),
        cell(types, "民办非企业单位", "合计"), cell(types, "基金会", "合计"),
    )  # fmt: skip
    assert _numbers(r"市级登记(\d+)家，区县级登记(\d+)家", text) == (
        cell(types, "合计", "市级登记"),
        cell(types, "合计", "区县级登记"),
    )
    assert _numbers(r"直接登记(\d+)家（其中市级(\d+)家）", text) == (
        cell(modes, "合计", "直接登记"),
        cell(modes, "市级", "直接登记"),
    )
    linked, active = (
        cell(groups, "被枢纽联系的", "存续社会组织"),
        cell(groups, "全部存续组织", "存续社会组织"),
    )
    assert f"被枢纽型社会组织联系{linked}家，覆盖率{fmt_rate(linked / active)}" in text
    assert _numbers(r"4A及以上(\d+)家", text) == (float(shown["4A及以上"].replace(",", "")),)
    assert _numbers(r"职工服务类社会组织(\d+)家，其中社会团体占([\d.]+)%", text) == (
        cell(domains, "职工", "合计"),
        cell(domains, "职工", "社会团体占比(%)"),
    )
    assert f"平均每家专职人员{shown['平均专职人员数']}人" in text
    # the sample says how unions and party organizations are set up: both ways, saying which
    # (the flag's own clause, without the forms, is in tests/app/test_profile_summary.py)
    ways = frame(at, "口径")
    for kind, said, via, both in (("党组织", "党组织", "依托主管单位的", "单独或联合建立"),
                                  ("工会", "工会组织", "依托主管单位工会的", "单独或联合建会")):  # fmt: skip
        pattern = (rf"{said}有形覆盖率约([\d.]+)%（(\d+)家，其中{via}(\d+)家），"
                   rf"有效覆盖率约([\d.]+)%（{both}(\d+)家）")  # fmt: skip
        assert _numbers(pattern, text) == (
            cell(ways, "有形覆盖（任一方式）", f"{kind}：占存续组织(%)"),
            cell(ways, "有形覆盖（任一方式）", f"{kind}：组织数"),
            cell(ways, "　　　　依托主管单位", f"{kind}：组织数"),
            cell(ways, "有效覆盖（单独或联合建立）", f"{kind}：占存续组织(%)"),
            cell(ways, "有效覆盖（单独或联合建立）", f"{kind}：组织数"),
        )
    assert text.endswith("。") and text.count("%") == 6


def test_the_rating_chart_adds_up_to_the_4a_card_and_the_active_organizations() -> None:
    at = run(PAGE)
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    spec = next(s for s in specs if s["layout"]["title"]["text"] == "评估等级分布")
    bars = dict(zip(spec["data"][0]["y"], spec["data"][0]["x"], strict=True))
    shown = metrics(at)
    assert fmt_int(bars["5A"] + bars["4A"]) == shown["4A及以上"]
    assert fmt_int(sum(bars.values())) == shown["存续社会组织"]


def test_the_english_page_says_the_same_numbers_in_english(con, last_year: int) -> None:
    want = hand(con, last_year)
    at = run(PAGE, {"lang": "en"})
    text = at.text[0].value
    assert text.startswith(
        f"At the end of {last_year}, the city had {want['active']:,} registered social organizations:"
    )
    assert f"{want['rated_4a_plus']:,} rated 4A or above" in text
    assert metrics(at)["Active organizations"] == fmt_int(want["active"])


def test_a_figure_drills_to_exactly_the_organizations_behind_it(con, last_year: int) -> None:
    rows = con.execute(
        f"select o.uscc from clean.organizations o where {ACTIVE} and o.rating in ('4A', '5A')"
        f" and {today_sql('o.district_code')} = '110101' order by o.name, o.uscc",
        {"d": date(last_year, 12, 31)},
    ).fetchall()
    at = run(PAGE, {"pick": "rating:4A_plus", "region": "110101"})
    assert at.dataframe[0].value["统一社会信用代码"].tolist() == [u for (u,) in rows]
    assert any(f"评估等级：4A及以上（{len(rows)} 家存续社会组织）" in c.value for c in at.caption)
    at.button[0].click().run()  # ← 社会组织概况
    assert not at.exception and "pick" not in at.query_params and at.text


def test_choosing_a_figure_opens_its_list_and_keeps_it_in_the_url(con, last_year: int) -> None:
    want = hand(con, last_year)
    at = run(PAGE)
    at.selectbox(key="pick").set_value("registration_mode:direct,registration_level:city").run()
    assert not at.exception
    assert at.query_params["pick"] in (
        "registration_mode:direct,registration_level:city",
        ["registration_mode:direct,registration_level:city"],
    )
    shown = at.dataframe[0].value
    assert len(shown) == want["direct_city"]
    assert set(shown["登记方式"]) == {"直接登记"} and set(shown["登记级别"]) == {"市级"}


@pytest.mark.parametrize("pick", ["rating:9A", "nothing:here", "rating:4A,rating:5A", "'; drop"])
def test_a_pick_outside_the_allowlist_is_ignored(pick: str) -> None:
    at = run(PAGE, {"pick": pick})
    assert at.text and "pick" not in at.query_params


def _without(raw: Path, out: Path, drop: set[str]) -> Path:
    """A copy of the sample folder whose organizations file lacks the `drop` headers."""
    shutil.copytree(raw, out)
    path = out / "organizations.csv"
    data = path.read_bytes()
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError:
        text, encoding = data.decode("gb18030"), "gb18030"
    rows = list(csv.reader(io.StringIO(text, newline="")))
    keep = [i for i, h in enumerate(rows[0]) if h not in drop]
    assert len(keep) == len(rows[0]) - len(drop), rows[0]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([[r[i] for i in keep] for r in rows])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return out


@pytest.fixture(scope="module")
def lacking_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample refreshed without 评估等级, 登记方式, 服务领域, 是否建立党组织, 是否建立工会,
    工会建立方式, 党组织建立方式."""
    root = tmp_path_factory.mktemp("lacking")
    drop = {"评估等级", "登记方式", "服务领域", "是否建立党组织", "是否建立工会", "工会建立方式",
            "党组织建立方式"}  # fmt: skip
    raw = _without(sample_raw(root / "sample"), root / "raw", drop)
    assert refresh_warehouse(raw, root / "hub.duckdb", lambda _: None).status == "succeeded"
    return root / "hub.duckdb"


@pytest.fixture
def lacking(lacking_file: Path, warehouse: Path) -> Iterator[Path]:
    """The dashboard reads the register without optional columns while the test runs."""
    os.environ["SHUNIU_WAREHOUSE"] = str(lacking_file)
    yield lacking_file
    os.environ["SHUNIU_WAREHOUSE"] = str(warehouse)


def test_a_register_without_optional_columns_shows_not_provided(lacking: Path) -> None:
    at = run(PAGE)
    shown = metrics(at)
    for card in ("直接登记", "4A及以上", "党组织覆盖率", "工会组织覆盖率"):
        assert shown[card] == "未提供"
    assert shown["存续社会组织"] != "未提供" and shown["平均专职人员数"] != "未提供"
    notes = [i.value for i in at.info]
    assert "登记材料未提供“评估等级”列，评估等级分布和4A及以上数量无法统计。" in notes
    assert any("“服务领域”" in n for n in notes) and any("“是否建立工会”" in n for n in notes)
    assert "登记材料未提供“工会建立方式”列，工会有效覆盖（按工会建立方式）无法统计。" in notes
    assert any("“党组织建立方式”" in n for n in notes)
    assert not any(d.value.columns[0] == "口径" for d in at.dataframe)  # no way to count
    groups = frame(at, "范围")
    assert set(groups["建立党组织"]) == {""} and set(groups["工会组织覆盖率(%)"]) == {""}
    assert not any(d.value.columns[0] in ("服务领域", "登记级别") for d in at.dataframe)
    text = at.text[0].value
    assert (
        "登记材料未提供“登记方式”列，也没有可据以推算的“业务主管单位”列，直接登记的数量无法统计"
        in text
    )
    assert "工会组织覆盖率" not in text and "4A及以上" in text and "0家" not in text


def test_not_provided_in_english_and_in_the_drill_choices(lacking: Path) -> None:
    at = run(PAGE, {"lang": "en", "pick": "rating:4A_plus"})
    assert "pick" not in at.query_params  # a figure that is not provided has no list
    assert metrics(at)["Rated 4A or above"] == "not provided"
    assert "; the register has no “评估等级” (rating) column, so" in at.text[0].value
    assert any(
        i.value.startswith("The register has no “评估等级” (rating) column") for i in at.info
    )
    choices = at.selectbox(key="pick").options
    assert not any("Rating" in c or "Service domain" in c for c in choices)


def test_the_briefing_cover_carries_the_pages_summary(last_year: int) -> None:
    f = Filters(year=last_year, base_year=last_year - 5, regions=("110101",))
    names = RegionTree.from_frame(queries.regions(f)).label
    pack = briefing.pack(briefing.overview(f), f, names, queries.provenance(f))
    at = run(PAGE, {"region": "110101"})
    assert f"社会组织概况：{at.text[0].value}" in pack.cover.split("\r\n")


@pytest.mark.parametrize(
    ("region", "level", "word"),
    [("510000", "province", "四川省"), ("511700", "prefecture", "达州市"),
     ("511703", "county", "达川区"), ("110101", "county", "东城区")],
)  # fmt: skip
def test_a_region_at_any_level_has_the_hand_counted_profile(
    national: Path, region: str, level: str, word: str
) -> None:
    # 达川区 holds 达县's organizations (511721, split), 东城区 崇文区's (110103, merged)
    active, linked = coverage(2013)[(level, region)]
    at = run(PAGE, {"year": "2013", "region": region})
    text = at.text[0].value
    assert text.startswith(f"截至2013年底，{word}登记社会组织{active}家，"), text
    assert f"被枢纽型社会组织联系{linked}家" in text


def test_a_viewer_scoped_to_a_county_reads_that_countys_profile(national: Path, as_viewer) -> None:
    active, linked = coverage(2013)[("county", "511702")]
    at = as_viewer(AppTest.from_file(str(APP), default_timeout=60), ["511702"])
    at.query_params["year"] = "2013"
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.text[0].value.startswith(f"截至2013年底，通川区登记社会组织{active}家，")
    assert metrics(at)["存续社会组织"] == fmt_int(active)


def test_the_whole_six_province_register_is_all_regions(national: Path) -> None:
    active = sum(n for (lvl, _), (n, _) in coverage(2013).items() if lvl == "province")
    text = run(PAGE, {"year": "2013"}).text[0].value
    assert text.startswith(f"截至2013年底，全部地区登记社会组织{active}家，"), text
