"""Test hook: a refresh can block at a named point so a kill-safety test can SIGKILL it exactly there."""

from __future__ import annotations

import os
import time
from pathlib import Path

# The points, in the order a refresh passes them (docs/releases.md says what each one leaves behind).
POINTS = ("before_build", "after_copy", "during_load", "before_swap", "after_swap", "during_prune")


def pause_point(name: str) -> None:
    """Block forever here when env SHUNIU_PAUSE_AT names this point and SHUNIU_PAUSE_FILE is set.

    The file SHUNIU_PAUSE_FILE is written first, so the test knows the process has arrived. Without
    both variables (always, outside the kill-safety tests) this returns at once."""
    assert name in POINTS, name
    marker = os.environ.get("SHUNIU_PAUSE_FILE")
    if os.environ.get("SHUNIU_PAUSE_AT") != name or not marker:
        return
    Path(marker).write_text(name, encoding="utf-8")
    while True:  # pragma: no cover - ended by the test's SIGKILL
        time.sleep(60)
