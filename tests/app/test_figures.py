"""Figures on the pages equal hand counts made directly from the clean tables, before and after a filter."""

from __future__ import annotations

from datetime import date

import duckdb
import polars as pl
import pytest

from dashboard.core.charts import ranked_ends
from dashboard.core.numbers import fmt_int, fmt_money, fmt_rate
from tests.app.conftest import (
    ACTIVE,
    ACTIVE_ORGS,
    LINKED_ORGS,
    MERGED,
    metrics,
    one,
    run,
    today_sql,
)


def _district_coverage(con: duckdb.DuckDBPyConnection, d: date) -> list[tuple[str, int, int]]:
    """(district, linked, active) for every district of today, by hand."""
    sql = f"""
    select {today_sql("o.district_code")}, count(distinct o.uscc) filter (where k.uscc is not null), count(distinct o.uscc)
    from clean.organizations o left join (
        select l.uscc from clean.hub_links l join clean.hubs h on h.hub_id = l.hub_id
        where l.linked_on <= $d and (l.ended_on is null or l.ended_on > $d)
          and h.recognized_on <= $d and (h.revoked_on is null or h.revoked_on > $d)) k on k.uscc = o.uscc
    where {ACTIVE} group by 1 order by 1"""
    return con.execute(sql, {"d": d}).fetchall()


@pytest.fixture(scope="module")
def lowest(con: duckdb.DuckDBPyConnection, last_year: int) -> tuple[str, int, int]:
    """The district with the lowest coverage at the default year-end (the leader's question)."""
    rows = _district_coverage(con, date(last_year, 12, 31))
    return min(rows, key=lambda r: (r[1] / r[2], r[0]))


def test_hub_counts_by_level_match_the_hub_register(
    con: duckdb.DuckDBPyConnection, last_year: int
) -> None:
    shown = metrics(run())
    d = date(last_year, 12, 31)
    for level, card in [("city", "市级枢纽"), ("district", "区级枢纽"), ("street", "街道级枢纽")]:
        count = one(
            con,
            "select count(*) from clean.hubs where level = $l and recognized_on <= $d"
            " and (revoked_on is null or revoked_on > $d)",
            {"l": level, "d": d},
        )
        assert shown[card] == fmt_int(count)


def test_city_coverage_is_linked_over_active(
    con: duckdb.DuckDBPyConnection, last_year: int
) -> None:
    d = {"d": date(last_year, 12, 31)}
    linked, active = one(con, LINKED_ORGS, d), one(con, ACTIVE_ORGS, d)
    shown = metrics(run())
    assert shown["联系社会组织"] == fmt_int(linked)
    assert shown["存续社会组织"] == fmt_int(active)
    assert shown["覆盖率"] == fmt_rate(linked / active)


def test_choosing_one_district_shows_that_district_only(lowest: tuple[str, int, int]) -> None:
    code, linked, active = lowest
    at = run()
    at.multiselect(key="f_districts").set_value([code]).run()
    shown = metrics(at)
    assert shown["联系社会组织"] == fmt_int(linked)
    assert shown["覆盖率"] == fmt_rate(linked / active)
    assert at.query_params["region"] in (code, [code])


def test_a_hub_type_filter_counts_only_that_type(
    con: duckdb.DuckDBPyConnection, last_year: int
) -> None:
    d = {"d": date(last_year, 12, 31)}
    women = one(con, LINKED_ORGS + " and h.hub_type = 'women'", d)
    at = run()
    at.multiselect(key="f_hub_types").set_value(["women"]).run()
    assert metrics(at)["联系社会组织"] == fmt_int(women)


def test_a_level_filter_keeps_only_that_level(
    con: duckdb.DuckDBPyConnection, last_year: int
) -> None:
    d = {"d": date(last_year, 12, 31)}
    street = one(con, LINKED_ORGS + " and h.level = 'street'", d)
    at = run(params={"level": "street"})
    shown = metrics(at)
    assert "市级枢纽" not in shown and "街道级枢纽" in shown
    assert shown["联系社会组织"] == fmt_int(street)


