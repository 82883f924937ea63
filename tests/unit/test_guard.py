"""The drop guard: half a register is not published in silence. A table falling by more than 20%
against the live release, or a file ending in a cut line, exits 3 with the counts of both; with
--accept-drop it is published, and the audit log says so."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pipeline import audit, guard, releases
from pipeline.cli import EXIT_INPUT, EXIT_OK, main
from tests.unit import registers as r

KEPT = "数据仓库未作改动。"


def _orgs(n: int) -> list[list[str]]:
    return [
        [
            r.uscc("1", "110105", f"MJ{i:07d}"),
            f"朝阳区第{i}志愿者协会",
            "社会团体",
            "区级",
            "110105",
        ]
        + ["2010-01-01", "", "正常", "是"]
        for i in range(10, 10 + n)
    ]


def _links(orgs: list[list[str]]) -> list[list[str]]:
    return [["H1", org[0], "联系", "2011-01-01", ""] for org in orgs]


def _register(folder: Path, n: int = 20) -> Path:
    orgs = _orgs(n)
    return r.write_register(folder, {"organizations": orgs, "hub_links": _links(orgs)})


def _refresh(raw: Path, target: Path, *flags: str) -> int:
    return main(["refresh", "--raw", str(raw), "--warehouse", str(target), "--quiet", *flags])


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def live(tmp_path: Path) -> tuple[Path, Path]:
    """A register of 23 organizations and 23 links, refreshed: the live release."""
    raw = _register(tmp_path / "raw")
    target = tmp_path / "wh" / "hub.duckdb"
    assert _refresh(raw, target) == EXIT_OK
    return raw, target


def _cut_in_half(path: Path) -> int:
    """Cut the file mid-row, halfway through (after a row's code and part of its name); its line."""
    data = path.read_bytes()
    start = data.index(b"\n", len(data) // 2) + 1
    half = start + 19 + len("朝阳区".encode())
    path.write_bytes(data[:half])
    return data[:half].count(b"\n") + 1


def test_an_organizations_file_cut_mid_row_is_not_published(
    live: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue: a file cut in half mid-row refreshed with exit 0 and became the live warehouse."""
    raw, target = live
    before, run = _digest(target), releases.read(target).live_run_id
    line = _cut_in_half(raw / "organizations.csv")
    capsys.readouterr()
    assert _refresh(raw, target) == EXIT_INPUT
    said = capsys.readouterr().err.strip()
    assert said.startswith("未发布：organizations.csv 接受的行数从现行版本的 23 行降到 ")
    assert "hub_links.csv 接受的行数从现行版本的 23 行降到 " in said  # links to the lost ones
    assert (
        f"organizations.csv 的最后一行（第 {line} 行）只有 2 列而表头有 9 列，且没有以换行结束"
        in said
    )
    assert said.endswith("请加 --accept-drop 重新刷新（网页发布：勾选“仍要发布”）。" + KEPT)
    assert _digest(target) == before and releases.read(target).live_run_id == run
    assert audit.read(target)[-1]["action"] == "refresh_failed"


def test_accept_drop_publishes_it_deliberately_and_the_audit_log_records_it(
    live: tuple[Path, Path],
) -> None:
    raw, target = live
    line = _cut_in_half(raw / "organizations.csv")
    assert _refresh(raw, target, "--accept-drop") == EXIT_OK
    event = audit.read(target)[-1]
    assert event["action"] == "refresh"
    accepted = event["accepted_drop"]
    assert accepted["max_drop"] == 0.2
    assert [(d["table_name"], d["live_rows"]) for d in accepted["drops"]] == [
        ("organizations", 23),
        ("hub_links", 23),
    ]
    assert accepted["cuts"] == [
        {"file": "organizations.csv", "line": line, "columns": 2, "header_columns": 9}
    ]


def test_a_fall_of_20_percent_is_published_and_more_is_not(tmp_path: Path) -> None:
    target = tmp_path / "wh" / "hub.duckdb"
    assert _refresh(_register(tmp_path / "a", 7), target) == EXIT_OK  # 10 orgs, 10 links
    # 8 organizations (-20%) and their 8 + 3 links: published
    assert _refresh(_register(tmp_path / "b", 5), target) == EXIT_OK
    # 6 organizations against 8 (-25%): not published, unless 30% is allowed
    assert _refresh(_register(tmp_path / "c", 3), target) == EXIT_INPUT
    assert _refresh(_register(tmp_path / "c", 3), target, "--max-drop", "30") == EXIT_OK


def test_a_cut_last_line_is_refused_even_without_a_drop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = _register(tmp_path / "raw")
    links = raw / "hub_links.csv"
    links.write_bytes(links.read_bytes() + b"H1,52110105MJ00")  # the last row, cut, no line break
    assert _refresh(raw, tmp_path / "hub.duckdb") == EXIT_INPUT
    assert capsys.readouterr().err.strip() == (
        "未发布：hub_links.csv 的最后一行（第 25 行）只有 2 列而表头有 5 列，且没有以换行结束，"
        "像是文件被截断了；如果文件无误、确要如此，请加 --accept-drop 重新刷新（网页发布：勾选“仍要发布”）。"
        + KEPT
    )


def test_a_whole_last_line_without_a_line_break_is_not_cut(tmp_path: Path) -> None:
    raw = _register(tmp_path / "raw")
    links = raw / "hub_links.csv"
    links.write_bytes(links.read_bytes().rstrip(b"\r\n"))
    assert _refresh(raw, tmp_path / "hub.duckdb") == EXIT_OK


def test_the_drop_is_measured_per_table_against_the_live_release() -> None:
    live = {"organizations": ("organizations.csv", 100), "projects": ("projects.csv", 10)}

    class Stats:
        def __init__(self, table_name: str, file: str, rows_accepted: int) -> None:
            self.table_name, self.file, self.rows_accepted = table_name, file, rows_accepted

    files = [Stats("organizations", "organizations.xlsx", 79)]  # projects.csv gone: 0 rows
    assert guard.drops(live, files, 0.2) == [
        guard.Drop("organizations", "organizations.xlsx", 100, 79),
        guard.Drop("projects", "projects.csv", 10, 0),
    ]
    assert (
        guard.drops(live, [Stats("organizations", "o.csv", 80), Stats("projects", "p", 8)], 0.2)
        == []
    )
    assert guard.drops({}, files, 0.2) == []  # no live release: nothing to compare with


def test_the_refusal_speaks_english_on_request() -> None:
    refused = guard.DropRefused(
        [guard.Drop("organizations", "organizations.csv", 35_140, 17_665)],
        [guard.Cut("organizations.csv", 17_666, 5, 14)],
        0.2,
    )
    assert refused.text("en") == (
        "Not published: organizations.csv: rows accepted fall from 35,140 in the live release to "
        "17,665 (down 49.7%, more than 20%); organizations.csv's last line (line 17,666) has 5 "
        "columns where the header has 14 and ends without a line break, as if the file was cut "
        "short; if the files are right and this is meant, refresh again with --accept-drop "
        "(publish page: tick 'publish anyway')."
    )
