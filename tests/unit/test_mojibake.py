"""One encoding, every cell: UTF-8 pasted into a GB18030 file is refused naming its line, whatever
its script (Latin, symbols, Chinese, mixed); real Chinese text of every kind is never taken for it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from pipeline.cli import EXIT_INPUT, main
from pipeline.mojibake import looks_pasted, utf8_line
from pipeline.read import InputError, read_table
from pipeline.sample import names as sample_names
from schemas.tables import ORGANIZATIONS
from tests.unit import registers as r

ROOT = Path(__file__).parents[2]
ZH_ORG_HEADER = ["统一社会信用代码", "社会组织名称", "社会组织类型", "登记级别", "所在区划代码"]
ZH_ORG_HEADER += ["成立登记日期"]


def _org(i: int, name: str) -> list[str]:
    return [r.uscc("1", "110105", f"MJ{i:07d}"), name, "社会团体", "区级", "110105", "2010-01-01"]


def _gb18030_orgs(raw: Path, pasted: str, line: int) -> Path:
    """organizations.csv in GB18030, the name on `line` written in UTF-8 (as pasted from elsewhere)."""
    rows = [_org(i, f"朝阳区第{i}文化协会") for i in range(2, line)]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([ZH_ORG_HEADER, *rows])
    own = _org(line, "@@").copy()
    tail = ",".join(own).encode("gb18030").replace(b"@@", pasted.encode("utf-8")) + b"\n"
    path = raw / "organizations.csv"
    path.write_bytes(buffer.getvalue().encode("gb18030") + tail)
    return path


def test_the_issues_cafe_societe_on_line_101_is_refused_not_stored_garbled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = r.write_register(tmp_path / "raw")
    _gb18030_orgs(raw, "Café Société 协会", 101)
    assert "Café Société 协会".encode().decode("gb18030") == "Caf茅 Soci茅t茅 鍗忎細"
    code = main(["refresh", "--raw", str(raw), "--warehouse", str(tmp_path / "w.duckdb")])
    assert code == EXIT_INPUT
    assert capsys.readouterr().err.strip() == (
        "organizations.csv 混用了两种编码：文件是 GB18030/GBK 编码，第 101 行却是 UTF-8"
        "（照 GBK 读会变成乱码）；请把整个文件另存为“CSV UTF-8”。数据仓库未作改动。"
    )
    assert not (tmp_path / "w.duckdb").exists()


PASTED = [
    "Café",  # Latin alone
    "Müller GmbH",
    "José García",
    "Łódź",
    "naïve Ångström",
    "25°C 恒温",  # a symbol beside Chinese
    "±5% 误差",
    "A·B 合唱团",
    "©2020 协会",
    "3×4 方阵",
    "中文协会",  # Chinese alone (found before too)
    "São Paulo 圣保罗",  # its bytes are not even GB18030: refused as unreadable
    "Nestlé 雀巢",
]


@pytest.mark.parametrize("pasted", PASTED)
def test_utf8_text_of_any_script_pasted_into_a_gb18030_file_is_refused_at_its_line(
    tmp_path: Path, pasted: str
) -> None:
    path = _gb18030_orgs(tmp_path, pasted, 7)
    with pytest.raises(InputError) as err:
        read_table(path, ORGANIZATIONS)
    assert err.value.key in ("input.mixed_gb_first", "input.unknown_encoding")
    assert err.value.params["line"] == 7


def _corpus() -> list[str]:
    """Chinese names of every kind: all region names, the sample's words, 6,763 characters of
    GB2312 one by one, and personal names (common surnames with one or two given characters)."""
    regions = (ROOT / "schemas" / "data" / "region_codes.csv").read_text("utf-8").splitlines()
    words = [line.split(",")[1] for line in regions[1:]]
    for cores in sample_names.CORES.values():
        words += [w for kind in cores for w in kind]
    for b1 in range(0xB0, 0xF8):
        for b2 in range(0xA1, 0xFF):
            try:
                words.append(bytes([b1, b2]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余"
    given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华玉萍红玲燕春菊凤洁梅琳云雪荣佳嘉"
    words += [s + a + b for s in surnames for a in given for b in ("", *given)]
    return words


def test_no_chinese_name_of_any_kind_is_taken_for_pasted_utf8() -> None:
    words = _corpus()
    assert len(words) > 60_000
    data = ("名称\n" + "\n".join(words) + "\n").encode("gb18030")
    assert utf8_line(data) is None
    assert utf8_line((",".join(words) + "\n").encode("gb18030")) is None


@pytest.mark.parametrize("name", ["organizations", "hub_links", "projects", "funding"])
def test_the_bundled_sample_saved_as_gb18030_is_read_whole(name: str) -> None:
    data = (ROOT / "data" / "raw" / f"{name}.csv").read_bytes()
    try:
        data = data.decode("utf-8-sig").encode("gb18030")
    except UnicodeDecodeError:  # the sample writes some files in GB18030 already
        pass
    assert utf8_line(data) is None


def test_gbk_text_that_happens_to_be_valid_utf8_is_not_pasted_text() -> None:
    # 停业 in GBK reads in UTF-8 as a combining mark and a Cyrillic letter; 茅 as a lone é
    assert "停业".encode("gbk").decode("utf-8") == "\u0363\u04b5"
    assert not looks_pasted("停业".encode("gbk").decode("utf-8"))
    assert "茅".encode("gbk").decode("utf-8") == "é"
    assert not looks_pasted("é")
    assert looks_pasted("Café") and looks_pasted("25°C") and looks_pasted("协会")
