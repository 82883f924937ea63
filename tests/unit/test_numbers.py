"""The one formatting module (dashboard/core/numbers.py): no signed zero anywhere, a change that agrees
with the ends it is shown with, one unit and one number of decimals per unit; Hypothesis feeds it
zeros, tiny changes and both signs."""

from __future__ import annotations

import re

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.core import numbers as n

LANGS = ("zh", "en")
KINDS = ("rate", "money", "count")
# a sign, then a number (thousands separators, decimals), possibly after ¥
SIGNED = re.compile(r"([+\-−])¥?(\d[\d,]*(?:\.\d+)?)")
NUMBER = re.compile(r"[+\-−]?¥?\d[\d,]*(?:\.\d+)?")

tiny = st.floats(min_value=-1e-6, max_value=1e-6, allow_nan=False)
rates = st.one_of(
    st.floats(min_value=0, max_value=1, allow_nan=False), st.sampled_from([0.0, -0.0])
)
amounts = st.one_of(
    st.floats(min_value=-5e10, max_value=5e10, allow_nan=False),
    tiny,
    st.sampled_from([0.0, -0.0, 0.004, -0.004, 49.999, -49.999, 1e8 - 1, -(1e8 - 1)]),
)


def signed_zeros(text: str) -> list[str]:
    """Every signed number in a text whose value is zero (-0, +0.0, −0.00 万元)."""
    return [m.group(0) for m in SIGNED.finditer(text) if float(m.group(2).replace(",", "")) == 0]


def value(text: str) -> float:
    """The first number of a text, with its sign (− read as -)."""
    found = NUMBER.search(text)
    assert found, text
    return float(found.group(0).replace("−", "-").replace("¥", "").replace(",", ""))


def test_the_detector_finds_signed_zeros_and_nothing_else() -> None:
    assert signed_zeros("−0.0 个百分点") == ["−0.0"]
    assert signed_zeros("+0.00 and -0 and ¥-0.00") == ["+0.00", "-0", "-0.00"]
    assert signed_zeros("+0.1 个百分点, -3, 0.0, 2016-12-31") == []  # a date's dashes are not signs
    assert value("-1,234.50 万元") == -1234.5 and value("¥1.25M") == 1.25


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(KINDS), delta=amounts, lang=st.sampled_from(LANGS))
def test_a_change_is_never_a_signed_zero(kind: str, delta: float, lang: str) -> None:
    scaled = delta / 1e10 if kind == "rate" else delta
    text = n.fmt_delta(kind, scaled, lang)  # type: ignore[arg-type]
    assert not signed_zeros(text), text
    shown = value(text)
    assert (shown > 0) == text.startswith("+") and (shown < 0) == text.startswith("-")


@settings(max_examples=300, deadline=None)
@given(x=amounts, lang=st.sampled_from(LANGS))
def test_values_and_cells_are_never_signed_zeros(x: float, lang: str) -> None:
    texts = [
        n.fmt_int(x),
        n.fmt_rate(x / 1e10),
        n.fmt_money(x, lang),
        n.fmt_multiple(x / 1e9, lang),
    ]  # type: ignore[arg-type]
    texts += [n.screen_text(x / 1e9, k) for k in ("int", "rate", "pp", "multiple", "wan")]
    texts += [n.kind_text(x / 1e9, k) for k in ("rate", "money", "count")]
    for text in texts:
        assert not signed_zeros(text), text
        assert not text.startswith("-0") or value(text) != 0, text


@settings(max_examples=400, deadline=None)
@given(
    kind=st.sampled_from(KINDS),
    old=amounts,
    step=st.one_of(tiny, amounts),
    lang=st.sampled_from(LANGS),
)
def test_a_change_agrees_with_the_ends_it_is_shown_with(
    kind: str, old: float, step: float, lang: str
) -> None:
    if kind == "rate":
        old, new = abs(old) / 5e10, abs(old) / 5e10 + step / 5e10
    else:
        new = old + step
    a, b, delta = n.fmt_change(kind, old, new, lang)  # type: ignore[arg-type]
    assert not signed_zeros(delta), (a, b, delta)
    digits = max(
        len(s.split(".")[1]) if "." in s else 0
        for s in (NUMBER.search(a).group(0), NUMBER.search(b).group(0))
    )  # type: ignore[union-attr]
    assert abs((value(b) - value(a)) - value(delta)) < 10**-digits / 2, (a, b, delta)
    if (
        old != new
        and kind == "rate"
        and abs(new - old) * 100 >= 10 ** -(n.RATE_DECIMALS + n.MAX_EXTRA)
    ):
        assert a != b, (old, new, a, b)  # ends that differ are shown differing


@settings(max_examples=200, deadline=None)
@given(kind=st.sampled_from(KINDS), old=amounts, new=amounts, lang=st.sampled_from(LANGS))
def test_a_cards_change_is_that_of_the_values_the_cards_show(
    kind: str, old: float, new: float, lang: str
) -> None:
    if kind == "rate":
        old, new = abs(old) / 5e10, abs(new) / 5e10
    unit = n.money_unit(max(abs(old), abs(new)), lang)  # type: ignore[arg-type]
    shown = [n.fmt_value(kind, v, lang, unit) for v in (old, new)]  # type: ignore[arg-type]
    delta = n.delta_from_ends(kind, old, new, lang, unit)  # type: ignore[arg-type]
    assert delta is not None and not signed_zeros(delta)
    decimals = 1 if kind == "rate" else unit.decimals if kind == "money" else 0
    assert abs((value(shown[1]) - value(shown[0])) - value(delta)) < 10**-decimals / 2


def test_the_reported_cases() -> None:
    """The issue's own: −0.0 个百分点, +0.00, -0; -0.1 个百分点（89.4% → 89.4%）."""
    assert n.fmt_delta("rate", -0.0004, "zh") == "0.0 个百分点"
    assert n.fmt_delta("count", -0.2, "zh") == "0"
    assert n.screen_text(-0.00001, "pp") == "0.0"
    assert n.fmt_change("rate", 0.8943, 0.8937, "zh") == ("89.43%", "89.37%", "-0.06 个百分点")
    assert n.delta_from_ends("rate", 0.8943, 0.8937, "zh") == "0.0 个百分点"
    frame = pl.DataFrame({"x": [-0.0004, -0.0, 0.3]})
    rounded = frame.select(n.unsigned_col((pl.col("x") * 100).round(1)))["x"].to_list()
    assert [str(v) for v in rounded] == ["0.0", "0.0", "30.0"]


@pytest.mark.parametrize(
    ("yuan", "zh", "en"),
    [(61_503_000_000, "615.03 亿元", "¥61.50B"), (29_807_000, "2,980.70 万元", "¥29.81M"),
     (8_500, "8,500 元", "¥8,500")],
)  # fmt: skip
def test_money_has_one_unit_a_page_and_two_decimals_in_it(yuan: float, zh: str, en: str) -> None:
    assert n.fmt_money(yuan, "zh") == zh and n.fmt_money(yuan, "en") == en
    page = n.money_unit([61_503_000_000, 29_807_000], "zh")  # the page's largest amount decides
    assert n.fmt_money(29_807_000, "zh", page) == "0.30 亿元"
    assert n.money_axis(page, "zh") == "亿元"
