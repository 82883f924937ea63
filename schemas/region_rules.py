"""How Shuniu places a GB/T 2260 code: its level, its prefecture and its province (pure rules)."""

from __future__ import annotations

from collections.abc import Iterable

# 北京, 天津, 上海, 重庆: a municipality is its own prefecture.
MUNICIPALITIES = frozenset({"11", "12", "31", "50"})
LEVELS = ("province", "prefecture", "county")

# Trailing words of a unit's name that say what kind of unit it is (longest first): two names with
# the same stem carry on one place (栾城县 -> 栾城区, 邯郸地区 -> 邯郸市).
_SUFFIXES = ("自治县", "自治旗", "自治州", "林区", "特区", "地区", "县", "区", "市", "旗", "盟")


def digit_level(code: str) -> str:
    """The level its digits give a code: xx0000 province, xxxx00 prefecture, else county."""
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def current_levels(codes: Iterable[str]) -> dict[str, str]:
    """Level of each code of one edition; a xxxx00 code without counties of its own in that
    edition is a county-level unit (the prefecture cities without counties: 东莞 441900, 中山
    442000, 儋州 460400, 嘉峪关 620200)."""
    codes = list(codes)
    with_counties = {code[:4] for code in codes if digit_level(code) == "county"}
    levels = {}
    for code in codes:
        level = digit_level(code)
        if level == "prefecture" and code[:4] not in with_counties:
            level = "county"
        levels[code] = level
    return levels


def province_of(code: str) -> str:
    """The province of any code: its first two digits padded with 0000."""
    return code[:2] + "0000"


def prefecture_of(code: str, level: str) -> str | None:
    """The prefecture a code counts in at prefecture level (None for an ordinary province).

    A municipality is its own prefecture (110000, also for its districts and counties); a
    prefecture is its own; a county-level unit directly under a province (省直辖县级行政区划:
    仙桃 429004, 石河子 659001) and a prefecture city without counties (东莞 441900) are their
    own prefecture; any other county counts in its first four digits padded with 00.
    """
    if code[:2] in MUNICIPALITIES:
        return province_of(code)
    if level == "province":
        return None
    if level == "prefecture" or code[2:4] == "90" or code.endswith("00"):
        return code
    return code[:4] + "00"


def parent_of(code: str, level: str) -> str | None:
    """The next region up that is another code: a county's prefecture (or its province when it
    is its own prefecture), a prefecture's province, nothing above a province."""
    if level == "province":
        return None
    prefecture = prefecture_of(code, level)
    if level == "county" and prefecture is not None and prefecture != code:
        return prefecture
    return province_of(code)


def name_stem(name: str) -> str:
    """A unit's name without the word for its kind (栾城县 -> 栾城); the name itself if too short."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name
