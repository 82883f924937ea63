"""`?release=RUN`: every page as that release had it, said plainly, kept across pages; refused ones noted."""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb
import pytest

from pipeline import releases
from pipeline.csvfile import InputError
from pipeline.refresh import refresh_warehouse
from tests.app import revisions
from tests.app.conftest import Pair, metrics, reading, run

YEAR = str(revisions.YEAR)
O9 = revisions.ORG[9]  # only in the first delivery


def _shown(at, page: str) -> str:  # noqa: ANN001 - AppTest
    """The figure of a page that differs between the two releases at end 2015."""
    if page == "overview/page.py":
        return metrics(at)["存续社会组织"]  # 12 -> 13
    if page == "coverage/page.py":
        return metrics(at)["存续社会组织"]  # 丰台区: 3 -> 4 (O13's registration date)
    if page == "funding/page.py":
        return metrics(at)["2015年资金"]  # 3.40 -> 3.90 万元 (two decimals)
    if page == "organizations/page.py":
        return next(c.value for c in at.caption if c.value.startswith("找到"))  # O9 removed
    if page == "quality/page.py":
        return str(len(at.dataframe[0].value))  # the refresh history: one run, then two
    return at.selectbox(key="to").value  # 变化: the release on screen is compared


PAGES = {
    "overview/page.py": ({}, "12", "13"),
    "coverage/page.py": ({"drill": "110106"}, "3", "4"),
    "funding/page.py": ({}, "3.40 万元", "3.90 万元"),
    "organizations/page.py": ({"org_q": O9}, "找到 1 家。点击表格中的一行查看该组织。", "找到 0 家。点击表格中的一行查看该组织。"),
    "quality/page.py": ({}, "1", "2"),
}  # fmt: skip


def _release(at) -> str:  # noqa: ANN001 - AppTest
    """The release the header names: the date and time on the line, the run id on hover only."""
    line, run = at.caption[0].value, at.caption[0].proto.help
    found = re.fullmatch(r"数据版本即刷新批次 (\S+) 完成时生成的版本。", run)
    assert found, run
    assert re.search(r"数据版本 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$", line), line
    assert found[1] not in line, line  # the raw run id is not on the line
    return found[1]


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_shows_the_old_release_s_figures(on_pair: Pair, page: str) -> None:
    params, old, new = PAGES[page]
    latest = run(page, {"year": YEAR, **params})
    assert _shown(latest, page) == new and not latest.warning
    at = run(page, {"year": YEAR, **params, "release": on_pair.old})
    assert _shown(at, page) == old
    assert _release(at) == on_pair.old
    assert at.warning[0].value.startswith(f"正在查看历史版本 {on_pair.old}（完成于 ")
    assert at.warning[0].value.endswith("），不是最新数据。")
    assert at.button(key="release_back").label == "回到最新版本"
    assert at.query_params["release"] in (on_pair.old, [on_pair.old])


def test_the_changes_page_compares_the_release_on_screen(on_pair: Pair) -> None:
    at = run("changes/page.py", {"year": YEAR, "release": on_pair.old})
    assert at.warning[0].value.startswith(f"正在查看历史版本 {on_pair.old}")
    assert (at.selectbox(key="from").value, at.selectbox(key="to").value) == (
        on_pair.old,
        on_pair.new,
    )


def test_the_oldest_release_has_no_previous_release_sentence(on_pair: Pair) -> None:
    at = run(None, {"year": YEAR, "release": on_pair.old})
    assert not any("上一版本" in i.value for i in at.info)


def test_the_release_is_kept_across_page_navigation(on_pair: Pair) -> None:
    at = run(None, {"year": YEAR, "release": on_pair.old})
    for page in ("funding/page.py", "quality/page.py", "overview/page.py"):
        at.switch_page(page).run()
        assert not at.exception
        assert _release(at) == on_pair.old, page
        assert at.query_params["release"] in (on_pair.old, [on_pair.old])
    assert metrics(at)["存续社会组织"] == "12"


def test_back_to_latest_shows_the_latest_release_again(on_pair: Pair) -> None:
    at = run(None, {"year": YEAR, "release": on_pair.old})
    at.button(key="release_back").click().run()
    assert not at.exception and not at.warning
    assert metrics(at)["存续社会组织"] == "13" and _release(at) == on_pair.new
    assert "release" not in at.query_params
    at.switch_page("funding/page.py").run()
    assert metrics(at)["2015年资金"] == "3.90 万元"


def test_the_live_release_by_name_is_the_latest_without_a_warning(on_pair: Pair) -> None:
    at = run(None, {"year": YEAR, "release": on_pair.new})
    assert not at.warning and metrics(at)["存续社会组织"] == "13"
    assert at.query_params["release"] in (on_pair.new, [on_pair.new])  # a link keeps naming it