def test_an_org_type_filter_narrows_the_denominator(
    con: duckdb.DuckDBPyConnection, last_year: int
) -> None:
    d = {"d": date(last_year, 12, 31)}
    foundations = one(con, ACTIVE_ORGS + " and o.org_type = 'foundation'", d)
    at = run(params={"org_type": "foundation"})
    assert metrics(at)["存续社会组织"] == fmt_int(foundations)


def test_an_earlier_year_and_baseline_change_the_figures(
    con: duckdb.DuckDBPyConnection, last_year: int
) -> None:
    year, base = last_year - 2, last_year - 6
    linked_now = one(con, LINKED_ORGS, {"d": date(year, 12, 31)})
    linked_base = one(con, LINKED_ORGS, {"d": date(base, 12, 31)})
    at = run(params={"year": str(year), "base": str(base)})
    card = next(m for m in at.metric if m.label == "联系社会组织")
    assert card.value == fmt_int(linked_now)
    assert card.delta.startswith(
        ("+" if linked_now >= linked_base else "-") + fmt_int(abs(linked_now - linked_base))
    )


def test_drill_down_lists_the_organizations_behind_the_bar(lowest: tuple[str, int, int]) -> None:
    code, linked, active = lowest
    at = run("coverage/page.py", {"drill": code})
    shown = metrics(at)
    assert shown["存续社会组织"] == fmt_int(active) and shown["覆盖率"] == fmt_rate(linked / active)
    assert len(at.dataframe[0].value) == active
    at.button_group(key="drill_show").set_value("not_linked").run()
    assert len(at.dataframe[0].value) == active - linked
    at.button(key="crumb_top").click().run()
    assert not at.exception and "drill" not in at.query_params and "region" not in at.query_params


def test_funding_of_a_district_in_a_year(
    con: duckdb.DuckDBPyConnection, lowest: tuple[str, int, int], last_year: int
) -> None:
    code = lowest[0]
    amount = one(
        con,
        """
        select sum(f.amount_yuan) from clean.funding f join clean.organizations o on o.uscc = f.recipient_uscc
        where year(f.paid_on) = $y and {district} = $c""".format(
            district=today_sql("coalesce(f.district_code, o.district_code)")
        ),
        {"y": last_year, "c": code},
    )
    at = run("funding/page.py", {"district": code})
    table = at.dataframe[0].value
    assert len(table) == 1
    assert table["金额(万元)"].iloc[0] == pytest.approx(round(float(amount) / 1e4, 2))


def test_quality_lists_every_rejected_row_of_the_last_run(con: duckdb.DuckDBPyConnection) -> None:
    run_id = one(con, "select run_id from quality.runs order by started_at desc limit 1")
    rejected = one(
        con, "select count(*) from quality.rejected_rows where run_id = $r", {"r": run_id}
    )
    at = run("quality/page.py")
    groups = at.dataframe[-2].value
    assert groups["行数"].sum() == rejected
    rows = at.dataframe[-1].value
    assert len(rows) == min(rejected, 10_000)
    assert set(rows.columns) >= {"文件", "行号", "列", "规则", "原值", "说明"}
    file = rows["文件"].iloc[0]
    at.multiselect(key="q_files").set_value([file]).run()
    in_file = one(
        con,
        "select count(*) from quality.rejected_rows where run_id = $r and file = $f",
        {"r": run_id, "f": file},
    )
    assert len(at.dataframe[-1].value) == in_file


