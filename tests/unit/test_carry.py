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

from pipeline import carry, messages, reference, transform, warehouse
from pipeline.carry import plan_tables, same_table
from pipeline.guard import Policy
from pipeline.refresh import refresh_warehouse
from pipeline.transform import MODELS, model_sql
from schemas.tables import TABLES
from tests.unit import registers as r
from tools.mart_equality import columns, compare_warehouses

DAY = dt.date(2026, 11, 23)
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "raw"
MARTS = [m for m in MODELS if m.startswith("marts.")]


def refreshed(
    raw: Path, target: Path, carry: bool = True, policy: Policy | None = None
) -> set[str]:
    """Refresh; the marts carried over (read from the progress lines)."""
    said: list[str] = []
    refresh_warehouse(
        raw, target, said.append, refresh_date=DAY, carry=carry, policy=policy or Policy()
    )
    return {m for m in MARTS if messages.text("progress.carried", model=m) in said}


def named(model: str) -> set[str]:
    """The tables and models a model's SQL names (read here from the text, apart from the plans
    the carrying reads)."""
    text = re.sub(r"--[^\n]*", "", model_sql(model))
    return set(re.findall(r"\b(?:staging|marts|clean|ref|quality)\.[a-z_]+", text)) - {model}


def reads(model: str, table: str) -> bool:
    """Whether `model` reads `table`, directly or through the models it reads."""
    return any(n == table or (n in MODELS and reads(n, table)) for n in named(model))


def scans(model: str, table: str) -> bool:
    """Whether `model`'s query reads `table`: named, or named by a staging view it reads (a
    mart is a table: what it was built from is not read again)."""
    return any(n == table or (n.startswith("staging.") and scans(n, table)) for n in named(model))


def assert_same_figures(carried_build: Path, full_build: Path) -> None:
    found = compare_warehouses(carried_build, full_build)
    assert {t.table for t in found} == {m.split(".")[1] for m in MARTS}
    assert [t.line() for t in found if not t.equal] == []
    with duckdb.connect() as con:  # and the same columns, of the same types
        con.execute("attach ? as a (read_only)", [str(carried_build)])
        con.execute("attach ? as b (read_only)", [str(full_build)])
        for mart in MARTS:
            schema, table = mart.split(".")
            typed = [columns(con, db, schema, table, typed=True) for db in ("a", "b")]
            assert typed[0] == typed[1], mart


def assert_as_built_in_full(raw: Path, target: Path, tmp_path: Path) -> None:
    """The marts of `target` are those of `raw` refreshed into an empty place, every mart built."""
    full = tmp_path / "full" / "hub.duckdb"
    refreshed(raw, full, carry=False)
    assert_same_figures(target, full)


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
    assert_as_built_in_full(sample, target, tmp_path)


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
    assert_as_built_in_full(sample, target, tmp_path)


def test_a_file_not_delivered_this_time_carries_no_mart_that_read_it(
    sample: Path, tmp_path: Path
) -> None:
    """The funding file (optional) left out: clean.funding is empty now, and no mart whose query
    reads it is carried (the calendar reads its dates: built again, it may be found equal, and
    what reads it carried); the figures are a full build's."""
    target = tmp_path / "carried" / "hub.duckdb"
    refreshed(sample, target)
    (sample / "funding.csv").unlink()
    carried = refreshed(sample, target, policy=Policy(accept=True))  # all of funding is gone
    assert not {m for m in MARTS if scans(m, "clean.funding")} & carried
    assert {"marts.calendar", "marts.funding_facts"}.isdisjoint(carried)
    # quality.file_columns lost funding's rows: whatever reads it (the organizations' view, for
    # their registration mode) is built again too; the hub side is carried
    assert "marts.hub_links_by_district" in carried and "marts.links" not in carried
    assert_as_built_in_full(sample, target, tmp_path)


