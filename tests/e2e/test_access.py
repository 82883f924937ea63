"""Sign-in through a real OpenID Connect server (oidc-provider-mock) in a real chromium: a leader, a
district viewer whose pages, search and CSV files hold only their district whatever the URL says, staff
who upload a messy register and publish it (a second publish under the lock is refused), an admin who
pins a release and reads the audit log, and sessions that end: a tampered cookie, an expired token.

Nothing here bypasses the login: the server is started as a deployment would be, with a secrets file
(--secrets.files, outside the repository) and a roles file (SHUNIU_ROLES)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from pipeline import audit, releases
from pipeline.refresh import refresh_warehouse
from pipeline.warehouse import exclusive
from tests.app.conftest import REPO, sample_raw
from tests.e2e.test_browser import (
    ARGS,
    CHROMIUM,
    READY,
    SERVER,
    _free_port,
    _require_browser,
    _wait_healthy,
)

pytestmark = pytest.mark.e2e
ARTIFACTS = REPO / "test-artifacts" / "access"
DISTRICT, DISTRICT_NAME = "110105", "朝阳区"
USERS = [
    {"sub": "leader@example.org", "email": "leader@example.org"},
    {"sub": "chaoyang@example.org", "email": "chaoyang@example.org"},
    {"sub": "clerk-7", "email": "clerk@example.org", "groups": ["data-staff"]},
    {"sub": "it@example.org", "email": "it@example.org"},
    {"sub": "stranger@example.org", "email": "stranger@example.org"},
]
ROLES = f"""\
[users]
"leader@example.org" = {{ role = "leader" }}
"chaoyang@example.org" = {{ role = "viewer", regions = ["{DISTRICT}"] }}
"it@example.org" = {{ role = "admin" }}
[groups]
"data-staff" = {{ role = "staff" }}
"""
UPLOAD_LIMIT_MB = 8  # the sample's largest file is about 5 MB


@dataclass(frozen=True)
class Site:
    url: str
    oidc: str
    warehouse: Path
    root: Path


def _start(command: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        command, cwd=REPO, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT
    )


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def _wait_oidc(url: str, proc: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"oidc-provider-mock exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer in {seconds} s")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A real OIDC server and a real `streamlit run` with login configured, on free loopback ports."""
    _require_browser()
    root = tmp_path_factory.mktemp("access")
    warehouse = root / "wh" / "hub.duckdb"
    assert refresh_warehouse(sample_raw(root / "raw"), warehouse).status == "succeeded"
    oidc_port, port = _free_port(), _free_port()
    oidc, url = f"http://localhost:{oidc_port}", f"http://localhost:{port}"
    claims = [arg for user in USERS for arg in ("--user-claims", json.dumps(user))]
    provider = _start(
        [sys.executable, "-m", "oidc_provider_mock", "--port", str(oidc_port), *claims],
        root / "oidc.log",
        dict(os.environ),
    )
    secrets = root / "secrets" / "secrets.toml"
    secrets.parent.mkdir()
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "{url}/oauth2callback"\n'
        'cookie_secret = "e2e-only-secret-0123456789abcdef0123456789"\n'
        'client_id = "shuniu"\n'
        'client_secret = "e2e"\n'
        f'server_metadata_url = "{oidc}/.well-known/openid-configuration"\n',
        "utf-8",
    )
    (root / "roles.toml").write_text(ROLES, "utf-8")
    env = {
        **os.environ,
        "SHUNIU_WAREHOUSE": str(warehouse),
        "SHUNIU_ROLES": str(root / "roles.toml"),
        "SHUNIU_UPLOAD_MAX_MB": str(UPLOAD_LIMIT_MB),
    }
    server = _start(
        [
            *(sys.executable, "-m", "streamlit", "run", str(SERVER)),
            *("--server.headless", "true", "--server.address", "127.0.0.1"),
            *("--server.port", str(port), "--browser.gatherUsageStats", "false"),
            *("--secrets.files", str(secrets)),
        ],
        root / "streamlit.log",
        env,
    )
    try:
        _wait_oidc(oidc, provider)
        _wait_healthy(url, server)
        yield Site(url, oidc, warehouse, root)
    finally:
        _stop(server)
        _stop(provider)


@pytest.fixture(scope="module")
def browser(site: Site) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()


SKELETONS = "[data-testid='stSkeleton'], [data-testid='stAppSkeleton']"


