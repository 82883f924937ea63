"""Each row rule of the contract: a row that breaks it is rejected at its column, a row that keeps it passes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from pipeline.normalize import normalize
from pipeline.read import read_table
from pipeline.validate import Checked, check_table
from schemas.tables import (
    FILED_ORGS,
    FUNDING,
    HUB_LINKS,
    HUBS,
    ORGANIZATIONS,
    POPULATION,
    PROJECTS,
    Table,
)
from schemas.uscc import check_char
from tests.unit.registers import ORG_A, ORG_B, write_csv

ORG = {
    "uscc": ORG_A,
    "name": "朝阳区阳光志愿者协会",
    "org_type": "社会团体",
    "district_code": "110105",
    "registered_on": "2010-01-01",
}
HUB = {
    "hub_id": "H1",
    "name": "北京市妇联",
    "level": "市级",
    "district_code": "110000",
    "hub_type": "妇联",
    "recognized_on": "2009-01-01",
}
LINK = {"hub_id": "H1", "uscc": ORG_A, "relation": "联系", "linked_on": "2010-05-01"}
PROJECT = {
    "project_id": "P1",
    "name": "社区养老",
    "purchaser_name": "民政局",
    "provider_uscc": ORG_A,
    "start_on": "2012-02-01",
}
FUND = {
    "funding_id": "F1",
    "recipient_uscc": ORG_A,
    "source": "fiscal",
    "amount_yuan": "100",
    "paid_on": "2012-03-01",
}
POP = {"district_code": "110105", "year": "2015", "population": "3955000"}
FILED = {"filing_id": "BA110105001", "name": "望京社区合唱队", "district_code": "110105",
         "filed_on": "2015-03-01"}  # fmt: skip
BASE = {
    "organizations": ORG,
    "filed_orgs": FILED,
    "hubs": HUB,
    "hub_links": LINK,
    "projects": PROJECT,
    "funding": FUND,
    "population": POP,
}


REFRESH_DATE = dt.date(2026, 11, 23)


def check(
    tmp_path: Path, table: Table, changes: dict[str, str], refresh_date: dt.date = REFRESH_DATE
) -> Checked:
    """Validate one row, as on `refresh_date`: the table's valid base row with `changes` applied."""
    from schemas.tables import TABLES_BY_NAME

    done = {other: check(tmp_path, TABLES_BY_NAME[other], {}) for _, other, _ in table.references}
    row = {**BASE[table.name], **changes}
    folder = tmp_path / table.name
    folder.mkdir(exist_ok=True)
    path = write_csv(folder / f"{table.name}.csv", list(row), [list(row.values())])
    raw = read_table(path, table)
    typed, parse_issues = normalize(raw)
    return check_table(raw, typed, parse_issues, done, refresh_date)


