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

from pipeline import cli_releases, messages
from pipeline.messages import cell, text
from pipeline.read import InputError
from pipeline.releases import DEFAULT_KEEP, ReleaseError

if TYPE_CHECKING:
    from pipeline.run_record import RunResult

DEFAULT_RAW = Path("data/raw")
DEFAULT_WAREHOUSE = Path("data/warehouse/hub.duckdb")
DEFAULT_MAX_DROP = 0.20  # pipeline.guard.DEFAULT_MAX_DROP (not imported: --help stays light)
EXIT_OK, EXIT_CRASH, EXIT_USAGE, EXIT_INPUT, EXIT_WAREHOUSE = 0, 1, 2, 3, 4

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


@contextmanager
def steps(quiet: bool) -> Iterator[Callable[[str], None]]:
    """A live status line on stderr for the steps a user waits on, with elapsed time."""
    started = time.perf_counter()
    if quiet or not err.is_terminal:
        yield lambda msg: logging.getLogger("pipeline").info(msg)
        return
    with err.status(text("progress.starting")) as status:
        yield lambda msg: status.update(f"[{time.perf_counter() - started:5.1f}s] {msg}")


def _percent(value: str) -> float:
    """--max-drop P: a percentage from 0 to 100, as a share."""
    try:
        share = float(value.rstrip("%")) / 100
    except ValueError:
        share = -1.0
    if not 0 <= share <= 1:
        raise argparse.ArgumentTypeError(text("cli.bad_max_drop"))
    return share


def _lang_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--lang", choices=messages.LANGS, default=default, help=text("help.lang"))


def _parser() -> argparse.ArgumentParser:
    """The command line, its help in the current language (see messages.set_language)."""
    epilog = text("help.epilog")
    parser = messages.Parser(
        prog="python -m pipeline", epilog=epilog, description=text("help.description")
    )
    parser.add_argument("-v", "--verbose", action="store_true", help=text("help.verbose"))
    _lang_option(parser, None)
    sub = parser.add_subparsers(dest="command", required=True, metavar=text("help.command"))

    def add(name: str, help_key: str) -> argparse.ArgumentParser:
        """A command; its help is a catalogue key (or a sentence not yet in the catalogue)."""
        help_text = text(help_key)
        command = sub.add_parser(name, help=help_text, description=help_text, epilog=epilog)
        _lang_option(command, argparse.SUPPRESS)  # --lang after the command name works too
        return command

    raw_help = text("help.raw", default=DEFAULT_RAW)
    wh_help = text("help.warehouse", default=DEFAULT_WAREHOUSE)
    refresh = add("refresh", "help.refresh")
    refresh.add_argument("--raw", type=Path, default=DEFAULT_RAW, help=raw_help)
    refresh.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE, help=wh_help)
    refresh.add_argument("--quiet", action="store_true", help=text("help.quiet"))
    refresh.add_argument(
        "--keep",
        type=cli_releases.keep_count,
        default=DEFAULT_KEEP,
        help=text("help.keep", keep=DEFAULT_KEEP),
    )
    refresh.add_argument("--accept-drop", action="store_true", help=text("help.accept_drop"))
    refresh.add_argument(
        "--max-drop",
        type=_percent,
        default=DEFAULT_MAX_DROP,
        help=text("help.max_drop", percent=f"{DEFAULT_MAX_DROP:.0%}%"),  # argparse: %% is %
    )
    symlinks = text("help.follow_symlinks")
    refresh.add_argument("--follow-symlinks", action="store_true", help=symlinks)
    refresh.add_argument("--rebuild", action="store_true", help=text("help.rebuild"))
    validate = add("validate", "help.validate")
    validate.add_argument("--raw", type=Path, default=DEFAULT_RAW, help=raw_help)
    validate.add_argument(
        "--report",
        type=Path,
        default=None,
        help=text("help.report"),
    )
    validate.add_argument("--quiet", action="store_true", help=text("help.quiet"))
    validate.add_argument("--follow-symlinks", action="store_true", help=symlinks)
    cli_releases.add_commands(add, DEFAULT_WAREHOUSE, wh_help)
    export = add("export", "help.export")
    export.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE, help=wh_help)
    export.add_argument(
        "--format", choices=("xlsx", "csv"), default="xlsx", help=text("help.export_format")
    )
    export.add_argument("--out", type=Path, default=Path("exports"), help=text("help.export_out"))
    export.add_argument("--year", type=int, default=None, help=text("help.export_year"))
    export.add_argument("--base-year", type=int, default=None, help=text("help.export_base"))
    sample = add("sample", "help.sample")
    sample.add_argument(
        "--out",
        type=Path,
        default=None,
        help=text("help.sample_out"),
    )
    sample.add_argument(
        "--scale",
        choices=("beijing", "national"),
        default="beijing",
        help=text("help.scale"),
    )
    sample.add_argument(
        "--orgs",
        type=int,
        default=None,
        help=text("help.orgs"),
    )
    sample.add_argument("--seed", type=int, default=20151231, help=text("help.seed"))
    sample.add_argument(
        "--shape",
        choices=("register", "civil-affairs"),
        default="register",
        help=text("help.shape"),
    )
    sample.add_argument("--region", default=None, help=text("help.region"))
    sample.add_argument("--without-hubs", action="store_true", help=text("help.without_hubs"))
    sample.set_defaults(usage=sample.error)
    return parser


