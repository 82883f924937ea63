"""A briefing pack carries its release and, rebuilt from the same release and filters, is the same bytes
except the one generated-at line of its cover (charts rendered by the real kaleido)."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from dashboard.core.filters import Filters
from dashboard.frame import queries
from dashboard.overview import briefing
from dashboard.overview.pack import WORKBOOK, ZIP_TIME, briefing_zip
from pipeline import releases
from pipeline.refresh import refresh_warehouse
from tests.app import revisions
from tests.app.conftest import reading

F = Filters(year=2015, base_year=2011, regions=("110105", "110106"), hub_types=("women",))
COVER = "00_封面与口径.txt"
CHROMIUM = Path("/usr/bin/chromium")


def _pack(target: Path, now: datetime) -> tuple[bytes, str]:
    """The pack's bytes and file name as the overview builds them, reading the warehouse `target`."""
    with reading(target):
        provenance = queries.provenance(F)
        names = dict(zip(*queries.regions(F).select("region_code", "region_label"), strict=True))
        content = briefing.pack(briefing.overview(F), F, names, provenance, now=now)
        return briefing_zip(content), briefing.pack_name(F, provenance, now, names)


def _entries(data: bytes) -> list[tuple[str, tuple[int, ...], bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(i.filename, i.date_time, archive.read(i)) for i in archive.infolist()]


def _without_stamp(cover: bytes) -> list[str]:
    lines = cover.decode("utf-8-sig").split("\r\n")
    stamped = [line for line in lines if line.startswith(f"{briefing.GENERATED}：")]
    assert len(stamped) == 1  # the clock shows in one line only
    return [line for line in lines if line not in stamped]


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The first release's pack built while it is live, then again from its file after a second
    refresh made another release live: at another time, and at the same time."""
    if not CHROMIUM.exists():
        pytest.skip("kaleido renders the charts with /usr/bin/chromium")
    root = tmp_path_factory.mktemp("briefing")
    target = root / "wh" / "hub.duckdb"
    first = refresh_warehouse(revisions.write(root / "a", False), target, lambda _: None)
    monday, friday = datetime(2026, 11, 23, 9, 5, 1), datetime(2026, 11, 27, 17, 45, 59)
    live, live_name = _pack(target, monday)
    refresh_warehouse(revisions.write(root / "b", True), target, lambda _: None)
    kept = releases.read(target).release(first.run_id)
    assert not kept.is_live
    later, later_name = _pack(kept.path, friday)
    again, _ = _pack(kept.path, monday)
    newest, _ = _pack(target, monday)
    return {"run": first.run_id, "live": live, "later": later, "again": again, "newest": newest,
            "names": (live_name, later_name)}  # fmt: skip


def test_rebuilt_from_the_same_release_only_the_generated_at_line_differs(packs) -> None:
    live, later = _entries(packs["live"]), _entries(packs["later"])
    assert [(n, d) for n, d, _ in live] == [(n, d) for n, d, _ in later]
    assert [n for n, _, _ in live] == sorted(n for n, _, _ in live) and live[0][0] == COVER
    assert {d for _, d, _ in live} == {ZIP_TIME}
    assert sum(n.endswith(".png") for n, _, _ in live) == 4  # real images, compared byte for byte
    for (name, _, a), (_, _, b) in zip(live, later, strict=True):
        if name == COVER:
            assert a != b and _without_stamp(a) == _without_stamp(b)
        else:
            assert a == b, name


def test_the_same_release_and_time_give_the_same_bytes(packs) -> None:
    assert packs["again"] == packs["live"]


def test_another_release_gives_another_pack(packs) -> None:
    assert packs["newest"] != packs["live"]


def test_the_pack_names_its_release_on_the_cover_and_in_its_file_name(packs) -> None:
    lines = _entries(packs["live"])[0][2].decode("utf-8-sig").split("\r\n")
    cover = dict(line.split("：", 1) for line in lines if "：" in line)
    assert cover["刷新批次"] == packs["run"] and cover[briefing.GENERATED] == "2026-11-23 09:05:01"
    live_name, later_name = packs["names"]
    assert live_name == f"简报数据包_2个地区_2015年底_批次{packs['run']}_导出20261123-0905.zip"
    assert later_name == f"简报数据包_2个地区_2015年底_批次{packs['run']}_导出20261127-1745.zip"


def test_the_pack_holds_a_workbook_of_every_table_whose_cover_names_the_release(packs) -> None:
    import openpyxl

    entries = {name: data for name, _, data in _entries(packs["live"])}
    book = openpyxl.load_workbook(io.BytesIO(entries[WORKBOOK]))
    assert book.sheetnames == ["说明", "总览指标", "分区覆盖", "枢纽类型增量", "历年趋势"]
    cover = {row[0]: row[1] for row in book["说明"].iter_rows(values_only=True) if row[0]}
    assert cover["刷新批次"] == packs["run"] and briefing.GENERATED not in cover
    assert "朝阳区" in cover["筛选条件"] and cover["统计时点"] == "2015-12-31"
    assert book["分区覆盖"]["B2"].data_type == "s"  # region codes as text
    rates = [c.number_format for c in book["分区覆盖"]["E"][1:]]
    assert rates and set(rates) == {"0.0%"}
