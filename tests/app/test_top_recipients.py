"""The top recipients of a year read marts.recipient_year without regrouping it: the same table as the
top-N over the facts, a recipient paid in several districts listed with each of them."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from polars.testing import assert_frame_equal

from dashboard.core import door
from dashboard.core.filters import Filters
from dashboard.funding import queries


def test_the_top_of_recipient_year_is_the_top_of_the_facts(
    national: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    con = duckdb.connect(str(national), read_only=True)
    spread = con.execute(
        "select count(*) from marts.recipient_year where sole_district_code is null"
    ).fetchall()[0][0]
    years = [y for (y,) in con.execute("select distinct year from marts.recipient_year").fetchall()]
    con.close()
    assert spread, "the register has a recipient paid in two districts in a year"
    for year in years:
        for org_types in ((), ("social_group",)):
            f = Filters(year=year, base_year=year, org_types=org_types)
            found = queries.top_recipients(f, limit=50)
            monkeypatch.setattr(door, "narrowed", lambda _f: True)  # the facts' top-N
            expected = queries.top_recipients(f, limit=50)
            monkeypatch.undo()
            assert_frame_equal(found, expected)
            assert not found.is_empty()
