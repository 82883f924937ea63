"""The civil-affairs-shaped generator: deterministic, the export's own columns, every bureau kind."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from stdnum.cn import uscc as stdnum_uscc

from pipeline.sample import SampleReport, write_civil_affairs
from pipeline.sample.civil_affairs_faults import FAULT_KINDS

EXPORT_HEADER = (
    "统一社会信用代码,社会组织名称,社会组织类型,登记管理机关,业务主管单位,法定代表人,住所,注册资金,"
    "业务范围,成立日期,登记状态,注销日期,区划代码,备案编号"
)
FILES = ("organizations.csv", "filed_orgs.csv", "hubs.xlsx", "hub_links.csv", "funding.csv")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SampleReport]:
    out = tmp_path_factory.mktemp("civil")
    return out, write_civil_affairs(out, seed=11, orgs=1500)


def _orgs(folder: Path) -> list[dict[str, str]]:
    with (folder / "organizations.csv").open(encoding="gb18030", newline="") as f:
        return list(csv.DictReader(f))


def test_the_same_seed_gives_byte_identical_files_and_without_hubs_the_same_others(
    tmp_path: Path,
) -> None:
    first = write_civil_affairs(tmp_path / "a", seed=3, orgs=300)
    again = write_civil_affairs(tmp_path / "b", seed=3, orgs=300)
    bare = write_civil_affairs(tmp_path / "c", seed=3, orgs=300, hubs=False)
    other = write_civil_affairs(tmp_path / "d", seed=4, orgs=300)
    assert first == again
    for name in (*FILES, "README.md"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    for name in ("organizations.csv", "filed_orgs.csv", "funding.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "c" / name).read_bytes(), name
    assert not (tmp_path / "c" / "hubs.xlsx").exists()
    assert not (tmp_path / "c" / "hub_links.csv").exists()
    assert set(bare.rows) == {"organizations.csv", "filed_orgs.csv", "funding.csv"}
    assert "without-hubs" in (tmp_path / "c" / "README.md").read_text("utf-8")
    assert other.rows != first.rows


def test_the_export_has_its_own_columns_statuses_and_bureaus(
    made: tuple[Path, SampleReport],
) -> None:
    folder, _ = made
    raw = (folder / "organizations.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert raw.decode("gb18030").startswith(EXPORT_HEADER + "\r\n")
    orgs = _orgs(folder)
    assert {"正常", "存续", "注销", "撤销", "吊销"} <= {o["登记状态"] for o in orgs}
    authorities = {o["登记管理机关"] for o in orgs}
    assert {"民政部", "四川省民政厅", "重庆市民政局", "达川区民政局", "深圳市社会组织管理局",
            "苏州工业园区行政审批局"} <= authorities  # fmt: skip
    assert sum(bool(o["区划代码"]) for o in orgs) < len(orgs) / 5
    assert sum(bool(o["住所"]) for o in orgs) > len(orgs) / 2
    assert {"133100", "320576", "232761", "632857", "350300"} <= {o["区划代码"] for o in orgs}
    assert sum(bool(o["业务主管单位"]) for o in orgs) > 100
    assert sum(bool(o["备案编号"]) for o in orgs) > 10


def test_every_code_is_valid_but_the_planted_ones_and_links_name_filings(
    made: tuple[Path, SampleReport],
) -> None:
    folder, report = made
    bad = {f.line for f in report.faults if f.kind == "bad_check_char"}
    assert bad
    for line, o in enumerate(_orgs(folder), start=2):
        assert stdnum_uscc.is_valid(o["统一社会信用代码"]) == (line not in bad), line
    with (folder / "filed_orgs.csv").open(encoding="utf-8-sig", newline="") as f:
        filings = {r["备案编号"] for r in csv.DictReader(f)}
    with (folder / "hub_links.csv").open(encoding="utf-8-sig", newline="") as f:
        named = Counter(r["统一社会信用代码"] in filings for r in csv.DictReader(f))
    assert named[True] > 50 and named[False] > 500


def test_every_fault_kind_is_planted_and_listed_with_its_line(
    made: tuple[Path, SampleReport],
) -> None:
    folder, report = made
    kinds = Counter((f.file, f.kind) for f in report.faults)
    assert set(kinds) == {(file, kind) for file, ks in FAULT_KINDS.items() for kind in ks}
    readme = (folder / "README.md").read_text("utf-8")
    for file, kind in kinds:
        lines = sorted(f.line for f in report.faults if (f.file, f.kind) == (file, kind))
        assert f"| {file} | {kind} |" in readme and ", ".join(map(str, lines)) in readme


def test_a_region_keeps_only_its_bureaus(tmp_path: Path) -> None:
    report = write_civil_affairs(tmp_path, seed=5, orgs=200, region="500000")
    planted = {f.line for f in report.faults if f.file == "organizations.csv"}
    authorities = {
        o["登记管理机关"] for line, o in enumerate(_orgs(tmp_path), start=2) if line not in planted
    }
    assert authorities == {
        "重庆市民政局",
        "渝中区民政局",
        "万州区民政局",
        "沙坪坝区民政局",
        "云阳县民政局",
    }


def _sample(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "sample", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "200", "SHUNIU_LANG": "zh"},
    )


def test_the_command_writes_the_shape_and_refuses_options_of_the_other(tmp_path: Path) -> None:
    done = _sample("--shape", "civil-affairs", "--orgs", "120", "--out", str(tmp_path / "ca"))
    assert done.returncode == 0, done.stderr
    assert {p.name for p in (tmp_path / "ca").iterdir()} == {*FILES, "README.md"}
    done = _sample("--region", "500000", "--out", str(tmp_path / "x"))
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1].endswith(
        "--region 和 --without-hubs 只用于 --shape civil-affairs"
    )
    done = _sample("--shape", "civil-affairs", "--region", "990000", "--out", str(tmp_path / "y"))
    assert done.returncode == 2
    assert "990000" in done.stderr
