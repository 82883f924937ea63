"""Read a CSV the product wrote back with two CSV readers (Python's csv, polars) and compare every cell
with the values it was written from, in the unit its header states."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

import polars as pl

from dashboard.core.export import Col, header, present
from pipeline.csvsafe import BOM, MONEY_POWERS, PERCENT_DECIMALS, unguard

RATE_TOLERANCE = 10.0 ** -(PERCENT_DECIMALS - 2) / 2  # a fraction, after the rounding of percent


def rows_of(data: bytes) -> list[list[str]]:
    """The CSV's rows by Python's csv module; the bytes must be UTF-8 with a BOM."""
    assert data.startswith(BOM.encode("utf-8")), data[:20]
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def by_polars(data: bytes) -> list[list[str]]:
    """The same rows as polars reads them, every cell as text (missing: empty)."""
    frame = pl.read_csv(data, infer_schema=False)
    assert frame.columns[0] == rows_of(data)[0][0]  # polars took the BOM off the first header
    return [frame.columns, *([("" if v is None else v) for v in row] for row in frame.rows())]


def money_of(value: object) -> Decimal:
    """A warehouse amount (Decimal, or a float sum) to the fen."""
    exact = value if isinstance(value, Decimal) else Decimal(repr(float(value)))  # type: ignore[arg-type]
    return exact.quantize(Decimal("0.01"))


def _same_number(cell: str, value: object, kind: str, where: str) -> None:
    if value is None:
        assert cell == "", where
    elif kind in MONEY_POWERS:
        assert Decimal(cell) * 10 ** MONEY_POWERS[kind] == money_of(value), where
    elif kind in ("rate", "pp"):
        assert abs(float(cell) / 100 - float(value)) <= RATE_TOLERANCE, where  # type: ignore[arg-type]
    elif kind == "int":
        assert int(cell) == round(float(value)), where  # type: ignore[arg-type]
    else:  # multiple
        assert float(cell) == float(value), where  # type: ignore[arg-type]


def _by_kind(cell: str, value: object, row_kind: str, where: str) -> None:
    kind = {"rate": "rate", "money": "wan"}.get(row_kind, "int")
    _same_number(cell, value, kind, where)


def _same_text(cell: str, value: object, where: str) -> None:
    if value is None:
        assert cell == "", where
    elif isinstance(value, datetime):
        assert datetime.fromisoformat(cell) == value, where
    elif isinstance(value, date):
        assert cell == value.isoformat(), where
    elif isinstance(value, bool | int | float):
        assert cell == str(value), where
    else:
        assert unguard(cell) == value, where  # text exactly, but for the formula guard's '


NUMBERS = {"int", "rate", "pp", "multiple", *MONEY_POWERS}


def assert_round_trips(data: bytes, df: pl.DataFrame, cols: Sequence[Col]) -> None:
    """Every cell of the CSV `data`, read by csv and by polars, is the frame's value: codes and text
    exactly (the formula guard's ' aside), numbers in the header's unit, missing as empty."""
    shown = present(df, cols, "zh")
    heads = [header(c, "zh") for c in cols]
    for rows in (rows_of(data), by_polars(data)):
        assert rows[0] == heads
        assert len(rows) == 1 + df.height
        for j, col in enumerate(cols):
            for i, row in enumerate(rows[1:]):
                where = f"{heads[j]} row {i + 2}: {row[j]!r}"
                if col.kind in NUMBERS:
                    _same_number(row[j], df[col.name][i], col.kind, where)
                elif col.kind == "by_kind":
                    _by_kind(row[j], df[col.name][i], df["kind"][i], where)
                else:
                    _same_text(row[j], shown[heads[j]][i], where)
