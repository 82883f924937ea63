"""Two tiny deliveries whose differences hit every reason of the 变化 page once, counted by hand at end 2015.

Sixteen organizations (O1..O16), seven hubs, links, payments and projects. The second delivery
changes exactly one thing per organization (see the comments), so each reason's parts can be
counted by hand; EXPECTED holds those counts, HEADLINE the figures of end 2015 in each release."""

from __future__ import annotations

from pathlib import Path

from tests.unit import registers as r

YEAR = 2015


def org(n: int, district: str) -> str:
    """Organization On's USCC (a social group registered in `district`'s authority)."""
    return r.uscc("1", district, f"RW{n:07d}")


ORG = {n: org(n, d) for n, d in [
    (1, "110105"), (2, "110105"), (3, "110108"), (4, "110108"), (5, "110106"), (6, "110106"),
    (7, "110105"), (8, "110101"), (9, "110101"), (10, "110105"), (11, "110108"), (12, "110105"),
    (13, "110106"), (14, "110106"), (15, "110101"), (16, "110101"),
]}  # fmt: skip


def _org(n: int, district: str, registered: str, deregistered: str = "") -> list[str]:
    status = "注销" if deregistered else "正常"
    return [
        ORG[n],
        f"测试协会{n:02d}",
        "社会团体",
        "区级",
        district,
        registered,
        deregistered,
        status,
        "否",
    ]


def _orgs(second: bool) -> list[list[str]]:
    both = [_org(n, d, "2010-01-01") for n, d in
            [(1, "110105"), (2, "110105"), (3, "110108"), (4, "110108"), (5, "110106"),
             (6, "110106"), (14, "110106"), (15, "110101")]]  # fmt: skip
    if not second:
        return both + [
            _org(7, "110105", "2010-01-01"),
            _org(8, "110101", "2010-01-01"),
            _org(9, "110101", "2010-01-01"),  # removed in the second
            _org(12, "110105", "2010-01-01"),
            _org(13, "110106", "2016-02-01"),
        ]
    return both + [
        _org(7, "110105", "2010-01-01", "2015-08-01"),  # deregistered, was not linked
        _org(8, "110101", "2010-01-01", "2015-02-01"),  # deregistered, was linked by H1
        _org(10, "110105", "2014-01-01"),  # added, not linked
        _org(11, "110108", "2013-01-01"),  # added, linked by H1
        _org(12, "110108", "2010-01-01"),  # moved from 朝阳区 to 海淀区 (district figures only)
        _org(13, "110106", "2015-02-01"),  # registration date corrected: active at end 2015 now
        _org(16, "110101", "2014-06-01"),  # added, not linked
    ]


def _hubs(second: bool) -> list[list[str]]:
    rows = [
        ["H1", "北京市妇女联合会", "市级", "110000", "", "妇联", "2009-01-01", ""],
        ["H2", "朝阳区社会组织联合会", "区级", "110105", "", "federation", "2011-01-01",
         "2015-06-30" if second else ""],  # revoked in the second: O2 loses its only link
        ["H4", "丰台区总工会", "区级", "110106", "", "工会",
         "2015-01-01" if second else "2016-01-01", ""],  # recognized earlier: O6 gains its link
        ["H5", "东城区东华门枢纽", "街道级" if second else "区级", "110101",
         "东华门街道" if second else "", "other", "2011-01-01", ""],  # level changed
        ["H8", "丰台区服务枢纽", "区级", "110106", "", "科协" if second else "other", "2011-01-01", ""],
    ]  # fmt: skip
    if second:
        return [*rows, ["H6", "海淀区科协", "区级", "110108", "", "科协", "2014-01-01", ""]]
    return [*rows, ["H7", "西城区残联", "区级", "110102", "", "残联", "2011-01-01", ""]]


def _links(second: bool) -> list[list[str]]:
    rows = [
        ["H1", ORG[1], "联系", "2011-01-01", ""],
        ["H2", ORG[2], "管理", "2011-06-01", ""],
        ["H1", ORG[3], "联系", "2012-01-01", "2015-03-01" if second else ""],  # ended in 2015
        ["H4", ORG[6], "联系", "2014-01-01", ""],
        ["H1", ORG[8], "联系", "2012-01-01", ""],
        ["H1", ORG[12], "联系", "2012-01-01", ""],
        ["H8", ORG[14], "联系", "2012-01-01", ""],
        ["H1", ORG[15], "联系", "2012-01-01", "" if second else "2015-01-01"],  # end withdrawn
    ]
    if second:
        return [
            *rows,
            ["H1", ORG[5], "联系", "2014-05-01", ""],
            ["H1", ORG[11], "联系", "2013-06-01", ""],
        ]
    return [*rows, ["H1", ORG[4], "联系", "2012-01-01", ""]]  # removed in the second


