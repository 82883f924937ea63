"""The release commands of the CLI (releases, diff, pin, unpin, prune, status): parse, call, print."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console

from pipeline import releases
from pipeline.releases import say
from pipeline.releases.messages import LABELS

out = Console(highlight=False, soft_wrap=True, markup=False)
Add = Callable[[str, str], argparse.ArgumentParser]
FIGURE_LINES = 20  # the text form of `diff` shows this many moved figures; --json gives all


def keep_count(text: str) -> int:
    """--keep N: a whole number >= 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(say("bad_keep"))
    return value


def add_commands(add: Add, warehouse: Path, wh_help: str) -> None:
    """Register the release commands on the CLI's sub-parsers."""
    json_help = "print JSON for schedulers and checks instead of a table"
    status = add(
        "status", "Show the runs (failed ones included), releases, pins, disk use and leftovers."
    )
    status.add_argument("--limit", type=int, default=10, help="how many runs to show (default 10)")
    listing = add("releases", "List the kept releases, newest first (path, size, pinned, missing).")
    diff = add(
        "diff", "What changed between two releases: rows per input table, figures that moved."
    )
    diff.add_argument(
        "--from",
        dest="from_run",
        metavar="RUN",
        help="the older release (default: the one before --to)",
    )
    diff.add_argument(
        "--to", dest="to_run", metavar="RUN", help="the newer release (default: the latest)"
    )
    pin = add("pin", "Keep a release until it is unpinned (prune never removes it).")
    unpin = add("unpin", "Let a pinned release be pruned again.")
    for parser in (pin, unpin):
        parser.add_argument(
            "run", metavar="RUN", help="the run id of the release, as `releases` lists it"
        )
    prune = add("prune", "Delete releases beyond the newest N (the live and pinned ones are kept).")
    prune.add_argument(
        "--keep",
        type=keep_count,
        default=releases.DEFAULT_KEEP,
        help=f"how many of the newest releases to keep (default {releases.DEFAULT_KEEP})",
    )
    for parser in (status, listing, diff, pin, unpin, prune):
        parser.add_argument("--warehouse", type=Path, default=warehouse, help=wh_help)
    for parser in (status, listing, diff):
        parser.add_argument("--json", action="store_true", help=json_help)


def _size(n: int | None) -> str:
    if n is None:
        return "-"
    value, unit = float(n), "B"
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):  # noqa: B007 - the last unit is used below
        if value < 1024 or unit == "TiB":
            break
        value /= 1024
    return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"


def _when(value: Any) -> str:
    return value.isoformat(sep=" ", timespec="seconds") if value else ""


def _json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def _summary(led: releases.Ledger) -> str:
    rels = led.releases
    return say(
        "releases_summary",
        count=len(rels),
        pinned=sum(r.pinned for r in rels),
        missing=sum(r.missing for r in rels),
        size=_size(led.disk_bytes),
        folder=releases.Layout(led.target).releases,
    )


def _print_releases(rels: tuple[releases.Release, ...]) -> None:
    h = LABELS
    out.print(f"{h['run']:<22}{h['finished']:<21}{h['size']:>10}  {h['pinned']:<8}{h['state']}")
    for r in rels:
        state = "missing" if r.missing else ("live" if r.is_live else "kept")
        pinned = "pinned" if r.pinned else ""
        out.print(
            f"{r.run_id:<22}{_when(r.finished_at):<21}{_size(r.size_bytes):>10}  {pinned:<8}{state}"
        )


def cmd_releases(args: argparse.Namespace) -> int:
    led = releases.read(args.warehouse)
    if args.json:
        _json([r.to_json() for r in led.releases])
    elif not led.releases:
        out.print(say("no_releases", warehouse=args.warehouse))
    else:
        _print_releases(led.releases)
        out.print(_summary(led))
    return 0


