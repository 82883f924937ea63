"""A refresh: read and validate every input, build a new warehouse file, swap it in atomically."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import polars as pl

from pipeline import audit, background, guard, releases, reports, warehouse
from pipeline.capacity import check_sums
from pipeline.killpoints import pause_point
from pipeline.messages import text
from pipeline.normalize import normalize
from pipeline.read import InputError, find_file, read_table
from pipeline.refusals import InputProblems, report_rows
from pipeline.run_record import FileStats, Refused, RunResult
from pipeline.validate import Checked, check_table
from schemas.tables import CHECK_ORDER, PAIRED, TABLES, TABLES_BY_NAME, Table

log = logging.getLogger(__name__)
Progress = Callable[[str], None]
Sink = Callable[[str, pl.DataFrame], None]
REPORT_HEADERS = reports.REPORT_HEADERS  # the reports' columns (pipeline/reports.py)


def new_run_id(now: dt.datetime) -> str:
    """A sortable, unique run id such as 20261123T114501-3f2a."""
    return f"{now:%Y%m%dT%H%M%S}-{secrets.token_hex(2)}"


def check_inputs(
    raw_dir: Path,
    progress: Progress,
    sink: Sink | None = None,
    refresh_date: dt.date | None = None,
    follow_symlinks: bool = False,
    refused: list[Refused] | None = None,
) -> dict[str, Checked]:
    """Read, normalize and validate every input file, in reference order, as on `refresh_date`.

    Each table's accepted rows go to `sink` as soon as it is checked; only keys are kept after.
    An input file that is a symbolic link is refused unless `follow_symlinks`. A file that cannot
    be used at all (or a required file missing) stops the check with its InputError, unless
    `refused` is given: then it is listed there, every other file is still checked row by row
    (references into a refused table are not judged) and nothing more goes to `sink`."""
    if not raw_dir.is_dir():
        raise InputError("input.no_raw_folder", folder=raw_dir)
    found: list[Refused] = [] if refused is None else refused

    def refuse(problem: InputError, file: str, table: str) -> None:
        if refused is None:
            raise problem
        found.append(Refused(file, table, problem))

    done: dict[str, Checked] = {}
    try:
        check_pairs(raw_dir)
    except InputError as exc:  # two files for a table, a link: met again below, file by file
        if exc.key == "input.missing_pair":
            refuse(exc, f"{exc.params['table']}.csv", str(exc.params["table"]))
    # a table loads in a worker thread while the next one is read and checked (pipeline/background)
    refused_before = len(found)
    with background.loader(sink or (lambda _name, _frame: None)) as loads:
        for table in CHECK_ORDER:
            path: Path | None = None
            try:
                path = find_file(raw_dir, table, follow_symlinks)
                if path is None:
                    if table.required:
                        raise InputError("input.missing_file", folder=raw_dir, table=table.name,
                                         label=table.label_zh)  # fmt: skip
                    continue
                unread = {r.table_name for r in found}
                checked = _check_file(path, table, progress, done, refresh_date, unread)
            except InputError as exc:
                refuse(exc, path.name if path else f"{table.name}.csv", table.name)
                continue
            if sink is not None and not found:
                progress(text("progress.loading", file=path.name))
                loads.load(table.name, checked.accepted)
            done[table.name] = checked.slimmed()
        if sink is not None:
            progress(text("progress.loads_finishing"))
        loads.finish()
    position = {table.name: i for i, table in enumerate(TABLES)}  # reported in the order of TABLES
    found[refused_before:] = sorted(found[refused_before:], key=lambda r: position[r.table_name])
    return {table.name: done[table.name] for table in TABLES if table.name in done}


def _check_file(
    path: Path,
    table: Table,
    progress: Progress,
    done: dict[str, Checked],
    refresh_date: dt.date | None,
    unread: set[str],
) -> Checked:
    """One file read, normalized and checked (references into the `unread` tables not judged)."""
    progress(text("progress.reading", file=path.name))
    raw = read_table(path, table)
    progress(text("progress.normalizing", file=path.name))
    typed, parse_issues = normalize(raw)
    progress(text("progress.validating", file=path.name, rows=raw.frame.height))
    checked = check_table(raw, typed, parse_issues, done, refresh_date, unread)
    check_sums(table.name, path.name, checked.accepted)
    return checked


def check_pairs(raw_dir: Path) -> None:
    """hubs and hub_links come together or not at all: one without the other is refused, naming
    the missing file (a delivery with neither has no hub data, and refreshes)."""
    present = [name for name in PAIRED if find_file(raw_dir, TABLES_BY_NAME[name]) is not None]
    if len(present) == 1:
        missing = next(name for name in PAIRED if name not in present)
        label = TABLES_BY_NAME[missing].label_zh
        raise InputError(
            "input.missing_pair", folder=raw_dir, table=missing, label=label, other=present[0]
        )


def file_stats(checked: dict[str, Checked]) -> list[FileStats]:
    """Per-file counts."""
    return [
        FileStats(
            c.raw.path.name,
            name,
            c.rows_read,
            c.accepted.height,
            c.rows_rejected,
            c.warnings.filter(pl.col("line") > 1)["line"].n_unique(),  # line 1: a header warning
        )
        for name, c in checked.items()
    ]


def file_columns(checked: dict[str, Checked], run_id: str) -> pl.DataFrame:
    """The columns each input file delivered: one row per (file, canonical column) with the
    header the file used (a column the file lacks has no row; see quality.file_columns)."""
    rows = [
        {
            "run_id": run_id,
            "file": c.raw.path.name,
            "table_name": name,
            "column": column,
            "header": header,
        }
        for name, c in checked.items()
        for column, header in c.raw.headers.items()
    ]
    schema = dict.fromkeys(("run_id", "file", "table_name", "column", "header"), pl.String)
    return pl.DataFrame(rows, schema=schema)


def issue_frame(checked: dict[str, Checked], which: str, run_id: str) -> pl.DataFrame:
    """All rejections (or warnings) of a run, one row per broken rule, with file and run id."""
    parts = [
        getattr(c, which).select(
            pl.lit(run_id).alias("run_id"),
            pl.lit(c.raw.path.name).alias("file"),
            pl.col("line").cast(pl.Int32),
            "column",
            "rule",
            "value",
            "message",
            "column_header",
            "rule_name",
        )
        for c in checked.values()
    ]
    return pl.concat(parts) if parts else pl.DataFrame()


def write_reports(
    result: RunResult, rejected: pl.DataFrame, warned: pl.DataFrame, folder: Path
) -> None:
    """The rejection and warning reports: CSV files of plain data, each with its .xlsx beside it."""
    result.rejected_report = reports.write(rejected, folder, "rejected_rows", result.run_id)
    result.warnings_report = reports.write(warned, folder, "warnings", result.run_id)


def validate_only(
    raw_dir: Path,
    report_dir: Path | None,
    progress: Progress = log.info,
    *,
    refresh_date: dt.date | None = None,
    follow_symlinks: bool = False,
) -> RunResult:
    """Check the inputs without touching the warehouse (dates as on `refresh_date`, default
    today); optionally write the reports.

    Every file is looked at: when some cannot be used at all, the others are still checked row by
    row, the reports list the refused files first, then InputProblems is raised naming them all
    (its `result` is this run's record)."""
    started = dt.datetime.now()
    result = RunResult(new_run_id(started), raw_dir, started)
    checked = check_inputs(
        raw_dir, progress, refresh_date=refresh_date, follow_symlinks=follow_symlinks,
        refused=result.refused,
    )  # fmt: skip
    result.files = file_stats(checked)
    if report_dir is not None:
        rejected = issue_frame(checked, "rejected", result.run_id)
        refused = report_rows(result.refused, result.run_id)
        write_reports(
            result,
            pl.concat([refused, rejected], how="diagonal_relaxed") if rejected.width else refused,
            issue_frame(checked, "warnings", result.run_id),
            report_dir,
        )
    result.status, result.finished_at = "validated", dt.datetime.now()
    if result.refused:
        raise InputProblems(result.refused, result)
    return result


def refresh_warehouse(
    raw: Path,
    target: Path,
    progress: Progress = log.info,
    keep: int = releases.DEFAULT_KEEP,
    *,
    refresh_date: dt.date | None = None,
    actor: audit.Actor | None = None,
    run_id: str | None = None,
    policy: guard.Policy = guard.Policy(),  # noqa: B008 - frozen
    follow_symlinks: bool = False,
    carry: bool = True,
) -> RunResult:
    """Rebuild the warehouse at `target` from the raw folder, dates judged as on `refresh_date`
    (default today), and keep it as a release.

    On any failure before the swap the old file stays as it was; a kill at any point leaves the
    ledger and the warehouses agreeing (docs/releases.md). Then prune to the newest `keep`. The
    audit log names `actor` (default: the OS user); `run_id` is the caller's (the browser names
    the upload folder after it), else a new one. A table falling by more than the `policy`'s
    share against the live release, or a file ending in a cut line, is not published unless the
    policy accepts it (pipeline/guard). Input files that are symbolic links are refused unless
    `follow_symlinks`. With `carry`, a mart whose inputs are the live release's is carried over from
    it instead of built again (warehouse.Building; docs/releases.md, "Carried marts")."""
    if keep < 1:
        raise releases.ReleaseError("releases.bad_keep")
    target = warehouse.resolve_target(target)  # a bad path is refused before any work
    started = dt.datetime.now()
    if run_id is not None and not releases.is_run_id(run_id):
        raise ValueError(f"not a run id: {run_id}")
    result = RunResult(run_id or new_run_id(started), raw, started)
    who = actor or audit.os_user()
    swapped = False
    try:
        with warehouse.exclusive(target, "publish" if who.via == "browser" else "refresh"):
            releases.recover(target)
            releases.record_start(target, result)
            pause_point("before_build")
            _build(raw, target, result, progress, refresh_date, who, policy, follow_symlinks, carry)
            swapped = True
            pause_point("after_swap")
            _keep(target, result, keep, who)
    except Exception as exc:
        if swapped:  # the new warehouse is live: the run succeeded, keeping it is retried next time
            log.warning(text("log.release_not_kept", run=result.run_id, error=exc))
            return result
        result.finished_at, result.status = dt.datetime.now(), "failed"
        result.error = (
            str(exc) if isinstance(exc, InputError | warehouse.WarehouseError) else repr(exc)
        )
        releases.record_failed(target, result)
        audit.run_failed(target, result, who)
        raise
    return result


def _build(
    raw: Path,
    target: Path,
    result: RunResult,
    progress: Progress,
    refresh_date: dt.date | None,
    who: audit.Actor,
    policy: guard.Policy,
    follow_symlinks: bool,
    carry: bool = True,
) -> None:
    """Check and load every input into a new file, stamp the run into it, swap it in."""
    with (
        # SHA-256 of the inputs while they are read
        background.fingerprints(raw, follow_symlinks) as hashing,
        warehouse.Building(target, result.run_id, progress, carry) as building,
        # left last: a failed build still waits for its reports (written, as they always were)
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="shuniu-reports") as reports_pool,
    ):
        refused: list[Refused] = []
        checked = check_inputs(
            raw, progress, building.load_table, refresh_date, follow_symlinks, refused
        )
        if refused:  # every file was looked at: each that cannot be used is named
            raise InputProblems(refused)
        result.files = file_stats(checked)
        accepted_drop = guard.check(target, checked, result.files, policy)
        progress(text("progress.fingerprinting"))
        paths = {name: c.raw.path for name, c in checked.items()}
        sums = {path: hashing[path].result() for path in paths.values() if path in hashing}
        result.inputs = releases.fingerprint(paths, result.files, sums)
        rejected = issue_frame(checked, "rejected", result.run_id)
        warned = issue_frame(checked, "warnings", result.run_id)

        def stamp() -> dict[str, pl.DataFrame]:
            reporting.result()  # the reports are written (or their error raised) before the stamp
            result.finished_at, result.status = dt.datetime.now(), "succeeded"
            result.audit_event = audit.run_event(result, who)
            if accepted_drop is not None:  # published deliberately despite a drop or a cut line
                result.audit_event["accepted_drop"] = accepted_drop
            tables = releases.quality_tables(target, result)
            return {**tables, "audit": audit.frame([*audit.read(target), result.audit_event])}

        # The reports' workbooks are Python work (about 1.3 s of CPU for 32,000 rejections at 1M):
        # written in a thread while DuckDB, which releases the GIL, builds the marts.
        # Each thread its own frame objects (clone: no data copied): one polars frame used by two
        # threads at once can hang (docs/scale.md), and the build reads these for quality.*.
        reporting = reports_pool.submit(
            write_reports, result, rejected.clone(), warned.clone(), target.parent / "reports"
        )
        reporting.add_done_callback(_log_report_error)
        columns = file_columns(checked, result.run_id)
        building.finish(stamp, result.files, rejected, warned, columns)


def _log_report_error(done: Future[None]) -> None:
    """A report the thread could not write is logged, also when the build failed before the stamp
    (which raises it otherwise)."""
    if not done.cancelled() and done.exception() is not None:
        log.error("the reports were not written: %s", done.exception())


def _keep(target: Path, result: RunResult, keep: int, who: audit.Actor) -> None:
    """Link the live file into the releases folder, index it, prune beyond the newest `keep`;
    the audit log gets this run's event (and the prune's)."""
    if result.audit_event is not None:
        audit.append(target, result.audit_event)
    result.release = releases.publish(target, result)
    result.pruned = releases.prune(target, keep)
    if result.pruned:
        audit.record(
            target, "prune", who, None, keep=keep, pruned=result.pruned, after=result.run_id
        )
