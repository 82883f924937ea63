"""Publishing from the browser (no Streamlit here): check uploaded files, validate them with the CLI's
code, compare with the live release, publish with the CLI's all-or-nothing refresh under its lock.

The files a release was built from are kept in data/warehouse/uploads/<run id>/ (their SHA-256 are
in the release's quality.inputs and in the audit log)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

import polars as pl

from pipeline import audit, releases
from pipeline.guard import Policy
from pipeline.messages import Problem
from pipeline.refresh import REPORT_HEADERS, new_run_id, refresh_warehouse, validate_only
from pipeline.run_record import RunResult
from schemas.tables import TABLES

SUFFIXES = (".csv", ".xlsx")
LIMIT_ENV = "SHUNIU_UPLOAD_MAX_MB"  # below Streamlit's server.maxUploadSize, never above it
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Upload:
    """One uploaded file as the browser sent it: its bytes, or the file they were streamed to on disk
    (dashboard/publish/intake.py: `path`, with the size and SHA-256 taken on the way)."""

    name: str
    data: bytes = b""
    path: Path | None = None
    size_bytes: int | None = None
    digest: str = ""

    @property
    def size(self) -> int:
        return self.size_bytes if self.size_bytes is not None else len(self.data)

    @property
    def sha256(self) -> str:
        return self.digest or hashlib.sha256(self.data).hexdigest()

    def write_to(self, target: Path) -> None:
        """Put the file at `target` (a copy of the file on disk, or its bytes)."""
        if self.path is not None:
            shutil.copyfile(self.path, target)
        else:
            target.write_bytes(self.data)


@dataclass(frozen=True)
class Refusal:
    """Why an uploaded file is not taken: a label key (publish.*) and its values."""

    key: str
    params: dict[str, object] = field(default_factory=dict)


def limit_mb(server_max_mb: int) -> int:
    """The per-file limit: env SHUNIU_UPLOAD_MAX_MB if smaller, else Streamlit's server.maxUploadSize."""
    configured = os.environ.get(LIMIT_ENV, "").strip()
    own = int(configured) if configured.isdigit() and int(configured) > 0 else server_max_mb
    return min(own, server_max_mb)


