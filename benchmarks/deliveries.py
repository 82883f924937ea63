"""Changed deliveries of a register, for the benchmarks: copies of its folder with one file changed."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path


def second_delivery(raw: Path, out: Path) -> Path:
    """A copy of `raw` whose organizations.csv lacks every 100th organization and renames every
    100th from the 50th on (their links, projects and payments are then rejected: nearly every
    input table changes)."""

    def edit(text: str) -> str:
        header, *rows = text.splitlines()
        kept = []
        for i, row in enumerate(rows):
            if i % 100 == 0:
                continue
            if i % 100 == 50:
                uscc, name, rest = row.split(",", 2)
                row = f"{uscc},{name}（更名）,{rest}"
            kept.append(row)
        return "\n".join([header, *kept]) + "\n"

    return _changed(raw, out, "organizations.csv", edit)


def changed_payments(raw: Path, out: Path, count: int = 100) -> Path:
    """A copy of `raw` in which the first `count` payments written as plain numbers are one yuan
    more (the same rows, ids and dates; every other file the same bytes): a delivery whose funding
    file changed, as when a bureau corrects payments."""

    def edit(text: str) -> str:
        header, *rows = text.split("\n")
        amount = header.split(",").index("金额（元）")
        changed = 0
        for i, row in enumerate(rows):
            cells = row.split(",")
            if (
                changed < count
                and len(cells) > amount
                and cells[amount].replace(".", "", 1).isdigit()
            ):
                cells[amount] = f"{float(cells[amount]) + 1:.2f}"
                rows[i] = ",".join(cells)
                changed += 1
        return "\n".join([header, *rows])

    return _changed(raw, out, "funding.csv", edit)


def _changed(raw: Path, out: Path, name: str, edit: Callable[[str], str]) -> Path:
    """`out` made a copy of `raw` with the UTF-8 file `name`'s text edited (a BOM kept)."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(raw, out)
    data = (raw / name).read_bytes()
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    (out / name).write_bytes(bom + edit(data.decode("utf-8-sig")).encode())
    return out
