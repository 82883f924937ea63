"""Numbers as a reader reads them, in cards, sentences, charts, on-screen tables and exports: counts,
rates, money, multiples and changes; never a signed zero, a change always agreeing with its ends."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from dashboard.core.words import Lang, t

RATE_DECIMALS = 1  # 42.7%; a change of a rate in points has the same (+3.2 个百分点)
PP_DECIMALS = 1  # a change in points in a table cell (-4.5), as in sentences
MULTIPLE_DECIMALS = 2  # a growth multiple in a table cell (1.50); 33.5 倍 in a sentence
MAX_EXTRA = 2  # digits a change may add to its ends so that they agree (89.43% → 89.37%)


def unsigned(value: float, decimals: int) -> float:
    """A value rounded as it is shown, a rounded zero without its sign (-0.04 -> 0.0, not -0.0)."""
    shown = round(value, decimals)
    return 0.0 if shown == 0 else shown


def unsigned_col(expr: pl.Expr) -> pl.Expr:
    """A column's rounded zeros without their sign (-0.0 -> 0.0), for tables and exports; polars
    drops a "+ 0.0" as a no-op, so it is a comparison (-0.0 == 0)."""
    return pl.when(expr == 0).then(expr.abs()).otherwise(expr)  # keeps the column's name


def _sign(value: float) -> str:
    """+ or - before a change that is not zero; nothing before zero (ASCII: st.metric colours a
    leading "-" as a decrease)."""
    return "+" if value > 0 else "-" if value < 0 else ""


def fmt_int(value: float | None) -> str:
    """11,977; an em dash for an empty value."""
    return "—" if value is None else f"{round(value) + 0:,}"


def fmt_rate(value: float | None, decimals: int = RATE_DECIMALS) -> str:
    """A fraction as a percentage with one decimal: 0.427 -> 42.7%."""
    return "—" if value is None else f"{unsigned(value * 100, decimals):.{decimals}f}%"


@dataclass(frozen=True)
class MoneyUnit:
    """A unit money is shown in on a page: yuan per unit, decimals, and how it is written."""

    yuan: float
    decimals: int
    zh: str  # after the number: 36.65 亿元
    en: str  # after the number: ¥36.65M (the ¥ goes before)
    zh_axis: str  # an axis title
    en_axis: str


YUAN = MoneyUnit(1, 0, "元", "", "元", "yuan")
WAN = MoneyUnit(1e4, 2, "万元", "", "万元", "10k yuan")  # tables and exports (金额(万元))
YI = MoneyUnit(1e8, 2, "亿元", "", "亿元", "100M yuan")
MILLION = MoneyUnit(1e6, 2, "", "M", "百万元", "million yuan")
BILLION = MoneyUnit(1e9, 2, "", "B", "十亿元", "billion yuan")
_UNITS: dict[Lang, tuple[MoneyUnit, ...]] = {"zh": (YI, WAN, YUAN), "en": (BILLION, MILLION, YUAN)}


def money_unit(yuan: float | Iterable[float | None] | None, lang: Lang) -> MoneyUnit:
    """The unit for a page's money, chosen by the largest amount it shows: 亿元 from 10^8, 万元 from
    10^4, else 元 (English: ¥ billion from 10^9, million from 10^6); every card, bar, axis and
    sentence of the page then uses it, so the same amount never shows in two units."""
    values = [yuan] if yuan is None or isinstance(yuan, int | float) else list(yuan)
    top = max((abs(v) for v in values if v is not None), default=0.0)
    return next((u for u in _UNITS[lang] if top >= u.yuan), YUAN)


def in_unit(yuan: float, unit: MoneyUnit) -> float:
    """An amount in a unit, rounded as it is shown (no signed zero)."""
    return unsigned(yuan / unit.yuan, unit.decimals)


def fmt_money(yuan: float | None, lang: Lang, unit: MoneyUnit | None = None) -> str:
    """Money as a reader expects: 8,500 元; 1,234.50 万元 from ten thousand; 2.57 亿元 from 10^8
    (English: ¥8,500, ¥1.23M, ¥2.57B); in `unit` when the page chose one (money_unit)."""
    if yuan is None:
        return "—"
    unit = unit or money_unit(yuan, lang)
    number = f"{in_unit(yuan, unit):,.{unit.decimals}f}"
    return f"{number} {unit.zh}" if lang == "zh" else f"¥{number}{unit.en}"


def money_axis(unit: MoneyUnit, lang: Lang) -> str:
    """An axis title for money in a unit: 亿元 / 100M yuan."""
    return unit.zh_axis if lang == "zh" else unit.en_axis


def paren(text: str, lang: Lang) -> str:
    """A note in brackets after a figure: full-width in Chinese, ` (…)` in English."""
    return f"（{text}）" if lang == "zh" else f" ({text})"


def fmt_multiple(value: float | None, lang: Lang) -> str:
    """A growth multiple: 33.5 倍 / 33.5×."""
    return "—" if value is None else t("unit.times", lang, x=f"{unsigned(value, 1):,.1f}")


def fmt_delta(
    kind: str, delta: float | None, lang: Lang, unit: MoneyUnit | None = None, decimals: int = 1
) -> str:
    """A signed change: +1,234 / +3.2 个百分点 / +12.00 万元; rounded first, so a change that rounds
    to zero is written without a sign (0 / 0.0 个百分点), never -0 or +0.0."""
    if delta is None:
        return "—"
    if kind == "rate":
        points = unsigned(delta * 100, decimals)
        return _sign(points) + t("unit.pp", lang, x=f"{abs(points):.{decimals}f}")
    if kind == "money":
        unit = unit or money_unit(delta, lang)
        shown = in_unit(delta, unit)
        return _sign(shown) + fmt_money(abs(shown) * unit.yuan, lang, unit)
    count = round(delta) + 0
    return _sign(count) + fmt_int(abs(count))


def fmt_value(kind: str, value: float | None, lang: Lang, unit: MoneyUnit | None = None) -> str:
    """A figure's value by its kind (count, rate or money)."""
    if kind == "rate":
        return fmt_rate(value)
    if kind == "money":
        return fmt_money(value, lang, unit)
    return fmt_int(value)


