"""社会组织概况: union and party coverage counted all ways (有形覆盖 formal, 有效覆盖 effective, each
form): the table and the summary as pure functions of hand-made cells, and the page against hand
counts of the bundled sample's register."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest

from dashboard.core.numbers import fmt_rate
from dashboard.profile import summary, ways
from dashboard.profile import tables as profile
from dashboard.profile.queries import PROFILE_COUNTS
from tests.app.conftest import ACTIVE, run, today_sql
from tests.app.test_profile import PAGE, cell, frame

FORMS = ("union_form", "party_org_form")
FLAGS = ("has_union", "has_party_org")


def _cells(**counts: int) -> pl.DataFrame:
    """One cell of 20 active organizations (social groups, district level, linked)."""
    row = dict.fromkeys(PROFILE_COUNTS, 0) | {"active_orgs": 20, "linked_orgs": 20} | counts
    keys = {"org_type": "social_group", "registration_level": "district",
            "service_domain": "workers", "is_linked": True}  # fmt: skip
    return pl.DataFrame([keys | row])


# Unions: 8 flagged, 13 in some form (6 through the supervising unit, 3 own, 2 joint, 2 flagged
# without a form); party: 4 flagged, 5 formal (1 own, 1 joint, 2 the supervising unit's).
CELLS = _cells(
    with_union=8, with_union_formal=13, with_union_effective=5, union_own=3, union_joint=2,
    union_via_supervisor=6, with_party_org=4, with_party_org_formal=5,
    with_party_org_effective=2, party_org_own=1, party_org_joint=1, party_org_via_supervisor=2,
)  # fmt: skip


def _column(frame: pl.DataFrame, name: str) -> list[object]:
    return frame[name].to_list()


def test_every_way_counted_and_its_share_of_the_active() -> None:
    table = ways.table(CELLS, (), "zh")
    assert _column(table, "way") == list(ways.WAYS)
    assert _column(table, "union_orgs") == [8, 13, 3, 2, 6, 2, 5]
    assert _column(table, "party_org_orgs") == [4, 5, 1, 1, 2, 1, 2]
    assert _column(table, "union_share")[1] == 13 / 20 and _column(table, "union_share")[-1] == 0.25
    assert _column(table, "label")[1] == "有形覆盖（任一方式）"


def test_without_the_forms_only_the_flag_and_formal_are_counted() -> None:
    cells = CELLS.with_columns(pl.col("with_union").alias("with_union_formal"))
    table = ways.table(cells, FORMS, "zh")
    assert _column(table, "union_orgs") == [8, 8, None, None, None, None, None]
    assert ways.facts(cells, FORMS) == {"union_ways": None, "party_org_ways": None}
    assert not ways.provided(FORMS) and ways.provided(("union_form",))


def test_without_the_flags_formal_is_any_form_and_the_flag_not_provided() -> None:
    table = ways.table(CELLS, FLAGS, "zh")
    assert _column(table, "union_orgs") == [None, 13, 3, 2, 6, 2, 5]


def test_with_neither_column_no_way_is_counted_and_none_is_zero() -> None:
    table = ways.table(CELLS, FLAGS + FORMS, "zh")
    assert set(_column(table, "union_orgs")) == {None}
    assert set(_column(table, "party_org_share")) == {None}


def _summary(cells: pl.DataFrame, missing: tuple[str, ...], lang: str = "zh") -> str:
    p = profile.Profile(2015, cells, pl.DataFrame(), missing, {"prefectures": 1})
    return summary.of_profile(p, [], lang)  # type: ignore[arg-type]


def test_the_summary_says_formal_and_effective_and_names_the_supervising_unit() -> None:
    text = _summary(CELLS, ())
    assert text.endswith(
        "党组织有形覆盖率约25.0%（5家，其中依托主管单位的2家），有效覆盖率约10.0%（单独或联合建立2家）；"
        "工会组织有形覆盖率约65.0%（13家，其中依托主管单位工会的6家），有效覆盖率约25.0%（单独或联合建会5家）。"
    )
    assert "建立工会的" not in text and "建立党组织的" not in text
    english = _summary(CELLS, (), "en")
    assert english.endswith(
        "; formal union coverage about 65.0% (13, 6 of them through the supervising unit's union),"
        " effective about 25.0% (5 with their own or a joint union)."
    )


def test_the_summary_keeps_the_flags_clause_where_the_form_was_not_delivered() -> None:
    text = _summary(CELLS, ("party_org_form",))
    assert "建立党组织的4家，党组织覆盖率约20.0%" in text
    assert "工会组织有形覆盖率约65.0%" in text and "党组织有形覆盖率" not in text


def _hand(con: duckdb.DuckDBPyConnection, year: int, district: str | None) -> dict[str, int]:
    """Each way counted from clean.organizations on a year-end, by DOMAIN.md's words."""
    ways_sql = {
        "active": "true",
        "union_formal": "o.has_union or o.union_form is not null",
        "union_effective": "o.union_form in ('own', 'joint')",
        "union_via": "o.union_form = 'via_supervisor'",
        "party_formal": "o.has_party_org or o.party_org_form is not null",
        "party_effective": "o.party_org_form in ('own', 'joint')",
        "party_via": "o.party_org_form = 'via_supervisor'",
    }
    where = ACTIVE + (f" and {today_sql('o.district_code')} = '{district}'" if district else "")
    counts = ", ".join(f"count(*) filter (where {c})" for c in ways_sql.values())
    row = con.execute(
        f"select {counts} from clean.organizations o where {where}", {"d": date(year, 12, 31)}
    ).fetchone()
    assert row is not None
    return dict(zip(ways_sql, row, strict=True))


