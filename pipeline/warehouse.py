"""Build a warehouse file next to the live one and swap it in atomically; one refresh at a time."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import polars as pl

from pipeline import holder
from pipeline.carry import Carry, definitions, store_definitions, stored_definitions
from pipeline.killpoints import pause_point
from pipeline.messages import Problem, text
from pipeline.read import LINE
from pipeline.reference import load_reference
from pipeline.releases import revision
from pipeline.releases.files import attached
from pipeline.transform import build_marts, run_audits

if TYPE_CHECKING:
    from pipeline.run_record import FileStats

LIVE = "shuniu_live_release"  # the live file's name when a build attaches it (carried marts)
RESERVED_NAMES = {
    *("ref", "clean", "quality", "staging", "marts", "revision", LIVE),  # schemas, the live's name
    *("main", "memory", "system", "temp"),
}
BUILD_MEMORY = os.environ.get("SHUNIU_BUILD_MEMORY", "2GB")
# A build that starts from a copy of the live file (Building) keeps only this schema's tables, the
# marts, of which those whose inputs turn out unchanged stay (pipeline.carry); every other schema
# and object is dropped and filled again.
KEPT_SCHEMA = "marts"
# The live file is not copied when more than this share of its blocks is free: the new release
# is then built from an empty file, as compact as it can be (a copy keeps the free blocks).
MOST_FREE = 0.25
# Tables stored sorted by a column, so that a lookup by it reads one row group (zone maps) without
# an index: an organization's funding records on the dashboard.
LOAD_ORDER = {"funding": "recipient_uscc"}
# The warehouse's format, stored in quality.format: the dashboard shows only a file of its own format
# (one built by an earlier version lacks marts or columns its queries read). Raise it whenever a
# table or column the dashboard reads is added, renamed or removed. 2: marts.org_segments (no
# marts.org_year), marts.org_search's place columns, marts.funding_facts.latest_paid_on. 3:
# marts.top_recipients.
FORMAT = 3
SORTED_SLICE = 1_000_000  # rows gathered and inserted at a time when loading in LOAD_ORDER
CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}


log = logging.getLogger(__name__)


class WarehouseError(Problem):
    """The new warehouse could not be built or swapped in; the old one is untouched."""


class WarehousePathError(WarehouseError):
    """The --warehouse path cannot be used (a folder, an unwritable place): refused before any work."""


def connect(path: Path | str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection that never tries to download an extension."""
    return _quiet(duckdb.connect(str(path), read_only=read_only, config=dict(CONFIG)))


def _quiet(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """No DuckDB progress bar: the refresh reports its own steps (pipeline/messages), and a bar
    drawn into a log or between those lines is noise (a session setting: not allowed at connect)."""
    con.execute("set enable_progress_bar = false")
    return con


def connect_for_build(path: Path) -> duckdb.DuckDBPyConnection:
    """The building connection: bounded memory (DuckDB spills to disk beyond it), no order kept."""
    config: dict[str, str | bool | int | float | list[str]] = {
        **CONFIG,
        "memory_limit": BUILD_MEMORY,
        "preserve_insertion_order": False,
    }
    return _quiet(duckdb.connect(str(path), config=config))


def resolve_target(target: Path) -> Path:
    """The file a --warehouse path names, symlinks resolved; its folder made; a bad path refused.

    A symlinked warehouse is built beside, locked and replaced as its target (the link stays a
    link). A folder, an unresolvable path or a folder that cannot be written is refused at once."""
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Python 3.11)
        raise WarehousePathError("warehouse.unresolvable", path=target, reason=exc) from exc
    for name in {target, resolved}:
        if name.stem.lower() in RESERVED_NAMES:
            raise WarehousePathError("warehouse.reserved_name", name=name.name, stem=name.stem)
    if resolved.is_dir():
        raise WarehousePathError("warehouse.is_directory", path=target)
    try:
        resolved.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=resolved.parent):  # can files be made there at all?
            pass
    except OSError as exc:
        raise _unwritable(target, resolved, exc) from exc
    return resolved


