"""A capped table says how many rows it shows of how many (显示 N 行，共 M 行), the total counted from the
warehouse by hand; a table under its cap says 共 M 行 / how many were found."""

from __future__ import annotations

import duckdb
import pytest

from dashboard.core.numbers import fmt_int
from dashboard.frame import counts
from dashboard.organizations import queries as org_queries
from dashboard.quality import queries as quality_queries
from tests.app.conftest import one, run


def _captions(at) -> list[str]:  # noqa: ANN001 - AppTest
    return [c.value for c in at.caption]


def test_the_sentence_says_shown_of_total_only_when_cut() -> None:
    assert counts.rows_note(3, 3, "zh") == "共 3 行。"
    assert counts.rows_note(1234, 1234, "en") == "1,234 rows."
    assert counts.rows_note(50, 1234, "zh") == "显示 50 行，共 1,234 行。"
    assert counts.rows_note(50, 1234, "en") == "Showing 50 of 1,234 rows."
    cut = counts.rows_note(50, 1234, "en", "orgs.found_many")
    assert cut.startswith("Showing 50 of 1,234 rows. Type more")


def test_a_search_past_its_cap_says_how_many_it_found_in_all(
    con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    total = one(con, "select count(*) from staging.organizations where contains(name, '协会')")
    assert isinstance(total, int) and total > 5, total
    monkeypatch.setattr(org_queries, "SEARCH_LIMIT", 5)
    at = run("organizations/page.py", {"org_q": "协会"})
    assert len(at.dataframe[0].value) == 5
    said = f"显示 5 行，共 {fmt_int(total)} 行。"
    assert any(c.startswith(said) for c in _captions(at)), _captions(at)
    monkeypatch.setattr(org_queries, "SEARCH_LIMIT", total)  # under the cap: how many found
    at = run("organizations/page.py", {"org_q": "协会"})
    assert f"找到 {fmt_int(total)} 家。" in " ".join(_captions(at))
    assert not any(c.startswith("显示") for c in _captions(at))


def test_the_quality_rows_say_shown_of_all_the_runs_issues(
    con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_id = one(con, "select run_id from quality.runs order by started_at desc limit 1")
    # the page opens on the rejected rows (warnings are a choice away)
    total = one(con, "select count(*) from quality.rejected_rows where run_id = $r", {"r": run_id})
    assert isinstance(total, int) and total > 7, total
    monkeypatch.setattr(quality_queries, "ROW_LIMIT", 7)
    at = run("quality/page.py", {})
    said = f"显示 7 行，共 {fmt_int(total)} 行。"
    assert any(c.startswith(said) for c in _captions(at)), _captions(at)
    monkeypatch.setattr(quality_queries, "ROW_LIMIT", total)
    at = run("quality/page.py", {})
    assert f"共 {fmt_int(total)} 行。" in _captions(at), _captions(at)


def test_the_top_recipients_say_how_many_recipients_there_are(
    con: duckdb.DuckDBPyConnection, last_year: int
) -> None:
    total = one(
        con,
        "select count(distinct recipient_uscc) from clean.funding where year(paid_on) = $y",
        {"y": last_year},
    )
    assert isinstance(total, int) and total > 20, total
    at = run("funding/page.py", {"lang": "en"})
    assert f"Showing 20 of {fmt_int(total)} rows." in " ".join(_captions(at)), _captions(at)