def _print_files(result: RunResult) -> None:
    out.print(text("summary.heading"))
    keys = ("summary.read", "summary.accepted", "summary.rejected", "summary.warned")
    heads = [text(k) for k in keys]
    out.print(
        "  " + cell(text("summary.file"), 24, left=True) + "".join(cell(h, 12) for h in heads)
    )
    for f in result.files:
        counts = (f.rows_read, f.rows_accepted, f.rows_rejected, f.rows_warned)
        out.print("  " + cell(f.file, 24, left=True) + "".join(cell(n, 12) for n in counts))


def cmd_refresh(args: argparse.Namespace) -> int:
    from pipeline.guard import Policy
    from pipeline.refresh import refresh_warehouse

    policy = Policy(args.max_drop, args.accept_drop)
    with steps(args.quiet) as progress:
        result = refresh_warehouse(
            args.raw,
            args.warehouse,
            progress,
            args.keep,
            policy=policy,
            follow_symlinks=args.follow_symlinks,
            carry=not args.rebuild,
        )
    _print_files(result)
    seconds = (result.finished_at - result.started_at).total_seconds() if result.finished_at else 0
    out.print(
        text("summary.refreshed", warehouse=args.warehouse, run_id=result.run_id, seconds=seconds)
    )
    out.print(text("summary.rejected_report", path=result.rejected_report))
    out.print(text("summary.warnings_report", path=result.warnings_report))
    out.print(text("summary.reports_xlsx"))
    if result.release:
        out.print(text("releases.refresh_release", run=result.run_id, path=result.release))
    if result.pruned:
        out.print(text("releases.refresh_pruned", runs=cli_releases.run_list(result.pruned)))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Check every file: the counts of those checked row by row and where the reports are; then,
    when some file cannot be used at all, every such file's sentence (exit 3)."""
    from pipeline.refresh import validate_only
    from pipeline.refusals import InputProblems

    refused = None
    with steps(args.quiet) as progress:
        try:
            result = validate_only(
                args.raw, args.report, progress, follow_symlinks=args.follow_symlinks
            )
        except InputProblems as exc:
            if exc.result is None:
                raise
            result, refused = exc.result, exc
    _print_files(result)
    if refused is not None:
        files = "、".join(r.file for r in refused.refused)
        out.print(text("summary.refused_files", files=files), markup=False)
    if result.rejected_report:
        out.print(text("summary.rejected_report", path=result.rejected_report))
        out.print(text("summary.warnings_report", path=result.warnings_report))
        out.print(text("summary.reports_xlsx"))
    out.print(text("summary.validate_only"))
    if refused is not None:
        raise refused
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from pipeline.export import export_briefing, export_workbook

    if args.format == "csv":
        paths = export_briefing(args.warehouse, args.out, args.year)
    else:
        paths = [export_workbook(args.warehouse, args.out, args.year, args.base_year)]
    for path in paths:
        out.print(text("summary.wrote", path=path), markup=False)
    return EXIT_OK


def cmd_sample(args: argparse.Namespace) -> int:
    from pipeline.sample import write_civil_affairs, write_sample

    if args.shape == "civil-affairs":
        folder = args.out or Path("data/civil_affairs")
        try:
            counts = write_civil_affairs(
                folder,
                seed=args.seed,
                orgs=args.orgs,
                region=args.region,
                hubs=not args.without_hubs,
            ).rows
        except ValueError as exc:
            args.usage(str(exc))
    else:
        if args.region or args.without_hubs:
            args.usage(text("sample.civil_affairs_only"))
        folder = args.out or (
            Path("data/raw") if args.scale == "beijing" else Path("data/national")
        )
        with steps(False) as progress:
            counts = write_sample(
                folder, scale=args.scale, seed=args.seed, orgs=args.orgs, progress=progress
            )
    for name, rows in counts.items():
        out.print(text("summary.sample_rows", path=folder / name, rows=rows))
    return EXIT_OK


COMMANDS = {
    "refresh": cmd_refresh,
    "validate": cmd_validate,
    "export": cmd_export,
    "sample": cmd_sample,
    **cli_releases.COMMANDS,
}


def _lang_given(argv: Sequence[str]) -> str | None:
    """The value of --lang anywhere on the command line (the parser's texts depend on it)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command in the language of --lang (else env SHUNIU_LANG, else Chinese); return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    messages.set_language(_lang_given(argv))
    try:
        return _run(_parser().parse_args(argv))
    finally:
        messages.set_language(None)


def _run(args: argparse.Namespace) -> int:
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(name)s %(message)s",
        stream=sys.stderr,
    )
    from pipeline.export import ExportError
    from pipeline.warehouse import WarehouseError, WarehousePathError

    try:
        return COMMANDS[args.command](args)
    except InputError as exc:
        said = str(exc)  # several problems: one a line, and what was kept on a line of its own
        err.print(
            "\n".join([said, _kept(args)]) if "\n" in said else messages.join(said, _kept(args))
        )
        return EXIT_INPUT
    except WarehousePathError as exc:
        err.print(str(exc))
        return EXIT_USAGE
    except WarehouseError as exc:
        err.print(str(exc))
        return EXIT_WAREHOUSE
    except (ReleaseError, ExportError) as exc:
        err.print(str(exc), markup=False)
        return EXIT_USAGE
    except Exception as exc:  # a bug: one sentence for the user, the traceback with -v
        logging.getLogger("pipeline").info("unexpected error", exc_info=True)
        error = f"{exc.__class__.__name__}: {exc}"
        crashed = text("cli.crashed", command=args.command, error=error)
        err.print(messages.join(crashed, _kept(args), text("cli.report_it")))
        return EXIT_CRASH


def _kept(args: argparse.Namespace) -> str:
    """'The warehouse was not changed.' after a failed refresh (nothing for other commands)."""
    return text("cli.not_changed") if args.command == "refresh" else ""
