"""The warehouse fixture of the SQL tests: an in-memory DuckDB per test."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from tests.sql.warehouse import empty_warehouse


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh in-memory warehouse: the DDL of ref/clean/quality plus the reference tables."""
    connection = empty_warehouse()
    yield connection
    connection.close()