def test_rebuild_carries_nothing(tmp_path: Path) -> None:
    raw, target = r.write_register(tmp_path / "raw"), tmp_path / "hub.duckdb"
    refreshed(raw, target)
    assert refreshed(raw, target, carry=False) == set()
    assert refreshed(raw, target) == set(MARTS)


def test_a_mart_whose_rows_change_with_its_sql_is_built_with_every_mart_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """marts.links edited so that it loses a link: it is built again, differs, and so is every
    mart that reads it (one that reads a mart built again and found equal may be carried); the
    others are carried, and the figures are a full build's with the same edit."""
    raw, target = r.write_register(tmp_path / "raw"), tmp_path / "hub.duckdb"
    refreshed(raw, target)
    edited = (
        f"select * from (\n{model_sql('marts.links')}\n) "
        "where uscc <> (select min(uscc) from clean.hub_links)"
    )

    def sql(model: str) -> str:
        return edited if model == "marts.links" else model_sql(model)

    monkeypatch.setattr(carry, "model_sql", sql)
    monkeypatch.setattr(transform, "model_sql", sql)
    carried = refreshed(raw, target)
    assert {m for m in MARTS if m != "marts.links" and not reads(m, "marts.links")} <= carried
    assert not {m for m in MARTS if m == "marts.links" or "marts.links" in named(m)} & carried
    assert_as_built_in_full(raw, target, tmp_path)


def test_an_edit_that_leaves_a_marts_rows_as_they_were_builds_only_that_mart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A comment added to marts.links: its definition changed, so it is built again; found equal
    to the live one, every mart reading it is still carried."""
    raw, target = r.write_register(tmp_path / "raw"), tmp_path / "hub.duckdb"
    refreshed(raw, target)
    original = model_sql

    def sql(model: str) -> str:
        return original(model) + ("\n-- edited" if model == "marts.links" else "")

    monkeypatch.setattr(carry, "model_sql", sql)
    assert refreshed(raw, target) == set(MARTS) - {"marts.links"}


def test_reference_data_read_only_through_a_macro_is_compared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ref.region_successors is read by the macro ref.today_code, never named by a model: a new
    version of the region data (one successor fewer) with the same delivery carries no mart that
    resolves codes through it, and the figures are a full build's."""
    raw, target = r.write_register(tmp_path / "raw"), tmp_path / "hub.duckdb"
    refreshed(raw, target)
    frames = reference.reference_frames()
    fewer = {**frames, "ref.region_successors": frames["ref.region_successors"].slice(1)}
    monkeypatch.setattr(reference, "reference_frames", lambda: fewer)
    carried = refreshed(raw, target)
    assert "marts.org_segments" not in carried and "marts.funding_facts" not in carried
    assert_as_built_in_full(raw, target, tmp_path)