def _settle(page, timeout: float = 60_000) -> None:  # noqa: ANN001 - playwright Page
    """Wait until the script has run and every placeholder is drawn (a cold cache after a publish
    shows placeholders while the state still reads notRunning)."""
    page.wait_for_timeout(400)
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_function(
        f'document.querySelectorAll("{SKELETONS}").length === 0', timeout=timeout
    )
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_timeout(400)
    assert page.locator("[data-testid='stException']").count() == 0


def _sign_in(browser, site: Site, sub: str, path: str = "/"):  # noqa: ANN001, ANN202
    """A new browser (its own cookies) signed in as `sub` through the provider's form."""
    context = browser.new_context(
        viewport={"width": 1440, "height": 2000}, accept_downloads=True, locale="zh-CN"
    )
    page = context.new_page()
    page.goto(site.url + path)
    _settle(page)
    assert page.get_by_test_id("stMetric").count() == 0  # nothing before signing in
    page.get_by_role("button", name="登录").click()
    page.wait_for_selector("input[name=sub]", timeout=30_000)
    page.fill("input[name=sub]", sub)
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_url(f"{site.url}/**", timeout=30_000)
    _settle(page)  # the provider sends the browser back to the home page
    if path != "/":
        page.goto(site.url + path)
        _settle(page)
    return page


def _csv(page, button: str = "下载表格（CSV）", nth: int = 0) -> list[dict[str, str]]:  # noqa: ANN001
    with page.expect_download() as download:
        page.get_by_role("button", name=button).nth(nth).click()
    data = Path(download.value.path()).read_bytes()
    rows = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    return list(rows)  # codes as their digits: the CSV is plain data


