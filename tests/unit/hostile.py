"""Hypothesis strategies for small hostile registers (amounts near every limit, long and strange
text, odd dates, codes good and bad, in every encoding a file may come in), and the property they
are checked against, run in worker processes by tests/unit/test_publishable.py."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
import traceback
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb
import xlsxwriter
from hypothesis import strategies as st

from tests.unit import registers as r

# (text as written, the exact yuan it means, or None when it is no amount)
AMOUNTS: list[tuple[str, Decimal | None]] = [
    ("9999999999999999.99", Decimal("9999999999999999.99")),  # the largest amount recorded
    ("9999999999999990", Decimal("9999999999999990")),
    ("9000000000000000", Decimal("9000000000000000")),
    ("10000000000000000", Decimal("10000000000000000")),  # one too large: rejected
    ("9007199254740993.01", Decimal("9007199254740993.01")),  # past a float's precision
    ("999999999999.999999万", Decimal("9999999999999999.99")),
    ("0.000001万", Decimal("0.01")),
    ("12.5万元", Decimal("125000")),
    ("1,234.50", Decimal("1234.50")),
    ("１２３４．５", Decimal("1234.5")),  # full-width
    ("0.01", Decimal("0.01")),
    ("0", Decimal("0")),
    ("-5", Decimal("-5")),
    ("+7.10", Decimal("7.10")),
    ("99999999999999999999999999999999999999999", Decimal(10**41 - 1)),
    ("1e16", None),
    ("10.001", None),
    ("十万", None),
    ("", None),
]
DATES = [
    "1949-10-01",
    "1949-09-30",
    "2026-11-23",  # the tests' today (SHUNIU_TODAY)
    "2026-12-24",  # today + 31 days
    "2026-12-25",
    "2027-12-31",
    "2031-12-31",
    "2032-01-01",
    "2015/2/29",
    "2016年2月29日",
    "2015.7.1",
    "0001-01-01",
    "2999-01-01",
    "20150701",
    "44197",  # an Excel serial, in a CSV
    "2015-07-01 12:30",
    "",
]
ODD_TEXT = [
    "",
    " ",
    "🎉社区志愿者协会🎉",
    "مرحبا 协会",
    "Cafe\u0301 协会",  # a combining accent
    "零\u200b宽",  # a zero-width space
    "ＡＢＣ协会",
    "𠀀𠀁协会",  # CJK extension B: four bytes in UTF-8 and GB18030
    "丰\x00台区建筑业协会",  # NUL: rejected at its line
    "妇\x85联",  # a C1 control
    '逗号,"引号"\n换行',
    '=HYPERLINK("http://evil.example","点击")',
    "  前后空格  ",
    "某" * 32_767,  # the longest cell
    "某" * 32_768,  # one too long: the file is refused
]
DISTRICTS = ["110105", "110108", "110101", "110103", "999999", "110000", "", "１１０１０５"]
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "xlsx"]


def mostly(good: st.SearchStrategy[str], bad: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A good value seven times in eight, else a hostile one: most rows get accepted, some not."""
    return st.integers(0, 7).flatmap(lambda n: bad if n == 0 else good)


def _day(low: str, high: str) -> st.SearchStrategy[str]:
    first, last = (dt.date.fromisoformat(d) for d in (low, high))
    return st.dates(first, last).map(lambda d: d.isoformat())


GOOD_AMOUNT = (
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999999999999.99"), places=2)
    | st.decimals(  # near the limit: a few of them overflow DECIMAL(18,2) once added
        min_value=Decimal("9000000000000000"), max_value=Decimal("9999999999999999.99"), places=2
    )
).map(lambda d: (str(d), d))
amount = st.integers(0, 2).flatmap(lambda n: st.sampled_from(AMOUNTS) if n == 0 else GOOD_AMOUNT)
date = mostly(_day("1949-10-01", "2026-11-23"), st.sampled_from(DATES))
# payments and projects mostly in one year, so that their amounts add up in the marts' sums
paid = mostly(st.sampled_from(["2012-03-01", "2012-05-01"]), date)
PRINTABLE = st.characters(
    exclude_categories=("Cc", "Cs")
)  # no control characters: ODD_TEXT has them
text = mostly(
    st.text(PRINTABLE, min_size=1, max_size=30).filter(str.strip), st.sampled_from(ODD_TEXT)
)
district = mostly(st.sampled_from(["110105", "110108", "110101"]), st.sampled_from(DISTRICTS))
TYPES = {"1": "社会团体", "2": "民办非企业单位", "3": "foundation"}