def test_an_organization_page_shows_its_register_entry(con: duckdb.DuckDBPyConnection) -> None:
    uscc, name = con.execute(
        "select o.uscc, o.name from clean.organizations o join clean.hub_links l on l.uscc = o.uscc limit 1"
    ).fetchall()[0]
    at = run("organizations/page.py", {"org_q": uscc})
    assert at.selectbox(key="org").value == uscc
    entry = at.dataframe[1].value
    assert dict(zip(entry["字段"], entry["内容"], strict=True))["名称"] == name
    links = one(con, "select count(*) from clean.hub_links where uscc = $u", {"u": uscc})
    assert len(at.dataframe[2].value) == links


def test_the_samples_retired_codes_are_the_hand_written_ones(
    con: duckdb.DuckDBPyConnection,
) -> None:
    filed = con.execute(
        "select distinct district_code from clean.organizations union"
        " select distinct district_code from clean.funding where district_code is not null"
        " except select region_code from ref.regions where is_current order by 1"
    ).fetchall()
    assert [code for (code,) in filed] == sorted(MERGED)


def test_no_retired_district_is_listed_and_the_lowest_is_a_district_of_today(
    con: duckdb.DuckDBPyConnection, lowest: tuple[str, int, int]
) -> None:
    at = run("coverage/page.py")
    assert not any(
        "已撤销" in str(v) for frame in at.dataframe for v in frame.value.to_numpy().ravel()
    )
    assert lowest[0] not in MERGED
    assert at.multiselect(key="f_districts").options and not any(
        "已撤销" in option for option in at.multiselect(key="f_districts").options
    )


def test_an_organization_filed_under_a_retired_code_shows_it_and_todays_district(
    con: duckdb.DuckDBPyConnection,
) -> None:
    uscc = one(con, "select min(uscc) from clean.organizations where district_code = '110103'")
    at = run("organizations/page.py", {"org_q": uscc})
    entry = at.dataframe[1].value
    shown = dict(zip(entry["字段"], entry["内容"], strict=True))
    assert shown["登记区划"] == "110103 崇文区（已撤销）"
    assert shown["现属区县"] == "110101 东城区"


def test_ranked_ends_keeps_the_lowest_and_highest_rows_only_when_there_are_many() -> None:
    ranked = pl.DataFrame({"district_code": [str(i) for i in range(7)]})
    assert ranked_ends(ranked, 2)["district_code"].to_list() == ["0", "1", "5", "6"]
    assert ranked_ends(ranked, 4).equals(ranked)


def test_the_source_filter_behind_the_drill_down_funding_is_shown(
    con: duckdb.DuckDBPyConnection, lowest: tuple[str, int, int], last_year: int
) -> None:
    code = lowest[0]
    amount = one(
        con,
        """
        select coalesce(sum(f.amount_yuan), 0) from clean.funding f
        join clean.organizations o on o.uscc = f.recipient_uscc
        where year(f.paid_on) = $y and {district} = $c
          and f.source = 'lottery'""".format(
            district=today_sql("coalesce(f.district_code, o.district_code)")
        ),
        {"y": last_year, "c": code},
    )
    at = run("coverage/page.py", {"drill": code, "source": "lottery"})
    assert at.multiselect(key="f_sources").value == ["lottery"]
    assert "资金来源：彩票公益金" in at.caption[1].value
    assert metrics(at)[f"{last_year}年资金"] == fmt_money(float(amount), "zh")


def test_the_map_marks_the_lowest_coverage_warm_like_the_bars() -> None:
    from plotly.colors import unlabel_rgb

    from dashboard.coverage.charts import district_map

    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    shapes = {
        "features": [
            {"properties": {"code": c, "area": 1.0, "centre": [0.5, 0.5]}, "geometry": square}
            for c in ("1", "2")
        ]
    }
    df = pl.DataFrame({"district_code": ["1", "2"], "district_name": ["低", "高"],
                       "coverage_rate": [0.1, 0.9]})  # fmt: skip
    fig = district_map(df, shapes, "zh", "")
    low, high = (unlabel_rgb(fig.data[i].fillcolor) for i in (0, 1))
    assert low[0] > low[2] and high[2] > high[0]  # lowest red, highest blue
