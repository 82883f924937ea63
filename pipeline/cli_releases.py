"""The release commands of the CLI (releases, diff, pin, unpin, prune, status): parse, call, print.

Every sentence, heading and state word is in the bilingual catalogue; JSON keeps the English codes."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console

from pipeline import audit, releases
from pipeline.messages import cell, language, text
from pipeline.releases.model import STATE_WORDS, STATUS_WORDS

out = Console(highlight=False, soft_wrap=True, markup=False)
Add = Callable[[str, str], argparse.ArgumentParser]
FIGURE_LINES = 20  # the text form of `diff` shows this many moved figures; --json gives all


def keep_count(value: str) -> int:
    """--keep N: a whole number >= 1."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(text("releases.bad_keep"))
    return number


def add_commands(add: Add, warehouse: Path, wh_help: str) -> None:
    """Register the release commands on the CLI's sub-parsers (help texts: catalogue keys)."""
    status = add("status", "help.status")
    status.add_argument("--limit", type=int, default=10, help=text("help.limit"))
    listing = add("releases", "help.releases")
    diff = add("diff", "help.diff")
    diff.add_argument("--from", dest="from_run", metavar="RUN", help=text("help.from"))
    diff.add_argument("--to", dest="to_run", metavar="RUN", help=text("help.to"))
    pin = add("pin", "help.pin")
    unpin = add("unpin", "help.unpin")
    for parser in (pin, unpin):
        parser.add_argument("run", metavar="RUN", help=text("help.run"))
    prune = add("prune", "help.prune")
    prune.add_argument(
        "--keep",
        type=keep_count,
        default=releases.DEFAULT_KEEP,
        help=text("help.keep", keep=releases.DEFAULT_KEEP),
    )
    for parser in (status, listing, diff, pin, unpin, prune):
        parser.add_argument("--warehouse", type=Path, default=warehouse, help=wh_help)
    for parser in (status, listing, diff):
        parser.add_argument("--json", action="store_true", help=text("help.json"))


def target_of(path: Path) -> Path:
    """The warehouse a --warehouse path names: through a symlink, its target (whose releases,
    journal and pins sit beside it, where refresh keeps them); else the path as given."""
    from pipeline.warehouse import WarehousePathError

    try:
        resolved = path.resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Python 3.11)
        raise WarehousePathError("warehouse.unresolvable", path=path, reason=exc) from exc
    return path if resolved == path.absolute() else resolved


def run_list(run_ids: Sequence[str]) -> str:
    """Run ids as one list in the current language (a、b in Chinese, a, b in English)."""
    return ("、" if language() == "zh" else ", ").join(run_ids)


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


def _word(words: dict[str, str], code: str) -> str:
    """A status or state code as the catalogue words it (an unknown code as it is)."""
    return text(words[code]) if code in words else code


def _json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def _summary(led: releases.Ledger) -> str:
    rels = led.releases
    return text(
        "releases.summary",
        count=len(rels),
        pinned=sum(r.pinned for r in rels),
        missing=sum(r.missing for r in rels),
        size=_size(led.disk_bytes),
        folder=releases.Layout(led.target).releases,
    )


def _print_releases(rels: tuple[releases.Release, ...]) -> None:
    out.print(
        cell(text("status.run"), 22, left=True)
        + cell(text("status.finished"), 21, left=True)
        + cell(text("releases.label.size"), 10)
        + "  "
        + cell(text("releases.label.pinned"), 8, left=True)
        + text("releases.label.state")
    )
    for r in rels:
        state = "missing" if r.missing else ("live" if r.is_live else "kept")
        pinned = text("releases.state.pinned") if r.pinned else ""
        out.print(
            cell(r.run_id, 22, left=True)
            + cell(_when(r.finished_at), 21, left=True)
            + cell(_size(r.size_bytes), 10)
            + "  "
            + cell(pinned, 8, left=True)
            + _word(STATE_WORDS, state)
        )


def cmd_releases(args: argparse.Namespace) -> int:
    led = releases.read(target_of(args.warehouse))
    if args.json:
        _json([r.to_json() for r in led.releases])
    elif not led.releases:
        out.print(text("releases.none", warehouse=args.warehouse))
    else:
        _print_releases(led.releases)
        out.print(_summary(led))
    return 0


