"""quality.file_columns records the columns each file delivered; the profile leaves the others blank."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.refresh import refresh_warehouse
from tests.unit import registers as r

# The tiny register's organizations file headed in the clerk's words, without rating,
# registration_mode, service_domain, full_time_staff and has_union.
CHINESE_HEADER = ["统一社会信用代码", "社会组织名称", "类型", "登记级别", "所在区划代码", "成立日期",
                  "注销日期", "登记状态", "是否建立党组织"]  # fmt: skip


def _refresh(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    raw = r.write_register(tmp_path / "raw")
    r.write_csv(raw / "organizations.csv", CHINESE_HEADER, r.ORGS, "gb18030")
    result = refresh_warehouse(raw, tmp_path / "hub.duckdb", lambda _: None)
    assert result.status == "succeeded", result.error
    return duckdb.connect(str(tmp_path / "hub.duckdb"), read_only=True)


def test_each_delivered_column_is_recorded_with_the_files_own_header(tmp_path: Path) -> None:
    con = _refresh(tmp_path)
    try:
        ((run_id,),) = con.execute("select run_id from quality.release").fetchall()
        got = con.execute(
            'select run_id, file, "column", header from quality.file_columns'
            " where table_name = 'organizations' order by \"column\""
        ).fetchall()
        tables = con.execute(
            "select table_name, file, count(*) from quality.file_columns group by all order by 1"
        ).fetchall()
    finally:
        con.close()
    canonical = ["uscc", "name", "org_type", "registration_level", "district_code",
                 "registered_on", "deregistered_on", "status", "has_party_org"]  # fmt: skip
    assert got == sorted(
        (
            (run_id, "organizations.csv", c, h)
            for c, h in zip(canonical, CHINESE_HEADER, strict=True)
        ),
        key=lambda row: row[2],
    )
    assert tables == [
        ("funding", "funding.csv", len(r.FUNDING_HEADER)),
        ("hub_links", "hub_links.csv", len(r.LINK_HEADER)),
        ("hubs", "hubs.csv", len(r.HUB_HEADER)),
        ("organizations", "organizations.csv", 9),
        ("projects", "projects.csv", len(r.PROJECT_HEADER)),
    ]


def test_the_profile_counts_what_was_delivered_and_leaves_the_rest_not_provided(
    tmp_path: Path,
) -> None:
    con = _refresh(tmp_path)
    try:
        got = con.execute(
            "select sum(active_orgs), sum(with_party_org), sum(with_union), sum(rated_4a_plus),"
            " sum(direct_registered), sum(full_time_staff), count(service_domain)"
            " from marts.register_profile where year(as_of) = 2012"
        ).fetchall()
    finally:
        con.close()
    # end 2012: A (party 是), B (否, deregistered 2014), C (Y) are active
    assert got == [(3, 2, None, None, None, None, 0)]