def test_marts_built_again_without_the_comparison_and_freed_first_give_the_same_figures(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The path of a large mart at 1M organizations, taken by every mart here: built again, not
    compared with the live one, the copy's dropped with a checkpoint first."""
    monkeypatch.setattr(carry, "CUTOFF_ROWS", 0)
    monkeypatch.setattr(carry, "FREE_FIRST_ROWS", 0)
    target = tmp_path / "carried" / "hub.duckdb"
    refreshed(sample, target)
    change_line(sample / "funding.csv", "BF200600000001,52110000931267897L,,fiscal,3.12万",
                "BF200600000001,52110000931267897L,,fiscal,3.13万")  # fmt: skip
    carried = refreshed(sample, target)
    assert "marts.links" in carried and "marts.calendar" not in carried
    assert "marts.org_segments" not in carried  # the calendar built again is not compared now
    assert_as_built_in_full(sample, target, tmp_path)


def test_a_live_file_mostly_free_space_is_not_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, target = r.write_register(tmp_path / "raw"), tmp_path / "hub.duckdb"
    refreshed(raw, target)
    monkeypatch.setattr(warehouse, "MOST_FREE", -1.0)

    def no_copy(*_args: object) -> None:
        raise AssertionError("the live file was copied")

    monkeypatch.setattr(warehouse.shutil, "copyfile", no_copy)
    assert refreshed(raw, target) == set()


def test_a_warehouse_named_live_carries_too(tmp_path: Path) -> None:
    """The build attaches the live file under a name of its own: a target whose file name is
    that of an alias a build might use (live.duckdb: its catalog is `live`) still carries."""
    raw, target = r.write_register(tmp_path / "raw"), tmp_path / "live.duckdb"
    refreshed(raw, target)
    assert refreshed(raw, target) == set(MARTS)


@pytest.mark.parametrize(
    "sql",
    [
        "select * from read_csv('{csv}')",  # a file: named after the function, not a scan
        "select count(*) as n from '{csv}'",
        "select * from glob('{csv}')",
        "select table_name from duckdb_tables()",  # the catalog
        "select * from other.t",  # another database
        "select * from clean.organizations, read_text('{csv}')",
    ],
)
def test_a_mart_reading_anything_but_the_files_tables_is_never_carried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sql: str
) -> None:
    csv = tmp_path / "x.csv"
    csv.write_text("a\n1\n", "utf-8")
    with duckdb.connect(str(tmp_path / "hub.duckdb")) as con:
        con.execute("create schema clean; create table clean.organizations (uscc varchar)")
        con.execute("attach ':memory:' as other; create table other.t (a integer)")
        text = sql.format(csv=csv)
        monkeypatch.setattr(carry, "model_sql", lambda _model: text)
        assert plan_tables(con, "marts.anything") is None
        monkeypatch.setattr(carry, "model_sql", lambda _model: "select * from clean.organizations")
        assert plan_tables(con, "marts.anything") == {"clean.organizations"}


def test_a_build_that_fails_while_starting_from_the_copy_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, target = r.write_register(tmp_path / "raw"), tmp_path / "hub.duckdb"
    refreshed(raw, target)

    def broken(_con: duckdb.DuckDBPyConnection) -> None:
        raise OSError("no space left on device")

    monkeypatch.setattr(warehouse, "load_reference", broken)
    with pytest.raises(OSError, match="no space"):
        refreshed(raw, target)
    assert list(tmp_path.glob(".hub.duckdb.building-*")) == []


def test_every_mart_plan_names_only_tables_of_the_file(tmp_path: Path) -> None:
    """The carrying reads what a mart depends on from its query plan: every mart's plan must be
    readable (else it is never carried) and hold every clean table its SQL and views name, also
    those the optimizer would skip for what their statistics say (the fixtures' small tables)."""
    raw, target = r.write_register(tmp_path / "raw"), tmp_path / "hub.duckdb"
    refreshed(raw, target)
    with duckdb.connect(str(target), read_only=True) as con:
        for mart in MARTS:
            tables = plan_tables(con, mart)
            assert tables is not None, mart
            read = {n for n in MODELS + [f"clean.{t.name}" for t in TABLES] if scans(mart, n)}
            assert {n for n in read if n.startswith(("clean.", "marts."))} <= tables, mart
        assert "ref.region_successors" in (plan_tables(con, "marts.org_search") or set())


def test_a_release_without_stored_definitions_is_not_carried_from(tmp_path: Path) -> None:
    raw, target = r.write_register(tmp_path / "raw"), tmp_path / "hub.duckdb"
    refreshed(raw, target)
    target.chmod(0o644)
    with duckdb.connect(str(target)) as con:  # as a release built before they were stored
        con.execute("delete from quality.models")
    assert refreshed(raw, target) == set()
    assert refreshed(raw, target) == set(MARTS)


CLOCK = re.compile(
    r"current_(date|time|timestamp)|localtime|transaction_timestamp|\bnow\s*\(|\btoday\s*\("
    r"|get_current|random\s*\(|uuid\s*\(|gen_random|setseed|nextval|getvariable|current_setting",
    re.I,
)


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
