"""A small register over six provinces, its warehouse file, and its figures counted in plain Python.

Organizations are filed under codes later merged (崇文 110103 → 东城 110101, 江北 500105 → 两江新区
500157) and split (达县 511721 → 达川 511703); two districts are called 朝阳区 (北京 110105, 长春
220104) and two 鼓楼区 (南京 320106, 福州 350102). A municipality (北京, 重庆) is its own prefecture.
One organization is known only at 达州 (511700: 达州市本级（未落区县）), one only at the country
(100000, 民政部's: 全国本级（未落省份）); two community organizations are filed (备案), in 通川区 and
朝阳区, the first linked by a hub through its filing id.
The expected figures use the hand-written TODAY and PLACE maps below, not ref.regions or the SQL.
Six organizations have a service domain of a mass organization's field (workers: O1, O7, O8, O9;
youth: O5; women and children: O12), linked by their own field's hub or by another.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from pipeline.reference import load_reference
from pipeline.transform import build_marts
from pipeline.warehouse import schema_sql
from tests.sql.warehouse import Row, deliver, funding, insert, link, org, project

YEARS = range(2010, 2015)  # the calendar: first registration 2010, last record 2014
# code as filed -> today's code (by hand, from the GB/T 2260 change lists)
TODAY = {"110103": "110101", "500105": "500157", "511721": "511703", "110104": "110102"}
# today's code -> (county, prefecture, province) it lies in (None where the code does not reach)
PLACE: dict[str, tuple[str | None, str | None, str]] = {
    "110101": ("110101", "110000", "110000"),
    "110102": ("110102", "110000", "110000"),
    "110105": ("110105", "110000", "110000"),
    "110000": (None, "110000", "110000"),
    "220104": ("220104", "220100", "220000"),
    "511702": ("511702", "511700", "510000"),
    "511703": ("511703", "511700", "510000"),
    "511700": (None, "511700", "510000"),
    "510104": ("510104", "510100", "510000"),
    "500157": ("500157", "500000", "500000"),
    "500229": ("500229", "500000", "500000"),
    "500000": (None, "500000", "500000"),
    "320106": ("320106", "320100", "320000"),
    "350102": ("350102", "350100", "350000"),
    "350302": ("350302", "350300", "350000"),
    "100000": (None, None, "100000"),  # the country: its own row at province level
}
NAMES = {
    "110000": "北京市", "110101": "东城区", "110102": "西城区", "110103": "崇文区",
    "110104": "宣武区", "110105": "朝阳区", "220000": "吉林省", "220100": "长春市",
    "220104": "朝阳区", "510000": "四川省", "511700": "达州市", "511702": "通川区",
    "511703": "达川区", "511721": "达县", "510100": "成都市", "510104": "锦江区",
    "500000": "重庆市", "500105": "江北区", "500157": "两江新区", "500229": "城口县",
    "320000": "江苏省", "320100": "南京市", "320106": "鼓楼区", "350000": "福建省",
    "350100": "福州市", "350102": "鼓楼区", "350300": "莆田市", "350302": "城厢区",
    "100000": "全国",
}  # fmt: skip
LEVELS = ("province", "prefecture", "county")


def uscc(code: str, n: int) -> str:
    """An 18-character code carrying the filing district (its check character is not checked here)."""
    return f"51{code}0000000{n:02d}X"


def _org(code: str, n: int, on: str, off: str | None = None, **columns: Any) -> Row:
    return org(
        uscc(code, n), on, off, district_code=code, name=f"{NAMES[code]}{n}号协会", **columns
    )


def _hub(hub_id: str, hub_type: str, level: str, code: str, on: str, off: str | None = None) -> Row:
    return {
        "hub_id": hub_id,
        "name": f"{NAMES[code]}{hub_id}枢纽",
        "level": level,
        "district_code": code,
        "street_name": "某街道" if level == "street" else None,
        "hub_type": hub_type,
        "recognized_on": on,
        "revoked_on": off,
    }


O1, O2, O3, O4 = uscc("110101", 1), uscc("110103", 2), uscc("110105", 3), uscc("110105", 4)
O5, O6, O7, O8 = uscc("220104", 5), uscc("220104", 6), uscc("511702", 7), uscc("511702", 8)
O9, O10, O11, O12 = uscc("511721", 9), uscc("511703", 10), uscc("510104", 11), uscc("500105", 12)
O13, O14, O15, O16 = uscc("500229", 13), uscc("320106", 14), uscc("350102", 15), uscc("350302", 16)
O17, O18 = uscc("511700", 17), uscc("100000", 18)  # known only at 达州, only at the country
G1, G2 = "FB511702001", "FB110105001"  # filing ids (备案编号) of two community organizations
REGISTER: dict[str, list[Row]] = {
    "orgs": [
        _org("110101", 1, "2010-03-01", service_domain="workers"),
        _org("110103", 2, "2010-05-01", org_type="foundation"),
        _org("110105", 3, "2011-01-01"),
        _org("110105", 4, "2012-02-01", "2013-06-01"),
        _org("220104", 5, "2011-04-01", service_domain="youth"),
        _org("220104", 6, "2013-01-01"),
        _org(
            "511702", 7, "2010-01-10", org_type="private_non_enterprise", service_domain="workers"
        ),
        _org("511702", 8, "2012-01-01", service_domain="workers"),
        _org("511721", 9, "2010-06-01", service_domain="workers"),
        _org("511703", 10, "2011-07-01", org_type="foundation"),
        _org("510104", 11, "2012-03-01"),
        _org("500105", 12, "2011-02-01", service_domain="women_children"),
        _org("500229", 13, "2010-09-01"),
        _org("320106", 14, "2012-05-01"),
        _org("350102", 15, "2013-03-01"),
        _org("350302", 16, "2011-08-01"),
        _org("511700", 17, "2011-05-01", registration_level="city"),
        _org("100000", 18, "2010-08-01", registration_level="national"),
    ],
    "filed": [
        {
            "filing_id": G1,
            "name": "通川区朝阳社区文艺队",
            "filing_authority": "朝阳街道办事处",
            "district_code": "511702",
            "street_name": "朝阳街道",
            "filed_on": "2011-03-01",
            "ended_on": None,
            "service_domain": "culture_sports",
        },
        {
            "filing_id": G2,
            "name": "朝阳区某社区志愿队",
            "filing_authority": "朝阳区民政局",
            "district_code": "110105",
            "street_name": "某街道",
            "filed_on": "2012-01-01",
            "ended_on": None,
            "service_domain": "community",
        },
        # two more, linked by 达州's city-level union hub through their filing id
        {
            "filing_id": "BA511702001",
            "name": "通川区职工互助队",
            "district_code": "511702",
            "filed_on": "2011-04-01",
            "filing_authority": "通川区民政局",
            "street_name": "西城街道",
            "ended_on": None,
            "service_domain": "workers",
        },
        {
            "filing_id": "BA511703002",
            "name": "达川区职工互助队",
            "district_code": "511703",
            "filed_on": "2011-05-01",
            "filing_authority": "达川区民政局",
            "street_name": "三里坪街道",
            "ended_on": None,
            "service_domain": "workers",
        },
    ],  # fmt: skip
    "hubs": [
        _hub("H1", "union", "city", "511700", "2010-01-01"),
        _hub("H2", "women", "district", "511702", "2011-01-01"),
        _hub("H3", "union", "city", "110000", "2009-06-01"),
        _hub("H4", "youth_league", "district", "220104", "2012-01-01"),
        _hub("H5", "federation", "street", "350302", "2011-01-01"),
        _hub("H6", "women", "city", "500000", "2010-01-01"),
        _hub("H7", "union", "district", "320106", "2012-01-01", "2014-06-01"),
    ],
    "links": [
        link("H1", O7, "managed", "2010-02-01"),
        link("H1", O9, "liaison", "2010-07-01"),
        link("H2", O8, "managed", "2012-02-01"),
        link("H2", O7, "liaison", "2011-03-01", "2013-01-01"),
        link("H3", O1, "managed", "2010-04-01"),
        link("H3", O3, "liaison", "2011-02-01"),
        link("H3", O2, "managed", "2010-06-01", "2012-12-31"),
        link("H4", O5, "liaison", "2012-02-01"),
        link("H5", O16, "liaison", "2011-09-01"),
        link("H6", O12, "managed", "2011-03-01"),
        link("H6", O13, "liaison", "2010-10-01"),
        link("H7", O14, "managed", "2012-06-01"),
        link("H1", "BA511702001", "liaison", "2011-06-01"),
        link("H1", "BA511703002", "liaison", "2011-06-01"),
        link("H1", O17, "liaison", "2011-06-01"),
        link("H2", G1, "liaison", "2012-03-01"),  # a filed organization, by its filing id
    ],
    "projects": [
        project(
            "P1",
            O7,
            "2013-03-01",
            "1000.00",
            district_code="511702",
            purchaser_name="通川区民政局",
            purchaser_hub_id="H1",
        ),
        project(
            "P2",
            O7,
            "2013-04-01",
            "500.00",
            district_code="511703",
            purchaser_name="达川区民政局",
            purchaser_hub_id="H1",
        ),
        project("P3", O1, "2013-05-01", "800.00", purchaser_name="东城区民政局"),
        project(
            "P4",
            O12,
            "2014-02-01",
            "300.00",
            purchaser_name="重庆市妇联",
            category="women",
            purchaser_hub_id="H6",
        ),  # fmt: skip
        # completed in 2013: one self-evaluated in the county, one by a third party in 南京
        project(
            "P5",
            O8,
            "2012-06-01",
            "600.00",
            district_code="511702",
            purchaser_name="通川区民政局",
            status="completed",
            end_on="2013-05-31",
            evaluation_grade="good",
            evaluation_kind="self",
            evaluator="通川区8号协会",
        ),
        project(
            "P6",
            O14,
            "2013-01-01",
            "900.00",
            purchaser_name="南京市民政局",
            status="completed",
            end_on="2013-12-01",
            evaluation_grade="excellent",
            evaluation_kind="third_party",
            evaluator="某社会组织评估中心",
        ),
    ],
    "funds": [
        funding("F1", O7, "1000000.00", "2013-03-01", payer_name="通川区民政局"),
        funding(
            "F2", O7, "500000.00", "2013-04-01", district_code="511703", payer_name="达川区民政局"
        ),
        funding(
            "F3", O8, "300000.00", "2013-05-01", district_code="511700", payer_name="达州市民政局"
        ),
        funding("F4", O10, "200000.00", "2013-06-01", payer_name="达川区民政局"),
        funding(
            "F5", O1, "100000.00", "2013-06-01", district_code="110104", payer_name="宣武区街道"
        ),
        funding("F6", O12, "50000.00", "2014-01-01", payer_name="重庆市妇联"),
        funding("F7", O14, "70000.00", "2013-07-01", source="lottery", payer_name="南京市民政局"),
        funding("F8", O15, "30000.00", "2013-08-01", payer_name="福州市民政局"),
        funding("F9", O5, "40000.00", "2013-09-01", payer_name="长春市民政局"),
        funding("F10", O8, "10000.00", "2013-10-01", payer_name="通川区民政局"),
        funding("F11", O7, "20000.00", "2013-11-01", source="lottery", payer_name="通川区民政局"),
        funding("F12", O16, "90000.00", "2014-03-01", payer_name="莆田市民政局"),
    ],
    "population": [
        {"district_code": "511702", "year": 2013, "population": 400000},
        {"district_code": "511703", "year": 2013, "population": 100000},
        {"district_code": "110101", "year": 2013, "population": 900000},
    ],
}
RUN = "R-TEST"
QUALITY: dict[str, list[Row]] = {
    "runs": [{"run_id": RUN, "status": "succeeded", "raw_folder": "raw", "rows_read": 40,
              "rows_accepted": 38, "rows_rejected": 2, "rows_warned": 2}],  # fmt: skip
    "file_stats": [{"run_id": RUN, "file": "organizations.csv", "table_name": "organizations",
                    "rows_read": 18, "rows_accepted": 16, "rows_rejected": 2, "rows_warned": 2}],  # fmt: skip
    "rejected_rows": [
        {"run_id": RUN, "file": "organizations.csv", "line": 5, "column": "name", "rule": "required",
         "value": "达川区某协会", "message": "名称不能为空"},
        {"run_id": RUN, "file": "organizations.csv", "line": 9, "column": "district_code",
         "rule": "district_code", "value": "朝阳区", "message": "区划代码无效"},
    ],
    "warnings": [
        {"run_id": RUN, "file": "organizations.csv", "line": 3, "column": "district_code",
         "rule": "retired_district_code", "value": "110103", "message": "崇文区已撤销，计入东城区"},
        {"run_id": RUN, "file": "organizations.csv", "line": 10, "column": "district_code",
         "rule": "retired_district_split", "value": "511721", "message": "达县已撤销，计入达川区"},
    ],
}  # fmt: skip


def build_file(path: Path) -> Path:
    """Write the register into a new warehouse file (DDL, reference tables, clean rows, every model)."""
    con = duckdb.connect(str(path), config={"autoinstall_known_extensions": False})
    try:
        con.execute(schema_sql())
        load_reference(con)
        tables = {"organizations": "orgs", "hubs": "hubs", "hub_links": "links",
                  "projects": "projects", "funding": "funds", "population": "population",
                  "filed_orgs": "filed"}  # fmt: skip
        for table, key in tables.items():
            insert(con, table, REGISTER[key])
        for table, rows in QUALITY.items():
            for row in rows:
                names = ", ".join(f'"{k}"' for k in row)
                marks = ", ".join("?" for _ in row)
                con.execute(
                    f"insert into quality.{table} ({names}) values ({marks})", list(row.values())
                )
        con.execute("update quality.runs set started_at = now(), finished_at = now()")
        deliver(con)  # the organizations file delivered every column (quality.file_columns)
        con.execute(
            "insert into quality.file_stats (run_id, file, table_name)"
            " values ('test', 'filed_orgs.csv', 'filed_orgs')"
        )  # and a filed_orgs file came (marts.delivery.has_filed_orgs)
        build_marts(con)
    finally:
        con.close()
    return path


def _on(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(str(value))


def _running(start: Any, end: Any, day: date) -> bool:
    ended = _on(end)
    return _on(start) <= day and (ended is None or ended > day)  # type: ignore[operator]


def today(code: str) -> str:
    """The district a code as filed counts in today."""
    return TODAY.get(code, code)


def regions_of(code: str) -> dict[str, str]:
    """level -> region a today's code lies in; a code known at a prefecture but no county (511700)
    also lies in that prefecture's row of its own, one level below, under its own code (the
    country's 100000 is its own row at province level)."""
    places = {
        lvl: r
        for lvl, r in zip(("county", "prefecture", "province"), PLACE[code], strict=True)
        if r
    }
    if "county" not in places and places.get("prefecture") == code:
        places["county"] = code  # 达州市本级（未落区县）
    return places


