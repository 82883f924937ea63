"""Many sessions at once: the dashboard's presentation code never deadlocks, and no Python callback can
come back onto the polars thread pool (STACK_NOTES: map_elements + to_pandas in two threads hangs)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
WORKLOAD = Path(__file__).with_name("threads_workload.py")
HANG_S = 90  # the workload takes ~8 s here (2 cores); a deadlock never ends
# Python callbacks that polars runs on its own thread pool (each needs the GIL there)
CALLBACKS = re.compile(r"\.(map_elements|map_batches|map_rows|map_groups|apply)\s*\(|\bpl\.map_")


def test_presentation_code_in_many_threads_finishes() -> None:
    """Twelve threads render tables, CSVs and charts and call to_pandas at once, and all finish."""
    try:
        done = subprocess.run(
            [sys.executable, str(WORKLOAD), "12", "3", str(HANG_S)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=HANG_S + 30,
        )
    except subprocess.TimeoutExpired as hung:
        pytest.fail(f"the presentation code hung for good: {hung.stderr!r:.3000}")
    assert done.returncode == 0, f"hung or failed (exit {done.returncode}):\n{done.stderr[:4000]}"
    assert done.stdout.startswith("done "), done.stdout
    assert int(done.stdout.split()[1]) == 12 * 3 * 24  # every thread made every call


def dashboard_callbacks(root: Path) -> list[str]:
    """Every line under root that hands a Python function to polars (file:line: text)."""
    hits = []
    for path in sorted(root.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if CALLBACKS.search(line):
                hits.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    return hits


def test_dashboard_hands_no_python_callback_to_polars() -> None:
    """Labels go through replace/joins; a map_elements/map_batches/map_rows/apply anywhere fails this."""
    assert dashboard_callbacks(REPO / "dashboard") == []


def test_the_callback_check_finds_a_callback(tmp_path: Path) -> None:
    """The check above can fail: it sees each kind of callback, spelled the usual ways."""
    lines = [
        "x = pl.col('a').map_elements(lambda v: v)",
        "y = s.map_batches (f)",
        "z = df.map_rows(f)",
        "w = series.apply(f)",
        "v = pl.map_groups(exprs, f)",
        "ok = pl.col('a').replace(mapping)",
    ]
    (tmp_path / "views").mkdir()
    for i, line in enumerate(lines):
        (tmp_path / "views" / f"m{i}.py").write_text(
            f"import polars as pl\n{line}\n", encoding="utf-8"
        )
    assert dashboard_callbacks(tmp_path) == [
        f"views/m{i}.py:2: {line}" for i, line in enumerate(lines[:5])
    ]