def _unwritable(target: Path, resolved: Path, exc: OSError) -> WarehousePathError:
    reason = exc.strerror or exc.__class__.__name__
    return WarehousePathError(
        "warehouse.unwritable", path=target, folder=resolved.parent, reason=reason
    )


@contextlib.contextmanager
def exclusive(target: Path, operation: str | None = None) -> Iterator[None]:
    """Hold the refresh lock of this warehouse (a second refresh fails at once, clearly).

    The lock is the resolved target's; its file is opened without following a symlink and
    without truncating (a link planted in its place is refused, its target left alone). Once
    held, a note beside it says which `operation` (refresh, publish, prune) holds it, so that
    one refused names it (pipeline/holder)."""
    resolved = resolve_target(target)
    lock_path = resolved.with_name(f".{resolved.name}.lock")
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        fd = os.open(lock_path, flags, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise WarehouseError("warehouse.lock_symlink", lock=lock_path) from exc
        raise _unwritable(target, resolved, exc) from exc
    held = False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise _busy(resolved, lock_path, operation) from exc
        held = True
        if operation is not None:
            holder.write(lock_path, operation)
        remove_orphans(resolved)
        yield
    finally:
        if held and operation is not None:
            holder.clear(lock_path)
        os.close(fd)


def _busy(target: Path, lock: Path, operation: str | None) -> WarehouseError:
    """The lock is held: by whom, as its file says (an older holder says nothing)."""
    said = holder.read(lock)
    if said is None:
        return WarehouseError("warehouse.busy", target=target)
    return WarehouseError(
        "warehouse.busy_by", target=target, operation=holder.waiter(operation), **said
    )


def remove_orphans(target: Path) -> None:
    """Delete half-built files (and their .wal) left by a refresh that crashed."""
    for orphan in target.parent.glob(f".{target.name}.building-*"):
        orphan.unlink(missing_ok=True)


def schema_sql() -> str:
    """The DDL of the ref, clean and quality layers, and the row of quality.format (FORMAT)."""
    ddl = resources.files("pipeline").joinpath("sql/warehouse_schema.sql").read_text("utf-8")
    return f"{ddl}\ninsert into quality.format values ({int(FORMAT)});\n"


def load_quality(
    con: duckdb.DuckDBPyConnection,
    files: Sequence[FileStats],
    rejected: pl.DataFrame,
    warned: pl.DataFrame,
    run_id: str,
    columns: pl.DataFrame | None = None,
) -> None:
    """Fill the quality tables of this run (`columns`: the columns each file delivered)."""
    stats = pl.DataFrame([{"run_id": run_id, **asdict(f)} for f in files])  # noqa: F841
    if files:
        con.execute("insert into quality.file_stats by name select * from stats")
    if columns is not None and not columns.is_empty():
        con.execute("insert into quality.file_columns by name select * from columns")
    for table, frame in (("rejected_rows", rejected), ("warnings", warned)):  # noqa: B007
        if not frame.is_empty():
            con.execute(f"insert into quality.{table} by name select * from frame")  # noqa: S608


class Building:
    """A new warehouse file being built beside `target`: tables stream in, then marts, audits, swap.

    With `carry` (the default), the file starts as a copy of the live release's with everything
    but its marts dropped, and a mart whose inputs turn out unchanged is kept instead of built
    again (`carried`: their names); without, or when the live file cannot be carried from, the
    file starts empty and every model is built."""

    def __init__(
        self, target: Path, run_id: str, progress: Callable[[str], None], carry: bool = True
    ) -> None:
        self.target, self.progress = target, progress
        self.path = target.with_name(f".{target.name}.building-{run_id}")
        self.run_id = run_id
        self.con: duckdb.DuckDBPyConnection | None = None
        self.carry = carry
        self.carried: set[str] = set()

    def __enter__(self) -> Building:
        try:
            self.carry = self.carry and self._copy_live()
            self.con = connect_for_build(self.path)
            if self.carry:
                self._keep_only_marts()
            self.con.execute(schema_sql())
            load_reference(self.con)
        except BaseException:
            self.__exit__()  # a copy or a half-made file is not left behind
            raise
        return self

    def _copy_live(self) -> bool:
        """Copy the live file to the building path when some of its marts may be carried: a file
        of this format, readable, that stored a definition one of today's marts still has, and not
        mostly free space (MOST_FREE). Otherwise the build starts from an empty file."""
        if not self.target.is_file():
            return False
        try:  # attached, not connected: a cached instance could be a file since replaced
            with attached(live=self.target) as live:
                ((fmt,),) = live.execute("select max(format) from live.quality.format").fetchall()
                stored = stored_definitions(live, "live")
                ((total, free),) = live.execute(
                    "select total_blocks, free_blocks from pragma_database_size() "
                    "where database_name = 'live'"
                ).fetchall()
        except duckdb.Error:
            return False
        marts = {m: d for m, d in definitions().items() if m.startswith("marts.")}
        if fmt != FORMAT or not any(stored.get(m) == d for m, d in marts.items()):
            return False
        if total and free / total > MOST_FREE:
            return False
        shutil.copyfile(self.target, self.path)  # a copy is writable: the mode is not copied
        pause_point("after_copy")
        return True

    def _keep_only_marts(self) -> None:
        """In the copy, drop every schema but the marts', every view and every table outside the
        marts (there are none in `main`); their space is made free for the tables loaded next."""
        assert self.con is not None
        schemas = self.con.execute(
            "select schema_name from duckdb_schemas() where database_name = current_database() "
            "and not internal and schema_name not in (?, 'main')",
            [KEPT_SCHEMA],
        ).fetchall()
        for (schema,) in schemas:
            self.con.execute(f'drop schema "{schema}" cascade')  # noqa: S608 - catalog names
        left = self.con.execute(
            "select 'view', schema_name, view_name from duckdb_views() "
            "where database_name = current_database() and not internal "
            "union all select 'table', schema_name, table_name from duckdb_tables() "
            "where database_name = current_database() and schema_name <> ?",
            [KEPT_SCHEMA],
        ).fetchall()
        for kind, schema, name in left:  # only marts' tables are kept: no view, nothing in main
            self.con.execute(f'drop {kind} "{schema}"."{name}"')  # noqa: S608 - catalog names
        self.con.execute("checkpoint")

    def load_table(self, name: str, accepted: pl.DataFrame) -> None:
        """Insert one table's accepted rows into clean.<name> (the caller may then drop them), in
        the rows' order (a table of LOAD_ORDER in that column's order): a table delivered again is
        then stored in the same order, and the comparison with the previous release finds it
        unchanged in one pass side by side (pipeline/releases/diff.py, `_same_rows`)."""
        assert self.con is not None
        started = time.perf_counter()
        with self._in_order():
            if name in LOAD_ORDER:
                self._load_sorted(name, accepted, LOAD_ORDER[name])
            else:
                self._insert(name, accepted)
        log.info(
            "loaded %s (%d rows) in %.2f s", name, accepted.height, time.perf_counter() - started
        )
        pause_point("during_load")

    @contextlib.contextmanager
    def _in_order(self) -> Iterator[None]:
        """Inserts keep the rows' order inside the block (the build's other work need not)."""
        assert self.con is not None
        self.con.execute("set preserve_insertion_order = true")
        try:
            yield
        finally:
            self.con.execute("set preserve_insertion_order = false")

    def _insert(self, name: str, rows: pl.DataFrame) -> None:
        assert self.con is not None
        # arrow, not the polars frame: DuckDB scans arrow three times faster here
        frame = rows.rename({LINE: "source_line"}).to_arrow()  # noqa: F841 - read below
        self.con.execute(f"insert into clean.{name} by name select * from frame")  # noqa: S608

    def _load_sorted(self, name: str, accepted: pl.DataFrame, column: str) -> None:
        """Insert in `column` order, a slice of the sorted rows at a time, keeping that order.

        DuckDB sorts the one column (5M codes in about 2 s of CPU, polars' arg_sort took 8 s), and
        the rows are gathered from a contiguous copy of the frame (gathering from its hundreds of
        chunks took another 7 s). One slice is held beside the frame and its copy, where DuckDB's
        ORDER BY over every column would hold the whole table in the build's memory again."""
        assert self.con is not None
        order = self._order(accepted, column)
        rows = accepted.rechunk()
        for start in range(0, max(rows.height, 1), SORTED_SLICE):
            self._insert(name, rows[order.slice(start, SORTED_SLICE)])

    def _order(self, frame: pl.DataFrame, column: str) -> pl.Series:
        """Row positions of `frame` in `column` order (nulls last, ties by position)."""
        assert self.con is not None
        keys = frame.select(pl.col(column).alias("k")).with_row_index("i").to_arrow()  # noqa: F841
        found = self.con.sql("select i from keys order by k nulls last, i").to_arrow_table()
        return pl.from_arrow(found).to_series()  # type: ignore[union-attr]

    def finish(
        self,
        stamp: Callable[[], Mapping[str, pl.DataFrame]],
        files: Sequence[FileStats],
        rejected: pl.DataFrame,
        warned: pl.DataFrame,
        columns: pl.DataFrame | None = None,
    ) -> None:
        """Quality tables, marts and audits; stamp the run; close cleanly and swap the file in.

        `stamp` gives the quality tables that describe the run (runs, release, inputs), called once
        the audits passed so the run is stamped finished at that moment. The quality tables are
        loaded before the marts: marts.register_profile reads quality.file_columns."""
        con = self.con
        assert con is not None
        load_quality(con, files, rejected, warned, self.run_id, columns)
        if self.carry:
            store_definitions(con, self._build_carrying(con))
        else:
            build_marts(con, self.progress)
            store_definitions(con)
        self.progress(text("progress.auditing"))
        failed = {name: n for name, n in run_audits(con).items() if n}
        if failed:
            raise WarehouseError("warehouse.audits_failed", failed=failed)
        con = self._store_revision()
        for table, frame in stamp().items():  # noqa: B007 - frame is read by the SQL
            con.execute(f"insert into quality.{table} by name select * from frame")  # noqa: S608
        con.execute("checkpoint")
        con.close()
        self.con = None
        swap(self.path, self.target)

    def _build_carrying(self, con: duckdb.DuckDBPyConnection) -> dict[str, str]:
        """The models, the live release attached: a mart whose inputs are unchanged is kept from
        the copy (pipeline.carry). The definitions the decisions used (stored in the release)."""
        self.progress(text("progress.carry_check"))
        # a name no file's catalog has (a target named live.duckdb would be `live`)
        con.execute(f"attach ? as {LIVE} (read_only)", [str(self.target)])
        try:
            keeper = Carry(con, LIVE)
            build_marts(con, self.progress, keeper)
            self.carried = keeper.carried
        finally:
            con.execute(f"detach {LIVE}")
        log.info("%d marts carried over from the live release", len(self.carried))
        return keeper.today

    def _store_revision(self) -> duckdb.DuckDBPyConnection:
        """Store in the new file what changed since the live release, the one before it, on every
        year-end (pipeline/releases/revision.py); the build's connection, reopened after."""
        assert self.con is not None
        seconds = None
        if self.target.exists():  # else the first refresh: nothing to compare with
            self.progress(text("progress.comparing"))
            self.con.execute("checkpoint")
            self.con.close()  # the comparison attaches the file beside the live one
            self.con = None
            seconds = revision.store(self.target, self.path, BUILD_MEMORY)
            self.con = connect_for_build(self.path)
        if seconds is None:
            revision.store_empty(self.con)
        else:
            log.info("stored the revision from the live release in %.2f s", seconds)
        return self.con

    def __exit__(self, *exc: object) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None
        self.path.unlink(missing_ok=True)
        Path(f"{self.path}.wal").unlink(missing_ok=True)


def swap(building: Path, target: Path) -> None:
    """Atomically put the finished file, read-only from now on, in place of the live one."""
    if Path(f"{building}.wal").exists():
        raise WarehouseError("warehouse.not_closed", name=building.name)
    if Path(f"{target}.wal").exists():
        raise WarehouseError("warehouse.wal_exists", target=target)
    os.chmod(building, 0o444)  # a release is never written again
    pause_point("before_swap")
    os.replace(building, target)
