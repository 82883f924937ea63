"""The pages issue 17 changed, on a civil-affairs-shaped register (rows of their own, filed
organizations, every registration level, functional zones) with and without hub data, in a real
chromium at 1280 px in both languages: one language per page, nothing cut off, and the no-hub
wording where hub figures would be. Screenshots go to test-artifacts/registers/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from pipeline import audit
from pipeline.refresh import refresh_warehouse
from pipeline.sample.civil_affairs_files import write_civil_affairs
from schemas.tables import ORGANIZATIONS
from tests.e2e.test_browser import ARGS, ARTIFACTS, CHROMIUM, _require_browser, _serve
from tests.e2e.test_language_fit import _names, _visit, chinese_left, english_left

pytestmark = pytest.mark.e2e
SHOTS = ARTIFACTS / "registers"


def _data_names(warehouse: Path) -> list[str]:
    """The names of the register the English pages show as data, longest first: places and
    organizations, filed organizations, authorities, supervising units, addresses; the rows of
    their own's endings (莆田市本级（未落区县））, the clerk's column headers."""
    query = """
        select name from clean.filed_orgs union select filing_authority from clean.filed_orgs
        union select street_name from clean.filed_orgs union select supervising_unit
        from clean.organizations union select registration_authority from clean.organizations
        union select address from clean.organizations"""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        found = {row[0] for row in con.execute(query).fetchall() if row[0]}
    ends = {"本级（未落区县）", "本级（未落地市）", "本级（未落省份）"}
    # the clerk's column headers a "not provided" note quotes (“评估等级” (rating)), as in the file
    headers = {c.aliases[0] for c in ORGANIZATIONS.columns if c.aliases}
    return sorted({*_names(warehouse), *found, *ends, *headers}, key=len, reverse=True)


def _org(warehouse: Path) -> str:
    """An organization with a supervising unit, known only at its prefecture (350300)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute(
            "select uscc from staging.organizations where district_code = '350300'"
            " and supervising_unit is not null order by uscc limit 1"
        ).fetchone()
    assert row is not None
    return str(row[0])


@pytest.fixture(scope="module", params=["hubs", "no_hubs"])
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path, str]]:
    """A real server over the register, with hub data or without."""
    _require_browser()
    root = tmp_path_factory.mktemp(f"e2e_registers_{request.param}")
    write_civil_affairs(root / "raw", seed=1704, orgs=700, hubs=request.param == "hubs")
    warehouse = root / "hub.duckdb"
    assert refresh_warehouse(root / "raw", warehouse, lambda _: None).status == "succeeded"
    with _serve(warehouse, root) as url:
        yield url, warehouse, request.param


def test_the_changed_pages_fit_and_speak_one_language(served: tuple[str, Path, str]) -> None:
    from playwright.sync_api import sync_playwright

    url, warehouse, kind = served
    names = _data_names(warehouse)
    pages = {
        "overview": "/",
        "coverage_national": "/coverage",
        "coverage_putian": "/coverage?region=350300",
        "coverage_sichuan": "/coverage?region=510000",
        "coverage_chengxiang": "/coverage?region=350302",
        "funding_dazhou": "/funding?region=511700",
        "profile_chongqing": "/profile?region=500000",
        "profile_all": "/profile",
        "organization": f"/organizations?org={_org(warehouse)}",
    }
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 2400}, locale="zh-CN")
        for name, path in pages.items():
            for lang in ("zh", "en"):
                shot = SHOTS / f"{kind}_{name}_{lang}_1280.png"
                query = "" if lang == "zh" else ("&" if "?" in path else "?") + "lang=en"
                texts, cut = _visit(page, url + path + query, shot)
                data = [*names, audit.os_user().name]  # the local-use sentence names the user
                left = english_left(texts, data) if lang == "zh" else chinese_left(texts, names)
                if left:
                    problems.append(f"{shot}: {'English' if lang == 'zh' else 'Chinese'} {left}")
                if cut:
                    problems.append(f"{shot}: text cut off: {cut}")
                said = any("没有枢纽组织数据" in t or "no hub data" in t for t in texts)
                if kind == "no_hubs" and not said:
                    problems.append(f"{shot}: the page does not say there is no hub data")
                if kind == "hubs" and said:
                    problems.append(f"{shot}: says there is no hub data")
        browser.close()
    assert not problems, "\n".join(problems)
