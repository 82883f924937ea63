"""Two deliveries of the tiny register with changes counted by hand, for the release and diff tests.

The second delivery adds, removes and changes rows in every table, and rewrites other rows in
another format only (12.5万元 as 125000, 注销 as deregistered, 2011/3/5 as 2011-03-05): those are
the same values and must not count as changed."""

from __future__ import annotations

from pathlib import Path

from tests.unit import registers as r

ORG_D = r.uscc("1", "110106", "MJ0000004")  # 丰台区, registered 2016
ORG_E = r.uscc("2", "110105", "MJ0000005")  # 朝阳区, registered 2013

SECOND = {
    "organizations": [
        # A: deregistered in 2015 (changed: deregistered_on and status)
        [r.ORG_A, "朝阳区阳光志愿者协会", "社会团体", "区级", "110105", "2010-01-01", "2015-06-01", "注销", "是"],
        # B: the same values written as codes and in another date form (not changed)
        [r.ORG_B, "海淀区康乐养老服务中心", "private_non_enterprise", "district", "110108", "2011-03-05", "2014-06-01", "deregistered", "N"],
        # C (the foundation in 110101) is gone (removed); D and E are new (added)
        [ORG_D, "丰台区助残服务社", "社会团体", "区级", "110106", "2016-03-01", "", "正常", "否"],
        [ORG_E, "朝阳区邻里互助中心", "民办非企业单位", "区级", "110105", "2013-01-01", "", "正常", "是"],
    ],
    "hubs": [
        ["H1", "北京市妇女联合会", "city", "110000", "", "women", "2009/1/1", ""],  # format only
        ["H2", "朝阳区社会组织联合会", "区级", "110105", "", "federation", "2011-01-01", "2014-06-30"],  # revoked later
        ["H3", "丰台区残联", "区级", "110106", "", "残联", "2015-01-01", ""],  # added
    ],
    "hub_links": [
        ["H1", r.ORG_A, "liaison", "2010-05-01", ""],  # format only
        ["H1", r.ORG_A, "联系", "2010-05-01", ""],  # the same link again: a second occurrence, added
        ["H2", r.ORG_A, "管理", "2011-02-01", "2012-12-31"],  # ended (changed)
        # H1 -> B is gone (removed)
        ["H3", ORG_D, "联系", "2016-04-01", ""],  # added
    ],
    "funding": [
        ["F1", r.ORG_A, "fiscal", "125000", "2012-03-01", ""],  # 12.5万元 before: not changed
        ["F2", r.ORG_B, "lottery", "1,300", "2013-01-01", "110105"],  # was 1,234.50 (changed)
        ["F3", ORG_E, "donation", "5000", "2014-05-01", ""],  # added
    ],
    "projects": [
        ["P1", "社区养老", "朝阳区民政局", r.ORG_B, "2012/2/1", "100000", "elderly"],  # format only
        ["P2", "助残服务", "丰台区残联", ORG_D, "2016-05-01", "2万元", "助残"],  # added
    ],
}  # fmt: skip

# The counts of `diff --json` from the first delivery to the second, by hand from the rows above.
EXPECTED = {
    "organizations": {"added": 2, "removed": 1, "changed": 1},
    "hubs": {"added": 1, "removed": 0, "changed": 1},
    "hub_links": {"added": 2, "removed": 1, "changed": 1},
    "projects": {"added": 1, "removed": 0, "changed": 0},
    "funding": {"added": 1, "removed": 0, "changed": 1},
}


def first(folder: Path) -> Path:
    """The first delivery: the tiny register as it is."""
    return r.write_register(folder)


def second(folder: Path) -> Path:
    """The second delivery, with the changes above."""
    folder.mkdir(parents=True, exist_ok=True)
    r.write_csv(folder / "organizations.csv", r.ORG_HEADER, SECOND["organizations"], "utf-8-sig")
    r.write_csv(folder / "hubs.csv", r.HUB_HEADER, SECOND["hubs"])
    r.write_csv(folder / "hub_links.csv", r.LINK_HEADER, SECOND["hub_links"], "gb18030")
    r.write_csv(folder / "funding.csv", r.FUNDING_HEADER, SECOND["funding"])
    r.write_csv(folder / "projects.csv", r.PROJECT_HEADER, SECOND["projects"])
    return folder
