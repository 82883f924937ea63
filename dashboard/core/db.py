"""The one module that owns caching: a read-only warehouse connection per file version, a cursor per
query, and the work shared by every session (query results, figures) keyed on that version."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import duckdb
import polars as pl
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard.core import results

REPO = Path(__file__).resolve().parents[2]
DEFAULT_WAREHOUSE = REPO / "data" / "warehouse" / "hub.duckdb"
_CONFIG = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "threads": 2,
}
_CATALOG = "warehouse"
_SHOWN = "_shown_file"  # session key: the release file this session reads (set by release.py)
_TTL_S = 3600  # entries of a replaced warehouse version leave within the hour, whatever the traffic
T = TypeVar("T")


@dataclass(frozen=True)
class Version:
    """The identity of one warehouse file: a refresh swaps in a new inode and mtime."""

    path: str
    inode: int
    mtime_ns: int


def warehouse_path() -> Path:
    """The warehouse file: env SHUNIU_WAREHOUSE, else data/warehouse/hub.duckdb in the repository."""
    return _absolute(os.environ.get("SHUNIU_WAREHOUSE"))


@lru_cache(maxsize=8)
def _absolute(configured: str | None) -> Path:
    """Made absolute once per setting (no symlink resolution: a flipped link is a new version)."""
    return (
        Path(os.path.abspath(os.path.expanduser(configured))) if configured else DEFAULT_WAREHOUSE
    )


_PINNED: ContextVar[Version | None] = ContextVar("shuniu_warehouse_version", default=None)


def pin_version() -> Version | None:
    """Read the shown file's identity once for this script run (the router calls it right after
    choosing the release): every query of the run then reads the same version, and a refresh shows on
    the next run, whole."""
    ver = version()
    _PINNED.set(ver)
    return ver


def _current() -> Version:
    ver = _PINNED.get() or version()
    if ver is None:
        raise FileNotFoundError(shown_path())
    return ver


def show_file(path: Path | None) -> None:
    """Read this session's queries from a release file (`?release=`), or from the live warehouse (None)."""
    st.session_state[_SHOWN] = str(path) if path is not None else None


def shown_path() -> Path:
    """The file this session reads: the release chosen for it, else the live warehouse (also outside
    a page run, e.g. in tests and benchmarks)."""
    chosen = st.session_state.get(_SHOWN) if get_script_run_ctx() is not None else None
    return Path(chosen) if chosen else warehouse_path()


def file_version(path: Path) -> Version | None:
    """A warehouse file's identity (path, inode, mtime), or None when there is no file."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return Version(str(path), stat.st_ino, stat.st_mtime_ns)


def version() -> Version | None:
    """The identity of the file this session reads (see `shown_path`), or None when there is no file."""
    return file_version(shown_path())


def file_format() -> int | None:
    """The format the shown file was built in (quality.format: pipeline.warehouse.FORMAT); None for a
    file built before formats were stored. Read here, not in a page's queries: it is the file's, the
    same for every viewer and scope."""
    try:
        found = query("select max(format) as format from quality.format")
    except duckdb.CatalogException:
        return None
    return None if found.is_empty() or found["format"][0] is None else int(found["format"][0])


def connection_config() -> dict[str, object]:
    """The connection's settings: no extension installs, few threads per viewer."""
    return dict(_CONFIG)


@st.cache_resource(max_entries=3, show_spinner=False)
def _connection(path: str, inode: int, mtime_ns: int) -> duckdb.DuckDBPyConnection:
    """One connection per file version, shared only through cursors.

    The file is ATTACHed read-only to a private in-memory database: `duckdb.connect(path)` would hand
    back the cached instance of the *replaced* file while an old connection lives. After the attach,
    file and network access are switched off and the configuration is locked.
    """
    con = duckdb.connect(":memory:", config=connection_config())
    con.execute(f"attach ? as {_CATALOG} (read_only)", [path])
    con.execute(f"use {_CATALOG}")
    con.execute("set enable_external_access = false")
    con.execute("set lock_configuration = true")
    return con


Params = dict[str, object]


def _digest(*parts: object) -> str:
    """A short cache key from the repr of plain values (dataclasses, tuples, str, numbers, dates):
    Streamlit then hashes one string instead of walking the values (measured: a quarter of a warm
    page's Python time went to hashing cache arguments)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=20).hexdigest()


@st.cache_resource(max_entries=512, ttl=_TTL_S, show_spinner=False)
def _cached(
    key: str, _ver: Version, _sql: str, _params: tuple[tuple[str, object], ...]
) -> pl.DataFrame:
    """Run once per version, SQL and parameters (`key`), whoever asks: concurrent askers of a missing
    entry wait for the first one (Streamlit's per-key compute lock) instead of running it again; the
    workers of one server share their results too (core/results.py)."""
    return results.fetch(key, lambda: _run(_ver, _sql, _params))


def _run(ver: Version, sql: str, params: tuple[tuple[str, object], ...]) -> pl.DataFrame:
    """Run one query on a cursor of the version's connection."""
    con = _connection(ver.path, ver.inode, ver.mtime_ns)
    cur = con.cursor()
    try:
        cur.execute(f"use {_CATALOG}")
        bound = {name: list(v) if isinstance(v, tuple) else v for name, v in params}
        return cur.sql(sql, params=bound).pl()
    finally:
        cur.close()


def query(sql: str, params: Params | None = None) -> pl.DataFrame:
    """Run one query with named ($name) parameters on the file version of this run (pin_version: the
    release the session shows, else the live warehouse) or else the current one; cached per version.

    Every caller gets its own frame object (a clone: no data copied) over the one shared result. Never
    hand one polars frame to several sessions: `to_pandas()` holds the frame's write lock while it
    waits for the GIL, and a second thread calling it on the same frame holds the GIL while it waits
    for that lock, and the server hangs (seen on polars 2.1, issue 7)."""
    frozen = tuple(
        sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in (params or {}).items())
    )
    ver = _current()
    return _cached(_digest(ver, sql, frozen), ver, sql, frozen).clone()


@st.cache_resource(max_entries=256, ttl=_TTL_S, show_spinner=False)
def _shared(key: str, _build: Callable[[], object]) -> object:
    return _build()


def shared(key: tuple[Hashable, ...], build: Callable[[], T]) -> T:
    """What `build` returns, built once per warehouse version and key for every session (a figure for
    a selection and language). The key must name everything the value depends on besides the
    warehouse, the viewer's scope among it (ui.chart and ui.table put it in); the value is handed out
    as is, so it must be read-only (plotly figures are: st.plotly_chart only reads them) and never a
    polars frame (see query)."""
    return _shared(_digest(_current(), *key), build)  # type: ignore[return-value]
