"""The command line the path comparisons share (`python -m tests.app.fast_paths WAREHOUSE`,
`python -m tests.app.provider_paths WAREHOUSE`): one line per comparison, old and new milliseconds,
what differs indented below; exit status 1 when anything differs."""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Callable, Sequence
from pathlib import Path

# (what was compared, old ms, new ms, what differs: empty when equal)
Found = Sequence[tuple[str, float, float, Sequence[str]]]


def main(
    doc: str | None,
    compare: Callable[[Path, int], Found],
    argv: list[str] | None = None,
    median: bool = False,
) -> int:
    """Parse WAREHOUSE and --repeats, compare, print; `median`: also the medians over comparisons."""
    parser = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("--repeats", type=int, default=3, help="runs of each side (median shown)")
    args = parser.parse_args(argv)
    found = compare(args.warehouse, args.repeats)
    for name, old_ms, new_ms, problems in found:
        print(f"{'DIFFERS' if problems else 'equal  '} {name}: {old_ms:.1f} -> {new_ms:.1f} ms")
        for problem in problems:
            print(f"    {problem}")
    if median:
        olds, news = [o for _, o, _, _ in found], [n for _, _, n, _ in found]
        print(
            f"median over selections: {statistics.median(olds):.1f} -> "
            f"{statistics.median(news):.1f} ms"
        )
    return 1 if any(problems for *_, problems in found) else 0