def _shown(kind: str, value: float, digits: int, unit: MoneyUnit) -> float:
    """A value as it is shown with `digits` decimals, in the unit a change is written in."""
    if kind == "rate":
        return unsigned(value * 100, digits)
    if kind == "money":
        return unsigned(value / unit.yuan, digits)
    return float(round(value))


def change_digits(
    kind: str, old: float, new: float, lang: Lang, unit: MoneyUnit | None = None
) -> int:
    """Decimals that make a change agree with its ends: the usual ones (one for a rate, the money
    unit's), more (up to two) when the ends would look equal though they differ (89.43% → 89.37%
    rather than 89.4% → 89.4% with a change of -0.1)."""
    unit = unit or money_unit((old, new), lang)
    usual = RATE_DECIMALS if kind == "rate" else unit.decimals if kind == "money" else 0
    if kind not in ("rate", "money") or old == new:
        return usual
    for digits in range(usual, usual + MAX_EXTRA + 1):
        if _shown(kind, old, digits, unit) != _shown(kind, new, digits, unit):
            return digits
    return usual + MAX_EXTRA


def fmt_change(
    kind: str,
    old: float | None,
    new: float | None,
    lang: Lang,
    unit: MoneyUnit | None = None,
) -> tuple[str, str, str]:
    """(old, new, change) as text that agree: the change is the difference of the ends as shown
    (each rounded to the same decimals), so 89.4% → 89.4% never comes with -0.1 个百分点."""
    if old is None or new is None:
        return fmt_value(kind, old, lang, unit), fmt_value(kind, new, lang, unit), "—"
    unit = unit or money_unit((old, new), lang)
    digits = change_digits(kind, old, new, lang, unit)
    a, b = _shown(kind, old, digits, unit), _shown(kind, new, digits, unit)
    if kind == "rate":
        ends = f"{a:.{digits}f}%", f"{b:.{digits}f}%"
        return *ends, fmt_delta("rate", (b - a) / 100, lang, decimals=digits)
    if kind == "money":
        exact = MoneyUnit(unit.yuan, digits, unit.zh, unit.en, unit.zh_axis, unit.en_axis)
        ends = fmt_money(a * unit.yuan, lang, exact), fmt_money(b * unit.yuan, lang, exact)
        return *ends, fmt_delta("money", (b - a) * unit.yuan, lang, exact)
    return fmt_int(a), fmt_int(b), fmt_delta("count", b - a, lang)


