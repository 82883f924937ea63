"""Names are plain text in the real browser: a warehouse whose every organization, hub, project and
purchaser is named with markdown, a colour directive, HTML, a spreadsheet formula, a link or an e-mail
address (tests/e2e/hostile.py), walked page by page in chromium. No link to evil.example and no mailto:
link anywhere, no coloured text, no link inside a chart; each name reads exactly as it was written in
the heading of its page and in the charts' labels."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from dashboard.core.words import t
from tests.e2e import hostile
from tests.e2e.test_browser import ARGS, CHROMIUM, READY, _require_browser, _serve

pytestmark = pytest.mark.e2e
YEAR = hostile.revisions.YEAR
TIMEOUT_MS = 120_000
PAGES = [
    f"/?year={YEAR}",
    f"/coverage?year={YEAR}",
    f"/coverage?year={YEAR}&region=110105",  # a district: its organizations listed
    f"/funding?year={YEAR}",
    f"/profile?year={YEAR}",
    f"/profile?year={YEAR}&pick=org_type:social_group",
    "/organizations?org_q=协会",
    "/organizations?org_q=http://evil.example",
    f"/changes?year={YEAR}&open=org_added",
    "/quality",
    f"/?year={YEAR}&lang=en",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    _require_browser()
    root = tmp_path_factory.mktemp("hostile")
    warehouse = hostile.build(root)
    with _serve(warehouse, root) as url:
        yield url, warehouse


@pytest.fixture(scope="module")
def page(site: tuple[str, Path]) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser.new_page(viewport={"width": 1440, "height": 2400}, locale="zh-CN")
        browser.close()


def _open(page, url: str) -> None:  # noqa: ANN001 - playwright Page
    page.goto(url, timeout=TIMEOUT_MS)
    page.wait_for_timeout(400)
    page.wait_for_selector(READY, timeout=TIMEOUT_MS)
    page.wait_for_timeout(1200)  # plotly draws after the script has finished
    assert page.locator("[data-testid='stException']").count() == 0, url


def _inert(page, where: str) -> None:  # noqa: ANN001
    """Nothing a name could have made: a link out, a mail link, a link in a chart, coloured text."""
    # (a heading's own anchor, href="#...", names the heading: it stays on the page)
    outside = 'a[href*="evil"]:not([href^="#"]), a[href^="mailto:"]'
    assert page.locator(outside).count() == 0, where
    assert page.locator("svg a").count() == 0, where
    assert page.locator(".stMarkdownColoredText").count() == 0, where


def _plain(text: str) -> str:
    """Text as a reader sees it (the word joiner that breaks an address is invisible)."""
    return text.replace("\u2060", "")


def _labels(page) -> set[str]:  # noqa: ANN001
    ticks = page.locator(".ytick text, .xtick text, .textpoint text").all_text_contents()
    return {_plain(t) for t in ticks}


def _drawn(page, expected: set[str]) -> set[str]:  # noqa: ANN001
    """The charts' labels once those expected are drawn (plotly draws after the script, slowly on a
    loaded machine), or as they are after a minute."""
    for _ in range(120):
        if expected <= _labels(page):
            break
        page.wait_for_timeout(500)
    return _labels(page)


def test_no_page_turns_a_name_into_markup(site: tuple[str, Path], page) -> None:  # noqa: ANN001
    url, _ = site
    for path in PAGES:
        _open(page, url + path)
        _inert(page, path)


def test_an_organizations_name_reads_as_written_in_its_heading_and_picker(
    site: tuple[str, Path],
    page,  # noqa: ANN001
) -> None:
    url, warehouse = site
    with duckdb.connect(str(warehouse), read_only=True) as con:
        by_name = dict(con.execute("select name, uscc from clean.organizations").fetchall())
    orgs = [(by_name[hostile.hostile(i)], hostile.hostile(i)) for i in range(len(hostile.HOSTILE))]
    for uscc, name in orgs:
        _open(page, f"{url}/organizations?year={YEAR}&org_q={uscc}&org={uscc}")  # found by search
        _inert(page, name)
        heading = page.get_by_test_id("stMain").locator("h2").first.inner_text()
        assert _plain(heading) == name
        picked = page.get_by_test_id("stSelectbox").locator("input").first.input_value()
        assert name in picked  # a plain-text option: as written, nothing escaped


def test_chart_labels_read_as_written(site: tuple[str, Path], page) -> None:  # noqa: ANN001
    url, warehouse = site
    with duckdb.connect(str(warehouse), read_only=True) as con:
        purchasers = {
            name
            for (name,) in con.execute(
                "select distinct purchaser_name from clean.projects where year(start_on) = ?",
                [YEAR],
            ).fetchall()
        }
        hubs = {
            f"{name}（{'联系' if relation == 'liaison' else '管理'}）"
            for name, relation in con.execute(
                "select h.name, l.relation from clean.hub_links l join clean.hubs h using (hub_id)"
                " where l.uscc = (select min(uscc) from clean.hub_links)"
            ).fetchall()
        }
        first = con.execute("select min(uscc) from clean.hub_links").fetchone()
    assert purchasers and hubs and first
    _open(page, f"{url}/funding?year={YEAR}")
    # the projects-by-purchaser bars: drawn once their tab is chosen (only the tab shown is drawn)
    page.get_by_role("tab", name=t("col.purchaser_name", "zh"), exact=True).click()
    assert purchasers <= _drawn(page, purchasers)
    _open(page, f"{url}/organizations?year={YEAR}&org={first[0]}")
    assert hubs <= _drawn(page, hubs)  # the organization's hubs over time
