"""A warehouse whose names are hostile text: the two deliveries of tests/app/revisions.py (so every page,
the 变化 page included, has records) with each organization, hub, project and purchaser renamed to
markdown, a colour directive, HTML, a spreadsheet formula, a link or an e-mail address."""

from __future__ import annotations

import csv
from pathlib import Path

from pipeline.refresh import refresh_warehouse
from tests.app import revisions

HOSTILE = (
    ":red[红色]协会",
    '<span style="color:red">红</span>色协会',
    '=HYPERLINK("http://evil.example","点击")',
    "[点我](http://evil.example)服务中心",
    "**粗体** _斜体_ $x^2$ :smile: :material/home: 基金会",
    "www.evil.example 与 a@evil.example 协会",
    "# 标题 <b>粗</b> &amp; `代码` 协会",
    '<a href="http://evil.example">链接</a>协会',
)
# the column of each file renamed, and the text a name ends with (names stay unique)
RENAMED = {
    "organizations.csv": {"name": ""},
    "hubs.csv": {"name": "枢纽"},
    "projects.csv": {"name": "项目", "purchaser_name": "购买方"},
}
# an org_type no rule accepts: shown as a rejected value
BAD_TYPE = ":blue[蓝色](http://evil.example)"


def hostile(n: int, ending: str = "") -> str:
    """The n-th hostile name (unique per n)."""
    return f"{HOSTILE[n % len(HOSTILE)]}{ending}{n:02d}"


def _rename(path: Path, columns: dict[str, str]) -> None:
    encoding = "utf-8-sig" if path.name == "organizations.csv" else "utf-8"
    with path.open(encoding=encoding, newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    for i, row in enumerate(body):
        for column, ending in columns.items():
            row[header.index(column)] = hostile(i + len(ending), ending)
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *body])


def write(folder: Path, second: bool) -> Path:
    """One delivery with hostile names (the second also with a row rejected for a hostile value)."""
    revisions.write(folder, second)
    for name, columns in RENAMED.items():
        _rename(folder / name, columns)
    if second:
        bad = [revisions.org(99, "110105"), hostile(99), BAD_TYPE, "区级", "110105", "2010-01-01",
               "", "正常", "否"]  # fmt: skip
        with (folder / "organizations.csv").open("a", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerow(bad)
    return folder


def build(root: Path) -> Path:
    """Two releases built by the real refresh from the hostile deliveries; the warehouse's path."""
    warehouse = root / "wh" / "hub.duckdb"
    for i in range(2):
        result = refresh_warehouse(write(root / f"raw{i}", i == 1), warehouse, lambda _: None)
        assert result.status == "succeeded", result.error
    return warehouse