def delta_from_ends(
    kind: str, old: float | None, new: float | None, lang: Lang, unit: MoneyUnit | None = None
) -> str | None:
    """A card's change computed from the two values as the cards show them (one decimal of a rate,
    the page's money unit): a card reading 89.4% against 89.4% says 0.0 个百分点."""
    if old is None or new is None:
        return None
    unit = unit or money_unit(new, lang)
    digits = RATE_DECIMALS if kind == "rate" else unit.decimals
    change = _shown(kind, new, digits, unit) - _shown(kind, old, digits, unit)
    scale = 1 / 100 if kind == "rate" else unit.yuan if kind == "money" else 1
    return fmt_delta(kind, change * scale, lang, unit)


# How a table column of each kind is shown (dashboard/frame/ui.py): the grid's number format and
# step (the step fixes the decimals: 4,689.04 beside 2,980.70, never 2,980.7), and the decimals its
# values are rounded to first (so no cell reads -0.0).
GRID: dict[str, tuple[str, float, int]] = {
    "int": ("localized", 1, 0),
    "rate": ("%.1f%%", 0.1, 1),  # the fraction shown in percent (export.py multiplies by 100)
    "pp": ("localized", 0.1, PP_DECIMALS),
    "wan": ("localized", 0.01, 2),
    "yuan": ("localized", 0.01, 2),
    "by_kind": ("localized", 0.01, 2),
    "multiple": ("localized", 0.01, MULTIPLE_DECIMALS),
}
SCREEN_TEXT = {
    "int": "{:,.0f}",
    "rate": "{:.1f}%",
    "pp": "{:,.1f}",
    "multiple": "{:,.2f}",
    "year": "{:.0f}",
}


def screen_text(value: float | None, kind: str) -> str:
    """A table cell's number as screen text (a column with gaps is shown as text): 1,234 / 42.7% /
    -4.5 / 1.50; money with two decimals: 1,234.50. Never a signed zero."""
    if value is None:
        return ""
    decimals = 0 if kind == "year" else GRID.get(kind, ("", 0.01, 2))[2]
    return SCREEN_TEXT.get(kind, "{:,.2f}").format(unsigned(value, decimals))


# a by_kind cell (a table whose rows each have their unit: the Overview's 总览指标): the value as the
# export writes it (rates in percent, money in 万元), with that unit's decimals
_BY_KIND = {"rate": "{:,.1f}", "money": "{:,.2f}", "count": "{:,.0f}"}


def kind_text(value: float | None, kind: str) -> str:
    """A by_kind cell as screen text: 93.4 (a rate in %), 81,121.41 (万元), 1,272; never -0.0."""
    if value is None:
        return ""
    decimals = {"rate": 1, "money": 2}.get(kind, 0)
    return _BY_KIND.get(kind, "{:,.0f}").format(unsigned(value, decimals))


def shown_change(kind: str, base: float, current: float) -> float:
    """The change of a figure as a table shows its two ends (a rate to 0.1 point, money to the
    hundredth of 万元, a count whole), so the change column is their difference: 24.6 → 93.4 is 68.8,
    and 89.4 → 89.4 is 0.0 (never -0.1)."""
    if kind == "rate":
        return (round(current * 100, RATE_DECIMALS) - round(base * 100, RATE_DECIMALS)) / 100
    if kind == "money":
        return (round(current / 1e4, 2) - round(base / 1e4, 2)) * 1e4
    return current - base
