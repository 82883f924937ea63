"""The layout: the synthetic-register generator is its own package, and the product never loads it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.unit import registers as r

REPO = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys
from pipeline.cli import main
raw, out = sys.argv[1], sys.argv[2]
codes = [
    main(["refresh", "--raw", raw, "--warehouse", out + "/hub.duckdb", "--quiet"]),
    main(["validate", "--raw", raw, "--quiet"]),
    main(["status", "--warehouse", out + "/hub.duckdb"]),
    main(["export", "--warehouse", out + "/hub.duckdb", "--out", out + "/exports"]),
]
loaded = sorted(m for m in sys.modules if m == "pipeline.sample" or m.startswith("pipeline.sample."))
print("CODES", codes)
print("LOADED", loaded)
"""


def test_refresh_validate_status_and_export_load_nothing_of_the_sample_package(
    tmp_path: Path,
) -> None:
    raw = r.write_register(tmp_path / "raw")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(raw), str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "CODES [0, 0, 0, 0]" in done.stdout, done.stdout + done.stderr
    assert "LOADED []" in done.stdout, done.stdout


def test_the_generator_lives_in_its_own_package_and_no_sample_module_is_left_beside_the_pipeline() -> (
    None
):
    assert (REPO / "pipeline" / "sample" / "__init__.py").is_file()
    assert sorted(p.name for p in (REPO / "pipeline").glob("sample*.py")) == []
