"""The dashboard's faster formulations (the whole register's hub types from marts.hub_type_coverage,
the top recipients' total counted apart) give exactly what they replace, every year-end; and the
comparison fails where a mart differs."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from tests.app.fast_paths import compare


def _differing(warehouse: Path, tmp_path: Path, change: str) -> list[str]:
    """The comparisons that differ on a copy of the warehouse with `change` made to a mart."""
    changed = tmp_path / "changed.duckdb"
    shutil.copy(warehouse, changed)
    with duckdb.connect(str(changed)) as con:
        con.execute(change)
    return [name for name, _, _, problem in compare(changed) if problem]


def test_every_year_end_is_equal_both_ways(warehouse: Path) -> None:
    found = compare(warehouse)
    assert len(found) > 20
    assert [(name, problem) for name, _, _, problem in found if problem] == []


def test_a_changed_hub_type_figure_is_found(warehouse: Path, tmp_path: Path) -> None:
    differs = _differing(
        warehouse,
        tmp_path,
        "update marts.hub_type_coverage set linked_orgs = linked_orgs + 1 "
        "where hub_type = 'union' and as_of = (select max(as_of) from marts.calendar)",
    )
    assert differs and all(name.startswith("hub_types") for name in differs)


def test_a_viewer_with_a_scope_gets_nothing_from_the_whole_register_query(warehouse: Path) -> None:
    from dashboard.core.door import compose
    from dashboard.core.filters import Filters
    from dashboard.coverage.queries import HUB_TYPES_WHOLE

    f = Filters(year=2015, base_year=2015, scope=("110101",))
    text, params = compose(HUB_TYPES_WHOLE, w=f.where_sql({"global": "-"}))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.sql(text, params={**params, "dates": [f.as_of]}).fetchall()
    assert rows == []


def test_the_kept_top_recipients_hold_every_tie_at_their_cut(
    warehouse: Path, tmp_path: Path
) -> None:
    """marts.top_recipients keeps every recipient at least as large as the year's 100th, so the page's
    first N (amount, then uscc) are the same whichever recipients tie at the cut: made here by giving
    the 90th to 130th largest of the last year one amount, and the mart built again."""
    from pipeline.transform import build_model

    changed = tmp_path / "ties.duckdb"
    shutil.copy(warehouse, changed)
    with duckdb.connect(str(changed)) as con:
        ((year,),) = con.execute("select max(year) from marts.recipient_year").fetchall()
        con.execute(
            "create temp table ranked as select recipient_uscc, row_number() over ("
            " order by amount_yuan desc, recipient_uscc) as n from marts.recipient_year where year = $y",
            {"y": year},
        )
        con.execute(
            "update marts.recipient_year r set amount_yuan = if(k.n <= 130, 1.00, 0.50) from ranked k"
            " where r.year = $y and r.recipient_uscc = k.recipient_uscc and k.n >= 90",
            {"y": year},
        )
        build_model(con, "marts.top_recipients")
        ((kept,),) = con.execute(
            "select count(*) from marts.top_recipients where year = $y", {"y": year}
        ).fetchall()
    assert kept == 130  # 89 above the cut, every one of the 41 tied at it
    found = {name: problem for name, _, _, problem in compare(changed)}
    assert found[f"top_recipients_whole {year} limit 100"] is None


def test_a_changed_kept_recipient_is_found(warehouse: Path, tmp_path: Path) -> None:
    differs = _differing(
        warehouse,
        tmp_path,
        "update marts.top_recipients set records = records + 1 where year = "
        "(select max(year) from marts.top_recipients) and recipient_uscc = (select min_by("
        "recipient_uscc, -amount_yuan) from marts.top_recipients where year = "
        "(select max(year) from marts.top_recipients))",
    )
    assert differs and all(name.startswith("top_recipients_whole") for name in differs)