@pytest.mark.parametrize("district", [None, "110105"])
def test_the_page_counts_each_way_as_a_hand_count_finds(
    con: duckdb.DuckDBPyConnection, last_year: int, district: str | None
) -> None:
    want = _hand(con, last_year, district)
    at = run(PAGE, {"region": district} if district else {})
    table = frame(at, "口径")
    assert cell(table, "有形覆盖（任一方式）", "工会：组织数") == want["union_formal"]
    assert cell(table, "有效覆盖（单独或联合建立）", "工会：组织数") == want["union_effective"]
    assert cell(table, "　　　　依托主管单位", "工会：组织数") == want["union_via"]
    assert cell(table, "有形覆盖（任一方式）", "党组织：组织数") == want["party_formal"]
    assert cell(table, "有效覆盖（单独或联合建立）", "党组织：组织数") == want["party_effective"]
    assert cell(table, "　　　　依托主管单位", "党组织：组织数") == want["party_via"]
    rate = fmt_rate(want["union_effective"] / want["active"])
    assert f"有效覆盖率约{rate}（单独或联合建会{want['union_effective']}家）" in at.text[0].value
    assert want["union_formal"] > want["union_effective"] > 0  # the two ways differ here


def test_a_form_drills_to_its_organizations(con: duckdb.DuckDBPyConnection, last_year: int) -> None:
    want = _hand(con, last_year, "110101")["union_via"]
    at = run(PAGE, {"pick": "union_form:via_supervisor", "region": "110101"})
    shown = at.dataframe[0].value
    assert len(shown) == want and set(shown["工会建立方式"]) == {"依托主管单位"}
    assert any(
        f"工会建立方式：依托主管单位（{want} 家存续社会组织）" in c.value for c in at.caption
    )


def test_the_english_page_names_the_ways(warehouse: Path) -> None:
    at = run(PAGE, {"lang": "en"})
    table = frame(at, "Counted as")
    assert {"Formal coverage (any form)", "Effective coverage (own or joint)"} <= set(
        table["Counted as"]
    )
    assert "formal union coverage about" in at.text[0].value


def test_an_organizations_entry_says_how_its_union_and_party_are_set_up(
    con: duckdb.DuckDBPyConnection,
) -> None:
    uscc, party = con.execute(
        "select uscc, party_org_form from clean.organizations"
        " where union_form = 'via_supervisor' order by uscc limit 1"
    ).fetchall()[0]
    at = run("organizations/page.py", {"org_q": uscc})
    entry = at.dataframe[1].value
    fields = dict(zip(entry["字段"], entry["内容"], strict=True))
    assert fields["工会建立方式"] == "依托主管单位"
    assert fields["党组织建立方式"] == {None: "—", "own": "单独建立", "joint": "联合建立",
                                         "via_supervisor": "依托主管单位"}[party]  # fmt: skip