def _district_orgs(warehouse: Path) -> tuple[set[str], set[str]]:
    """The organizations of the viewer's district, and every other one (by today's code)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select o.uscc, coalesce(s.successor_code, o.district_code) from clean.organizations o "
            "left join ref.region_successors s on s.region_code = o.district_code"
        ).fetchall()
    mine = {u for u, d in rows if d == DISTRICT}
    return mine, {u for u, _ in rows} - mine


def test_a_leader_sees_every_district_and_no_publishing(browser, site: Site) -> None:
    page = _sign_in(browser, site, "leader@example.org")
    assert page.get_by_test_id("stMetric").count() > 0
    sidebar = page.get_by_test_id("stSidebar").inner_text()
    assert "已登录：leader@example.org（领导）" in sidebar and "数据发布" not in sidebar
    page.goto(site.url + "/coverage")
    _settle(page)
    ranked = {row["地区"] for row in _csv(page, "下载图表数据（CSV）")}
    assert len(ranked) > 10  # every district of the sample
    page.screenshot(path=ARTIFACTS / "leader_coverage.png", full_page=True)
    page.context.close()


def test_a_district_viewer_sees_searches_and_exports_only_their_district(
    browser, site: Site
) -> None:
    mine, others = _district_orgs(site.warehouse)
    page = _sign_in(browser, site, "chaoyang@example.org", "/coverage")
    captions = " ".join(page.get_by_test_id("stCaptionContainer").all_inner_texts())
    assert f"可查看范围：{DISTRICT_NAME}" in captions
    shown = {row["统一社会信用代码"] for row in _csv(page)}
    assert shown and shown <= mine
    page.screenshot(path=ARTIFACTS / "viewer_coverage.png", full_page=True)

    page.goto(site.url + "/organizations?org_q=协会")
    _settle(page)
    found = _csv(page)
    assert found and {row["统一社会信用代码"] for row in found} <= mine
    assert {row["区县"] for row in found} == {DISTRICT_NAME}

    page.goto(site.url + "/funding")
    _settle(page)
    recipients = [row for b in range(page.get_by_role("button", name="下载表格（CSV）").count())
                  for row in _csv(page, nth=b) if "统一社会信用代码" in row]  # fmt: skip
    assert recipients and {row["统一社会信用代码"] for row in recipients} <= mine
    page.context.close()


def _metrics(page) -> dict[str, str]:  # noqa: ANN001
    labels = page.get_by_test_id("stMetricLabel").all_inner_texts()
    values = page.get_by_test_id("stMetricValue").all_inner_texts()
    return dict(zip(labels, values, strict=True))


def test_a_viewers_forged_links_cannot_reach_another_district(browser, site: Site) -> None:
    mine, others = _district_orgs(site.warehouse)
    foreign = sorted(others)[0]
    with duckdb.connect(str(site.warehouse), read_only=True) as con:
        (name,) = con.execute(
            "select name from clean.organizations where uscc = ?", [foreign]
        ).fetchone()
    page = _sign_in(browser, site, "chaoyang@example.org")
    own = _metrics(page)  # the viewer's own overview
    assert own
    forged = [
        "/coverage?region=110101",
        "/coverage?region=110000&region=110101&district=110108&drill=110102",
        "/funding?region=110101&release=20200101T000000-0000",
        "/?region=110108&_scope=110101&scope=110101",
    ]
    for path in forged:
        page.goto(site.url + path)
        _settle(page)
        captions = " ".join(page.get_by_test_id("stCaptionContainer").all_inner_texts())
        assert f"可查看范围：{DISTRICT_NAME}" in captions, path
        assert "region=" not in page.url, path  # the forged regions were dropped
        for row in _csv(page) if page.get_by_role("button", name="下载表格（CSV）").count() else []:
            assert row.get("统一社会信用代码", next(iter(mine))) in mine, (path, row)
            assert row.get("地区", DISTRICT_NAME) in (DISTRICT_NAME, "北京市"), (path, row)
    assert _metrics(page) == own  # the forged overview shows the viewer's own figures
    page.goto(f"{site.url}/organizations?org={foreign}&org_q={foreign}")
    _settle(page)
    text = page.get_by_test_id("stMain").inner_text()
    assert "没有找到这家组织" in text
    assert name not in text and foreign not in " ".join(
        page.get_by_test_id("stDataFrame").all_inner_texts()
    )
    page.goto(site.url + "/quality")
    _settle(page)
    assert page.get_by_test_id("stDataFrame").count() == 0  # runs and rejections are global
    page.screenshot(path=ARTIFACTS / "viewer_forged.png", full_page=True)
    page.context.close()


def _messy(root: Path) -> Path:
    """The bundled sample (itself messy) with one more organization whose credit code is broken."""
    folder = root / "messy"
    shutil.copytree(sample_raw(root / "sample"), folder, ignore=shutil.ignore_patterns("*.md"))
    with (folder / "organizations.csv").open("a", encoding="utf-8") as handle:
        handle.write("5111010500000000ZZ,坏代码协会,社会团体,区级,110105,2012-01-01,,正常,,,,,,\n")
    return folder


def test_staff_upload_a_messy_register_and_publish_it(browser, site: Site) -> None:
    before = releases.read(site.warehouse).live_run_id
    page = _sign_in(browser, site, "clerk-7", "/publish")
    assert "数据发布" in page.get_by_test_id("stSidebar").inner_text()
    uploader = page.get_by_test_id("stFileUploaderDropzoneInput")

    junk = site.root / "机构名单.csv"
    junk.write_text("a,b\n1,2\n", "utf-8")
    big = site.root / "funding.csv"
    big.write_bytes(b"x" * (UPLOAD_LIMIT_MB * 2**20 + 1))
    for bad, said in (
        (junk, "文件名不对应任何登记表"),
        (big, f"超过每个文件 {UPLOAD_LIMIT_MB} MB 的上限"),
    ):
        uploader.set_input_files([str(bad)])
        _settle(page)
        main = page.get_by_test_id("stMain").inner_text()
        assert said in main and "没有做任何更改" in main
        assert page.get_by_role("button", name="校验").count() == 0
        page.get_by_test_id("stFileChipDeleteBtn").first.click()
        _settle(page)
    assert releases.read(site.warehouse).live_run_id == before

    folder = _messy(site.root)
    uploader.set_input_files([str(p) for p in sorted(folder.iterdir())])
    _settle(page)
    page.get_by_role("button", name="校验").click()
    _settle(page, 180_000)
    report = _csv(page, "下载拒收明细（CSV）")
    lines = {(r["文件"], r["规则"]) for r in report}
    assert ("organizations.csv", "信用代码校验位错误") in lines or any(
        r["文件"] == "organizations.csv" and r["原值"] == "5111010500000000ZZ" for r in report
    )
    assert page.get_by_text("与当前发布的数据比较").count() == 1
    page.screenshot(path=ARTIFACTS / "staff_validated.png", full_page=True)

    with exclusive(site.warehouse):  # another refresh holds the lock: the publish is refused
        page.get_by_role("button", name="发布", exact=True).click()
        _settle(page, 180_000)
        assert "正在被另一次刷新使用" in page.get_by_test_id("stMain").inner_text()
    assert releases.read(site.warehouse).live_run_id == before

    page.get_by_role("button", name="发布", exact=True).click()
    _settle(page, 300_000)
    assert "已发布为版本" in page.get_by_test_id("stMain").inner_text()
    page.screenshot(path=ARTIFACTS / "staff_published.png", full_page=True)
    live = releases.read(site.warehouse).live_run_id
    assert live != before
    event = [e for e in audit.read(site.warehouse) if e["action"] == "publish"][-1]
    assert (event["actor"], event["role"], event["run_id"]) == ("clerk@example.org", "staff", live)
    kept = site.warehouse.parent / "uploads" / live
    assert {f["file"] for f in event["files"]} == {p.name for p in folder.iterdir()}
    assert {p.name for p in kept.iterdir()} == {*(p.name for p in folder.iterdir()), "SHA256SUMS"}
    page.context.close()


def test_an_admin_pins_a_release_and_reads_the_audit_log(browser, site: Site) -> None:
    run = releases.read(site.warehouse).releases[-1].run_id  # the oldest release
    page = _sign_in(browser, site, "it@example.org", "/releases")
    page.get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name=run).click()
    _settle(page)
    page.get_by_role("button", name="固定（不被清理）").click()
    _settle(page)
    assert f"已固定版本 {run}" in page.get_by_test_id("stMain").inner_text()
    assert releases.read(site.warehouse).release(run).pinned
    event = audit.read(site.warehouse)[-1]
    assert (event["action"], event["actor"], event["run_id"]) == ("pin", "it@example.org", run)
    page.goto(site.url + "/quality")
    _settle(page)
    page.get_by_text("审计日志（仅管理员可见）").click()
    _settle(page)
    log = page.get_by_test_id("stExpander").get_by_test_id("stDataFrame")
    assert log.count() == 1
    page.screenshot(path=ARTIFACTS / "admin_audit.png", full_page=True)
    page.context.close()


def test_the_staff_pages_fit_and_speak_one_language(browser, site: Site) -> None:
    """版本管理 and 发布 (an administrator's pages) at 1280 and 1440 px in both languages, as the
    language fit check reads every other page: one language, nothing cut."""
    from tests.e2e.test_language_fit import _names, _visit, chinese_left, english_left

    names, user = _names(site.warehouse), "it@example.org"
    page = _sign_in(browser, site, user, "/releases")
    problems: list[str] = []
    for width in (1280, 1440):
        page.set_viewport_size({"width": width, "height": 2000})
        for path in ("/releases", "/publish"):
            for lang in ("zh", "en"):
                shot = ARTIFACTS / f"staff_{path.strip('/')}_{lang}_{width}.png"
                texts, cut = _visit(
                    page, site.url + path + ("?lang=en" if lang == "en" else ""), shot
                )
                left = (
                    english_left(texts, [*names, user])
                    if lang == "zh"
                    else chinese_left(texts, names)
                )
                problems += [f"{shot}: left {left}"] * bool(left) + [f"{shot}: cut {cut}"] * bool(
                    cut
                )
    page.context.close()
    assert not problems, "\n".join(problems)


def test_a_user_without_a_role_sees_only_that(browser, site: Site) -> None:
    page = _sign_in(browser, site, "stranger@example.org")
    assert "没有为您分配角色" in page.get_by_test_id("stMain").inner_text()
    assert page.get_by_test_id("stMetric").count() == 0
    assert page.get_by_test_id("stDataFrame").count() == 0
    page.context.close()


def test_a_tampered_session_cookie_is_signed_out(browser, site: Site) -> None:
    page = _sign_in(browser, site, "leader@example.org")
    assert page.get_by_test_id("stMetric").count() > 0
    context = page.context
    cookies = context.cookies()
    (user,) = [c for c in cookies if c["name"] == "_streamlit_user"]
    value = user["value"]
    middle = len(value) // 2
    forged = value[:middle] + ("A" if value[middle] != "A" else "B") + value[middle + 1 :]
    context.add_cookies([{**user, "value": forged}])
    page.goto(site.url + "/")
    _settle(page)
    assert page.get_by_test_id("stMetric").count() == 0
    assert page.get_by_role("button", name="登录").count() == 1
    context.close()


def test_an_expired_id_token_is_signed_out(browser, site: Site) -> None:
    """Streamlit does not check the token's exp claim: the app does. The provider issues a token
    that expired 30 s ago (Streamlit's client still takes it, within its 120 s leeway)."""
    claims = {"email": "leader@example.org", "exp": int(time.time()) - 30}
    request = urllib.request.Request(
        f"{site.oidc}/users/late-leader",
        data=json.dumps(claims).encode(),
        method="PUT",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 204
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(site.url + "/")
    _settle(page)
    page.get_by_role("button", name="登录").click()
    page.wait_for_selector("input[name=sub]", timeout=30_000)
    page.fill("input[name=sub]", "late-leader")
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_timeout(3000)
    page.goto(site.url + "/")
    _settle(page)
    assert page.get_by_test_id("stMetric").count() == 0
    assert page.get_by_role("button", name="登录").count() == 1
    assert not [c for c in context.cookies() if c["name"] == "_streamlit_user"]
    context.close()


def _media_url(page) -> str:  # noqa: ANN001
    """The /media/ address of a CSV download on the page (the server's copy of the file)."""
    with page.expect_download() as download:
        page.get_by_role("button", name="下载图表数据（CSV）").first.click()
    url = download.value.url
    assert "/media/" in url, url
    return url


def test_a_cookie_kept_after_signing_out_no_longer_signs_in_or_downloads(
    browser, site: Site
) -> None:
    """Streamlit's sign-in cookie is stateless: the sign-out list beside the warehouse ends it."""
    page = _sign_in(browser, site, "leader@example.org")
    assert page.get_by_test_id("stMetric").count() > 0
    page.goto(site.url + "/coverage")
    _settle(page)
    kept = page.context.cookies()  # what someone who copied the cookie before 退出登录 holds
    media = _media_url(page)
    assert page.context.request.get(media).status == 200  # the session's own download
    stranger = browser.new_context()
    assert stranger.request.get(media).status == 403  # no session: no file
    assert stranger.request.get(site.url + "/_stcore/metrics").status == 404  # not configured
    stranger.close()

    page.get_by_test_id("stSidebar").get_by_role("button", name="退出登录").click()
    page.wait_for_timeout(3000)
    page.goto(site.url + "/")
    _settle(page)
    assert page.get_by_role("button", name="登录").count() == 1
    event = audit.read(site.warehouse)[-1]
    assert (event["action"], event["actor"]) == ("sign_out", "leader@example.org")
    page.context.close()

    copied = browser.new_context(locale="zh-CN")
    copied.add_cookies(kept)
    assert copied.request.get(media).status == 403
    again = copied.new_page()
    again.goto(site.url + "/")
    _settle(again)
    assert again.get_by_test_id("stMetric").count() == 0
    assert again.get_by_role("button", name="登录").count() == 1
    copied.close()

    fresh = _sign_in(browser, site, "leader@example.org")  # a new sign-in is a new session
    assert fresh.get_by_test_id("stMetric").count() > 0
    fresh.context.close()


def test_a_second_validation_while_the_server_validates_is_told_to_wait(
    browser, site: Site
) -> None:
    """One validation at a time per server process (SHUNIU_MAX_VALIDATIONS, default 1): a clerk who
    clicks 校验 while another's files are being validated is told so; once that ends, it runs."""
    folder = sample_raw(site.root / "sample_for_two")
    files = [str(p) for p in sorted(folder.iterdir()) if p.suffix in (".csv", ".xlsx")]
    first = _sign_in(browser, site, "clerk-7", "/publish")
    second = _sign_in(browser, site, "clerk-7", "/publish")
    for page in (first, second):
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(files)
        _settle(page)
    first.get_by_role("button", name="校验").click()
    first.get_by_text("正在校验").first.wait_for(timeout=60_000)  # its validation has started
    second.get_by_role("button", name="校验").click()
    second.get_by_text("服务器正在校验其他上传的文件").wait_for(timeout=60_000)
    assert second.get_by_text("与当前发布的数据比较").count() == 0  # nothing started
    first.get_by_text("与当前发布的数据比较").wait_for(timeout=300_000)
    second.get_by_role("button", name="校验").click()
    second.get_by_text("与当前发布的数据比较").wait_for(timeout=300_000)
    _settle(second, 180_000)
    first.context.close()
    second.context.close()
