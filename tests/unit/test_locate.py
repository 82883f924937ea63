"""Where an organization counts and its registration level, from its code, address and authority."""

from __future__ import annotations

import polars as pl
import pytest

from pipeline.locate import locate
from pipeline.read import LINE

COLUMNS = ("district_code", "address", "registration_authority", "registration_level")


def _rows(*rows: tuple[str | None, ...]) -> pl.DataFrame:
    frame = pl.DataFrame(
        [(line, *row) for line, row in enumerate(rows, start=2)],
        schema={LINE: pl.Int64, **dict.fromkeys(COLUMNS, pl.String)},
        orient="row",
    )
    return frame


@pytest.mark.parametrize(
    ("authority", "code", "level"),
    [
        ("民政部", "100000", "national"),
        ("中华人民共和国民政部", "100000", "national"),
        ("四川省民政厅", "510000", "province"),
        ("北京市民政局", "110000", "city"),  # a municipality's bureau registers at city level
        ("重庆市民政局", "500000", "city"),
        ("莆田市民政局", "350300", "city"),
        ("达州市民政局", "511700", "city"),
        ("荔城区民政局", "350304", "district"),
        ("达州市达川区民政局", "511703", "district"),
        ("成都市武侯区行政审批局", "510107", "district"),
        ("深圳市社会组织管理局", "440300", "city"),
        ("东莞市民政局", "441900", "city"),  # a prefecture city without counties
    ],
)
def test_an_authority_is_resolved_to_its_region_and_level(
    authority: str, code: str, level: str
) -> None:
    kept, rejected, _ = locate(_rows((None, None, authority, None)))
    assert rejected.is_empty()
    assert kept.select("authority_code", "authority_level", "location_code").row(0) == (
        code,
        level,
        code,
    )


def test_a_county_name_with_namesakes_is_read_inside_the_rows_prefecture() -> None:
    """朝阳区 is 北京's 110105 and 长春's 220104: the row's code, else its address, decides."""
    kept, rejected, _ = locate(
        _rows(
            ("220102", None, "朝阳区民政局", None),
            (None, "北京市朝阳区建国路1号", "朝阳区民政局", None),
        )
    )
    assert rejected.is_empty()
    assert kept["authority_code"].to_list() == ["220104", "110105"]


def test_the_location_is_the_code_else_the_address_else_the_authority() -> None:
    kept, rejected, warned = locate(
        _rows(
            ("350304", "四川省达州市达川区西外镇", "莆田市民政局", "city"),
            (None, "四川省达州市达川区西外镇", "达州市民政局", None),
            (None, "达州市朝阳路", "达州市民政局", None),  # names only its prefecture
            (None, "解放路1号", "莆田市民政局", None),  # names nothing: the authority's region
            (None, "建国路1号", "北京市民政局", None),
        )
    )
    assert rejected.is_empty()
    assert kept.select("location_code", "location_source").rows() == [
        ("350304", "code"),
        ("511703", "address"),
        ("511700", "address"),
        ("350300", "authority"),
        ("110000", "authority"),
    ]
    assert warned.select("line", "rule").rows() == [
        (3, "located_by_address"),
        (4, "located_by_address"),
        (5, "located_by_authority"),
        (6, "located_by_authority"),
    ]
    assert warned["message"][0] == (
        "未填区划代码，按住所「四川省达州市达川区西外镇」计入511703（达川区）；"
        "请核对，并在源表中补填区划代码。"
    )


def test_an_ambiguous_address_is_read_inside_the_authoritys_region() -> None:
    kept, rejected, _ = locate(_rows((None, "朝阳区建国路1号", "北京市民政局", None)))
    assert rejected.is_empty() and kept["location_code"].to_list() == ["110105"]


def test_disagreements_are_kept_with_a_warning_naming_both() -> None:
    kept, rejected, warned = locate(
        _rows(
            ("350304", None, "莆田市民政局", "district"),  # level says district, bureau city
            ("350102", None, "莆田市民政局", "city"),  # a 福州 code under 莆田's bureau
        )
    )
    assert rejected.is_empty()
    assert kept["location_code"].to_list() == ["350304", "350102"]  # the code wins
    assert warned.select("line", "column", "rule", "message").rows() == [
        (
            2,
            "registration_level",
            "level_disagrees",
            "登记级别「区级」与登记管理机关「莆田市民政局」（市级）不一致，本行按登记管理机关计为市级。",
        ),
        (
            3,
            "district_code",
            "authority_code_disagrees",
            "区划代码350102（鼓楼区）不在登记管理机关「莆田市民政局」（350300）的辖区内，"
            "本行按区划代码计入。",
        ),
    ]


def test_rows_nothing_locates_or_with_an_unknown_authority_are_rejected_naming_it() -> None:
    _, rejected, _ = locate(
        _rows(
            (None, "解放路1号", None, None),
            (None, "朝阳区建国路1号", None, None),
            ("110105", None, "某某委员会", None),
            (None, None, "朝阳区民政局", None),
        )
    )
    assert rejected.select("line", "column", "rule").rows() == [
        (4, "registration_authority", "authority_unknown"),
        (5, "registration_authority", "authority_ambiguous"),
        (3, "address", "address_ambiguous"),
        (2, "address", "address_unlocated"),
    ]
    messages = dict(zip(rejected["rule"], rejected["message"], strict=True))
    assert messages["address_ambiguous"] == (
        "住所未能确定区县：「朝阳区建国路1号」中的「朝阳区」可指110105（朝阳区）、220104（朝阳区），"
        "请填写区划代码或在住所中写明所属市。"
    )
    assert "220104（朝阳区）" in messages["authority_ambiguous"]
    assert messages["address_unlocated"].startswith("住所未能确定区县：「解放路1号」")
