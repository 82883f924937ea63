"""The command line: `python -m pipeline refresh | validate | status | export | sample | releases | diff | pin |
unpin | prune`; it parses and calls."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from pipeline import cli_releases
from pipeline.read import InputError
from pipeline.releases import DEFAULT_KEEP, ReleaseError, say

if TYPE_CHECKING:
    from pipeline.refresh import RunResult

DEFAULT_RAW = Path("data/raw")
DEFAULT_WAREHOUSE = Path("data/warehouse/hub.duckdb")
EXIT_OK, EXIT_CRASH, EXIT_USAGE, EXIT_INPUT, EXIT_WAREHOUSE = 0, 1, 2, 3, 4
EPILOG = """exit codes: 0 done (rejected rows are data, not failure); 1 unexpected error (a bug:
report it); 2 wrong command line (also an unknown run id, or a diff without two releases); 3 an input file cannot be used (the message names the file and
the fix); 4 the warehouse could not be built or replaced (the old one is kept)."""

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


@contextmanager
def steps(quiet: bool) -> Iterator[Callable[[str], None]]:
    """A live status line on stderr for the steps a user waits on, with elapsed time."""
    started = time.perf_counter()
    if quiet or not err.is_terminal:
        yield lambda msg: logging.getLogger("pipeline").info(msg)
        return
    with err.status("starting") as status:
        yield lambda msg: status.update(f"[{time.perf_counter() - started:5.1f}s] {msg}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        epilog=EPILOG,
        description="Shuniu: load the hub registers into the DuckDB warehouse.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log every step to stderr")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text, epilog=EPILOG)

    raw_help = f"folder holding organizations, hubs, hub_links[, projects, funding, population] as .csv or .xlsx (default {DEFAULT_RAW})"
    wh_help = f"the DuckDB warehouse file (default {DEFAULT_WAREHOUSE})"
    refresh = add(
        "refresh", "Validate the raw registers and rebuild the warehouse (all or nothing)."
    )
    refresh.add_argument("--raw", type=Path, default=DEFAULT_RAW, help=raw_help)
    refresh.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE, help=wh_help)
    refresh.add_argument("--quiet", action="store_true", help="no progress display")
    refresh.add_argument(
        "--keep",
        type=cli_releases.keep_count,
        default=DEFAULT_KEEP,
        help=f"how many of the newest releases to keep (default {DEFAULT_KEEP}); pinned ones stay too",
    )
    validate = add(
        "validate", "Check the raw registers and report bad rows, without touching the warehouse."
    )
    validate.add_argument("--raw", type=Path, default=DEFAULT_RAW, help=raw_help)
    validate.add_argument(
        "--report",
        type=Path,
        default=None,
        help="folder to write the rejection and warning CSV reports to (default: none)",
    )
    validate.add_argument("--quiet", action="store_true", help="no progress display")
    cli_releases.add_commands(add, DEFAULT_WAREHOUSE, wh_help)
    export = add(
        "export",
        "Write the briefing tables (headline, district coverage, hub types, funding) as CSV for Excel.",
    )
    export.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE, help=wh_help)
    export.add_argument(
        "--out",
        type=Path,
        default=Path("exports"),
        help="folder for the CSV files (default exports/)",
    )
    sample = add(
        "sample",
        "Generate a synthetic register (the bundled Beijing-shaped sample, or national scale).",
    )
    sample.add_argument(
        "--out",
        type=Path,
        default=None,
        help="output folder (default data/raw, or data/national for --scale national)",
    )
    sample.add_argument(
        "--scale",
        choices=("beijing", "national"),
        default="beijing",
        help="which register to generate (default beijing)",
    )
    sample.add_argument(
        "--orgs",
        type=int,
        default=None,
        help="number of organizations (overrides the scale's default)",
    )
    sample.add_argument(
        "--seed", type=int, default=20151231, help="random seed; the same seed gives the same files"
    )
    return parser


def _print_files(result: RunResult) -> None:
    out.print("rows per file (read = accepted + rejected):")
    out.print(f"  {'file':<24}{'read':>12}{'accepted':>12}{'rejected':>12}{'warned':>12}")
    for f in result.files:
        out.print(
            f"  {f.file:<24}{f.rows_read:>12,}{f.rows_accepted:>12,}{f.rows_rejected:>12,}{f.rows_warned:>12,}"
        )


def cmd_refresh(args: argparse.Namespace) -> int:
    from pipeline.refresh import refresh_warehouse

    with steps(args.quiet) as progress:
        result = refresh_warehouse(args.raw, args.warehouse, progress, args.keep)
    _print_files(result)
    seconds = (result.finished_at - result.started_at).total_seconds() if result.finished_at else 0
    out.print(f"Refreshed {args.warehouse} (run {result.run_id}) in {seconds:.1f}s.")
    out.print(f"Rejected rows: {result.rejected_report}")
    out.print(f"Warnings:      {result.warnings_report}")
    if result.release:
        out.print(say("refresh_release", run=result.run_id, path=result.release))
    if result.pruned:
        out.print(say("refresh_pruned", runs=", ".join(result.pruned)))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from pipeline.refresh import validate_only

    with steps(args.quiet) as progress:
        result = validate_only(args.raw, args.report, progress)
    _print_files(result)
    if result.rejected_report:
        out.print(
            f"Rejected rows: {result.rejected_report}\nWarnings:      {result.warnings_report}"
        )
    out.print("Nothing was loaded (validate only).")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from pipeline.export import export_briefing

    for path in export_briefing(args.warehouse, args.out):
        out.print(f"wrote {path}")
    return EXIT_OK


def cmd_sample(args: argparse.Namespace) -> int:
    from pipeline.sample import write_sample

    folder = args.out or (Path("data/raw") if args.scale == "beijing" else Path("data/national"))
    with steps(False) as progress:
        counts = write_sample(
            folder, scale=args.scale, seed=args.seed, orgs=args.orgs, progress=progress
        )
    for name, rows in counts.items():
        out.print(f"{folder / name}: {rows:,} rows")
    return EXIT_OK


COMMANDS = {
    "refresh": cmd_refresh,
    "validate": cmd_validate,
    "export": cmd_export,
    "sample": cmd_sample,
    **cli_releases.COMMANDS,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit code."""
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(name)s %(message)s",
        stream=sys.stderr,
    )
    from pipeline.warehouse import WarehouseError

    try:
        return COMMANDS[args.command](args)
    except InputError as exc:
        kept = " The warehouse was not changed." if args.command == "refresh" else ""
        err.print(f"{exc}{kept}")
        return EXIT_INPUT
    except WarehouseError as exc:
        err.print(str(exc))
        return EXIT_WAREHOUSE
    except ReleaseError as exc:
        err.print(str(exc), markup=False)
        return EXIT_USAGE
    except Exception as exc:  # a bug: one sentence for the user, the traceback with -v
        logging.getLogger("pipeline").info("unexpected error", exc_info=True)
        kept = " The warehouse was not changed." if args.command == "refresh" else ""
        err.print(
            f"{args.command} failed unexpectedly ({exc.__class__.__name__}: {exc}).{kept} "
            "Run again with -v for details and report it."
        )
        return EXIT_CRASH