CASES = [
    (
        ORGANIZATIONS,
        {"uscc": ORG_A[:-1] + ("0" if ORG_A[-1] != "0" else "1")},
        "uscc",
        "uscc_check_char",
    ),
    (
        ORGANIZATIONS,
        {"uscc": "9" + ORG_A[1:17] + check_char("9" + ORG_A[1:17])},
        "uscc",
        "uscc_civil_affairs",
    ),
    (ORGANIZATIONS, {"org_type": "基金会"}, "org_type", "uscc_type_agrees"),
    (ORGANIZATIONS, {"name": " "}, "name", "required"),
    (ORGANIZATIONS, {"org_type": "合作社"}, "org_type", "enum"),
    (ORGANIZATIONS, {"district_code": "119999"}, "district_code", "district_code"),
    (ORGANIZATIONS, {"registered_on": "2030-01-01"}, "registered_on", "not_in_future"),
    (ORGANIZATIONS, {"registered_on": "2015-02-30"}, "registered_on", "date_not_real"),
    (ORGANIZATIONS, {"registered_on": "2015年2月30日"}, "registered_on", "date_not_real"),
    (ORGANIZATIONS, {"registered_on": "15-02-03"}, "registered_on", "date_format"),
    (
        ORGANIZATIONS,
        {"deregistered_on": "2009-01-01"},
        "deregistered_on",
        "deregistered_before_registered",
    ),
    (ORGANIZATIONS, {"status": "注销"}, "deregistered_on", "inactive_without_date"),
    (ORGANIZATIONS, {"full_time_staff": "-1"}, "full_time_staff", "greater_than_or_equal_to"),
    (ORGANIZATIONS, {"full_time_staff": "三"}, "full_time_staff", "integer_format"),
    (ORGANIZATIONS, {"has_union": "maybe"}, "has_union", "boolean_format"),
    (ORGANIZATIONS, {"rating": "6A"}, "rating", "enum"),
    (HUBS, {"level": "街道级", "district_code": "110105"}, "street_name", "street_name_required"),
    (HUBS, {"level": "区级"}, "district_code", "city_hub_code"),
    (HUBS, {"district_code": "110105"}, "district_code", "city_hub_code"),
    (FUNDING, {"amount_yuan": "99999999999999999"}, "amount_yuan", "less_than"),
    (ORGANIZATIONS, {"full_time_staff": "3000000000"}, "full_time_staff", "less_than_or_equal_to"),
    (ORGANIZATIONS, {"uscc": ORG_A.lower()}, "uscc", "uscc_check_char"),
    (HUBS, {"revoked_on": "2008-12-31"}, "revoked_on", "revoked_before_recognized"),
    (HUBS, {"district_code": "119900"}, "district_code", "district_code"),
    (ORGANIZATIONS, {"district_code": "412101"}, "district_code", "retired_code_unresolved"),
    (FUNDING, {"district_code": "412101"}, "district_code", "retired_code_unresolved"),
    (HUBS, {"hub_type": "商会"}, "hub_type", "enum"),
    (HUB_LINKS, {"ended_on": "2010-04-30"}, "ended_on", "ended_before_linked"),
    (HUB_LINKS, {"relation": "合作"}, "relation", "enum"),
    (HUB_LINKS, {"linked_on": ""}, "linked_on", "required"),
    (PROJECTS, {"end_on": "2012-01-31"}, "end_on", "end_before_start"),
    (PROJECTS, {"contract_amount_yuan": "-10"}, "contract_amount_yuan", "greater_than_or_equal_to"),
    (PROJECTS, {"contract_amount_yuan": "10.001"}, "contract_amount_yuan", "amount_format"),
    (FUNDING, {"amount_yuan": "0"}, "amount_yuan", "greater_than"),
    (FUNDING, {"amount_yuan": "十万"}, "amount_yuan", "amount_format"),
    (FUNDING, {"source": "彩票"}, "source", "enum"),
    (POPULATION, {"population": "0"}, "population", "greater_than"),
    # registers as the bureaus keep them: a place must be found, an authority must be a bureau
    (ORGANIZATIONS, {"district_code": ""}, "district_code", "location_missing"),
    (ORGANIZATIONS, {"district_code": "", "address": "解放路1号"}, "address", "address_unlocated"),
    (
        ORGANIZATIONS,
        {"district_code": "", "address": "朝阳区建国路1号"},
        "address",
        "address_ambiguous",
    ),
    (
        ORGANIZATIONS,
        {"registration_authority": "某某委员会"},
        "registration_authority",
        "authority_unknown",
    ),
    (
        ORGANIZATIONS,
        {"registration_authority": "解放民政局"},
        "registration_authority",
        "authority_unknown",
    ),
    (
        ORGANIZATIONS,
        {"district_code": "", "address": "建国路1号", "registration_authority": "朝阳区民政局"},
        "registration_authority",
        "authority_ambiguous",
    ),
    (ORGANIZATIONS, {"registration_level": "乡级"}, "registration_level", "enum"),
    (FILED_ORGS, {"filing_id": ORG_B}, "filing_id", "filing_id_is_uscc"),
    (FILED_ORGS, {"ended_on": "2015-02-01"}, "ended_on", "filing_ended_before_filed"),
    (FILED_ORGS, {"district_code": "110000"}, "district_code", "district_code"),
    (FILED_ORGS, {"filed_on": "2026-11-24"}, "filed_on", "date_out_of_range"),
    (FILED_ORGS, {"name": ""}, "name", "required"),
    (HUB_LINKS, {"uscc": "BA999"}, "uscc", "unknown_reference"),
    # date bounds: from 1949-10-01 to the refresh date (2026-11-23) plus a month, a project's
    # start to the end of next year and its end to the end of the fifth year after the refresh
    (ORGANIZATIONS, {"registered_on": "0001-01-01"}, "registered_on", "date_out_of_range"),
    (ORGANIZATIONS, {"registered_on": "1949-09-30"}, "registered_on", "date_out_of_range"),
    (ORGANIZATIONS, {"deregistered_on": "2999-12-31"}, "deregistered_on", "date_out_of_range"),
    (HUBS, {"recognized_on": "1900-01-01"}, "recognized_on", "date_out_of_range"),
    (HUBS, {"revoked_on": "2026-12-25"}, "revoked_on", "date_out_of_range"),
    (HUB_LINKS, {"linked_on": "2099-05-01"}, "linked_on", "date_out_of_range"),
    (HUB_LINKS, {"ended_on": "2999-01-01"}, "ended_on", "date_out_of_range"),
    (PROJECTS, {"start_on": "2028-01-01"}, "start_on", "date_out_of_range"),
    (PROJECTS, {"end_on": "2032-01-01"}, "end_on", "date_out_of_range"),
    (FUNDING, {"paid_on": "2999-01-01"}, "paid_on", "date_out_of_range"),
    (FUNDING, {"paid_on": "2026-12-25"}, "paid_on", "date_out_of_range"),
]