@dataclass
class Register:
    """A register to write: rows per file, and each file's encoding (or xlsx)."""

    rows: dict[str, list[list[str]]]
    encodings: dict[str, str] = field(default_factory=dict)
    amounts: dict[str, Decimal | None] = field(default_factory=dict)  # funding_id -> exact yuan

    def write(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        headers = {
            "organizations": r.ORG_HEADER,
            "hubs": r.HUB_HEADER,
            "hub_links": r.LINK_HEADER,
            "funding": r.FUNDING_HEADER,
            "projects": r.PROJECT_HEADER,
        }
        for name, rows in self.rows.items():
            encoding = self.encodings.get(name, "utf-8")
            if encoding == "xlsx":
                _xlsx(folder / f"{name}.xlsx", headers[name], rows)
            else:
                buffer = io.StringIO()
                csv.writer(buffer, lineterminator="\n").writerows([headers[name], *rows])
                (folder / f"{name}.csv").write_bytes(buffer.getvalue().encode(encoding))
        return folder


def _xlsx(path: Path, header: list[str], rows: list[list[str]]) -> None:
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False})
    sheet = book.add_worksheet()
    for i, row in enumerate([header, *rows]):
        for j, value in enumerate(row):
            sheet.write_string(i, j, value)
    book.close()


@st.composite
def registers(draw: st.DrawFn) -> Register:
    """A small register (1-4 organizations, 1-2 hubs, 1-4 links, projects and payments): mostly
    good rows, any cell of which may be hostile."""
    codes = [r.ORG_A, r.ORG_B, r.ORG_C, r.ORG_A[:-1] + "0"]  # the last has a wrong check character
    orgs = [
        [code, draw(text), draw(mostly(st.just(TYPES.get(code[1], "")), st.just("x"))), "区级",
         draw(district), draw(date), draw(mostly(st.just(""), st.sampled_from(DATES))),
         draw(mostly(st.just("正常"), st.sampled_from(["注销", "", "?"]))),
         draw(mostly(st.sampled_from(["是", "否", ""]), st.just("maybe")))]
        for code in codes[: draw(st.integers(1, 4))]
    ]  # fmt: skip
    named = mostly(st.sampled_from([org[0] for org in orgs]), st.sampled_from(codes))
    hubs = [
        [f"H{i}", draw(text), *draw(mostly(st.just(("市级", "110000")), st.just(("区级", "110000")))),
         draw(mostly(st.just(""), st.just("朝阳门街道"))), "妇联", draw(date),
         draw(mostly(st.just(""), st.sampled_from(DATES)))]
        for i in range(1, draw(st.integers(1, 2)) + 1)
    ]  # fmt: skip
    links = [
        [draw(mostly(st.just("H1"), st.just("H9"))), draw(named),
         draw(st.sampled_from(["联系", "管理"])), draw(date), draw(mostly(st.just(""), st.sampled_from(DATES)))]
        for _ in range(draw(st.integers(1, 4)))
    ]  # fmt: skip
    funding, exact = [], {}
    for i in range(draw(st.integers(0, 4))):
        written, value = draw(amount)
        exact[f"F{i}"] = value
        funding.append([f"F{i}", draw(named), "财政资金", written, draw(paid),
                        draw(mostly(st.just(""), district))])  # fmt: skip
    projects = [
        [f"P{i}", draw(text), "朝阳区民政局", draw(named), draw(paid),
         draw(amount)[0], "养老"]
        for i in range(draw(st.integers(0, 3)))
    ]  # fmt: skip
    rows = {"organizations": orgs, "hubs": hubs, "hub_links": links, "funding": funding}
    if projects:
        rows["projects"] = projects
    encodings = {name: draw(st.sampled_from(ENCODINGS)) for name in rows}
    return Register(rows, encodings, exact)


def _quiet(_: str) -> None:
    pass


def _scratch() -> str | None:
    """Memory-backed /dev/shm when there is one: a refresh fsyncs its journal and audit log."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def publishes_what_validates(register: Register) -> str | None:
    """The property, for one register: refused by both `refresh` and `validate` (with the same
    sentence), or published with the amounts written, to the fen. None when it holds, else what
    went wrong (a traceback)."""
    from pipeline.read import InputError
    from pipeline.refresh import refresh_warehouse, validate_only

    with tempfile.TemporaryDirectory(prefix="shuniu-property-", dir=_scratch()) as folder:
        raw = register.write(Path(folder) / "raw")
        target = Path(folder) / "wh" / "hub.duckdb"
        try:
            try:
                refresh_warehouse(raw, target, _quiet, keep=1)
            except InputError as refused:
                try:
                    validate_only(raw, None, _quiet)
                except InputError as also:
                    return None if also.key == refused.key else f"{also.key} != {refused.key}"
                return f"refresh refused what validate accepted: {refused}"
            con = duckdb.connect(str(target), read_only=True)
            try:
                stored = con.execute("select funding_id, amount_yuan from clean.funding")
                wrong = [(f, a) for f, a in stored.fetchall() if a != register.amounts[f]]
            finally:
                con.close()
            return f"amounts stored otherwise than written: {wrong}" if wrong else None
        except Exception:
            return traceback.format_exc()
