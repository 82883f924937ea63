"""The person at the server's own computer, in a real chromium, without sign-in: one validation of a
register with a mixed-encoding file and row errors in two other files reports all of them (on screen
and in the report, .xlsx and CSV); the mended register is published under the computer's user name."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from pipeline import audit, releases
from pipeline.refresh import refresh_warehouse
from tests.app.test_publish_local import ROW_ERRORS, _mixed
from tests.e2e.test_access import _settle
from tests.e2e.test_browser import ARGS, ARTIFACTS, CHROMIUM, _require_browser, _serve
from tests.unit import registers as r

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    """`streamlit run` on loopback without login, reading a warehouse of the tiny register."""
    _require_browser()
    root = tmp_path_factory.mktemp("local")
    warehouse = root / "wh" / "hub.duckdb"
    refresh_warehouse(r.write_register(root / "first"), warehouse, lambda _: None)
    with _serve(warehouse, root) as url:
        yield url, warehouse, root


def _download(page, name: str) -> bytes:  # noqa: ANN001 - playwright Page
    with page.expect_download() as download:
        page.get_by_role("button", name=name).click()
    return Path(download.value.path()).read_bytes()


def _validated(browser, url: str, folder: Path):  # noqa: ANN001, ANN202
    page = browser.new_context(viewport={"width": 1440, "height": 2000}, accept_downloads=True,
                               locale="zh-CN").new_page()  # fmt: skip
    page.goto(url + "/publish")
    _settle(page)
    files = [str(p) for p in sorted(folder.iterdir())]
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(files)
    _settle(page)
    page.get_by_role("button", name="校验").click()
    _settle(page, 180_000)
    return page


def test_one_pass_then_a_publish_from_the_servers_own_computer(
    site: tuple[str, Path, Path],
) -> None:
    from playwright.sync_api import sync_playwright

    url, warehouse, root = site
    before = releases.read(warehouse).live_run_id
    messy = r.write_register(root / "messy", ROW_ERRORS)
    _mixed(messy)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = _validated(browser, url, messy)
        main = page.get_by_test_id("stMain").inner_text()
        assert "hub_links.csv 混用了两种编码：第 2 行是 UTF-8，第 5 行却不是" in main
        assert page.get_by_role("button", name="发布", exact=True).count() == 0
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTIFACTS / "publish_local_one_pass.png", full_page=True)
        report = list(
            csv.DictReader(io.StringIO(_download(page, "下载拒收明细（CSV）").decode("utf-8-sig")))
        )
        assert [(x["文件"], x["行号"], x["规则代码"]) for x in report] == [
            ("hub_links.csv", "5", "file_refused"),
            ("organizations.csv", "5", "uscc_check_char"),
            ("funding.csv", "4", "greater_than"),
        ]
        book = openpyxl.load_workbook(io.BytesIO(_download(page, "下载拒收明细（Excel）")))
        assert book["拒收明细"].max_row == 1 + len(report)
        page.context.close()

        page = _validated(browser, url, r.write_register(root / "mended", ROW_ERRORS))
        assert audit.os_user().name in page.get_by_test_id("stSidebar").inner_text()
        page.get_by_role("button", name="发布", exact=True).click()
        _settle(page, 300_000)
        assert "已发布为版本" in page.get_by_test_id("stMain").inner_text()
        page.context.close()
        browser.close()
    live = releases.read(warehouse).live_run_id
    assert live != before
    event = [e for e in audit.read(warehouse) if e["action"] == "publish"][-1]
    assert (event["actor"], event["role"], event["run_id"]) == (audit.os_user().name, "local", live)
