"""Real browsers: `streamlit run`, every page in headless chromium, a filter change, CSV downloads, a
click on a profile chart that lists the organizations behind the bar, and a drill province → prefecture
→ district by clicking bars on a six-province warehouse."""

from __future__ import annotations

import csv
import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote

import duckdb
import pytest

from pipeline.refresh import refresh_warehouse
from tests.app import revisions
from tests.app.conftest import REPO, sample_raw

pytestmark = pytest.mark.e2e
# what make run and make serve start: dashboard/app.py behind its door
SERVER = REPO / "dashboard" / "server.py"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
READY = "[data-testid='stApp'][data-test-script-state='notRunning']"
ARGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGES = [
    ("/", "overview"),
    ("/coverage", "coverage"),
    ("/funding", "funding"),
    ("/profile", "profile"),
    ("/profile?lang=en", "profile_en"),
    ("/hubs", "hubs"),
    ("/hubs?hub=C-110000-001", "hub_view"),
    ("/hubs?lang=en&hub=C-110000-003", "hub_view_en"),
    ("/organizations?org_q=养老", "organizations"),
    ("/quality", "quality"),
    ("/?lang=en", "overview_en"),
    ("/coverage?registered=1", "coverage_as_registered"),
]


def _require_browser() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("SHUNIU_REQUIRE_BROWSER"):
        pytest.fail(
            f"{CHROMIUM} is missing and SHUNIU_REQUIRE_BROWSER is set: apt-get install chromium fonts-noto-cjk"
        )
    pytest.skip(f"{CHROMIUM} is missing (set SHUNIU_REQUIRE_BROWSER to make this a failure)")


def _free_port() -> int:
    """A free loopback port: the first free one of SHUNIU_TEST_PORTS (e.g. 8950-8999: a range of
    one's own on a shared machine) when it is set, else any the system gives."""
    first, _, last = os.environ.get("SHUNIU_TEST_PORTS", "").partition("-")
    for port in range(int(first), int(last) + 1) if first and last else [0]:
        if port in _HANDED_OUT:  # free until its server starts: never the same one twice
            continue
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            _HANDED_OUT.add(s.getsockname()[1])
            return s.getsockname()[1]
    raise RuntimeError(f"no free port in SHUNIU_TEST_PORTS={first}-{last}")


_HANDED_OUT: set[int] = set()  # ports of the range given to a server in this session


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read().decode().strip() == "ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} not healthy after {seconds} s")


@contextmanager
def _serve(warehouse: Path, root: Path) -> Iterator[str]:
    """A real `streamlit run dashboard/server.py` on a free port reading a warehouse; yields its address."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(SERVER),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
    ]
    log = (root / "streamlit.log").open("wb")
    proc = subprocess.Popen(
        command,
        cwd=REPO,
        env={**os.environ, "SHUNIU_WAREHOUSE": str(warehouse)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A real `streamlit run` on a free port, reading a warehouse built from the sample."""
    _require_browser()
    root = tmp_path_factory.mktemp("e2e")
    warehouse = root / "hub.duckdb"
    assert refresh_warehouse(sample_raw(root / "raw"), warehouse).status == "succeeded"
    with _serve(warehouse, root) as url:
        yield url, warehouse


@pytest.fixture(scope="module")
def national_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `streamlit run` reading the six-province warehouse of tests/app/national.py."""
    from tests.app.national import build_file

    _require_browser()
    root = tmp_path_factory.mktemp("e2e_national")
    with _serve(build_file(root / "hub.duckdb"), root) as url:
        yield url


@pytest.fixture(scope="module")
def pair_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A real server over two releases (tests/app/revisions.py's deliveries); the first's run id."""
    _require_browser()
    root = tmp_path_factory.mktemp("e2e_pair")
    warehouse = root / "wh" / "hub.duckdb"
    runs = [
        refresh_warehouse(revisions.write(root / f"raw{i}", i == 1), warehouse, lambda _: None)
        for i in range(2)
    ]
    assert [r.status for r in runs] == ["succeeded", "succeeded"]
    with _serve(warehouse, root) as url:
        yield url, runs[0].run_id


