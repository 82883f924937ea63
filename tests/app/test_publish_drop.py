"""The publish page and the drop guard: half a register uploaded is refused with the CLI's sentence;
ticking 仍要发布 publishes it deliberately, and the audit log names the clerk and the drop."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.frame.ui import escape_md
from pipeline import audit, releases
from pipeline.refresh import refresh_warehouse
from tests.app.conftest import APP, SECRETS
from tests.unit import registers as r

ROLES = '[users]\n"clerk@example.org" = { role = "staff" }\n'


def _register(folder: Path, n: int) -> Path:
    orgs = [
        [
            r.uscc("1", "110105", f"MJ{i:07d}"),
            f"朝阳区第{i}志愿者协会",
            "社会团体",
            "区级",
            "110105",
        ]
        + ["2010-01-01", "", "正常", "是"]
        for i in range(10, 10 + n)
    ]
    links = [["H1", org[0], "联系", "2011-01-01", ""] for org in orgs]
    return r.write_register(folder, {"organizations": orgs, "hub_links": links})


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A live release of 23 organizations, the page reading it, a staff member in the roles file."""
    target = tmp_path / "wh" / "hub.duckdb"
    refresh_warehouse(_register(tmp_path / "full", 20), target)
    roles = tmp_path / "roles.toml"
    roles.write_text(ROLES, "utf-8")
    monkeypatch.setenv("SHUNIU_ROLES", str(roles))
    monkeypatch.setenv("SHUNIU_WAREHOUSE", str(target))
    return target


def _page() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=180)
    at.secrets.update(SECRETS)
    at.user = {"is_logged_in": True, "email": "clerk@example.org", "iat": 1_900_000_000}
    at.run()
    at.switch_page("publish/page.py").run()
    return at


def _said(at: AppTest) -> str:
    assert not at.exception, [e.message for e in at.exception]
    return " ".join(e.value for kind in ("error", "success", "info") for e in at.get(kind))


def test_a_halved_upload_is_refused_then_published_when_the_clerk_ticks_publish_anyway(
    site: Path, tmp_path: Path
) -> None:
    before = releases.read(site).live_run_id
    halved = _register(tmp_path / "half", 5)  # 8 organizations against 23
    at = _page()
    files = [(p.name, p.read_bytes(), "text/csv") for p in sorted(halved.iterdir())]
    at.file_uploader[0].set_value(files).run()
    at.button(key="pub_validate").click().run()
    at.button(key="pub_publish").click().run()
    said = _said(at)
    # as the page writes it: the file names escaped (plain text in markdown, dashboard/frame/ui.py)
    assert escape_md("未发布：organizations.csv 接受的行数从现行版本的 23 行降到 8 行") in said, (
        said
    )
    assert releases.read(site).live_run_id == before

    at.checkbox(key="pub_accept_drop").check().run()
    at.button(key="pub_publish").click().run()
    assert "已发布为版本" in _said(at)
    live = releases.read(site).live_run_id
    assert live != before
    event = [e for e in audit.read(site) if e["action"] == "publish"][-1]
    assert (event["actor"], event["run_id"]) == ("clerk@example.org", live)
    assert [d["table_name"] for d in event["accepted_drop"]["drops"]] == [
        "organizations",
        "hub_links",
    ]
