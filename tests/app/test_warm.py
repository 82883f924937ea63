"""Warm before serving: after dashboard/warm.py has run, nothing a page, a download or a validation does
imports another module (a first import shared by several session threads is what broke a cold server),
and warming never runs a page script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from dashboard import warm
from tests.app.conftest import APP, REPO, sample_raw

# in a fresh interpreter: warm, then everything a session can do, and the modules imported meanwhile
SCRIPT = """
import json, sys
from pathlib import Path
from dashboard import warm
warm.imports()
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest
st_config.set_option("server.address", "127.0.0.1")
before = set(sys.modules)
PAGES = [None, "coverage/page.py", "funding/page.py", "profile/page.py",
         "organizations/page.py", "changes/page.py", "quality/page.py"]
for page in PAGES:
    at = AppTest.from_file(sys.argv[1], default_timeout=180)
    at.query_params["org_q"] = "协会"
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
from dashboard.core.filters import Filters
from dashboard.core.regions import RegionTree
from dashboard.frame import queries
from dashboard.overview import briefing
from dashboard.overview.pack import briefing_zip
from pipeline.refresh import validate_only
year = max(queries.allowed(Filters.for_scope(())).years)
f = Filters(year=year, base_year=year - 5)
names = RegionTree.from_frame(queries.regions(f)).label
briefing_zip(briefing.pack(briefing.overview(f), f, names, queries.provenance(f)))
validate_only(Path(sys.argv[2]), Path(sys.argv[3]), lambda _: None)
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def test_nothing_is_imported_for_the_first_time_once_the_server_is_warm(
    warehouse: Path, tmp_path: Path
) -> None:
    """Every page (AppTest), the briefing pack (xlsx and kaleido's PNGs, the heaviest download) and a
    validation of the sample register, after warm.imports(): no module is new but AppTest's own."""
    raw = sample_raw(tmp_path / "raw")
    env = {**os.environ, "SHUNIU_WAREHOUSE": str(warehouse)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(APP), str(raw), str(tmp_path / "reports")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    new = json.loads(done.stdout.strip().splitlines()[-1])
    assert [m for m in new if not m.startswith("streamlit.testing")] == [], new


def test_warming_reads_the_pages_and_the_router_without_running_them() -> None:
    names = warm.wanted()
    assert "kaleido" in names  # imported inside a function (export.png_bytes)
    assert "charset_normalizer" in names  # pipeline/csvfile.py, only when a file is refused
    assert "dashboard.frame.ui" in names and "dashboard.core.door" in names  # what the pages import
    assert not {"dashboard.app", "dashboard.server"} & set(names)  # scripts: never imported
    assert not any(n.endswith(".page") for n in names)  # page scripts


def test_imports_found_in_source_include_lazy_and_from_imports() -> None:
    source = (
        "from __future__ import annotations\nimport a.b\nfrom c import d, e\n"
        "def f():\n    import g\n    from .h import i\n"
    )
    assert warm.imported_by(source) == {"a.b", "c", "c.d", "c.e", "g"}