def _settle(page) -> None:  # noqa: ANN001 - playwright Page
    page.wait_for_timeout(400)
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_timeout(800)  # let plotly draw before a screenshot
    assert page.locator("[data-testid='stException']").count() == 0


def _facts(warehouse: Path) -> tuple[str, str, int, str]:
    """The lowest-coverage district (name, code, active organizations) and an organization with links,
    projects and funding."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        name, code, active = con.execute(
            "select district_name, district_code, active_orgs from marts.district_coverage"
            " where as_of = (select max(as_of) from marts.calendar where as_of <= current_date)"
            " order by coverage_rate, district_code limit 1"
        ).fetchall()[0]
        uscc = con.execute(
            "select o.uscc from clean.organizations o"
            " where exists (select 1 from clean.hub_links l where l.uscc = o.uscc)"
            " and exists (select 1 from clean.projects p where p.provider_uscc = o.uscc)"
            " and exists (select 1 from clean.funding f where f.recipient_uscc = o.uscc)"
            " order by o.uscc limit 1"
        ).fetchall()[0][0]
    return name, code, active, uscc


def test_every_page_a_filter_and_a_download(server: tuple[str, Path]) -> None:
    from playwright.sync_api import sync_playwright

    url, warehouse = server
    district, code, active, uscc = _facts(warehouse)
    pages = [
        *PAGES,
        (f"/coverage?drill={code}", "coverage_drill"),
        (f"/profile?region={code}&pick=rating:4A_plus", "profile_drill"),
        (f"/organizations?org_q={uscc}", "organization"),
    ]
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(
            viewport={"width": 1440, "height": 2400}, accept_downloads=True, locale="zh-CN"
        )
        for path, name in pages:
            page.goto(url + path)
            _settle(page)
            page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)

        page.goto(url + "/coverage")
        _settle(page)
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.get_by_test_id("stMultiSelect").filter(has_text="区县").click()
        page.keyboard.type(district)
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        _settle(page)
        assert page.url.count("region=") == 1
        main = page.get_by_test_id("stMain")  # the selection's caption (the sidebar has its own)
        assert f"地区：{district}" in main.get_by_test_id("stCaptionContainer").nth(1).inner_text()
        page.screenshot(path=ARTIFACTS / "coverage_one_district.png", full_page=True)

        with page.expect_download() as download:  # one district: its organizations
            page.get_by_role("button", name="下载表格（CSV）").first.click()
        data = Path(download.value.path()).read_bytes()
        assert download.value.suggested_filename.endswith(".csv")
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        assert data.startswith("\ufeff".encode()) and rows[0][:2] == ["名称", "统一社会信用代码"]
        assert len(rows) == 1 + active  # the header and every active organization shown

        page.goto(url + "/profile")
        _settle(page)
        summary = page.get_by_test_id("stText").first.inner_text()
        assert summary.startswith("截至") and summary.endswith("。"), summary
        with page.expect_download() as download:
            page.get_by_role("button", name="下载表格（CSV）").first.click()
        first = Path(download.value.path()).read_bytes().decode("utf-8-sig").splitlines()
        # the levels the register holds (the sample's province registrations and unknown levels too)
        assert first[0].startswith("组织类型,") and "市级登记,区县级登记" in first[0]
        assert first[-1].startswith("合计,")
        total = first[0].split(",").index("合计")  # the total column, after the levels held
        assert f"登记社会组织{first[-1].split(',')[total]}家" in summary

        # a click on a bar of the type-and-level chart lists the organizations behind it
        bar = (
            page.get_by_test_id("stPlotlyChart").first.locator("g.point path").first.bounding_box()
        )
        assert bar is not None
        centre = (bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)
        page.mouse.move(1, 1)  # off the download button: its help would cover the chart
        page.wait_for_timeout(500)
        page.mouse.move(*centre)  # plotly picks the point under the pointer, then takes the click
        page.mouse.click(*centre)
        _settle(page)
        assert "pick=org_type" in page.url, page.url
        captions = " ".join(page.get_by_test_id("stCaptionContainer").all_inner_texts())
        # the first bar: social groups at the first level the register holds, named as the URL says
        picked = dict(
            p.split(":") for p in unquote(page.url.split("pick=")[1].split("&")[0]).split(",")
        )
        level = {"national": "部级", "province": "省级", "city": "市级", "district": "区县级"}
        assert picked["org_type"] == "social_group", page.url
        assert f"组织类型：社会团体 · 登记级别：{level[picked['registration_level']]}（" in captions
        page.screenshot(path=ARTIFACTS / "profile_clicked.png", full_page=True)

        browser.close()


def _click_bar(page, name: str) -> None:  # noqa: ANN001 - playwright Page
    """Click the bar of the ranking chart on the row labelled `name`, where a reader would."""
    chart = page.get_by_test_id("stPlotlyChart").first
    tick = chart.locator(".yaxislayer-above .ytick text").filter(has_text=name).first.bounding_box()
    assert tick is not None, name
    row = tick["y"] + tick["height"] / 2
    boxes = [b for b in (p.bounding_box() for p in chart.locator(".bars .point path").all()) if b]
    bar = min(boxes, key=lambda b: abs(b["y"] + b["height"] / 2 - row))
    page.mouse.move(1, 1)  # the pointer left on a button keeps its help open over the chart
    page.wait_for_timeout(500)
    page.mouse.click(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)
    _settle(page)


def _click_map_dot(page, name: str) -> None:  # noqa: ANN001 - playwright Page
    """Click the dot of a region named on the map (the lowest and the highest are: a label centred on
    its dot, moved up or down when the two would overlap)."""
    chart = page.get_by_test_id("stPlotlyChart").nth(1)
    label = chart.locator(".annotation-text").filter(has_text=name).first.bounding_box()
    assert label is not None, name
    x, y = label["x"] + label["width"] / 2, label["y"] + label["height"] / 2
    boxes = [b for b in (d.bounding_box() for d in chart.locator(".points path").all()) if b]
    dot = min(boxes, key=lambda b: (b["x"] + b["width"] / 2 - x) ** 2 + (b["y"] - y) ** 2)
    page.mouse.click(dot["x"] + dot["width"] / 2, dot["y"] + dot["height"] / 2)
    _settle(page)


def test_a_drill_from_province_to_district_by_clicking_bars(national_server: str) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 2000}, locale="zh-CN")
        page.goto(national_server + "/coverage")
        _settle(page)
        page.screenshot(path=ARTIFACTS / "drill_0_provinces.png", full_page=True)
        # a province's dot on the map: the lowest and the highest are the ones named on it
        _click_map_dot(page, "重庆市")
        assert "region=500000" in page.url, page.url
        page.get_by_test_id("stMain").get_by_role("button", name="全国").click()
        _settle(page)
        assert "region=" not in page.url
        for step, (name, code) in enumerate(
            [("四川省", "510000"), ("达州市", "511700"), ("通川区", "511702")], start=1
        ):
            _click_bar(page, name)
            assert f"region={code}" in page.url, page.url
            page.screenshot(path=ARTIFACTS / f"drill_{step}_{code}.png", full_page=True)
        main = page.get_by_test_id("stMain")
        for crumb in ("全国", "四川省", "达州市"):
            assert main.get_by_role("button", name=crumb).count() == 1
        # the district's organizations, and its filed community organizations (备案) apart
        assert page.get_by_test_id("stDataFrame").count() == 2
        main.get_by_role("button", name="四川省").click()
        _settle(page)
        assert "region=510000" in page.url
        ticks = (
            page.get_by_test_id("stPlotlyChart").first.locator(".ytick text").all_text_contents()
        )
        assert sorted(ticks) == ["成都市", "达州市"]
        page.goto(national_server + "/funding?year=2013&region=511700")
        _settle(page)
        page.screenshot(path=ARTIFACTS / "drill_funding_511700.png", full_page=True)
        browser.close()


def _browser(p):  # noqa: ANN001, ANN202 - playwright objects
    browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
    page = browser.new_page(
        viewport={"width": 1440, "height": 2400}, accept_downloads=True, locale="zh-CN"
    )
    return browser, page


def test_an_organization_links_to_its_hubs_and_a_hub_lists_it(national_server: str) -> None:
    """The organization profile's link to its hub opens the hub's own view (the link's ?hub= wins over
    the page's earlier state), whose list names the organization."""
    from playwright.sync_api import sync_playwright

    from tests.app.national import O7

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 2400}, locale="zh-CN")
        page.goto(national_server + "/hubs?year=2013&base=2010&hub=H2")
        _settle(page)
        page.goto(national_server + f"/organizations?year=2013&org={O7}")
        _settle(page)
        page.get_by_test_id("stPageLink").filter(has_text="达州市H1枢纽").click()
        _settle(page)
        assert "/hubs" in page.url and "hub=H1" in page.url, page.url
        heads = page.get_by_test_id("stHeading").all_inner_texts()
        assert any("达州市H1枢纽" in h for h in heads), heads
        text = page.get_by_test_id("stMain").inner_text()
        assert "2013年底联系的社会组织" in text
        page.screenshot(path=ARTIFACTS / "hub_from_organization.png", full_page=True)
        browser.close()


