"""What validates, publishes: for 500 small hostile registers (tests/unit/hostile.py), a register
`validate` accepts is published by `refresh`, and the amounts it stores are the ones written.

Each register gets one real refresh into a new warehouse (about 0.75 s of CPU), a batch at a time in
worker processes, one per core (at most 4): 500 registers take about three minutes on two free
cores, under two on four. SHUNIU_PROPERTY_EXAMPLES sets how many registers (default 500; the test
is marked slow). Replacing DECIMAL(38,2) by DECIMAL(18,2) in the SQL makes it fail."""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.processes import main_not_rerun
from tests.unit.hostile import Register, publishes_what_validates, registers

REGISTERS = int(os.environ.get("SHUNIU_PROPERTY_EXAMPLES", "500"))
WORKERS = max(1, min(os.cpu_count() or 1, 4))


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessPoolExecutor]:
    """Worker processes started fresh (spawn: polars' and DuckDB's threads are not forked)."""
    context = multiprocessing.get_context("spawn")
    with main_not_rerun(), ProcessPoolExecutor(WORKERS, mp_context=context) as workers:
        yield workers


@pytest.mark.slow
def test_any_register_validate_accepts_refresh_publishes(pool: ProcessPoolExecutor) -> None:
    checked: list[int] = []

    @settings(
        max_examples=math.ceil(REGISTERS / WORKERS),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(registers(), min_size=WORKERS, max_size=WORKERS))
    def batch(batch: list[Register]) -> None:
        failures = [f for f in pool.map(publishes_what_validates, batch) if f is not None]
        checked.append(len(batch))
        assert not failures, failures[0]

    batch()
    assert sum(checked) >= REGISTERS