@pytest.mark.parametrize(
    ("table", "changes", "column", "rule"), CASES, ids=[f"{t.name}-{r}-{c}" for t, _, c, r in CASES]
)
def test_a_row_breaking_a_rule_is_rejected_at_its_column(
    tmp_path: Path, table: Table, changes: dict[str, str], column: str, rule: str
) -> None:
    result = check(tmp_path, table, changes)
    assert result.accepted.height == 0
    assert result.rejected.select("line", "column", "rule").rows() == [(2, column, rule)]
    assert result.rejected["message"][0]


@pytest.mark.parametrize(
    "table",
    [ORGANIZATIONS, FILED_ORGS, HUBS, HUB_LINKS, PROJECTS, FUNDING, POPULATION],
    ids=lambda t: t.name,
)
def test_the_valid_base_row_passes_every_rule(tmp_path: Path, table: Table) -> None:
    result = check(tmp_path, table, {})
    assert result.rejected.is_empty()
    assert result.accepted.height == 1


@pytest.mark.parametrize(
    ("table", "changes"),
    [
        (ORGANIZATIONS, {"uscc": ORG_B, "org_type": "民办非企业单位"}),
        (ORGANIZATIONS, {"status": "注销", "deregistered_on": "2012-01-01"}),
        (ORGANIZATIONS, {"full_time_staff": "０", "has_union": "否", "rating": "5A"}),
        (HUBS, {"level": "乡镇级", "street_name": "望京街道", "district_code": "110105"}),
        (HUBS, {"revoked_on": "2009-01-01"}),
        (HUBS, {"district_code": "429004"}),  # a city-level hub of 仙桃, its own prefecture
        (HUBS, {"level": "区级", "district_code": "441900"}),  # 东莞 has no counties
        (HUB_LINKS, {"ended_on": "2010-05-01", "relation": "分支机构"}),
        (PROJECTS, {"end_on": "2012-02-01", "contract_amount_yuan": "0"}),
        (FUNDING, {"amount_yuan": "12.5万元", "source": "残疾人就业保障金"}),
        # every registration level; a non-county code is a place, never called nonexistent
        (ORGANIZATIONS, {"registration_level": "部级", "district_code": "100000"}),
        (ORGANIZATIONS, {"registration_level": "省级", "district_code": "510000"}),
        (ORGANIZATIONS, {"registration_level": "地市级", "district_code": "350300"}),
        (
            ORGANIZATIONS,
            {"registration_level": "县级", "status": "吊销", "deregistered_on": "2012-01-01"},
        ),
        # functional zones are county-level units
        (ORGANIZATIONS, {"district_code": "133100"}),
        (ORGANIZATIONS, {"district_code": "320576"}),
        (ORGANIZATIONS, {"district_code": "232761"}),
        (ORGANIZATIONS, {"district_code": "632857"}),
        (FILED_ORGS, {"district_code": "320576", "ended_on": "2015-03-01"}),
        (HUB_LINKS, {"uscc": "BA110105001"}),  # a filed organization, by its filing id
        # the last and first plausible day of each date column
        (ORGANIZATIONS, {"registered_on": "1949-10-01", "deregistered_on": "2026-12-24"}),
        (HUBS, {"recognized_on": "1949-10-01", "revoked_on": "2026-12-24"}),
        (HUB_LINKS, {"linked_on": "2026-12-24", "ended_on": "2026-12-24"}),
        (PROJECTS, {"start_on": "2027-12-31", "end_on": "2031-12-31"}),
        (FUNDING, {"paid_on": "2026-12-24"}),
    ],
    ids=lambda v: getattr(v, "name", None) or "-".join(v),
)
def test_a_row_at_the_edge_of_a_rule_passes(
    tmp_path: Path, table: Table, changes: dict[str, str]
) -> None:
    result = check(tmp_path, table, changes)
    assert result.rejected.is_empty(), result.rejected.to_dicts()


