"""Numbers as a reader reads them, in cards, sentences, charts and on-screen tables: counts, rates,
money, multiples and changes."""

from __future__ import annotations

from dashboard.core.words import Lang, t


def fmt_int(value: float | None) -> str:
    """11,977; an em dash for an empty value."""
    return "—" if value is None else f"{round(value):,}"


def fmt_rate(value: float | None) -> str:
    """A fraction as a percentage with one decimal: 0.427 -> 42.7%."""
    return "—" if value is None else f"{value * 100:.1f}%"


def fmt_money(yuan: float | None, lang: Lang) -> str:
    """Money as a reader expects: 8,500 元; 1,234.5 万元 from ten thousand; 2.57 亿元 from 10^8 (English: ¥)."""
    if yuan is None:
        return "—"
    if lang == "en":
        return f"¥{yuan / 1e6:,.1f}M" if abs(yuan) >= 1e6 else f"¥{yuan:,.0f}"
    if abs(yuan) >= 1e8:
        return f"{yuan / 1e8:,.2f} 亿元"
    return f"{yuan / 1e4:,.1f} 万元" if abs(yuan) >= 1e4 else f"{yuan:,.0f} 元"


def paren(text: str, lang: Lang) -> str:
    """A note in brackets after a figure: full-width in Chinese, ` (…)` in English."""
    return f"（{text}）" if lang == "zh" else f" ({text})"


def fmt_multiple(value: float | None, lang: Lang) -> str:
    """A growth multiple: 33.5 倍 / 33.5×."""
    return "—" if value is None else t("unit.times", lang, x=f"{value:,.1f}")


def fmt_delta(kind: str, delta: float | None, lang: Lang) -> str:
    """A signed change: +1,234 / +3.2 个百分点 / +12.0 万元."""
    if delta is None:
        return "—"
    sign = "+" if delta >= 0 else "-"  # ASCII: st.metric colours a leading "-" as a decrease
    if kind == "rate":
        return sign + t("unit.pp", lang, x=f"{abs(delta) * 100:.1f}")
    if kind == "money":
        return sign + fmt_money(abs(delta), lang)
    return sign + fmt_int(abs(delta))


def fmt_value(kind: str, value: float | None, lang: Lang) -> str:
    """A figure's value by its kind (count, rate or money)."""
    if kind == "rate":
        return fmt_rate(value)
    if kind == "money":
        return fmt_money(value, lang)
    return fmt_int(value)


SCREEN_TEXT = {"int": "{:,.0f}", "rate": "{:.1f}%", "pp": "{:+.2f}", "multiple": "{:.2f}"}


def screen_text(value: float | None, kind: str) -> str:
    """A table cell's number as screen text (a column with gaps is shown as text): 1,234 / 42.7% /
    +0.25 / 1.50; money with up to two decimals: 1.23, 1.2, 3."""
    if value is None:
        return ""
    text = SCREEN_TEXT.get(kind, "{:,.2f}").format(value)
    return text if kind in SCREEN_TEXT else text.rstrip("0").rstrip(".")