def accept(uploads: Sequence[Upload], limit_bytes: int) -> tuple[dict[str, Upload], list[Refusal]]:
    """The files that name a register table (organizations.csv, hubs.xlsx, ...), by table; and
    the refusals: a name of no table, another kind of file, an oversize or empty file, two files
    for one table. Any refusal means nothing is validated or published."""
    tables = {t.name: t for t in TABLES}
    taken: dict[str, Upload] = {}
    refused: list[Refusal] = []
    names = "、".join(f"{t.name}.csv" for t in TABLES)
    for upload in uploads:
        path = PurePath(upload.name)
        stem, suffix = path.stem.lower(), path.suffix.lower()
        if suffix not in SUFFIXES:
            refused.append(Refusal("publish.bad_kind", {"file": upload.name}))
        elif stem not in tables:
            refused.append(Refusal("publish.bad_name", {"file": upload.name, "names": names}))
        elif upload.size > limit_bytes:
            size = f"{upload.size / 2**20:.1f}"
            refused.append(
                Refusal(
                    "publish.too_big",
                    {"file": upload.name, "size": size, "limit": limit_bytes // 2**20},
                )
            )
        elif not upload.size:
            refused.append(Refusal("publish.empty", {"file": upload.name}))
        elif stem in taken:
            refused.append(
                Refusal(
                    "publish.two_files", {"a": taken[stem].name, "b": upload.name, "table": stem}
                )
            )
        else:
            taken[stem] = upload
    return taken, refused


def stage(files: dict[str, Upload], folder: Path) -> list[Path]:
    """Write the accepted files under their table's name (organizations.csv): never the sender's path."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table, upload in files.items():
        path = folder / f"{table}{PurePath(upload.name).suffix.lower()}"
        upload.write_to(path)
        written.append(path)
    return written


def fingerprint(files: dict[str, Upload]) -> tuple[tuple[str, str], ...]:
    """What was validated: (file name, SHA-256) of each file; Publish needs the same set."""
    return tuple(sorted((u.name, u.sha256) for u in files.values()))


@dataclass(frozen=True)
class Validation:
    """The result of validating a set of files: per-file counts and every rejected row, or why the
    files cannot be used at all (`error`, a catalogue problem of the CLI)."""

    fingerprint: tuple[tuple[str, str], ...]
    result: RunResult | None = None
    report: pl.DataFrame = field(default_factory=pl.DataFrame)  # the rejection report, as read back
    report_csv: bytes = b""  # the rejection report as the CLI writes it (UTF-8 with BOM)
    error: Problem | None = None


def validate(files: dict[str, Upload], progress: Progress) -> Validation:
    """Validate the files with the CLI's validate_only in a private folder, removed afterwards."""
    key = fingerprint(files)
    with tempfile.TemporaryDirectory(prefix="shuniu-validate-") as work:
        raw, reports = Path(work) / "raw", Path(work) / "reports"
        stage(files, raw)
        try:
            result = validate_only(raw, reports, progress)
        except Problem as exc:
            return Validation(key, error=exc)
        assert result.rejected_report is not None
        data = result.rejected_report.read_bytes()
    report = pl.read_csv(data, infer_schema=False) if data.strip(b"\xef\xbb\xbf\r\n") else None
    return Validation(key, result, report if report is not None else _empty_report(), data)


def _empty_report() -> pl.DataFrame:
    return pl.DataFrame(schema={h: pl.String for h in REPORT_HEADERS.values()})


def against_live(target: Path, result: RunResult) -> pl.DataFrame:
    """Per table: rows accepted in the live release and in these files, and the difference."""
    live: dict[str, tuple[str, int | None]] = {}
    ledger = releases.read(target)
    for rel in ledger.releases:
        if rel.is_live:
            live = {i.table_name: (i.file, i.rows_accepted) for i in rel.inputs}
    new = {f.table_name: (f.file, f.rows_accepted) for f in result.files}
    rows = []
    for table in TABLES:
        if table.name not in live and table.name not in new:
            continue
        old_file, old_rows = live.get(table.name, (None, None))
        new_file, new_rows = new.get(table.name, (None, None))
        change = None if old_rows is None or new_rows is None else new_rows - old_rows
        rows.append(
            {
                "table": table.name,
                "live_file": old_file,
                "live_rows": old_rows,
                "new_file": new_file,
                "new_rows": new_rows,
                "change": change,
            }
        )
    schema = {
        "table": pl.String,
        "live_file": pl.String,
        "live_rows": pl.Int64,
        "new_file": pl.String,
        "new_rows": pl.Int64,
        "change": pl.Int64,
    }
    return pl.DataFrame(rows, schema=schema)


def uploads_folder(target: Path, run_id: str) -> Path:
    """Where the files of release `run_id` are kept: data/warehouse/uploads/<run id>/."""
    return releases.Layout(target).uploads_of(run_id)


def publish(
    files: dict[str, Upload],
    target: Path,
    actor: audit.Actor,
    progress: Progress,
    keep: int = releases.DEFAULT_KEEP,
    accept_drop: bool = False,
) -> RunResult:
    """The CLI's refresh from the uploaded files, kept in uploads/<run id>/ with a SHA256SUMS file.

    All or nothing: on any failure (another refresh holding the lock, a file that cannot be used,
    a drop the CLI would refuse without --accept-drop) the folder is removed and the live
    warehouse is untouched; the error is raised. `accept_drop` is --accept-drop (audit-logged)."""
    run_id = new_run_id(dt.datetime.now())
    folder = uploads_folder(target, run_id)
    try:
        written = stage(files, folder)
        sums = "".join(f"{files[p.stem].sha256}  {p.name}\n" for p in written)
        (folder / "SHA256SUMS").write_text(sums, "utf-8")
        policy = Policy(accept=accept_drop)
        return refresh_warehouse(
            folder, target, progress, keep, actor=actor, run_id=run_id, policy=policy
        )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def publish_and_compare(
    files: dict[str, Upload],
    target: Path,
    actor: audit.Actor,
    progress: Progress,
    accept_drop: bool = False,
) -> tuple[RunResult, releases.Diff | None]:
    """Publish, then what changed against the release before it (None for a first release)."""
    result = publish(files, target, actor, progress, accept_drop=accept_drop)
    try:
        return result, releases.diff_releases(target, to_run=result.run_id)
    except releases.ReleaseError:  # no earlier release to compare with
        return result, None


class Job:
    """A validation or publish running in its own thread, so a rerun of the page (a click while it
    runs) neither interrupts it nor starts a second one; the page shows its progress and result."""

    def __init__(self, work: Callable[[Progress], Any]) -> None:
        self.steps: list[str] = []
        self.result: Any = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(work,), daemon=True)
        self._thread.start()

    def _run(self, work: Callable[[Progress], Any]) -> None:
        try:
            self.result = work(self.steps.append)
        except BaseException as exc:  # reported on the page; the refresh already kept things whole
            self.error = exc

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    def wait(self, seconds: float) -> bool:
        """Wait up to `seconds`; whether the job has finished."""
        self._thread.join(seconds)
        return self.done