@pytest.mark.parametrize(
    ("value", "note"),
    [
        ("20200101T000000-abcd", "没有版本 20200101T000000-abcd，现显示最新版本。"),
        (
            "../hub.releases/x",
            r"链接中的版本号无法识别（release=\.\.\/hub\.releases\/x），现显示最新版本。",
        ),
        (
            "[x](javascript:alert(1))",  # named as text, never a link (every punctuation escaped)
            r"链接中的版本号无法识别（release=\[x\]\(javascript\:alert\(1\)\)），现显示最新版本。",
        ),
    ],
)
def test_an_unknown_release_is_a_note_then_the_latest(on_pair: Pair, value: str, note: str) -> None:
    at = run(None, {"year": YEAR, "release": value})
    assert [w.value for w in at.warning] == [note]
    assert metrics(at)["存续社会组织"] == "13" and "release" not in at.query_params


@pytest.fixture
def small(tmp_path: Path) -> Pair:
    """Two releases of the revision deliveries in a folder of the test's own (to prune or delete)."""
    target = tmp_path / "wh" / "hub.duckdb"
    runs = [refresh_warehouse(revisions.write(tmp_path / f"r{i}", i == 1), target, lambda _: None)
            for i in range(2)]  # fmt: skip
    first = releases.read(target).release(runs[0].run_id)
    with reading(target):
        yield Pair(target, runs[0].run_id, runs[1].run_id, first.path)


def test_a_pruned_release_is_a_note_then_the_latest(small: Pair) -> None:
    releases.prune(small.target, 1)
    at = run(None, {"year": YEAR, "release": small.old})
    assert [w.value for w in at.warning] == [
        f"版本 {small.old} 已被清理、不再保留，现显示最新版本。"
    ]
    assert metrics(at)["存续社会组织"] == "13"


def test_a_release_whose_file_was_deleted_is_a_note_then_the_latest(small: Pair) -> None:
    os.remove(small.old_path)
    at = run(None, {"year": YEAR, "release": small.old})
    assert [w.value for w in at.warning] == [
        f"版本 {small.old} 的文件已不在磁盘上，现显示最新版本。"
    ]
    assert metrics(at)["存续社会组织"] == "13"
    at = run("changes/page.py", {"year": YEAR})  # one release left on disk
    assert any("至少要有两个才能比较" in i.value for i in at.info)


def test_a_failed_run_is_a_note_then_the_latest(small: Pair, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError):  # no organizations file: the run fails, journaled as failed
        refresh_warehouse(empty, small.target, lambda _: None)
    failed = releases.read(small.target).runs[-1]
    assert failed.status == "failed"
    at = run(None, {"year": YEAR, "release": failed.run_id})
    assert [w.value for w in at.warning] == [
        f"刷新批次 {failed.run_id} 没有成功，没有对应的版本，现显示最新版本。"
    ]
    assert metrics(at)["存续社会组织"] == "13"


def test_a_release_pruned_while_it_is_on_screen_turns_into_the_note(small: Pair) -> None:
    at = run(None, {"year": YEAR, "release": small.old})
    assert metrics(at)["存续社会组织"] == "12"
    releases.prune(small.target, 1)
    at.run()
    assert [w.value for w in at.warning] == [
        f"版本 {small.old} 已被清理、不再保留，现显示最新版本。"
    ]
    assert metrics(at)["存续社会组织"] == "13"


def _built_earlier(path: Path, sql: str = "update quality.format set format = format - 1") -> None:
    """Make a warehouse file look as if an earlier version built it (its marts would differ)."""
    os.chmod(path, 0o644)
    con = duckdb.connect(str(path))
    try:
        con.execute(sql)
    finally:
        con.close()


@pytest.mark.parametrize(
    "sql",
    ["update quality.format set format = format - 1", "drop table quality.format"],
    ids=["earlier format", "before formats were stored"],
)
def test_a_warehouse_an_earlier_version_built_says_so_instead_of_failing(
    small: Pair, sql: str
) -> None:
    _built_earlier(small.target, sql)
    for params in ({"year": YEAR}, {"year": YEAR, "org_q": O9}):
        at = run(None, params)  # fails on any exception
        # the path is shown as plain text (markdown characters escaped)
        assert [e.value.replace("\\", "") for e in at.error] == [
            f"数据仓库文件 {small.target} 由较早版本的枢纽系统生成，本版本的页面读不了它。"
            "请在项目目录运行 `python -m pipeline refresh`（或在发布页重新发布）后刷新本页。"
        ]
        assert not at.metric


def test_an_old_release_an_earlier_version_built_says_so_and_offers_the_latest(
    small: Pair,
) -> None:
    _built_earlier(small.old_path)
    at = run(None, {"year": YEAR, "release": small.old})
    assert [e.value.replace("\\", "") for e in at.error] == [
        f"版本 {small.old} 由较早版本的枢纽系统生成，本版本无法显示。请返回最新版本。"
    ]
    at.button(key="release_back_old").click().run()
    assert not at.exception and not at.error and "release" not in at.query_params
    at.switch_page("overview/page.py").run()  # the stop had left only the staff's pages in the menu
    assert metrics(at)["存续社会组织"] == "13" and _release(at) == small.new