def coverage(
    year: int, hub_types: tuple[str, ...] = (), org_types: tuple[str, ...] = ()
) -> dict[tuple[str, str], tuple[int, int]]:
    """(level, region) -> (active, linked) on a year-end, one organization at a time."""
    day = date(year, 12, 31)
    hubs = {h["hub_id"]: h for h in REGISTER["hubs"]}
    out: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for o in REGISTER["orgs"]:
        if not _running(o["registered_on"], o["deregistered_on"], day):
            continue
        if org_types and o["org_type"] not in org_types:
            continue
        linked = any(
            k["uscc"] == o["uscc"]
            and _running(k["linked_on"], k["ended_on"], day)
            and _running(hubs[k["hub_id"]]["recognized_on"], hubs[k["hub_id"]]["revoked_on"], day)
            and (not hub_types or hubs[k["hub_id"]]["hub_type"] in hub_types)
            for k in REGISTER["links"]
        )
        for lvl, region in regions_of(today(o["district_code"])).items():
            out[(lvl, region)][0] += 1
            out[(lvl, region)][1] += int(linked)
    return {k: (v[0], v[1]) for k, v in out.items()}


def filed(year: int) -> dict[tuple[str, str], tuple[int, int]]:
    """(level, region) -> (filed, filed and linked) community organizations on a year-end, one
    filing at a time (linked: a link naming its filing id runs, to a recognized hub)."""
    day = date(year, 12, 31)
    hubs = {h["hub_id"]: h for h in REGISTER["hubs"]}
    out: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for g in REGISTER["filed"]:
        if not _running(g["filed_on"], g["ended_on"], day):
            continue
        linked = any(
            k["uscc"] == g["filing_id"]
            and _running(k["linked_on"], k["ended_on"], day)
            and _running(hubs[k["hub_id"]]["recognized_on"], hubs[k["hub_id"]]["revoked_on"], day)
            for k in REGISTER["links"]
        )
        for lvl, region in regions_of(g["district_code"]).items():
            out[(lvl, region)][0] += 1
            out[(lvl, region)][1] += int(linked)
    return {k: (v[0], v[1]) for k, v in out.items()}


def funding_by(
    year: int, sources: tuple[str, ...] = ()
) -> dict[tuple[str, str], tuple[Decimal, int, int]]:
    """(level, region) -> (amount, records, distinct recipients) paid in a year, record by record."""
    home = {o["uscc"]: o["district_code"] for o in REGISTER["orgs"]}
    sums: dict[tuple[str, str], list[Any]] = defaultdict(lambda: [Decimal("0.00"), 0, set()])
    for f in REGISTER["funds"]:
        if date.fromisoformat(f["paid_on"]).year != year or (
            sources and f["source"] not in sources
        ):
            continue
        for lvl, region in regions_of(
            today(f["district_code"] or home[f["recipient_uscc"]])
        ).items():
            sums[(lvl, region)][0] += f["amount_yuan"]
            sums[(lvl, region)][1] += 1
            sums[(lvl, region)][2].add(f["recipient_uscc"])
    return {k: (v[0], v[1], len(v[2])) for k, v in sums.items()}
