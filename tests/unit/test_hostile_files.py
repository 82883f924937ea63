"""Hostile input files: each is refused with one sentence naming the file and the line, exit 3,
and the previous warehouse stays byte for byte; none is ever stored garbled."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.cli import EXIT_INPUT, main
from pipeline.refresh import refresh_warehouse
from tests.unit import registers as r

KEPT = "数据仓库未作改动。"
ZH_FUNDING = ["拨付编号", "收款组织统一社会信用代码", "资金来源", "金额", "拨付日期", "区划代码"]
PAYER = "朝阳区财政局"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A clean register and the warehouse refreshed from it."""
    folder = tmp_path_factory.mktemp("base")
    raw = r.write_register(folder / "raw")
    refresh_warehouse(raw, folder / "hub.duckdb")
    return raw, folder / "hub.duckdb"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _replace(name: str, old: bytes, new: bytes) -> Callable[[Path], None]:
    def damage(raw: Path) -> None:
        path = raw / name
        path.write_bytes(path.read_bytes().replace(old, new))

    return damage


def _long_header(raw: Path) -> None:
    path = raw / "hubs.csv"
    header, rest = path.read_bytes().split(b"\n", 1)
    path.write_bytes(header + b"," + "备注".encode() * 12000 + b"\n" + rest)


def _unclosed_quote(line: int, trailing: int = 0) -> Callable[[Path], None]:
    def damage(raw: Path) -> None:
        path = raw / "hubs.csv"
        lines = path.read_bytes().split(b"\n")
        lines[line - 1] = lines[line - 1].replace(b",", b',"', 1)
        filler = [f"H{i},某枢纽,区级,110105,,妇联,2010-01-01,".encode() for i in range(trailing)]
        path.write_bytes(b"\n".join([*lines[:-1], *filler, b""]))

    return damage


def _gb18030_funding(pasted: bytes) -> Callable[[Path], None]:
    """funding.csv in GB18030 (Chinese header, payer 朝阳区财政局), then one line pasted in."""

    def damage(raw: Path) -> None:
        rows = [[*row, PAYER] for row in r.FUNDING]
        path = r.write_csv(raw / "funding.csv", [*ZH_FUNDING, "拨付单位"], rows, "gb18030")
        path.write_bytes(path.read_bytes() + pasted)

    return damage


UTF8_LINE = f"F3,{r.ORG_A},财政资金,100,2012-05-01,,{PAYER}\n".encode()
UTF8_CELL = f"F3,{r.ORG_A},财政资金,100,2012-05-01,,".encode("gb18030") + PAYER.encode() + b"\n"

CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "cr-only": (
        _replace("hubs.csv", b"\n", b"\r"),
        "hubs.csv 的行尾只有回车符（CR，旧式 Mac 格式），从第 1 行起整个文件会被读成一行；请另存为“CSV UTF-8”。",
    ),
    "long-header": (
        _long_header,
        "hubs.csv 第 1 行（表头）超过 64 KB，不像登记表的表头；请确认文件无误后另存为 CSV。",
    ),
    "semicolons": (
        _replace("organizations.csv", b",", b";"),
        "organizations.csv 是用分号（;）分隔的，第 1 行没有逗号；请另存为逗号分隔的 CSV（“CSV UTF-8”）。",
    ),
    "tabs": (
        _replace("hub_links.csv", b",", b"\t"),
        "hub_links.csv 是用制表符（Tab）分隔的，第 1 行没有逗号；请另存为逗号分隔的 CSV（“CSV UTF-8”）。",
    ),
    "unclosed-quote": (
        _unclosed_quote(3),
        'hubs.csv 第 3 行有一个没有闭合的英文双引号（"），其后各行都会被并入这一格；请补上或删去这个引号。',
    ),
    "unclosed-quote-past-the-field-limit": (
        _unclosed_quote(2, trailing=4000),
        'hubs.csv 第 2 行有一个没有闭合的英文双引号（"），其后各行都会被并入这一格；请补上或删去这个引号。',
    ),
    "row-wider-than-header": (
        _replace("hubs.csv", b"2011-01-01,2013-06-30", b"2011-01-01,2013-06-30,x"),
        "hubs.csv 第 3 行有 9 列，而表头只有 8 列；请让每行的列数与表头相同（含逗号的值要用英文双引号括起来）。",
    ),
    "utf8-line-in-gb18030": (
        _gb18030_funding(UTF8_LINE),
        "funding.csv 混用了两种编码：文件是 GB18030/GBK 编码，第 4 行却是 UTF-8（照 GBK 读会变成乱码）；请把整个文件另存为“CSV UTF-8”。",
    ),
    "utf8-cell-in-gb18030": (
        _gb18030_funding(UTF8_CELL),
        "funding.csv 混用了两种编码：文件是 GB18030/GBK 编码，第 4 行却是 UTF-8（照 GBK 读会变成乱码）；请把整个文件另存为“CSV UTF-8”。",
    ),
    "gbk-line-after-bom": (
        lambda raw: (raw / "organizations.csv").write_bytes(
            (raw / "organizations.csv").read_bytes() + f"{r.ORG_A},重复协会\n".encode("gbk")
        ),
        "organizations.csv 以 UTF-8 标记（BOM）开头，但第 5 行不是 UTF-8（这些字节像是 GB18030/GBK 编码）；请把整个文件另存为“CSV UTF-8”。",
    ),
    "neither-utf8-nor-gb18030": (
        _gb18030_funding(b"F3,\xff\xfe\xff,fiscal,100,2012-05-01,,\n"),
        "funding.csv 既不是 UTF-8 也不是 GB18030/GBK 文本：第 4 行无法读取（这些字节像是",
    ),
    "utf-16": (
        lambda raw: (raw / "hubs.csv").write_bytes(
            (raw / "hubs.csv").read_text("utf-8").encode("utf-16")
        ),
        "hubs.csv 是 UTF-16 文本（Excel 的“Unicode 文本”）；请另存为“CSV UTF-8”或 .xlsx。",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_file_is_refused_naming_file_and_line_and_the_warehouse_is_kept(
    tmp_path: Path, base: tuple[Path, Path], case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    damage, expected = CASES[case]
    raw = Path(shutil.copytree(base[0], tmp_path / "raw"))
    target = tmp_path / "hub.duckdb"
    shutil.copy(base[1], target)
    before = digest(target)
    damage(raw)
    code = main(["refresh", "--raw", str(raw), "--warehouse", str(target), "--quiet"])
    said = capsys.readouterr().err.strip()
    assert code == EXIT_INPUT, said
    assert said.startswith(expected), said  # the file's name first, its line in the sentence
    assert said.endswith(KEPT) and said.count("。") == 2, said  # one sentence, then the promise
    assert digest(target) == before
    assert not list(tmp_path.glob(".hub.duckdb.building-*"))


def test_the_gb18030_file_is_read_when_nothing_was_pasted_in(tmp_path: Path) -> None:
    raw = r.write_register(tmp_path / "raw")
    _gb18030_funding(b"")(raw)
    target = tmp_path / "hub.duckdb"
    assert main(["refresh", "--raw", str(raw), "--warehouse", str(target), "--quiet"]) == 0
    import duckdb

    con = duckdb.connect(str(target), read_only=True)
    payers = con.sql("select distinct payer_name from clean.funding").fetchall()
    con.close()
    assert payers == [(PAYER,)]


@pytest.mark.parametrize(
    "content", [b"", ",".join(r.PROJECT_HEADER).encode() + b"\n"], ids=["0-bytes", "header-only"]
)
def test_an_optional_file_without_rows_loads_as_none_with_a_warning_on_line_1(
    tmp_path: Path, content: bytes
) -> None:
    import duckdb

    raw = r.write_register(tmp_path / "raw")
    (raw / "projects.csv").write_bytes(content)
    target = tmp_path / "hub.duckdb"
    result = refresh_warehouse(raw, target)
    projects = next(f for f in result.files if f.file == "projects.csv")
    assert (projects.rows_read, projects.rows_accepted, projects.rows_rejected) == (0, 0, 0)
    con = duckdb.connect(str(target), read_only=True)
    warned = con.sql(
        'select file, line, "column", rule, rule_name, message from quality.warnings'
    ).fetchall()
    con.close()
    assert warned == [
        (
            "projects.csv",
            1,
            None,
            "empty_file",
            "文件没有数据行",
            "文件里没有数据行，按“没有记录”处理；如果本应有记录，请重新导出。",
        )
    ]
