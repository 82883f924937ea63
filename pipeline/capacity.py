"""What the warehouse's number types hold, checked against the sums the marts will compute."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from pipeline.csvfile import InputError
from pipeline.read import LINE

DECIMAL_38_2 = 10**36  # DECIMAL(38,2): 36 digits before the point
BIGINT = 2**63 - 1
# Every SUM over input values, in the marts and in the dashboard's queries, and the type it is
# computed in. Each adds one column of one table over some of its rows, each row at most once (no
# sum runs over a join that repeats a row), so the column's total over the accepted rows bounds
# every one of them: a total within the type means no sum can overflow.
SUMMED: Mapping[tuple[str, str], int] = {
    ("funding", "amount_yuan"): DECIMAL_38_2,  # funding_facts ... headline, region_funding
    ("projects", "contract_amount_yuan"): DECIMAL_38_2,  # headline, the dashboard's projects
    ("organizations", "full_time_staff"): BIGINT,  # register_profile casts its sum to BIGINT
    ("population", "population"): BIGINT,  # the dashboard sums a region's population as BIGINT
}
SHOWN_LINES = 5


def check_sums(
    table: str, file: str, accepted: pl.DataFrame, capacity: Mapping[tuple[str, str], int] = SUMMED
) -> None:
    """Refuse the file when a summed column's total over its accepted rows would not fit the
    type its sums are computed in, naming the lines of its largest values. With the per-value
    limits of schemas/models.py and the row limit of pipeline/limits.py the totals stay far
    below (tests/unit/test_capacity.py proves it); this keeps it so if a limit is raised."""
    for (name, column), limit in capacity.items():
        if name != table or column not in accepted.columns or accepted.is_empty():
            continue
        if _total(accepted[column].drop_nulls()) >= limit:
            largest = accepted.sort(column, descending=True, nulls_last=True)
            lines = "、".join(str(n) for n in largest[LINE].head(SHOWN_LINES).to_list())
            raise InputError("input.sum_overflow", file=file, column=column, lines=lines)


def _total(values: pl.Series) -> int:
    """The sum of the absolute values, exact where it matters: a float sum far below the limit
    settles it at once, else Python's integers add the values (in fen for amounts)."""
    rough = values.cast(pl.Float64).abs().sum()
    if rough < 2.0**62:
        return int(rough)
    scale = 100 if values.dtype == pl.Decimal else 1
    return sum(abs(int(v * scale)) for v in values.to_list()) // scale
