"""The Funding page's delivery figures read in one scan (funding.queries.PROVIDER_SECTION) equal the
five queries they replace on the bundled sample, every year, scoped and narrowed; and the comparison
fails when one figure of the one scan differs."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest

from dashboard.core.door import compose
from dashboard.core.filters import Filters
from dashboard.funding import queries as funding
from tests.app.provider_paths import WHERE, compare


def test_every_selection_is_equal_both_ways(warehouse: Path) -> None:
    found = compare(warehouse)
    assert len(found) >= 9
    assert [(name, problems) for name, _, _, problems in found if problems] == []


@pytest.mark.parametrize(
    ("right", "wrong"),
    [
        (
            "count(provider_uscc) filter (where rating_band",
            "count(*) filter (where true or rating_band",
        ),  # 4A+ providers
        (
            "sum(projects) filter (where rating_band",
            "sum(projects) filter (where true or rating_band",
        ),  # 4A+ projects
        ("when projects = 1 then '1'", "when projects = 0 then '1'"),  # a bucket's edge
        ("in ('organizations', 'projects')", "in ('organizations')"),  # the delivery's columns
    ],
)
def test_a_changed_figure_is_found(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch, right: str, wrong: str
) -> None:
    assert funding.PROVIDER_SECTION.count(right) == 1
    monkeypatch.setattr(funding, "PROVIDER_SECTION", funding.PROVIDER_SECTION.replace(right, wrong))
    assert any(problems for *_, problems in compare(warehouse))


def test_a_selection_without_rows_has_one_totals_row(warehouse: Path) -> None:
    con = duckdb.connect(str(warehouse), read_only=True)
    ((last,),) = con.sql("select max(year) from marts.calendar").fetchall()
    f = Filters(year=last + 1, base_year=last + 1)  # no project starts after the calendar
    text, params = compose(funding.PROVIDER_SECTION, w=f.where_sql(WHERE))
    rows = con.sql(text, params=params).pl()
    con.close()
    assert rows.filter(pl.col("part") != "total").is_empty()
    assert rows.filter(pl.col("part") == "total").height == 1
    assert funding._section_totals(rows) | {"delivered": None} == {
        "projects": 0, "contract_amount_yuan": 0.0, "amount_4a_plus": 0.0, "providers": 0,
        "providers_4a_plus": 0, "delivered": None,
    }  # fmt: skip
