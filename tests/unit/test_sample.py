"""The synthetic register generator: deterministic, valid codes, promised file forms, Beijing shape."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from stdnum.cn import uscc as stdnum_uscc

from pipeline.sample import SampleReport, generate_sample, write_sample
from pipeline.sample.credit_codes import ALPHABET, check_chars, org_codes, usccs
from pipeline.sample.faults import FAULT_KINDS
from schemas.vocab import HUB_LEVEL, HUB_TYPE, MASS_ORG_HUB_TYPES, spellings

FILES = ("organizations.csv", "hubs.xlsx", "hub_links.csv", "projects.csv", "funding.csv")
END_2015, END_2008 = dt.date(2015, 12, 31), dt.date(2008, 12, 31)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SampleReport]:
    out = tmp_path_factory.mktemp("small")
    return out, generate_sample(out, orgs=1500, seed=7)


@pytest.fixture(scope="module")
def beijing_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SampleReport]:
    out = tmp_path_factory.mktemp("beijing")
    return out, generate_sample(out)


@pytest.fixture(scope="module")
def beijing(beijing_run: tuple[Path, SampleReport]) -> Path:
    return beijing_run[0]


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _date(column: str) -> pl.Expr:
    text = pl.col(column).str.strip_chars()
    return pl.coalesce(
        text.str.to_date("%Y-%m-%d", strict=False),
        text.str.to_date("%Y/%m/%d", strict=False),
        text.str.to_date("%Y年%m月%d日", strict=False),
    )


def _read_orgs(folder: Path) -> pl.DataFrame:
    frame = pl.read_csv(folder / "organizations.csv", infer_schema=False, encoding="utf8")
    frame = frame.select(
        pl.col("统一社会信用代码").map_elements(_nfkc, return_dtype=pl.String).alias("uscc"),
        pl.col("社会组织名称").alias("name"),
        _date("成立登记日期").alias("registered_on"),
        _date("注销日期").alias("deregistered_on"),
    )
    return frame.unique("uscc", keep="first", maintain_order=True).drop_nulls(
        ["name", "registered_on"]
    )


def _read_hubs(folder: Path) -> pl.DataFrame:
    """Hubs as a data clerk's spreadsheet tool reads them: first copy of an id, known labels."""
    frame = pl.read_excel(folder / "hubs.xlsx").unique(
        "枢纽组织编号", keep="first", maintain_order=True
    )
    return frame.select(
        pl.col("枢纽组织编号").alias("hub_id"),
        pl.col("认定级别").replace_strict(spellings(HUB_LEVEL), default=None).alias("level"),
        pl.col("枢纽类型").replace_strict(spellings(HUB_TYPE), default=None).alias("hub_type"),
        pl.col("认定日期").alias("recognized_on"),
        pl.col("撤销认定日期").alias("revoked_on"),
    ).drop_nulls(["level", "hub_type", "recognized_on"])


def _in_force(start: str, end: str, on: dt.date) -> pl.Expr:
    return (pl.col(start) <= on) & (pl.col(end).is_null() | (pl.col(end) > on))


def _recognized(hubs: pl.DataFrame, on: dt.date) -> dict[str, int]:
    counts = hubs.filter(_in_force("recognized_on", "revoked_on", on))["level"].value_counts()
    return dict(zip(counts["level"].to_list(), counts["count"].to_list(), strict=True))


def _shares(folder: Path, on: dt.date) -> tuple[float, float]:
    """(coverage rate, mass-organization share) on a date, from the written files."""
    orgs, hubs = _read_orgs(folder), _read_hubs(folder)
    links = pl.read_csv(folder / "hub_links.csv", infer_schema=False, encoding="gb18030")
    links = links.select(
        pl.col("枢纽组织编号").alias("hub_id"),
        pl.col("统一社会信用代码").alias("uscc"),
        _date("纳入日期").alias("linked_on"),
        _date("解除日期").alias("ended_on"),
    )
    active = orgs.filter(_in_force("registered_on", "deregistered_on", on))
    live = (
        links.filter(_in_force("linked_on", "ended_on", on))
        .join(hubs.filter(_in_force("recognized_on", "revoked_on", on)), on="hub_id")
        .join(active, on="uscc", how="semi")
    )
    mass = live.filter(pl.col("hub_type").is_in(sorted(MASS_ORG_HUB_TYPES)))
    return live["uscc"].n_unique() / active.height, mass["uscc"].n_unique() / active.height


