"""The bureaus of the civil-affairs-shaped register: who registers, where, and how addresses read."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from schemas.regions import region_table


@dataclass(frozen=True)
class Bureau:
    """A registering bureau (登记管理机关): its name, its region, its level, where its
    organizations lie (county codes), its share of registrations and its supervising units."""

    name: str
    code: str  # the region it serves: its county, prefecture, province, or 100000 for 民政部
    level: str  # national / province / city / district
    counties: tuple[str, ...]
    weight: float
    units: tuple[str, ...] = ()


# Real bureaus and places; every county here is current and has no successor (docs/regions.md):
# the country, four provinces, a municipality (重庆: its 民政局 registers at city level, 500000),
# prefecture cities, a 社会组织管理局 (深圳), two 行政审批局 (苏州工业园区, 天津滨海新区), and
# functional zones (雄安新区 133100, 苏州工业园区 320576, 加格达奇区 232761, 大柴旦 632857).
BUREAUS: tuple[Bureau, ...] = (
    Bureau("民政部", "100000", "national", ("110101", "110102"), 1, ("国家卫生健康委员会",)),
    Bureau("四川省民政厅", "510000", "province", ("510104",), 3, ("四川省教育厅",)),
    Bureau("福建省民政厅", "350000", "province", ("350102",), 2, ("福建省文化和旅游厅",)),
    Bureau("河北省民政厅", "130000", "province", ("130102", "133100"), 2, ("河北省科学技术厅",)),
    Bureau("江苏省民政厅", "320000", "province", ("320102",), 2, ("江苏省体育局",)),
    Bureau("重庆市民政局", "500000", "city", ("500103", "500101", "500106"), 8, ("重庆市总工会",)),
    Bureau("渝中区民政局", "500103", "district", ("500103",), 6, ("渝中区教育委员会",)),
    Bureau("万州区民政局", "500101", "district", ("500101",), 6, ("万州区文化和旅游发展委员会",)),
    Bureau("沙坪坝区民政局", "500106", "district", ("500106",), 5, ("沙坪坝区卫生健康委员会",)),
    Bureau("云阳县民政局", "500235", "district", ("500235",), 4, ("云阳县农业农村委员会",)),
    Bureau("达州市民政局", "511700", "city", ("511702", "511703", "511722"), 5, ("达州市教育局",)),
    Bureau("达川区民政局", "511703", "district", ("511703",), 5, ("达州市达川区教育局",)),
    Bureau("通川区民政局", "511702", "district", ("511702",), 4, ("达州市通川区文化广播电视和旅游局",)),
    Bureau("宣汉县民政局", "511722", "district", ("511722",), 3, ("宣汉县农业农村局",)),
    Bureau("莆田市民政局", "350300", "city", ("350304", "350302", "350303"), 5, ("莆田市科学技术局",)),
    Bureau("荔城区民政局", "350304", "district", ("350304",), 4, ("莆田市荔城区教育局",)),
    Bureau("城厢区民政局", "350302", "district", ("350302",), 3, ("莆田市城厢区体育局",)),
    Bureau("仙游县民政局", "350322", "district", ("350322",), 3, ("仙游县工商业联合会",)),
    Bureau("鼓楼区民政局", "350102", "district", ("350102",), 2, ("福州市鼓楼区教育局",)),
    Bureau("苏州市民政局", "320500", "city", ("320508", "320576"), 3, ("苏州市文化广电和旅游局",)),
    Bureau("苏州工业园区行政审批局", "320576", "district", ("320576",), 3, ("苏州工业园区科技创新委员会",)),
    Bureau("深圳市社会组织管理局", "440300", "city", ("440304", "440305"), 3, ("深圳市科技创新委员会",)),
    Bureau("天津市滨海新区行政审批局", "120116", "district", ("120116",), 2, ("滨海新区教育体育局",)),
    Bureau("大兴安岭地区民政局", "232700", "city", ("232761", "232762"), 1, ("大兴安岭地区林业和草原局",)),
    Bureau("加格达奇区民政局", "232761", "district", ("232761",), 1, ("加格达奇区教育局",)),
    Bureau("海西蒙古族藏族自治州民政局", "632800", "city", ("632857",), 1, ("海西州文体旅游广电局",)),
)  # fmt: skip
# County names that several counties share: an address or an authority naming only the county
# is ambiguous for them, so the clean rows always name the prefecture too.
SHARED_NAMES = frozenset({"鼓楼区", "长安区", "南山区"})
# Zones located only by code (their names are not yet in every address book).
CODE_ONLY = frozenset({"632857"})
ROADS = tuple(
    """
    学府路 文化路 育才路 建设路 新华路 人民路 解放路 滨江路 金桥路 翠屏路 凤凰大道 星湖街
    长江路 青年路 东风路 光明路 体育路 花园路 幸福路 民主路 朝晖路 迎宾大道 府前街 健康路
    """.split()
)
STREETS = tuple("东门 西门 南门 北门 城南 城北 河东 河西 新桥 中心 五里 双桥".split())


@dataclass(frozen=True)
class Place:
    """A county's names as an address writes them, and the regions above it."""

    code: str
    name: str
    prefecture: str  # the prefecture's code (the county's own for 雄安新区; 500000 in 重庆)
    prefecture_name: str | None  # None when the county is its own prefecture
    province: str
    province_name: str


@lru_cache(maxsize=1)
def _regions() -> dict[str, tuple[str, str, str]]:
    table = region_table().filter("is_current")
    return {
        r["region_code"]: (r["region_name"], r["prefecture_code"] or "", r["province_code"] or "")
        for r in table.iter_rows(named=True)
    }


def name_of(code: str) -> str:
    """The region's name today."""
    return _regions()[code][0]


def place(code: str) -> Place:
    """The county of that code with its prefecture and province."""
    name, prefecture, province = _regions()[code]
    own = prefecture in (code, province)  # 雄安新区; a municipality's district
    return Place(
        code,
        name,
        prefecture,
        None if own else _regions()[prefecture][0],
        province,
        _regions()[province][0],
    )


def bureaus(region: str | None = None) -> tuple[Bureau, ...]:
    """Every bureau, or those of one province-level region (500000: 重庆's city and district
    bureaus)."""
    if region is None:
        return BUREAUS
    chosen = tuple(b for b in BUREAUS if b.code[:2] == region[:2] and b.level != "national")
    if not chosen:
        raise ValueError(f"no bureau of the civil-affairs sample lies in {region}")
    return chosen


def road(rng: random.Random) -> str:
    """A street address without any region's name in it."""
    return f"{rng.choice(ROADS)}{rng.randint(1, 399)}号"


def address(rng: random.Random, code: str, form: str) -> str:
    """An address in one of the forms registers hold: 'full' (province, prefecture, county),
    'city' (prefecture and county), 'county' (the county alone), 'prefecture' (no county)."""
    p = place(code)
    upper = p.prefecture_name or ""
    if form == "prefecture":
        return f"{p.province_name if not upper else ''}{upper or ''}{road(rng)}"
    if form == "county" and p.name not in SHARED_NAMES:
        return f"{p.name}{road(rng)}"
    if form == "city" and upper:
        return f"{upper}{p.name}{road(rng)}"
    return f"{p.province_name}{upper}{p.name}{road(rng)}"