def _print_runs(runs: tuple[releases.Run, ...]) -> None:
    counts = ("summary.read", "summary.accepted", "summary.rejected")
    out.print(
        cell(text("status.run"), 22, left=True)
        + cell(text("status.finished"), 21, left=True)
        + cell(text("status.status"), 13, left=True)
        + "".join(cell(text(key), 10) for key in counts)
        + "  "
        + cell(text("releases.label.release"), 9, left=True)
        + text("status.raw")
    )
    for run in runs:
        numbers = (run.rows_read, run.rows_accepted, run.rows_rejected)
        out.print(
            cell(run.run_id, 22, left=True)
            + cell(_when(run.finished_at), 21, left=True)
            + cell(_word(STATUS_WORDS, run.status), 13, left=True)
            + "".join(cell("-" if n is None else n, 10) for n in numbers)
            + "  "
            + cell(_word(STATE_WORDS, run.release), 9, left=True)
            + (run.raw_folder or "")
            + (f"\n    {run.error}" if run.error else "")
        )


def has_hub_data(warehouse: Path) -> bool | None:
    """Whether the live warehouse was built from a delivery with hubs (None: no warehouse yet)."""
    if not warehouse.is_file():
        return None
    from pipeline.warehouse import connect

    con = connect(warehouse, read_only=True)
    try:
        row = con.execute(
            "select count(*) from quality.file_stats where table_name = 'hubs'"
        ).fetchone()
    finally:
        con.close()
    return bool(row and row[0])


def cmd_status(args: argparse.Namespace) -> int:
    led = releases.read(target_of(args.warehouse))
    hubs = has_hub_data(target_of(args.warehouse)) if led.live_run_id else None
    if args.json:
        _json(
            {
                "warehouse": str(args.warehouse),
                "has_hub_data": hubs,
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
        out.print(text("status.none", warehouse=args.warehouse))
        return 0
    _print_runs(led.runs[-args.limit :])
    out.print(_summary(led))
    if hubs is False:
        out.print(text("status.no_hub_data"))
    if led.pins:
        out.print(text("releases.pins", runs=run_list(led.pins)))
    out.print(text("releases.leftovers_head" if led.leftovers else "releases.no_leftovers"))
    for lo in led.leftovers:
        out.print(f"  {lo.path} ({_size(lo.size_bytes)})")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    diff = releases.diff_releases(target_of(args.warehouse), args.from_run, args.to_run)
    if args.json:
        _json(diff.to_json())
        return 0
    out.print(text("releases.diff_head", old=diff.from_run, new=diff.to_run))
    heads = ("releases.label.added", "releases.label.removed", "releases.label.changed")
    out.print(
        "  "
        + cell(text("releases.label.table"), 16, left=True)
        + "".join(cell(text(key), 10) for key in heads)
    )
    for name, t in diff.tables.items():
        counts = (t.added, t.removed, t.changed)
        out.print("  " + cell(name, 16, left=True) + "".join(cell(n, 10) for n in counts))
    out.print(text("releases.diff_figures", count=len(diff.figures)))
    for f in diff.figures[:FIGURE_LINES]:
        where = f" {f.district_code}" if f.district_code else ""
        out.print(f"  {f.table} {f.as_of}{where} {f.figure}: {f.old} -> {f.new}")
    if len(diff.figures) > FIGURE_LINES:
        out.print(text("releases.diff_more", count=len(diff.figures) - FIGURE_LINES))
    return 0


def cmd_pin(args: argparse.Namespace) -> int:
    target = target_of(args.warehouse)
    done = releases.pin(target, args.run)
    if done:
        audit.record(target, "pin", audit.os_user(), args.run)
    out.print(text("releases.pinned" if done else "releases.already_pinned", run=args.run))
    return 0


def cmd_unpin(args: argparse.Namespace) -> int:
    target = target_of(args.warehouse)
    done = releases.unpin(target, args.run)
    if done:
        audit.record(target, "unpin", audit.os_user(), args.run)
    out.print(text("releases.unpinned" if done else "releases.not_pinned", run=args.run))
    return 0


def cmd_prune(args: argparse.Namespace) -> int:
    from pipeline.warehouse import exclusive

    target = target_of(args.warehouse)
    with exclusive(target, "prune"):  # not while a refresh publishes a release
        pruned = releases.prune(target, args.keep)
        audit.record(target, "prune", audit.os_user(), None, keep=args.keep, pruned=pruned)
    led = releases.read(target)
    if pruned:
        out.print(text("releases.pruned", count=len(pruned), runs=run_list(pruned)))
    else:
        out.print(text("releases.pruned_none", count=len(led.releases), keep=args.keep))
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
