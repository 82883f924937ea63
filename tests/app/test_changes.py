"""What changed between two releases: every reason counted by hand, the parts add up to each figure's change."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from dashboard.changes import compare as changes
from dashboard.changes import note as revision
from dashboard.core import db
from pipeline import releases
from pipeline.refresh import refresh_warehouse
from tests.app import revisions
from tests.app.conftest import Pair
from tests.unit import deliveries

AS_OF = date(revisions.YEAR, 12, 31)
SUMMARY_COLUMNS = {
    "orgs": ("units", "d_active", "d_linked", "d_mass"),
    "hubs": ("units", "d_city", "d_district", "d_street", "d_total"),
    "funding": ("units", "d_amount"),
    "projects": ("units", "d_count", "d_amount"),
}


def summary_of(old: Path, new: Path, as_of: date) -> dict[str, pl.DataFrame]:
    return changes.summary(db.file_version(old), db.file_version(new), as_of)


@pytest.fixture
def pair(pair_summary: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    return pair_summary


def counted(summary: dict[str, pl.DataFrame], unit: str) -> dict[str, tuple[object, ...]]:
    return {
        row[0]: row[1:] for row in summary[unit].select("reason", *SUMMARY_COLUMNS[unit]).rows()
    }


@pytest.mark.parametrize("unit", ["orgs", "hubs", "funding", "projects"])
def test_each_reason_counts_the_units_counted_by_hand(pair, unit: str) -> None:
    assert counted(pair, unit) == revisions.EXPECTED[unit]


def test_the_headline_figures_of_both_releases_are_the_hand_counts(pair) -> None:
    old, new = revision.sides(pair)
    for side, row in (("old", old), ("new", new)):
        assert row is not None
        assert {k: row[k] for k in revisions.HEADLINE[side]} == revisions.HEADLINE[side]


@pytest.mark.parametrize("column", list(revision.PARTS))
def test_the_parts_add_up_to_each_headline_figures_change(pair, column: str) -> None:
    old, new = revision.sides(pair)
    change = float(new[column]) - float(old[column])
    total = sum(part for _, _, part in revision.parts(pair, column))
    assert total == pytest.approx(change, abs=1e-12)


def test_a_rate_splits_into_linked_minus_old_rate_times_active_over_new_active(pair) -> None:
    parts = {reason: part for reason, _, part in revision.parts(pair, "coverage_rate")}
    # old coverage 7/12, 13 active now: deregistering O7 (not linked) and O8 (linked) is
    # (-1 - 7/12 x -2) / 13; adding O10, O11 (linked) and O16 is (1 - 7/12 x 3) / 13
    assert parts["deregistered"] == pytest.approx((-1 + 14 / 12) / 13)
    assert parts["org_added"] == pytest.approx((1 - 21 / 12) / 13)
    assert parts["link_ended"] == pytest.approx(-1 / 13)
    assert "district_changed" not in parts and "hub_changed" not in parts
    assert sum(parts.values()) == pytest.approx(7 / 13 - 7 / 12, abs=1e-12)


def test_every_districts_change_is_the_sum_of_its_organizations(pair_warehouse: Pair, pair) -> None:
    old, new = db.file_version(pair_warehouse.old_path), db.file_version(pair_warehouse.target)
    rows = pl.concat(
        [changes.records(old, new, AS_OF, reason, 1000) for reason in revisions.EXPECTED["orgs"]]
    )
    for district in pair["districts"].iter_rows(named=True):
        code = district["district_code"]
        for figure, column in (("active", "active_delta"), ("linked", "linked_delta")):
            gained = rows.filter(pl.col("district_new") == code)[f"{figure}_new"].sum()
            lost = rows.filter(pl.col("district_old") == code)[f"{figure}_old"].sum()
            assert gained - lost == district[column], (code, figure)


def test_each_reasons_records_are_the_units_behind_its_count(pair_warehouse: Pair) -> None:
    old, new = db.file_version(pair_warehouse.old_path), db.file_version(pair_warehouse.target)
    o = revisions.ORG
    expected = {
        "deregistered": {o[7], o[8]},
        "org_added": {o[10], o[11], o[16]},
        "link_ended": {o[3]},
        "hub_changed": {o[14]},
    }
    for reason, uscc in expected.items():
        assert set(changes.records(old, new, AS_OF, reason, 1000)["uscc"]) == uscc
    dereg = changes.records(old, new, AS_OF, "deregistered", 1000).sort("uscc").row(1, named=True)
    assert dereg["deregistered_old"] is None and dereg["deregistered_new"] == date(2015, 8, 1)
    ended = changes.records(old, new, AS_OF, "link_ended", 1000).row(0, named=True)
    assert ended["links"] == "− 北京市妇女联合会 (H1, 2012-01-01)"
    assert changes.records(old, new, AS_OF, "hubs_level", 10)["level_new"].to_list() == ["street"]
    moved = changes.records(old, new, AS_OF, "funding_moved", 10).row(0, named=True)
    assert (moved["funding_id"], moved["paid_old"], moved["d_amount"]) == (
        "F5",
        date(2014, 12, 20),
        1000.0,
    )
    assert changes.records(old, new, AS_OF, "org_added", 2).height == 2  # the limit


def test_the_release_helpers_deliveries_explained_at_end_2013(tmp_path: Path) -> None:
    """tests/unit/deliveries.py by hand at end 2013: C removed, E added, B's link to H1 removed;
    H2's revocation moved later (recognized again); F2 corrected from 1,234.50 to 1,300."""
    target = tmp_path / "wh" / "hub.duckdb"
    for raw in (deliveries.first(tmp_path / "a"), deliveries.second(tmp_path / "b")):
        assert refresh_warehouse(raw, target, lambda _: None).status == "succeeded"
    old, new = releases.read(target).releases[1].path, target
    found = summary_of(old, new, date(2013, 12, 31))
    assert counted(found, "orgs") == {
        "org_removed": (1, -1, 0, 0),
        "org_added": (1, 1, 0, 0),
        "link_removed": (1, 0, -1, -1),
    }
    assert counted(found, "hubs") == {"hubs_dates": (1, 0, 1, 0, 1)}
    assert counted(found, "funding") == {"funding_amount": (1, 65.5)}
    assert counted(found, "projects") == {}
    coverage = {reason: part for reason, _, part in revision.parts(found, "coverage_rate")}
    assert coverage == pytest.approx(
        {"org_removed": 2 / 9, "org_added": -2 / 9, "link_removed": -1 / 3}
    )
    at_2016 = summary_of(old, new, date(2016, 12, 31))  # the first delivery's years end in 2013
    assert revision.sides(at_2016)[0] is None and revision.note(at_2016, "zh") == []


def test_the_same_file_on_both_sides_changes_nothing(pair_warehouse: Pair) -> None:
    found = summary_of(pair_warehouse.target, pair_warehouse.target, AS_OF)
    assert all(found[unit].is_empty() for unit in SUMMARY_COLUMNS)
    assert revision.note(found, "zh") == [] and revision.changed_districts(found).is_empty()


def test_the_unit_tables_end_with_the_total_of_their_parts(pair) -> None:
    orgs = revision.units(pair, "orgs", "zh")
    total = orgs.filter(pl.col("reason") == "total").row(0, named=True)
    assert total["reason_label"] == "合计" and (total["d_active"], total["d_linked"]) == (1, 0)
    assert total["d_coverage"] == pytest.approx(7 / 13 - 7 / 12)
    assert orgs["reason"].to_list()[:3] == ["org_added", "org_removed", "deregistered"]


def test_a_reason_outside_the_fixed_list_is_refused_before_any_query(pair_warehouse: Pair) -> None:
    old, new = db.file_version(pair_warehouse.old_path), db.file_version(pair_warehouse.target)
    with pytest.raises(ValueError, match="unknown reason"):
        changes.records(old, new, AS_OF, "deregistered' or 1=1 --", 10)
