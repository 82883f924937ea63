"""The plausible dates of every input date column: none before 1949-10-01, none far past the refresh."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

FOUNDING = dt.date(1949, 10, 1)  # no register in this product holds an earlier date
MONTH_AHEAD = 31  # a decision or payment may be entered up to a month before it takes effect


@dataclass(frozen=True)
class DateWindow:
    """From `earliest` to the refresh date plus `days_ahead` days, or to the end of the year
    `years_ahead` after the refresh; no upper bound when both are None (another rule holds it)."""

    earliest: dt.date = FOUNDING
    days_ahead: int | None = MONTH_AHEAD
    years_ahead: int | None = None

    def latest(self, refresh: dt.date) -> dt.date | None:
        """The last plausible date for a refresh on `refresh`."""
        if self.years_ahead is not None:
            return dt.date(refresh.year + self.years_ahead, 12, 31)
        if self.days_ahead is not None:
            return refresh + dt.timedelta(days=self.days_ahead)
        return None

    def describe(self, refresh: dt.date) -> str:
        """The window in words for the clerk's message, e.g. 1949-10-01 至 2026-12-24."""
        latest = self.latest(refresh)
        if latest is None:
            return f"不早于 {self.earliest:%Y-%m-%d}"
        return f"{self.earliest:%Y-%m-%d} 至 {latest:%Y-%m-%d}"


# Every date column of schemas/tables.py (a test checks none is missing). The calendar of the marts
# runs from the first registration to the last of registered_on, recognized_on, linked_on, start_on
# and paid_on, so these bounds are also how far one row can stretch it: to next year at most.
WINDOWS: dict[tuple[str, str], DateWindow] = {
    # registered: not after the refresh date, by the rule not_in_future
    ("organizations", "registered_on"): DateWindow(days_ahead=None),
    ("organizations", "deregistered_on"): DateWindow(),
    # filed: not after the refresh date (a filing takes effect when made)
    ("filed_orgs", "filed_on"): DateWindow(days_ahead=0),
    ("filed_orgs", "ended_on"): DateWindow(),
    ("hubs", "recognized_on"): DateWindow(),
    ("hubs", "revoked_on"): DateWindow(),
    ("hub_links", "linked_on"): DateWindow(),
    ("hub_links", "ended_on"): DateWindow(),
    # a project may be planned in next year's budget, and a contract run a few years
    ("projects", "start_on"): DateWindow(days_ahead=None, years_ahead=1),
    ("projects", "end_on"): DateWindow(days_ahead=None, years_ahead=5),
    ("funding", "paid_on"): DateWindow(),
}


def window(table: str, column: str) -> DateWindow:
    """The window of one date column."""
    return WINDOWS[(table, column)]