def test_what_changed_opens_its_records_and_downloads(pair_server: tuple[str, str]) -> None:
    from playwright.sync_api import sync_playwright

    url, _ = pair_server
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser, page = _browser(p)
        page.goto(url + "/changes?year=2015")
        _settle(page)
        assert page.get_by_text("修订说明（2015年底）").count() == 1
        assert page.get_by_text("58.3% → 53.8%（−4.5 个百分点）", exact=False).count() == 1
        page.screenshot(path=ARTIFACTS / "changes.png", full_page=True)
        page.get_by_role("radio", name="注销：2 家", exact=True).click()  # a pill
        _settle(page)
        assert "open=deregistered" in page.url
        assert page.get_by_text("注销：2 家").count() >= 1
        page.screenshot(path=ARTIFACTS / "changes_records.png", full_page=True)
        with page.expect_download() as download:
            page.get_by_role("button", name="下载表格（CSV）").first.click()
        rows = Path(download.value.path()).read_bytes().decode("utf-8-sig").splitlines()
        assert download.value.suggested_filename.startswith("版本变化_记录_注销_")
        assert rows[0].startswith("名称,统一社会信用代码,区县,原因") and len(rows) == 3
        browser.close()


def test_an_old_release_in_the_browser_and_back_to_the_latest(pair_server: tuple[str, str]) -> None:
    from playwright.sync_api import sync_playwright

    url, old = pair_server
    with sync_playwright() as p:
        browser, page = _browser(p)
        page.goto(url + f"/?year=2015&release={old}")
        _settle(page)
        warning = page.get_by_text(f"正在查看历史版本 {old}", exact=False)
        assert warning.count() == 1
        page.screenshot(path=ARTIFACTS / "overview_old_release.png", full_page=True)
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="资金").click()
        _settle(page)
        assert f"release={old}" in page.url and warning.count() == 1  # kept across pages
        page.screenshot(path=ARTIFACTS / "funding_old_release.png", full_page=True)
        page.get_by_role("button", name="回到最新版本").click()
        _settle(page)
        assert "release=" not in page.url and warning.count() == 0
        page.goto(url + "/?year=2015")
        _settle(page)
        assert page.get_by_text(f"与上一版本（批次 {old}", exact=False).count() == 1
        page.screenshot(path=ARTIFACTS / "overview_since_previous.png", full_page=True)
        page.get_by_role("link", name="查看两个版本之间的变化").click()
        _settle(page)
        assert page.url.split("?")[0].endswith("/changes")
        page.goto(url + "/?release=20200101T000000-abcd")
        _settle(page)
        assert page.get_by_text("没有版本 20200101T000000-abcd，现显示最新版本。").count() == 1
        page.screenshot(path=ARTIFACTS / "overview_unknown_release.png", full_page=True)
        browser.close()
