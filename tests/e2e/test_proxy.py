"""Past one process: two Streamlit workers behind Caddy. A viewer's page, websocket and later requests
all reach one worker (the affinity cookie), new viewers spread over both, and pages render through the
proxy, in the protocol and in a real browser."""

from __future__ import annotations

import asyncio
import re
import urllib.request
from collections.abc import Iterator

import pytest

from benchmarks.protocol import Viewer
from deploy.serve import Cluster, start
from pipeline.refresh import refresh_warehouse
from tests.app.conftest import sample_raw
from tests.e2e.test_browser import ARGS, CHROMIUM, READY, _require_browser

pytestmark = pytest.mark.e2e
CONNECTS = re.compile(r'^session_events_total\{type="connect"\} (\d+)', re.M)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """`make serve WORKERS=2`: two workers on free loopback ports, Caddy in front on another."""
    root = tmp_path_factory.mktemp("proxy")
    warehouse = root / "hub.duckdb"
    assert refresh_warehouse(sample_raw(root / "raw"), warehouse).status == "succeeded"
    running = start(2, None, warehouse, logs=root / "logs", metrics=True)  # sessions counted
    yield running
    running.stop()


def _connects(worker_url: str) -> int:
    """Sessions a worker has accepted so far (its own /_stcore/metrics, asked directly)."""
    with urllib.request.urlopen(f"{worker_url}/_stcore/metrics", timeout=10) as answer:
        found = CONNECTS.search(answer.read().decode())
    return int(found.group(1)) if found else 0


def _get(url: str, cookie: str) -> str:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=30) as answer:
        answer.read()
        return answer.headers.get("X-Shuniu-Worker") or ""


async def _one_viewer(cluster: Cluster) -> tuple[str, dict[str, int], list[str], str]:
    """Open the coverage page through the proxy: the worker that served the page, the sessions each
    worker accepted meanwhile (the websocket's), the exceptions, the worker of a later request."""
    before = {url: _connects(url) for url in cluster.worker_urls}
    viewer = Viewer(cluster.url, timeout=90)
    try:
        render = await viewer.open("coverage")
        assert render.status == "ok", render.status
        after = {url: _connects(url) - before[url] for url in cluster.worker_urls}
        later = await asyncio.to_thread(_get, f"{cluster.url}/funding", viewer.cookie)
        return render.worker, after, render.exceptions, later
    finally:
        await viewer.close()


def test_a_session_stays_on_one_worker_and_viewers_spread_over_both(cluster: Cluster) -> None:
    seen: set[str] = set()
    for count in range(1, 41):  # six viewers at least, until both workers served one
        worker, connects, exceptions, later = asyncio.run(_one_viewer(cluster))
        assert exceptions == []
        assert worker in {u.removeprefix("http://") for u in cluster.worker_urls}
        # the websocket was accepted by that worker and no other; a later request went there too
        assert connects == {u: int(u.endswith(worker)) for u in cluster.worker_urls}
        assert later == worker
        seen.add(worker)
        if len(seen) == 2 and count >= 6:
            break
    assert len(seen) == 2


def test_later_requests_with_the_cookie_reach_the_same_worker(cluster: Cluster) -> None:
    with urllib.request.urlopen(f"{cluster.url}/", timeout=30) as first:
        cookie = (first.headers.get("Set-Cookie") or "").split(";")[0]
        worker = first.headers.get("X-Shuniu-Worker")
    assert cookie.startswith("shuniu_worker=") and worker
    for path in ("/coverage", "/_stcore/health", "/_stcore/host-config", "/funding"):
        assert _get(cluster.url + path, cookie) == worker


def test_a_real_browser_through_the_proxy_renders_pages_and_a_filter(cluster: Cluster) -> None:
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1600}, locale="zh-CN")
        for path in ("/", "/coverage", "/funding?year=²"):
            page.goto(cluster.url + path)
            page.wait_for_selector("h1", timeout=90_000)
            page.wait_for_selector(READY, timeout=90_000)
            assert page.locator("[data-testid='stException']").count() == 0
        assert "year=²" in page.get_by_test_id("stAlert").first.inner_text()
        cookies = {c["name"]: c["value"] for c in page.context.cookies()}
        assert "shuniu_worker" in cookies
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.get_by_test_id("stSelectbox").first.click()
        page.get_by_role("option").nth(2).click()  # another year-end, over the websocket
        page.wait_for_timeout(500)
        page.wait_for_selector(READY, timeout=90_000)
        assert page.locator("[data-testid='stException']").count() == 0
        assert "year=" in page.url
        browser.close()


def test_a_request_a_proxy_forwarded_from_another_machine_gets_no_figures(cluster: Cluster) -> None:
    """A proxy on this machine in front of Caddy forwards a remote viewer (its X-Forwarded-For): Caddy
    keeps that address (loopback peers are trusted) and the worker treats the request as public, so
    without login it shows the login instructions and no figure. A local browser sees the figures
    (the test above)."""
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1200}, locale="zh-CN")
        page.set_extra_http_headers({"X-Forwarded-For": "203.0.113.9"})
        page.goto(cluster.url + "/coverage")
        page.get_by_text("尚未配置登录").first.wait_for(timeout=90_000)
        assert page.get_by_test_id("stMetric").count() == 0
        browser.close()
