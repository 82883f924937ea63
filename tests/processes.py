"""Starting worker processes from tests run by any harness (spawned workers, __main__ not re-run)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def main_not_rerun() -> Iterator[None]:
    """A spawned worker re-runs the parent's __main__ when that was started from a file path; a
    harness that runs pytest from a script of its own (CI does: its script needs globals only the
    harness gives) cannot be re-run. The workers need nothing from __main__: while they start, it
    has no path (a __main__ run by module name, `python -m pytest`, is left as it is)."""
    main = sys.modules["__main__"]
    path = None if getattr(main, "__spec__", None) else main.__dict__.pop("__file__", None)
    try:
        yield
    finally:
        if path is not None:
            main.__file__ = path
