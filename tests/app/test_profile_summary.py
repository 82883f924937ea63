"""The profile's tables, summary and drill keys as pure functions of a hand-made query result."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.profile import hub_facts, picks, summary
from dashboard.profile import tables as profile
from dashboard.profile.queries import PROFILE_COUNTS, _pick_sql

KEYS = ("org_type", "registration_level", "service_domain", "is_linked")


def cells(*rows: tuple[object, ...]) -> pl.DataFrame:
    """A profile_cells result: the four grain values, then active, linked, party, union, direct,
    dual, 4A, 5A (the other ratings 0), staff sum and staff reported."""
    out = []
    for (
        org_type,
        level,
        domain,
        linked,
        active,
        party,
        union,
        direct,
        dual,
        a4,
        a5,
        staff,
        rep,
    ) in rows:
        counts = dict.fromkeys(PROFILE_COUNTS, 0) | {
            "active_orgs": active, "linked_orgs": active if linked else 0,
            "with_party_org": party, "with_union": union, "direct_registered": direct,
            "dual_registered": dual, "rated_4a": a4, "rated_5a": a5, "rated_4a_plus": a4 + a5,
            "full_time_staff": staff, "staff_reported": rep,
        }  # fmt: skip
        out.append(dict(zip(KEYS, (org_type, level, domain, linked), strict=True)) | counts)
    return pl.DataFrame(out)


# 10 organizations: 6 social groups (4 of them worker-service), 3 private non-enterprise units,
# 1 foundation; 3 city-level, 6 district-level, 1 without a level; 7 linked.
CITY = cells(
    ("social_group", "city", "workers", True, 2, 1, 2, 1, 1, 1, 0, 6, 2),
    ("social_group", "district", "workers", False, 2, 0, 1, 0, 2, 0, 0, 4, 2),
    ("social_group", "district", "elderly", True, 2, 1, 0, 1, 0, 0, 1, 0, 1),
    ("private_non_enterprise", "district", "workers", True, 1, 0, 1, 1, 0, 0, 0, 3, 1),
    ("private_non_enterprise", "district", "elderly", True, 1, 1, 1, 0, 1, 0, 0, 2, 1),
    ("private_non_enterprise", None, None, False, 1, 0, 0, 0, 0, 0, 0, 0, 0),
    ("foundation", "city", None, True, 1, 1, 1, 1, 0, 1, 0, 5, 1),
)


def _profile(missing: tuple[str, ...] = (), extent: dict | None = None) -> profile.Profile:
    extent = extent or {"provinces": 1, "prefectures": 1, "counties": 3}
    return profile.Profile(2015, CITY, pl.DataFrame(), missing, extent)


def test_the_summary_of_a_small_city_counted_by_hand() -> None:
    assert summary.of_profile(_profile(), [], "zh") == (
        "截至2015年底，全市登记社会组织10家，其中社会团体6家、民办非企业单位3家、基金会1家；"
        "市级登记3家，区县级登记6家，登记级别未填1家；直接登记4家（其中市级2家）；"
        "被枢纽型社会组织联系7家，覆盖率70.0%；评估等级4A及以上3家；"
        "职工服务类社会组织5家，其中社会团体占80.0%；平均每家专职人员2.5人；"
        "建立党组织的4家，党组织覆盖率约40.0%；建立工会的6家，工会组织覆盖率约60.0%。"
    )


def test_the_english_summary_says_the_same() -> None:
    assert summary.of_profile(_profile(), ["东城区"], "en") == (
        "At the end of 2015, 东城区 had 10 registered social organizations: 6 social groups, "
        "3 private non-enterprise units, 1 foundation; 3 registered at city level and 6 at"
        " district/county level, 1 without a registration level; 4 registered directly (2 of them"
        " at city level); 7 linked by hub-type organizations (coverage 70.0%); 3 rated 4A or above;"
        " 5 worker-service organizations, 80.0% of them social groups; 2.5 full-time staff per"
        " organization on average; 4 with a party organization (party-organization coverage about"
        " 40.0%); 6 with a trade union (union coverage about 60.0%)."
    )


def test_a_figure_whose_column_is_missing_is_a_note_not_zero() -> None:
    missing = ("registration_mode", "rating", "has_union")
    text = summary.of_profile(_profile(missing), [], "zh")
    assert "登记材料未提供“登记方式”列，直接登记的数量无法统计；" in text
    assert "登记材料未提供“评估等级”列，评估等级分布和4A及以上数量无法统计；" in text
    assert text.endswith("登记材料未提供“是否建立工会”列，工会覆盖情况无法统计。")
    assert "直接登记4家" not in text and "建立工会的" not in text and "建立党组织的4家" in text
    cards = dict(summary.cards(summary.facts(profile.tables(_profile(missing), "zh"), missing),
                               missing, "zh"))  # fmt: skip
    assert cards["直接登记"] == cards["4A及以上"] == cards["工会组织覆盖率"] == "未提供"
    assert cards["党组织覆盖率"] == "40.0%"


def test_tables_leave_missing_figures_empty_and_keep_the_rest() -> None:
    missing = ("has_party_org", "registration_level")
    tabs = profile.tables(_profile(missing), "zh")
    rows = tabs.party_union.rows_by_key("group", named=True, unique=True)
    assert (rows["all"]["with_party_org"], rows["all"]["party_share"]) == (None, None)
    assert (rows["linked"]["with_union"], rows["not_linked"]["active_orgs"]) == (5, 3)
    assert tabs.type_level["city"].to_list() == [None] * 4
    assert tabs.type_level["active_orgs"].to_list() == [6, 3, 1, 10]
    assert tabs.modes["label"].to_list() == ["合计"]


def test_ratings_and_domains_are_counted_by_hand() -> None:
    tabs = profile.tables(_profile(), "zh")
    ratings = dict(zip(tabs.ratings["rating"], tabs.ratings["orgs"], strict=True))
    assert ratings == {"5A": 1, "4A": 2, "3A": 0, "2A": 0, "1A": 0, "none": 7, "4A_plus": 3}
    workers = tabs.domains.row(0, named=True)
    assert (workers["label"], workers["active_orgs"], workers["social_group"]) == ("职工", 5, 4)
    assert (workers["private_non_enterprise"], workers["direct_registered"]) == (1, 2)
    assert tabs.domains["service_domain"].to_list() == ["workers", "elderly", "none"]


def test_an_empty_selection_says_there_is_no_organization() -> None:
    empty = profile.Profile(2015, CITY.clear(), pl.DataFrame(), (), {"prefectures": 0})
    assert summary.of_profile(empty, ["东城区"], "zh") == "截至2015年底，东城区没有登记的社会组织。"


@pytest.mark.parametrize(
    ("extent", "names", "word"),
    [
        ({"provinces": 1, "prefectures": 1}, [], "全市"),
        ({"provinces": 1, "prefectures": 3}, [], "全省"),
        ({"provinces": 4, "prefectures": 9}, [], "全部地区"),
        ({"provinces": 1, "prefectures": 1}, ["东城区", "西城区"], "东城区、西城区"),
        ({"provinces": 1, "prefectures": 1}, ["甲", "乙", "丙", "丁"], "所选4个地区"),
    ],
)
def test_the_region_word(extent: dict, names: list[str], word: str) -> None:
    assert summary.region_word(extent, names, "zh") == word


def test_every_offered_drill_key_reads_back_and_has_words() -> None:
    for key in picks.choices(()):
        criteria = picks.parse(key)
        assert criteria is not None and picks.key(**criteria) == key
        assert picks.words(criteria, "zh") and picks.words(criteria, "en")
    assert picks.words(picks.parse("rating:4A_plus,org_type:foundation") or {}, "zh") == (
        "评估等级：4A及以上 · 组织类型：基金会"
    )


def test_drill_keys_of_missing_columns_and_unknown_values_are_refused() -> None:
    assert picks.parse("rating:5A", ("rating",)) is None
    assert not any(k.startswith("rating") for k in picks.choices(("rating",)))
    for bad in ("rating:6A", "rating", "org_type:foundation,org_type:foundation", "x:y", ""):
        assert picks.parse(bad) is None, bad


def test_drill_criteria_become_bound_sql_on_allowlisted_columns() -> None:
    sql, params = _pick_sql({"rating": "4A_plus", "has_union": "false", "service_domain": "none",
                             "org_type": "foundation"})  # fmt: skip
    assert sql == (
        "list_contains(['4A', '5A'], c.rating) and o.has_union = $k_1"
        " and c.service_domain is null and o.org_type = $k_3"
    )
    assert params == {"k_1": False, "k_3": "foundation"}


def _hubs(reach: list[tuple[str, str, int, int, int]], **counts: object) -> hub_facts.Hubs:
    """Hub facts by hand: reach rows (hub_type, service_domain, field, own, any) in type order."""
    levels = {"hubs_city": 36, "hubs_district": 211, "hubs_street": 403} | counts
    frame = pl.DataFrame(
        [
            {"hub_type": h, "type_index": i, "service_domain": d, "field_orgs": n,
             "reached_by_own": own, "reached_by_any": any_, "reached_by_none": n - any_,
             "own_share": own / n if n else None}
            for i, (h, d, n, own, any_) in enumerate(reach)
        ],
        schema={"hub_type": pl.String, "type_index": pl.Int64, "service_domain": pl.String,
                "field_orgs": pl.Int64, "reached_by_own": pl.Int64, "reached_by_any": pl.Int64,
                "reached_by_none": pl.Int64, "own_share": pl.Float64},
    )  # fmt: skip
    total = sum(int(levels[k]) for k in ("hubs_city", "hubs_district", "hubs_street"))  # type: ignore[call-overload]
    return hub_facts.Hubs({"hubs_total": total, "has_hub_data": True} | levels, frame)


BEIJING_REACH = [("union", "workers", 915, 613, 787), ("women", "women_children", 2125, 1468, 1895),
                 ("science", "science", 0, 0, 0)]  # fmt: skip


def test_the_hub_sentence_says_each_level_and_each_fields_reach() -> None:
    hubs = _hubs(BEIJING_REACH)
    assert summary.hub_sentence(hubs, "全市", 2015, "zh") == (
        "截至2015年底，全市共认定枢纽型社会组织650家，其中市级36家、区级211家、街道级403家；"
        "工会联系职工服务类社会组织613家，占该领域67.0%；妇联联系妇女儿童类社会组织1468家，占该领域69.1%。"
    )
    assert summary.hub_sentence(hubs, "the city", 2015, "en") == (
        "By the end of 2015, the city had 650 recognized hub-type organizations: 36 at city level,"
        " 211 at district level, 403 at street level; the trade union links 613 worker-service"
        " organizations, 67.0% of its field; the women's federation links 1,468 women's and"
        " children's organizations, 69.1% of its field."
    )


def test_a_level_without_hubs_is_left_out_and_without_hub_data_nothing_is_counted() -> None:
    district = _hubs([("union", "workers", 2, 1, 2)], hubs_city=0, hubs_district=1, hubs_street=0)
    assert summary.hub_sentence(district, "通川区", 2013, "zh") == (
        "截至2013年底，通川区共认定枢纽型社会组织1家，其中区级1家；工会联系职工服务类社会组织1家，占该领域50.0%。"
    )
    none = hub_facts.Hubs({"has_hub_data": False}, district.reach)
    assert summary.hub_sentence(none, "全市", 2013, "zh").startswith("本次数据没有枢纽文件")
    assert summary.weakest_field(none, "全市", "zh") is None
    empty = _hubs([], hubs_city=0, hubs_district=0, hubs_street=0)
    assert (
        summary.hub_sentence(empty, "全市", 2013, "zh")
        == "截至2013年底，全市共认定枢纽型社会组织0家。"
    )
    assert summary.weakest_field(empty, "全市", "zh") is None


def test_the_weakest_field_is_the_one_its_own_hubs_link_least() -> None:
    hubs = _hubs([*BEIJING_REACH, ("disabled", "disabled", 923, 583, 813)])
    assert summary.weakest_field(hubs, "全市", "zh") == (
        "各群团组织的本领域覆盖中，残联最低：全市助残类社会组织923家，本系统枢纽联系583家（63.2%），"
        "任一枢纽联系813家，110家没有任何枢纽联系。"
    )
    assert summary.weakest_field(hubs, "the city", "en") == (
        "Of the mass organizations' own fields, the disabled persons' federation's is reached least:"
        " of 923 disability organizations in the city, its own hubs link 583 (63.2%), any hub 813,"
        " and 110 are linked by no hub."
    )
