"""Every CSV the dashboard offers is plain data: read back by Python's csv and by polars, each cell is the
value it was written from (codes as their digits, money exact in 万元, rates in %), with the .xlsx for
people beside it."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest

from dashboard.core.export import Col, table_csv
from dashboard.core.filters import Filters
from dashboard.frame import queries, ui
from dashboard.overview import briefing
from dashboard.overview.pack import WORKBOOK, briefing_zip
from pipeline.csvsafe import is_identifier
from tests.app.conftest import run
from tests.app.roundtrip import assert_round_trips, rows_of

Seen = list[tuple[pl.DataFrame, tuple[Col, ...], str]]


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Seen:
    """Every table or chart download a page draws: the rows, columns and name given to ui.download."""
    seen: Seen = []
    original = ui.download

    def spy(df: pl.DataFrame, cols, what: str, key: str, *rest: str) -> None:  # noqa: ANN001
        seen.append((df, tuple(cols), what))
        original(df, cols, what, key, *rest)

    monkeypatch.setattr(ui, "download", spy)
    return seen


def _pages(con: duckdb.DuckDBPyConnection, last_year: int) -> list[tuple[str | None, dict]]:
    code = con.execute(
        "select district_code from marts.district_coverage where as_of = $d and linked_orgs > 0"
        " order by active_orgs, district_code limit 1",
        {"d": date(last_year, 12, 31)},
    ).fetchall()[0][0]
    (uscc,) = con.execute(  # an organization with links, projects and funding: every table shows
        "select f.recipient_uscc from clean.funding f join clean.hub_links l on l.uscc ="
        " f.recipient_uscc group by 1 order by count(*) desc, 1 limit 1"
    ).fetchone()
    return [
        (None, {}),
        ("coverage/page.py", {}),
        ("coverage/page.py", {"drill": code}),
        ("funding/page.py", {}),
        ("profile/page.py", {}),
        ("organizations/page.py", {"org_q": uscc[:10], "org": uscc}),
        ("changes/page.py", {}),
        ("quality/page.py", {}),
    ]


def test_every_download_of_every_page_round_trips_to_the_values_shown(
    warehouse: Path, con: duckdb.DuckDBPyConnection, last_year: int, downloads: Seen
) -> None:
    for page, params in _pages(con, last_year):
        run(page, params)
    assert len(downloads) >= 20, [what for _, _, what in downloads]
    for df, cols, what in downloads:
        data = table_csv(df, cols)
        assert '="' not in data.decode("utf-8"), what  # no ="…" wrapper anywhere
        try:
            assert_round_trips(data, df, cols)
        except AssertionError as exc:
            raise AssertionError(f"{what}: {exc}") from exc
    kinds = {c.kind for _, cols, _ in downloads for c in cols}
    assert {"int", "rate", "wan", "by_kind", "date"} <= kinds  # the checks met every unit
    digits = [
        v
        for df, cols, _ in downloads
        for c in cols
        if is_identifier(c.name) and df.schema[c.name] == pl.String
        for v in df[c.name].drop_nulls().to_list()
        if v.isdigit() and len(v) >= 6
    ]
    assert digits, "no all-digit code was exported: the test saw no code a spreadsheet would mangle"


def test_the_briefing_packs_csvs_round_trip_and_the_workbook_is_beside_them(
    warehouse: Path, last_year: int
) -> None:
    f = Filters(year=last_year, base_year=last_year - 5)
    view = briefing.overview(f)
    names = dict(zip(*queries.regions(f).select("region_code", "region_label"), strict=True))
    pack = briefing.pack(view, f, names, queries.provenance(f))
    with zipfile.ZipFile(io.BytesIO(briefing_zip(pack, render=lambda _: b"png"))) as archive:
        files = archive.namelist()
        tables = {n: archive.read(n) for n in files if n.endswith(".csv")}
    assert WORKBOOK in files and len(tables) == len(pack.tables)
    for (name, (df, cols)), (file, data) in zip(pack.tables.items(), sorted(tables.items()), strict=True):  # fmt: skip
        assert name in file
        assert_round_trips(data, df, cols)
    headline = rows_of(tables[next(n for n in tables if "总览指标" in n)])
    money = next(row for row in headline if row[1] == "万元")
    assert "." in money[3] or money[3].isdigit()  # 万元 as a number, never 1.2E+5 or ="…"