def _funding(second: bool) -> list[list[str]]:
    if not second:
        return [
            ["F1", ORG[1], "fiscal", "10000", "2015-03-01", ""],
            ["F2", ORG[1], "fiscal", "20000", "2015-04-01", ""],
            ["F4", ORG[3], "lottery", "4000", "2015-05-01", ""],
            ["F5", ORG[3], "fiscal", "1000", "2014-12-20", ""],
        ]
    return [
        ["F1", ORG[1], "fiscal", "10000", "2015-03-01", ""],
        ["F2", ORG[1], "fiscal", "25000", "2015-04-01", ""],  # amount corrected
        ["F3", ORG[5], "donation", "3000", "2015-04-01", ""],  # added
        ["F5", ORG[3], "fiscal", "1000", "2015-01-05", ""],  # paid in 2015 now, not 2014
    ]


def _projects(second: bool) -> list[list[str]]:
    p1 = ["P1", "社区养老", "朝阳区民政局", ORG[1], "2015-02-01", "100000", "养老"]
    if not second:
        return [
            p1,
            ["P3", "青少年服务", "海淀区团委", ORG[3], "2015-03-01", "50000", "青少年"],
            ["P4", "助残服务", "丰台区残联", ORG[1], "2015-07-01", "30000", "助残"],
        ]
    return [
        p1,
        ["P2", "妇女服务", "丰台区妇联", ORG[5], "2015-06-01", "25000", "妇女"],  # added
        ["P3", "青少年服务", "海淀区团委", ORG[3], "2015-03-01", "60000", "青少年"],  # corrected
        [
            "P4",
            "助残服务",
            "丰台区残联",
            ORG[1],
            "2016-01-10",
            "30000",
            "助残",
        ],  # starts in 2016 now
    ]


def write(folder: Path, second: bool) -> Path:
    """The first (second=False) or the second delivery, as CSV files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    r.write_csv(folder / "organizations.csv", r.ORG_HEADER, _orgs(second), "utf-8-sig")
    r.write_csv(folder / "hubs.csv", r.HUB_HEADER, _hubs(second))
    r.write_csv(folder / "hub_links.csv", r.LINK_HEADER, _links(second))
    r.write_csv(folder / "funding.csv", r.FUNDING_HEADER, _funding(second))
    r.write_csv(folder / "projects.csv", r.PROJECT_HEADER, _projects(second))
    return folder


# At end 2015, by hand from the rows above.
# Older: active O1-O9, O12, O14, O15 (12); linked O1 O2 O3 O4 O8 O12 O14 (7); mass (H1) O1 O3 O4 O8 O12 (5).
# Newer: active O1-O6, O10-O16 (13); linked O1 O5 O6 O11 O12 O14 O15 (7); mass the same seven (H4 is a
# union, H8 now science).
HEADLINE = {
    "old": {"active_orgs": 12, "linked_orgs": 7, "mass_org_linked_orgs": 5, "hubs_city": 1,
            "hubs_district": 4, "hubs_street": 0, "hubs_total": 5, "funding_amount_yuan": 34000,
            "projects_started": 3, "contract_amount_yuan": 180000},
    "new": {"active_orgs": 13, "linked_orgs": 7, "mass_org_linked_orgs": 7, "hubs_city": 1,
            "hubs_district": 3, "hubs_street": 1, "hubs_total": 5, "funding_amount_yuan": 39000,
            "projects_started": 3, "contract_amount_yuan": 185000},
}  # fmt: skip
# reason -> (units, change in active, in linked, in mass-linked) for organizations; hubs:
# (units, city, district, street, total); funding: (units, amount); projects: (units, count, amount)
EXPECTED = {
    "orgs": {
        "org_added": (3, 3, 1, 1),  # O10, O11 (linked), O16
        "org_removed": (1, -1, 0, 0),  # O9
        "deregistered": (2, -2, -1, -1),  # O7, O8 (linked)
        "org_dates": (1, 1, 0, 0),  # O13
        "hub_revoked": (1, 0, -1, 0),  # O2 (H2 is not a mass organization)
        "link_ended": (1, 0, -1, -1),  # O3
        "link_removed": (1, 0, -1, -1),  # O4
        "hub_recognized": (1, 0, 1, 1),  # O6
        "link_reopened": (1, 0, 1, 1),  # O15
        "link_added": (1, 0, 1, 1),  # O5
        "hub_changed": (1, 0, 0, 1),  # O14 (H8: other -> science)
        "district_changed": (1, 0, 0, 0),  # O12
    },
    "hubs": {
        "hubs_added": (1, 0, 1, 0, 1),  # H6
        "hubs_removed": (1, 0, -1, 0, -1),  # H7
        "hubs_revoked": (1, 0, -1, 0, -1),  # H2
        "hubs_dates": (1, 0, 1, 0, 1),  # H4
        "hubs_level": (1, 0, -1, 1, 0),  # H5
    },
    "funding": {
        "funding_added": (1, 3000.0),  # F3
        "funding_removed": (1, -4000.0),  # F4
        "funding_moved": (1, 1000.0),  # F5
        "funding_amount": (1, 5000.0),  # F2
    },
    "projects": {
        "project_added": (1, 1, 25000.0),  # P2
        "project_moved": (1, -1, -30000.0),  # P4
        "project_amount": (1, 0, 10000.0),  # P3
    },
}
