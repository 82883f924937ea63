"""The publish page at the server's own computer, without sign-in: a register with a mixed-encoding file
and row errors in two other files gives one report with all of them and no publish; the mended register
is published, and the audit log names the computer's user."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pipeline import audit, releases
from pipeline.refresh import refresh_warehouse
from tests.app.conftest import APP
from tests.unit import registers as r

ORG_X = r.uscc("1", "110105", "MJ0000009")
BAD_USCC = ORG_X[:-1] + ("0" if ORG_X[-1] != "0" else "1")
ROW_ERRORS = {
    "organizations": [  # line 5
        [BAD_USCC, "坏代码协会", "社会团体", "区级", "110105", "2012-01-01", "", "正常", "是"],
    ],
    "funding": [["F9", r.ORG_A, "财政资金", "-5", "2013-01-01", ""]],  # line 4
}


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A live release of the tiny register, read by the page; no login configured, no roles file."""
    target = tmp_path / "wh" / "hub.duckdb"
    refresh_warehouse(r.write_register(tmp_path / "first"), target, lambda _: None)
    monkeypatch.setenv("SHUNIU_WAREHOUSE", str(target))
    monkeypatch.setenv("SHUNIU_ROLES", str(tmp_path / "no-roles.toml"))
    return target


def _page() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=180)  # no secrets: no login, on loopback
    at.run()
    at.switch_page("publish/page.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _upload(at: AppTest, folder: Path) -> None:
    files = [(p.name, p.read_bytes(), "text/csv") for p in sorted(folder.iterdir())]
    at.file_uploader[0].set_value(files).run()
    at.button(key="pub_validate").click().run()
    assert not at.exception, [e.message for e in at.exception]


def _mixed(folder: Path) -> None:
    """hub_links.csv begun in UTF-8, its line 5 in GBK."""
    head = "hub_id,uscc,relation,linked_on,ended_on\n" + "".join(
        ",".join(x) + "\n" for x in r.LINKS
    )
    gbk = f"H1,{r.ORG_C},联系,2012-05-01,\n".encode("gbk")
    (folder / "hub_links.csv").write_bytes(head.encode("utf-8") + gbk)


def test_one_validation_reports_a_mixed_encoding_file_and_row_errors_in_two_others(
    site: Path, tmp_path: Path
) -> None:
    raw = r.write_register(tmp_path / "raw", ROW_ERRORS)
    _mixed(raw)
    at = _page()
    _upload(at, raw)
    (error,) = [e.value for e in at.error]
    assert error.startswith("hub\\_links\\.csv 混用了两种编码：第 2 行是 UTF-8，第 5 行却不是"), (
        error
    )
    files, rules = (frame.value for frame in at.dataframe[:2])
    assert files["文件"].tolist() == [
        "organizations.csv",
        "hubs.csv",
        "projects.csv",
        "funding.csv",
    ]
    assert rules[["文件", "规则", "行数"]].values.tolist() == [
        ["hub_links.csv", "文件无法读取", 1],
        ["funding.csv", "必须大于 0", 1],
        ["organizations.csv", "信用代码校验位错误", 1],
    ]
    assert "有 1 个文件整个无法读取" in " ".join(i.value for i in at.info)
    assert not [b for b in at.button if b.key == "pub_publish"]  # nothing to publish yet
    assert len(releases.read(site).releases) == 1


def test_the_person_at_the_servers_computer_publishes_under_its_user_name(
    site: Path, tmp_path: Path
) -> None:
    before = releases.read(site).live_run_id
    raw = r.write_register(tmp_path / "raw", ROW_ERRORS)
    at = _page()
    assert any(audit.os_user().name in c.value for c in at.sidebar.caption)
    _upload(at, raw)
    at.button(key="pub_publish").click().run()
    said = " ".join(e.value for e in at.success)
    assert "已发布为版本" in said, [e.value for kind in ("error", "info") for e in at.get(kind)]
    live = releases.read(site).live_run_id
    assert live != before
    event = [e for e in audit.read(site) if e["action"] == "publish"][-1]
    assert (event["actor"], event["via"], event["role"], event["run_id"]) == (
        audit.os_user().name,
        "browser",
        "local",
        live,
    )


def test_release_management_still_needs_an_administrator_who_signed_in(site: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("releases/page.py").run()
