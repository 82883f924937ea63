"""DNS rebinding, in every form of serving: a real chromium told that evil.example is 127.0.0.1 (as a page
elsewhere whose name rebinds to this machine would be) gets no page, no file and no websocket from the
single process (make run), from a worker's own port, or through Caddy (make serve WORKERS=2); the
loopback names and a name set in SHUNIU_HOSTS still show the figures."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from deploy.serve import Cluster, start
from pipeline.refresh import refresh_warehouse
from tests.app.conftest import APP, REPO, sample_raw
from tests.e2e.test_browser import (
    ARGS,
    CHROMIUM,
    READY,
    _free_port,
    _require_browser,
    _wait_healthy,
)

pytestmark = pytest.mark.e2e
PUBLIC = "board.example"  # the deployment's own public name (SHUNIU_HOSTS)
RULES = f"--host-resolver-rules=MAP evil.example 127.0.0.1, MAP {PUBLIC} 127.0.0.1"
TIMEOUT_MS = 120_000


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hosts")
    target = root / "hub.duckdb"
    assert refresh_warehouse(sample_raw(root / "raw"), target).status == "succeeded"
    return target


@pytest.fixture(scope="module")
def public_name() -> Iterator[None]:
    """Servers of this module are configured with a public name, as a deployment would be."""
    before = os.environ.get("SHUNIU_HOSTS")
    os.environ["SHUNIU_HOSTS"] = PUBLIC
    yield
    if before is None:
        os.environ.pop("SHUNIU_HOSTS", None)
    else:
        os.environ["SHUNIU_HOSTS"] = before


@pytest.fixture(scope="module")
def single(warehouse: Path, public_name: None, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    """`make run`'s form: one process (dashboard/server.py) on a loopback port."""
    _require_browser()
    cluster = start(1, None, warehouse, logs=tmp_path_factory.mktemp("single"))
    yield cluster
    cluster.stop()


@pytest.fixture(scope="module")
def cluster(warehouse: Path, public_name: None, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    """`make serve WORKERS=2`: two workers and Caddy in front."""
    _require_browser()
    running = start(2, None, warehouse, logs=tmp_path_factory.mktemp("cluster"))
    yield running
    running.stop()


def _status(url: str, host: str, path: str = "/", upgrade: bool = False) -> int:
    """The status a request with this Host header gets (a websocket handshake if `upgrade`)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=60)
    try:
        conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host)
        if upgrade:
            for name, value in (("Connection", "Upgrade"), ("Upgrade", "websocket"),
                                ("Sec-WebSocket-Version", "13"),
                                ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")):  # fmt: skip
                conn.putheader(name, value)
        conn.endheaders()
        return conn.getresponse().status
    finally:
        conn.close()


def _refused_everything(url: str) -> None:
    """Page, static file, health check, media and the websocket: all refused for a foreign name."""
    port = urlsplit(url).port
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1.evil.example:{port}"):
        for path in ("/", "/coverage", "/static/index.html", "/_stcore/health", "/media/x.csv"):
            assert _status(url, host, path) == 421, (host, path)
        assert _status(url, host, "/_stcore/stream", upgrade=True) in (403, 421), host
    assert _status(url, f"127.0.0.1:{port}", "/_stcore/stream", upgrade=True) == 101
    assert _status(url, f"[::1]:{port}", "/_stcore/health") == 200


def _browse(url: str) -> list[tuple[str, int, int, int]]:
    """What chromium gets at evil.example, at the loopback names and at the public name: (name, HTTP
    status of the page, figures shown, websockets opened)."""
    from playwright.sync_api import sync_playwright

    port = urlsplit(url).port
    seen = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=[*ARGS, RULES]
        )
        for name in ("evil.example", "127.0.0.1", "localhost", PUBLIC):
            page = browser.new_context(locale="zh-CN").new_page()
            sockets: list[str] = []
            page.on("websocket", lambda ws, s=sockets: s.append(ws.url))
            answer = page.goto(f"http://{name}:{port}/", timeout=TIMEOUT_MS)
            if name == "evil.example":
                page.wait_for_timeout(3000)  # time for a script, had any been sent, to connect
            else:
                page.get_by_test_id("stMetric").first.wait_for(timeout=TIMEOUT_MS)
                page.wait_for_selector(READY, timeout=TIMEOUT_MS)
            figures = page.get_by_test_id("stMetric").count()
            seen.append((name, answer.status if answer else 0, figures, len(sockets)))
            page.context.close()
        browser.close()
    return seen


def _as_expected(seen: list[tuple[str, int, int, int]]) -> None:
    (evil, *local) = seen
    assert evil[:2] == ("evil.example", 421) and evil[2:] == (0, 0), evil
    for name, status, figures, sockets in local:
        assert status == 200 and figures > 0 and sockets >= 1, (name, status, figures, sockets)


def test_the_single_process_answers_only_to_its_names(single: Cluster) -> None:
    _refused_everything(single.url)
    _as_expected(_browse(single.url))


def test_caddy_and_each_worker_answer_only_to_their_names(cluster: Cluster) -> None:
    assert cluster.proxy is not None
    for url in (cluster.url, cluster.worker_urls[0]):
        _refused_everything(url)
    _as_expected(_browse(cluster.url))
    _as_expected(_browse(cluster.worker_urls[1]))  # a worker reached on its own port


def test_the_router_alone_shows_no_figures_to_a_foreign_name(
    warehouse: Path, tmp_path: Path
) -> None:
    """Someone who starts `streamlit run dashboard/app.py` (no door in front): the page itself
    refuses a foreign Host, so its websocket session shows no figure."""
    _require_browser()
    from playwright.sync_api import sync_playwright

    port = _free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.headless", "true",
               "--server.address", "127.0.0.1", "--server.port", str(port)]  # fmt: skip
    env = {**os.environ, "SHUNIU_WAREHOUSE": str(warehouse)}
    with (tmp_path / "streamlit.log").open("wb") as log:
        proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_healthy(f"http://127.0.0.1:{port}", proc, 120)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=[*ARGS, RULES]
            )
            page = browser.new_page(locale="zh-CN")
            page.goto(f"http://evil.example:{port}/", timeout=TIMEOUT_MS)
            page.get_by_text("此服务器不响应该主机名").first.wait_for(timeout=TIMEOUT_MS)
            page.wait_for_selector(READY, timeout=TIMEOUT_MS)
            assert page.get_by_test_id("stMetric").count() == 0
            assert page.get_by_test_id("stDataFrame").count() == 0
            browser.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
