"""Carried marts: a refresh keeps a mart of the live release instead of building it again only when
its definition and every input it reads are unchanged, and the release it publishes holds exactly
the figures a refresh building every mart gives (tools.mart_equality).

The bundled sample is refreshed, changed in one file, refreshed again with carrying; the same
changed delivery is refreshed into an empty place (every mart built); every mart is compared."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline import carry, messages
from pipeline.carry import model_inputs, same_table
from pipeline.refresh import refresh_warehouse
from pipeline.transform import MODELS, model_sql
from tests.unit import registers as r
from tools.mart_equality import compare_warehouses

DAY = dt.date(2026, 11, 23)
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "raw"
MARTS = [m for m in MODELS if m.startswith("marts.")]


def refreshed(raw: Path, target: Path, carry: bool = True) -> set[str]:
    """Refresh; the marts carried over (read from the progress lines)."""
    said: list[str] = []
    refresh_warehouse(raw, target, said.append, refresh_date=DAY, carry=carry)
    return {m for m in MARTS if messages.text("progress.carried", model=m) in said}


def reads(model: str, table: str) -> bool:
    """Whether `model` reads `table`, directly or through the models it reads."""
    return any(n == table or (n in MODELS and reads(n, table)) for n in model_inputs(model))


def assert_same_figures(carried_build: Path, full_build: Path) -> None:
    found = compare_warehouses(carried_build, full_build)
    assert {t.table for t in found} == {m.split(".")[1] for m in MARTS}
    assert [t.line() for t in found if not t.equal] == []


def change_line(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE, raw)
    return raw


def test_an_unchanged_delivery_carries_every_mart_and_publishes_the_same_figures(
    sample: Path, tmp_path: Path
) -> None:
    target = tmp_path / "carried" / "hub.duckdb"
    assert refreshed(sample, target) == set()  # the first refresh has nothing to carry from
    assert refreshed(sample, target) == set(MARTS)
    full = tmp_path / "full" / "hub.duckdb"
    assert refreshed(sample, full, carry=False) == set()
    assert_same_figures(target, full)


@pytest.mark.parametrize(
    ("file", "old", "new", "table"),
    [
        # one payment's amount: the funding marts again, coverage carried
        (
            "funding.csv",
            "BF200600000001,52110000931267897L,,fiscal,3.12万",
            "BF200600000001,52110000931267897L,,fiscal,3.13万",
            "clean.funding",
        ),  # fmt: skip
        # one organization fewer: its links and payments are rejected too, nearly every mart again
        ("organizations.csv", "52110113591435232B,北京市顺义区万家社区卫生服务站", "", None),
    ],
)
def test_a_changed_delivery_builds_what_reads_the_change_and_gives_the_full_builds_figures(
    sample: Path, tmp_path: Path, file: str, old: str, new: str, table: str | None
) -> None:
    target = tmp_path / "carried" / "hub.duckdb"
    refreshed(sample, target)
    if new:
        change_line(sample / file, old, new)
    else:  # the organization's whole line goes
        lines = (sample / file).read_text("utf-8").splitlines(keepends=True)
        (sample / file).write_text("".join(x for x in lines if not x.startswith(old)), "utf-8")
    carried = refreshed(sample, target)
    if table is not None:
        assert {m for m in MARTS if not reads(m, table)} <= carried
        paid = {"marts.funding_facts", "marts.recipient_year", "marts.funding_cube"}
        assert carried.isdisjoint(paid | {"marts.projects", "marts.headline"})
        # they read the calendar, built again from every table's dates and found the same
        assert {"marts.org_segments", "marts.coverage_cube", "marts.register_profile"} <= carried
    else:
        assert "marts.org_segments" not in carried and "marts.funding_facts" not in carried
    full = tmp_path / "full" / "hub.duckdb"
    refreshed(sample, full, carry=False)
    assert_same_figures(target, full)


def test_rebuild_carries_nothing(tmp_path: Path) -> None:
    raw, target = r.write_register(tmp_path / "raw"), tmp_path / "hub.duckdb"
    refreshed(raw, target)
    assert refreshed(raw, target, carry=False) == set()
    assert refreshed(raw, target) == set(MARTS)


def test_a_changed_definition_builds_that_model_and_every_model_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, target = r.write_register(tmp_path / "raw"), tmp_path / "hub.duckdb"
    refreshed(raw, target)
    edited = {"marts.links": model_sql("marts.links") + "\n-- edited"}
    monkeypatch.setattr(carry, "model_sql", lambda m: edited.get(m) or model_sql(m))
    carry.definitions.cache_clear()
    try:
        carried = refreshed(raw, target)
    finally:
        carry.definitions.cache_clear()
    assert carried == {m for m in MARTS if m != "marts.links" and not reads(m, "marts.links")}
    assert "marts.org_segments" not in carried and "marts.calendar" in carried


def test_a_release_without_stored_definitions_is_not_carried_from(tmp_path: Path) -> None:
    raw, target = r.write_register(tmp_path / "raw"), tmp_path / "hub.duckdb"
    refreshed(raw, target)
    target.chmod(0o644)
    with duckdb.connect(str(target)) as con:  # as a release built before they were stored
        con.execute("delete from quality.models")
    assert refreshed(raw, target) == set()
    assert refreshed(raw, target) == set(MARTS)


CLOCK = re.compile(r"current_date|current_timestamp|\bnow\s*\(|\btoday\s*\(|get_current", re.I)


@pytest.mark.parametrize("model", MODELS)
def test_no_model_reads_the_clock(model: str) -> None:
    """A carried mart is the live release's rows: that is right only if a model's rows follow from
    its inputs alone. The refresh date judges rows on intake (a date in the future is refused):
    what it changes is in the clean tables, which are compared; a model reading the clock would
    have to be built on every refresh."""
    assert not CLOCK.search(model_sql(model))


@pytest.mark.parametrize(
    ("live", "new", "same"),
    [
        ("values (1, 'a'), (2, 'b')", "values (1, 'a'), (2, 'b')", True),
        ("values (1, 'a'), (2, 'b')", "values (2, 'b'), (1, 'a')", False),  # order: built again
        ("values (1, 'a'), (2, NULL)", "values (1, 'a'), (2, NULL)", True),
        ("values (1, 'a'), (2, NULL)", "values (1, 'a'), (2, '')", False),
        ("values (1, 'a')", "values (1, 'a'), (1, 'a')", False),
        ("values (1, 'a'), (1, 'a')", "values (1, 'a'), (2, 'a')", False),
    ],
)
def test_same_table_is_true_only_for_the_same_rows_in_the_same_order(
    tmp_path: Path, live: str, new: str, same: bool
) -> None:
    with duckdb.connect(str(tmp_path / "live.duckdb")) as con:
        con.execute(f"create schema clean; create table clean.t as select * from ({live}) v(k, x)")
    with duckdb.connect(str(tmp_path / "new.duckdb")) as con:
        con.execute(f"create schema clean; create table clean.t as select * from ({new}) v(k, x)")
        con.execute("attach ? as live (read_only)", [str(tmp_path / "live.duckdb")])
        assert same_table(con, "live", "clean.t") is same


def test_same_table_compares_quality_rows_without_their_run_and_needs_the_same_types(
    tmp_path: Path,
) -> None:
    with duckdb.connect(str(tmp_path / "live.duckdb")) as con:
        con.execute("create schema quality; create schema clean")
        con.execute("create table quality.q as select 'run-1' as run_id, 'f.csv' as file")
        con.execute("create table clean.n as select 1::integer as k")
    with duckdb.connect(str(tmp_path / "new.duckdb")) as con:
        con.execute("create schema quality; create schema clean")
        con.execute("create table quality.q as select 'run-2' as run_id, 'f.csv' as file")
        con.execute("create table clean.n as select 1::bigint as k")
        con.execute("attach ? as live (read_only)", [str(tmp_path / "live.duckdb")])
        assert same_table(con, "live", "quality.q")
        assert not same_table(con, "live", "clean.n")
        con.execute("update quality.q set file = 'g.csv'")
        assert not same_table(con, "live", "quality.q")


def test_a_live_file_that_cannot_be_read_is_not_carried_from_and_the_refresh_builds_everything(
    tmp_path: Path,
) -> None:
    """A damaged live file (here its middle overwritten) is not copied: the new release is built
    from an empty file, every mart built, and is live after."""
    raw, target = r.write_register(tmp_path / "raw"), tmp_path / "hub.duckdb"
    refreshed(raw, target)
    target.chmod(0o644)
    data = bytearray(target.read_bytes())
    data[4096 : len(data) - 4096] = bytes(len(data) - 8192)
    target.write_bytes(bytes(data))
    assert refreshed(raw, target) == set()
    assert refreshed(raw, target) == set(MARTS)  # and the next carries from the new one


def test_refreshes_carrying_marts_keep_the_file_within_a_bound_of_one_building_every_mart(
    sample: Path, tmp_path: Path
) -> None:
    """A mart built again replaces the copy's: a large one's space is made free first, a small
    one's at the end, for the next refresh to fill. Deliveries that change again and again do not
    make the file grow: at the bundled sample it settles about a fifth above a file built from
    empty (its marts are small), at 1M organizations 2% above (docs/releases.md)."""
    target, full = tmp_path / "carried" / "hub.duckdb", tmp_path / "full" / "hub.duckdb"
    lines = (sample / "organizations.csv").read_text("utf-8").splitlines(keepends=True)
    sizes = []
    for turn in range(5):
        kept = lines if turn % 2 == 0 else lines[:-100]  # 99 organizations fewer, then back
        (sample / "organizations.csv").write_text("".join(kept), "utf-8")
        carried = refreshed(sample, target)
        assert turn == 0 or "marts.org_segments" not in carried
        sizes.append(target.stat().st_size)
    refreshed(sample, full, carry=False)
    assert max(sizes) <= 1.3 * full.stat().st_size, sizes