def test_a_cell_that_does_not_parse_is_reported_once_not_also_as_missing(tmp_path: Path) -> None:
    result = check(tmp_path, ORGANIZATIONS, {"registered_on": "去年"})
    assert result.rejected.select("column", "rule", "value").rows() == [
        ("registered_on", "date_format", "去年")
    ]


def test_a_row_breaking_two_rules_is_one_rejected_row_with_two_reasons(tmp_path: Path) -> None:
    result = check(tmp_path, ORGANIZATIONS, {"name": "", "district_code": "119999"})
    assert sorted(result.rejected["rule"].to_list()) == ["district_code", "required"]
    assert result.rows_rejected == 1


def test_the_message_names_the_column_in_chinese(tmp_path: Path) -> None:
    result = check(tmp_path, HUB_LINKS, {"ended_on": "2010-04-30"})
    assert result.rejected["message"].to_list() == ["解除日期早于纳入日期。"]
    result = check(tmp_path, ORGANIZATIONS, {"name": ""})
    assert result.rejected["message"].to_list() == ["必填项「社会组织名称」为空，请补填。"]


def test_a_retired_district_code_is_kept_with_a_warning_naming_todays_district(
    tmp_path: Path,
) -> None:
    result = check(tmp_path, ORGANIZATIONS, {"district_code": "110103"})
    assert result.accepted.height == 1
    assert result.warnings.rows() == [
        (
            2,
            "district_code",
            "retired_district_code",
            "110103",
            "区划代码110103（崇文区）已于2010年撤销，本行按现行区划计入110101（东城区）；"
            "请在源表中更新为现行代码。",
            "district_code",
            "已撤销的区划代码",
        )
    ]


def test_a_code_retired_in_2025_counts_in_the_new_district(tmp_path: Path) -> None:
    result = check(tmp_path, ORGANIZATIONS, {"district_code": "500105"})
    assert result.rejected.is_empty()
    assert result.warnings.select("rule", "message").rows() == [
        (
            "retired_district_code",
            "区划代码500105（江北区）已于2025年撤销，本行按现行区划计入500157（两江新区）；"
            "请在源表中更新为现行代码。",
        )
    ]


