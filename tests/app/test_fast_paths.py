"""The dashboard's faster formulations (the whole register's hub types from marts.hub_type_coverage,
the top recipients' total counted apart) give exactly what they replace, every year-end; and the
comparison fails where a mart differs."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from tests.app.fast_paths import compare


def test_every_year_end_is_equal_both_ways(warehouse: Path) -> None:
    found = compare(warehouse)
    assert len(found) > 20
    assert [(name, problem) for name, _, _, problem in found if problem] == []


def test_a_changed_hub_type_figure_is_found(warehouse: Path, tmp_path: Path) -> None:
    changed = tmp_path / "changed.duckdb"
    shutil.copy(warehouse, changed)
    with duckdb.connect(str(changed)) as con:
        con.execute(
            "update marts.hub_type_coverage set linked_orgs = linked_orgs + 1 "
            "where hub_type = 'union' and as_of = (select max(as_of) from marts.calendar)"
        )
    differs = [name for name, _, _, problem in compare(changed) if problem]
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
