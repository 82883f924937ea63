"""The one module that owns caching: a read-only warehouse connection per file version, a cursor per query."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

REPO = Path(__file__).resolve().parent.parent
DEFAULT_WAREHOUSE = REPO / "data" / "warehouse" / "hub.duckdb"
_CONFIG = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "threads": 2,
}
_CATALOG = "warehouse"
_SHOWN = "_shown_file"  # session key: the release file this session reads (set by release.py)


@dataclass(frozen=True)
class Version:
    """The identity of one warehouse file: a refresh swaps in a new inode and mtime."""

    path: str
    inode: int
    mtime_ns: int


def warehouse_path() -> Path:
    """The warehouse file: env SHUNIU_WAREHOUSE, else data/warehouse/hub.duckdb in the repository."""
    configured = os.environ.get("SHUNIU_WAREHOUSE")
    return Path(configured).expanduser().resolve() if configured else DEFAULT_WAREHOUSE


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


@st.cache_data(max_entries=512, show_spinner=False)
def _cached(ver: Version, sql: str, params: tuple[tuple[str, object], ...]) -> pl.DataFrame:
    con = _connection(ver.path, ver.inode, ver.mtime_ns)
    cur = con.cursor()
    try:
        cur.execute(f"use {_CATALOG}")
        bound = {name: list(v) if isinstance(v, tuple) else v for name, v in params}
        return cur.sql(sql, params=bound).pl()
    finally:
        cur.close()


def query(sql: str, params: Params | None = None) -> pl.DataFrame:
    """Run one query with named ($name) parameters on the current warehouse version; cached per version."""
    ver = version()
    if ver is None:
        raise FileNotFoundError(shown_path())
    frozen = tuple(
        sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in (params or {}).items())
    )
    return _cached(ver, sql, frozen)