def test_a_code_split_into_several_warns_which_one_it_counts_in(tmp_path: Path) -> None:
    result = check(tmp_path, ORGANIZATIONS, {"district_code": "511721"})
    assert result.rejected.is_empty()
    assert result.warnings.select("rule", "message").rows() == [
        (
            "retired_district_split",
            "区划代码511721（达县）已于2013年撤销，其区域现分属511702（通川区）、511703（达川区）；"
            "本行计入511703（达川区）（多个现行区划时取名称延续者，其次取沿用原代码者、"
            "调整时新设者，再次取代码最小者）。",
        )
    ]


def test_a_reused_code_is_read_by_the_rows_date(tmp_path: Path) -> None:
    old = check(tmp_path, ORGANIZATIONS, {"district_code": "130107", "registered_on": "1985-06-01"})
    assert old.warnings.select("rule", "message").rows() == [
        (
            "reused_district_code",
            "区划代码130107现指井陉矿区（1992年起），在1985年指当时的井陉矿区（1989年撤销）；"
            "本行按1985年的含义计入130121（井陉县）。",
        )
    ]
    new = check(tmp_path, ORGANIZATIONS, {"district_code": "130107", "registered_on": "1995-06-01"})
    assert new.rejected.is_empty() and new.warnings.is_empty()


@pytest.mark.parametrize(
    ("table", "changes", "today"),
    [
        (HUBS, {"district_code": "513000", "recognized_on": "1998-01-01"}, "511700（达州市）"),
        (FUNDING, {"district_code": "110104"}, "110102（西城区）"),
        (PROJECTS, {"district_code": "110104"}, "110102（西城区）"),
        (POPULATION, {"district_code": "110104", "year": "2005"}, "110102（西城区）"),
    ],
    ids=lambda v: getattr(v, "name", None) or str(v),
)
def test_every_table_with_a_district_warns_on_a_retired_code(
    tmp_path: Path, table: Table, changes: dict[str, str], today: str
) -> None:
    result = check(tmp_path, table, changes)
    assert result.rejected.is_empty() and result.accepted.height == 1
    assert result.warnings["rule"].to_list() == ["retired_district_code"]
    assert f"计入{today}" in result.warnings["message"][0]


def test_an_unresolvable_1980_code_is_rejected_with_its_reason(tmp_path: Path) -> None:
    result = check(tmp_path, ORGANIZATIONS, {"district_code": "412101"})
    assert result.rejected.select("value", "message").rows() == [
        (
            "412101",
            "「区划代码」是1980年版的旧区划代码，1982年版重排代码后无法确定对应的现行区划，"
            "请改填现行代码。",
        )
    ]


def test_every_model_field_has_a_description() -> None:
    from schemas.models import MODELS

    for name, model in MODELS.items():
        schema = model.to_schema()
        missing = [col for col, spec in schema.columns.items() if not spec.description]
        assert not missing, f"{name}: {missing}"


def test_every_rule_of_the_models_has_a_clerk_message() -> None:
    from schemas.messages import MESSAGES
    from schemas.models import MODELS

    for model in MODELS.values():
        schema = model.to_schema()
        names = [c.name for c in schema.checks] + [
            c.name for col in schema.columns.values() for c in col.checks
        ]
        for name in names:
            rule = {"isin": "enum"}.get(name, name)
            assert rule in MESSAGES, name


def test_a_frame_with_the_wrong_type_is_a_bug_not_bad_data() -> None:
    from pipeline.validate import pandera_issues

    frame = pl.DataFrame({"__line": [2], "district_code": [1], "year": ["x"], "population": [1]})
    with pytest.raises(RuntimeError):
        pandera_issues(POPULATION, frame)


def test_an_unknown_header_is_a_warning_on_line_1(tmp_path: Path) -> None:
    result = check(tmp_path, ORGANIZATIONS, {"注销时间": "2012-01-01"})
    assert result.accepted.height == 1
    assert result.warnings.select("line", "column", "rule").rows() == [
        (1, "注销时间", "unknown_column")
    ]
    assert result.warnings["message"][0].startswith("这一列不是本表的列，已忽略")


