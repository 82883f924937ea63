"""The frame's words in a real browser: an unknown page says so in the reader's language with the link
back to 总览 (never Streamlit's English "Page not found" pop-up); the header names the release by the
date and time it was made, its run id on hover."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from pipeline.refresh import refresh_warehouse
from tests.app.conftest import sample_raw
from tests.e2e.test_browser import ARGS, CHROMIUM, _require_browser, _serve, _settle

pytestmark = pytest.mark.e2e
STREAMLIT_POPUP = (
    "does not seem to exist"  # Streamlit's own English pop-up: "Page not found. The page…"
)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A real server over the sample; the run id of its release."""
    _require_browser()
    root = tmp_path_factory.mktemp("e2e_frame")
    warehouse = root / "hub.duckdb"
    result = refresh_warehouse(sample_raw(root / "raw"), warehouse)
    assert result.status == "succeeded"
    with _serve(warehouse, root) as address:
        yield address, result.run_id


@pytest.fixture(scope="module")
def url(served: tuple[str, str]) -> str:
    return served[0]


@pytest.mark.parametrize(
    ("path", "shown", "title", "back", "home"),
    [
        ("/nonexistent", "nonexistent", "找不到这个页面", "回到总览", "总览"),
        ("/%E6%97%A7%E9%A1%B5%E9%9D%A2", "旧页面", "找不到这个页面", "回到总览", "总览"),
        ("/nonexistent?lang=en", "nonexistent", "No such page", "Back to the overview", "Overview"),
        # a nested path: Streamlit's own answer was a blank page (its scripts resolved under /a/)
        ("/a/b", "a/b", "找不到这个页面", "回到总览", "总览"),
        ("/coverage/x?lang=en", "coverage/x", "No such page", "Back to the overview", "Overview"),
    ],
)
def test_an_unknown_page_says_so_in_the_readers_language_and_leads_back(
    url: str, path: str, shown: str, title: str, back: str, home: str
) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1200}, locale="zh-CN")
        page.goto(url + path)
        _settle(page)
        main = page.get_by_test_id("stMain")
        assert main.get_by_role("heading", name=title).count() == 1, main.inner_text()
        assert f"“{shown}”" in main.inner_text(), main.inner_text()
        body = page.inner_text("body")
        assert STREAMLIT_POPUP not in body and "Page not found" not in body, body
        at = path.split("?")[0] if shown.count("/") == 0 else "/not-found?path="
        assert page.url.startswith(url + at), page.url  # not sent to the main page
        page.get_by_test_id("stPageLink").filter(has_text=back).click()
        _settle(page)
        assert page.url.rstrip("/") == url or page.url.startswith(url + "/?"), page.url
        assert page.get_by_test_id("stMain").get_by_role("heading", name=home).count() == 1
        assert title not in page.get_by_test_id("stMain").inner_text()
        browser.close()


def test_a_page_of_its_own_is_not_taken_for_an_unknown_one(url: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1200}, locale="zh-CN")
        for path, heading in (("/quality", "数据质量"), ("/overview", "总览"), ("/", "总览")):
            page.goto(url + path)
            _settle(page)
            main = page.get_by_test_id("stMain")
            assert main.get_by_role("heading", name=heading).count() == 1, (path, main.inner_text())
            assert "找不到这个页面" not in main.inner_text()
        browser.close()


def test_the_header_names_the_release_by_its_date_and_time_and_the_run_id_on_hover(
    served: tuple[str, str],
) -> None:
    from playwright.sync_api import sync_playwright

    url, run_id = served
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1200}, locale="zh-CN")
        page.goto(url + "/quality")
        _settle(page)
        header = page.get_by_test_id("stMain").get_by_test_id("stCaptionContainer").first
        line = header.inner_text()
        assert re.search(r"数据版本 \d{4}-\d{2}-\d{2} \d{2}:\d{2}", line), line
        assert run_id not in line, line
        header.get_by_test_id("stTooltipHoverTarget").hover()
        tip = page.get_by_test_id("stTooltipContent")
        tip.wait_for(timeout=10_000)
        assert f"刷新批次 {run_id}" in tip.inner_text(), tip.inner_text()
        browser.close()