def test_the_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    first = write_sample(tmp_path / "a", orgs=400, seed=11)
    second = write_sample(tmp_path / "b", orgs=400, seed=11)
    other = write_sample(tmp_path / "c", orgs=400, seed=12)
    assert first == second
    for name in (*FILES, "population.csv", "README.md"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert (tmp_path / "a" / "organizations.csv").read_bytes() != (
        tmp_path / "c" / "organizations.csv"
    ).read_bytes()
    assert set(other) == set(first)


def test_vectorized_check_characters_agree_with_python_stdnum() -> None:
    rng = np.random.default_rng(3)
    codes = usccs(
        rng.integers(1, 4, 500),
        rng.choice([110000, 110105, 130100, 500112], 500),
        org_codes(rng, rng.random(500) < 0.3),
    )
    assert codes.n_unique() == 500
    assert all(stdnum_uscc.is_valid(code) for code in codes.to_list())
    first17 = np.array([[ALPHABET.index(ch) for ch in "91110000600037341"]])
    assert ALPHABET[int(check_chars(first17)[0])] == "L"  # stdnum's documented example


def test_every_uscc_is_valid_except_the_deliberately_bad_ones(
    small: tuple[Path, SampleReport],
) -> None:
    folder, report = small
    raw = pl.read_csv(folder / "organizations.csv", infer_schema=False, encoding="utf8")
    codes = [_nfkc(code) for code in raw["统一社会信用代码"].to_list()]
    bad = {f.line for f in report.faults if f.kind == "bad_check_char"}
    assert bad
    for line, code in enumerate(codes, start=2):
        assert stdnum_uscc.is_valid(code) == (line not in bad), (line, code)
    links = pl.read_csv(folder / "hub_links.csv", infer_schema=False, encoding="gb18030")
    assert all(stdnum_uscc.is_valid(code) for code in links["统一社会信用代码"].to_list())


def test_files_are_in_the_promised_encodings_and_forms(small: tuple[Path, SampleReport]) -> None:
    folder, _ = small
    orgs = (folder / "organizations.csv").read_bytes()
    assert orgs.startswith(b"\xef\xbb\xbf")
    assert orgs[3:].decode("utf-8").startswith("统一社会信用代码,社会组织名称,")
    links = (folder / "hub_links.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        links.decode("utf-8")
    text = links.decode("gb18030")
    assert text.startswith("枢纽组织编号,统一社会信用代码,关系类型,纳入日期,解除日期\r\n")
    assert "年" in text and "/" in text and "管理" in text and "联系" in text
    hubs = pl.read_excel(folder / "hubs.xlsx")
    assert hubs.columns[:3] == ["枢纽组织编号", "枢纽组织名称", "认定级别"]
    assert hubs.schema["认定日期"] == pl.Date
    funding = (folder / "funding.csv").read_text("utf-8")
    assert not funding.startswith("\ufeff")
    assert "万元" in funding and '",' in funding  # 12.5万元 and a quoted "1,234.50"
    projects = (folder / "projects.csv").read_text("utf-8")
    assert projects.startswith("Project_ID,name,purchaser_name,") and "万," in projects


def test_every_fault_kind_is_present_even_in_a_small_register(
    small: tuple[Path, SampleReport],
) -> None:
    _, report = small
    kinds = Counter((f.file, f.kind) for f in report.faults)
    for file, expected in FAULT_KINDS.items():
        assert all(kinds[(file, kind)] >= 1 for kind in expected), file


def test_faults_are_about_half_a_percent_of_each_bundled_file(
    beijing_run: tuple[Path, SampleReport],
) -> None:
    _, report = beijing_run
    per_file = Counter(f.file for f in report.faults)
    for file in FAULT_KINDS:
        share = per_file[file] / report.rows[file]
        assert 0.003 <= share <= 0.006 or (file == "hubs.xlsx" and per_file[file] == 4), file


def test_fault_lines_point_at_the_faulty_rows(small: tuple[Path, SampleReport]) -> None:
    folder, report = small
    raw = pl.read_csv(folder / "organizations.csv", infer_schema=False, encoding="utf8")
    for fault in report.faults:
        if fault.file == "organizations.csv" and fault.kind == "missing_name":
            assert raw["社会组织名称"][fault.line - 2] is None
        if fault.file == "organizations.csv" and fault.kind == "duplicate_uscc":
            code = raw["统一社会信用代码"][fault.line - 2]
            first = raw["统一社会信用代码"].to_list().index(code)
            assert first + 2 < fault.line


def test_national_scale_spreads_over_many_cities(tmp_path: Path) -> None:
    rows = write_sample(tmp_path, scale="national", orgs=800, seed=5)
    orgs = pl.read_csv(tmp_path / "organizations.csv", infer_schema=False, encoding="utf8")
    assert rows["organizations.csv"] == orgs.height
    assert orgs["所在区划代码"].str.slice(0, 2).n_unique() > 25
    hubs = pl.read_excel(tmp_path / "hubs.xlsx")
    assert hubs.height > 4000


def test_beijing_has_36_211_403_recognized_hubs_at_the_end_of_2015(beijing: Path) -> None:
    assert _recognized(_read_hubs(beijing), END_2015) == {
        "city": 36,
        "district": 211,
        "street": 403,
    }


def test_beijing_coverage_and_mass_share_follow_the_published_shape(beijing: Path) -> None:
    coverage_2015, mass_2015 = _shares(beijing, END_2015)
    coverage_2008, mass_2008 = _shares(beijing, END_2008)
    assert 0.85 <= coverage_2015 <= 0.89
    assert 0.37 <= mass_2015 <= 0.43
    assert 0.04 <= mass_2008 <= 0.06
    assert coverage_2008 == mass_2008  # only mass-organization hubs were recognized by 2008
