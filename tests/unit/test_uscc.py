"""The vectorized USCC check agrees with python-stdnum on every code hypothesis can think of."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import uscc as stdnum_uscc

from schemas.uscc import ALPHABET, is_valid

codes = st.text(alphabet=ALPHABET, min_size=18, max_size=18)
any_text = st.text(alphabet=ALPHABET + "IOSVZ-abc", min_size=0, max_size=20)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(codes, any_text), min_size=1, max_size=50))
def test_the_vectorized_check_agrees_with_stdnum(values: list[str]) -> None:
    ours = pl.DataFrame({"code": values}).select(is_valid(pl.col("code"))).to_series().to_list()
    theirs = [stdnum_uscc.is_valid(v) and len(v) == 18 and v == v.upper() for v in values]
    assert ours == theirs


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="0123456789", min_size=8, max_size=8),
    st.text(alphabet=ALPHABET, min_size=9, max_size=9),
)
def test_exactly_one_check_character_completes_a_code(head: str, serial: str) -> None:
    body = head + serial
    candidates = [body + c for c in ALPHABET]
    ours = pl.DataFrame({"code": candidates}).select(is_valid(pl.col("code"))).to_series().to_list()
    assert ours == [stdnum_uscc.is_valid(c) for c in candidates]
    assert sum(ours) == 1
