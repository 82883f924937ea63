"""Whether the machine was quiet enough for a benchmark's figures to be compared with others.

A benchmark records the 1-minute load average before it starts and after it ends. Its own work
raises that average while it runs (a refresh keeps two cores busy), so the "after" figure is read
once the benchmark's own contribution has decayed: the average is polled for up to `cooldown`
seconds and the first reading at or under the limit ends the wait (the kernel's average decays with
a one-minute time constant: from 2.0 it falls under 1.0 in about 45 s when nothing else runs).
Figures are comparable when both readings are at or under LIMIT; otherwise they are still printed
but written under a name that says so, never over the committed results (docs/scale.md)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

LIMIT = 1.0  # the 1-minute load average above which a machine is not quiet
COOLDOWN_S = 120.0  # longest wait for the benchmark's own load to decay after it ends
POLL_S = 5.0


def load_average() -> tuple[float, float, float]:
    """The 1, 5 and 15-minute load averages, rounded to hundredths."""
    one, five, fifteen = os.getloadavg()
    return round(one, 2), round(five, 2), round(fifteen, 2)


@dataclass(frozen=True)
class Quiet:
    """The load averages around a benchmark and the verdict."""

    before: tuple[float, float, float]
    after: tuple[float, float, float]
    waited_s: float  # how long the "after" reading waited for the benchmark's own load to decay
    limit: float = LIMIT

    @property
    def comparable(self) -> bool:
        """Both 1-minute readings at or under the limit."""
        return self.before[0] <= self.limit and self.after[0] <= self.limit

    def to_json(self) -> dict[str, object]:
        return {**asdict(self), "comparable": self.comparable}

    def sentence(self) -> str:
        """One line for the printed table."""
        verdict = "quiet: comparable" if self.comparable else "NOT QUIET: not comparable"
        return (
            f"load average (1 min) before {self.before[0]:.2f}, after {self.after[0]:.2f} "
            f"(read {self.waited_s:.0f} s after the end), limit {self.limit:.1f}: {verdict}"
        )


def settled(
    cooldown: float = COOLDOWN_S,
    poll: float = POLL_S,
    read: Callable[[], tuple[float, float, float]] = load_average,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[tuple[float, float, float], float]:
    """The load average once it is at or under LIMIT, or after `cooldown` seconds; and the wait."""
    waited = 0.0
    reading = read()
    while reading[0] > LIMIT and waited < cooldown:
        step = min(poll, cooldown - waited)
        sleep(step)
        waited += step
        reading = read()
    return reading, waited


def wait_until_quiet(
    patience: float,
    poll: float = POLL_S,
    read: Callable[[], tuple[float, float, float]] = load_average,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[float, float, float]:
    """Wait up to `patience` seconds for the load average to fall to LIMIT (0: do not wait)."""
    return settled(patience, poll, read, sleep)[0]


def results_path(path: Path, quiet: Quiet) -> Path:
    """Where figures go: `path` when comparable, else `<stem>.noisy.json` beside it (not committed)."""
    return path if quiet.comparable else path.with_name(f"{path.stem}.noisy.json")