def _print_runs(runs: tuple[releases.Run, ...]) -> None:
    h = LABELS
    out.print(
        f"{h['run']:<22}{h['finished']:<21}{h['status']:<13}{h['read']:>10}{h['accepted']:>10}"
        f"{h['rejected']:>10}  {h['release']:<9}{h['raw_folder']}"
    )
    for run in runs:
        counts = [
            f"{n:>10,}" if n is not None else f"{'-':>10}"
            for n in (run.rows_read, run.rows_accepted, run.rows_rejected)
        ]
        out.print(
            f"{run.run_id:<22}{_when(run.finished_at):<21}{run.status:<13}{''.join(counts)}"
            f"  {run.release:<9}{run.raw_folder or ''}"
            + (f"\n    {run.error}" if run.error else "")
        )  # fmt: skip


def cmd_status(args: argparse.Namespace) -> int:
    led = releases.read(args.warehouse)
    if args.json:
        _json(
            {
                "warehouse": str(args.warehouse),
                "live_run_id": led.live_run_id,
                "newest_succeeded": led.newest_succeeded(),
                "runs": [r.to_json() for r in led.runs],
                "releases": [r.to_json() for r in led.releases],
                "pins": list(led.pins),
                "disk_bytes": led.disk_bytes,
                "leftovers": [lo.to_json() for lo in led.leftovers],
            }
        )
        return 0
    if not led.runs:
        out.print(say("no_runs", warehouse=args.warehouse))
        return 0
    _print_runs(led.runs[-args.limit :])
    out.print(_summary(led))
    if led.pins:
        out.print(LABELS["pins_line"].format(runs=", ".join(led.pins)))
    out.print(say("leftovers_head") if led.leftovers else say("no_leftovers"))
    for lo in led.leftovers:
        out.print(f"  {lo.path} ({_size(lo.size_bytes)})")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    diff = releases.diff_releases(args.warehouse, args.from_run, args.to_run)
    if args.json:
        _json(diff.to_json())
        return 0
    out.print(say("diff_head", old=diff.from_run, new=diff.to_run))
    h = LABELS
    out.print(f"  {h['table']:<16}{h['added']:>10}{h['removed']:>10}{h['changed']:>10}")
    for name, t in diff.tables.items():
        out.print(f"  {name:<16}{t.added:>10,}{t.removed:>10,}{t.changed:>10,}")
    out.print(say("diff_figures", count=len(diff.figures)))
    for f in diff.figures[:FIGURE_LINES]:
        where = f" {f.district_code}" if f.district_code else ""
        out.print(f"  {f.table} {f.as_of}{where} {f.figure}: {f.old} -> {f.new}")
    if len(diff.figures) > FIGURE_LINES:
        out.print(say("diff_more", count=len(diff.figures) - FIGURE_LINES))
    return 0


def cmd_pin(args: argparse.Namespace) -> int:
    done = releases.pin(args.warehouse, args.run)
    out.print(say("pinned" if done else "already_pinned", run=args.run))
    return 0


def cmd_unpin(args: argparse.Namespace) -> int:
    done = releases.unpin(args.warehouse, args.run)
    out.print(say("unpinned" if done else "not_pinned", run=args.run))
    return 0


def cmd_prune(args: argparse.Namespace) -> int:
    from pipeline.warehouse import exclusive

    with exclusive(args.warehouse):  # not while a refresh publishes a release
        pruned = releases.prune(args.warehouse, args.keep)
    led = releases.read(args.warehouse)
    if pruned:
        out.print(say("pruned", count=len(pruned), runs=", ".join(pruned)))
    else:
        out.print(say("pruned_none", count=len(led.releases), keep=args.keep))
    out.print(_summary(led))
    return 0


COMMANDS = {
    "status": cmd_status,
    "releases": cmd_releases,
    "diff": cmd_diff,
    "pin": cmd_pin,
    "unpin": cmd_unpin,
    "prune": cmd_prune,
}
