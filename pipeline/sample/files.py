"""Write the synthetic files in the forms the contract allows: BOM, GB18030, CRLF, real Excel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import xlsxwriter  # type: ignore[import-untyped]

from pipeline.sample.scales import to_date

ORG_HEADERS = {
    "uscc": "统一社会信用代码",
    "name": "社会组织名称",
    "org_type": "社会组织类型",
    "registration_level": "登记级别",
    "district_code": "所在区划代码",
    "registered_on": "成立登记日期",
    "deregistered_on": "注销日期",
    "status": "登记状态",
    "rating": "评估等级",
    "registration_mode": "登记方式",
    "service_domain": "服务领域",
    "full_time_staff": "专职人员数",
    "has_party_org": "是否建立党组织",
    "has_union": "是否建立工会",
    "union_form": "工会建立方式",
    "party_org_form": "党组织建立方式",
}
HUB_HEADERS = {
    "hub_id": "枢纽组织编号",
    "name": "枢纽组织名称",
    "level": "认定级别",
    "district_code": "区划代码",
    "street_name": "街道乡镇",
    "hub_type": "枢纽类型",
    "recognized_on": "认定日期",
    "revoked_on": "撤销认定日期",
}
LINK_HEADERS = {
    "hub_id": "枢纽组织编号",
    "uscc": "统一社会信用代码",
    "relation": "关系类型",
    "linked_on": "纳入日期",
    "ended_on": "解除日期",
}
PROJECT_HEADERS = {"project_id": "Project_ID"}  # the rest keep their English names
FUNDING_HEADERS = {"amount_yuan": "金额（元）", "paid_on": "拨付日期"}
_CHUNK = 500_000
_CREATED = dt.datetime(2016, 12, 1, 9, 0, 0)  # fixed, so the workbook is byte-identical


def write_csv(
    frame: pl.DataFrame,
    path: Path,
    headers: dict[str, str],
    *,
    encoding: str = "utf-8",
    bom: bool = False,
    crlf: bool = False,
) -> int:
    """Write with the given header names, encoding and line ends; return the data rows."""
    frame = frame.rename({k: v for k, v in headers.items() if k in frame.columns})
    ending = "\r\n" if crlf else "\n"
    if encoding == "utf-8":
        frame.write_csv(path, include_bom=bom, line_terminator=ending)
        return frame.height
    with path.open("wb") as out:
        for start in range(0, max(frame.height, 1), _CHUNK):
            chunk = frame.slice(start, _CHUNK)
            text = chunk.write_csv(include_header=start == 0, line_terminator=ending)
            out.write(text.encode(encoding))
    return frame.height


def write_hubs_xlsx(frame: pl.DataFrame, path: Path) -> int:
    """hubs.xlsx: one sheet, Chinese headers, dates as real Excel dates (text where mistyped)."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    book.set_properties(
        {"title": "枢纽型社会组织名录", "author": "Shuniu sample", "created": _CREATED}
    )
    sheet = book.add_worksheet("枢纽组织")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    columns = list(HUB_HEADERS)
    for col, name in enumerate(columns):
        sheet.write_string(0, col, HUB_HEADERS[name])
    widths = [14, 36, 8, 10, 16, 14, 12, 14]
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    for row, record in enumerate(frame.iter_rows(named=True), start=1):
        for col, name in enumerate(columns):
            value = record[name]
            text = record.get("recognized_text") if name == "recognized_on" else None
            if text:
                sheet.write_string(row, col, text)
            elif name.endswith("_on"):
                if value is not None and value >= 0:
                    sheet.write_datetime(
                        row, col, dt.datetime.combine(to_date(value), dt.time()), date_format
                    )
            elif value is not None and value != "":
                sheet.write_string(row, col, str(value))
    book.close()
    return frame.height