def test_an_active_status_beside_a_deregistration_date_is_kept_with_a_warning(
    tmp_path: Path,
) -> None:
    result = check(tmp_path, ORGANIZATIONS, {"status": "正常", "deregistered_on": "2012-01-01"})
    assert result.accepted.height == 1
    assert result.warnings.select("column", "rule").rows() == [
        ("status", "active_but_deregistered")
    ]


def test_a_reference_into_a_file_that_was_not_given_is_unknown(tmp_path: Path) -> None:
    row = {**FUND, "project_id": "P404"}
    path = write_csv(tmp_path / "funding.csv", list(row), [list(row.values())])
    raw = read_table(path, FUNDING)
    typed, parse_issues = normalize(raw)
    organizations = check(tmp_path, ORGANIZATIONS, {})
    result = check_table(raw, typed, parse_issues, {"organizations": organizations})
    assert result.rejected.select("column", "rule", "message").rows() == [
        ("project_id", "unknown_reference", "「项目编号」在政府购买服务项目表中不存在。")
    ]


def test_a_date_out_of_range_says_the_window_in_the_clerks_words(tmp_path: Path) -> None:
    result = check(tmp_path, FUNDING, {"paid_on": "2999-01-01"})
    assert result.rejected.select("column_header", "rule_name", "value", "message").rows() == [
        (
            "paid_on",
            "日期超出可能范围",
            "2999-01-01",
            "「拨付日期」不在可能的日期范围内（1949-10-01 至 2026-12-24），请核对年份是否录错。",
        )
    ]
    result = check(tmp_path, ORGANIZATIONS, {"registered_on": "0001-01-01"})
    assert result.rejected["message"].to_list() == [
        "「成立登记日期」不在可能的日期范围内（不早于 1949-10-01），请核对年份是否录错。"
    ]


def test_a_far_future_registration_is_one_reason_not_two(tmp_path: Path) -> None:
    result = check(tmp_path, ORGANIZATIONS, {"registered_on": "2999-01-01"})
    assert result.rejected.select("column", "rule").rows() == [("registered_on", "not_in_future")]


def test_the_refresh_date_is_a_parameter_that_moves_the_window(tmp_path: Path) -> None:
    late_payment = {"paid_on": "2026-12-20"}
    assert check(tmp_path, FUNDING, late_payment, dt.date(2026, 11, 23)).accepted.height == 1
    early = check(tmp_path, FUNDING, late_payment, dt.date(2026, 11, 1))
    assert early.rejected.select("rule", "message").rows() == [
        (
            "date_out_of_range",
            "「拨付日期」不在可能的日期范围内（1949-10-01 至 2026-12-02），请核对年份是否录错。",
        )
    ]


def test_every_date_column_has_a_window() -> None:
    from schemas.dates import WINDOWS
    from schemas.tables import TABLES

    dated = {(t.name, c.name) for t in TABLES for c in t.columns if c.kind == "date"}
    assert dated == set(WINDOWS)


def test_the_report_names_the_column_by_the_header_the_clerks_file_used(tmp_path: Path) -> None:
    row = {"拨付编号": "F1", "收款组织统一社会信用代码": ORG_A, "资金来源": "财政资金"}
    row |= {"金额(元)": "0", "拨付日期": "2012-03-01"}
    path = write_csv(tmp_path / "funding.csv", list(row), [list(row.values())])
    raw = read_table(path, FUNDING)
    typed, parse_issues = normalize(raw)
    organizations = check(tmp_path, ORGANIZATIONS, {})
    result = check_table(raw, typed, parse_issues, {"organizations": organizations})
    assert result.rejected.select("column", "column_header", "rule", "rule_name").rows() == [
        ("amount_yuan", "金额(元)", "greater_than", "必须大于 0")
    ]


def test_every_rule_with_a_message_has_a_name_in_both_languages() -> None:
    from schemas.messages import MESSAGES, RULE_NAMES

    assert set(RULE_NAMES) == set(MESSAGES)
    assert all(zh and en and zh != en for zh, en in RULE_NAMES.values())
