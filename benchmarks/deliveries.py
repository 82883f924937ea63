"""Changed deliveries of a register, for the benchmarks: copies of its folder with one file changed."""

from __future__ import annotations

import shutil
from pathlib import Path


def second_delivery(raw: Path, out: Path) -> Path:
    """A copy of `raw` with organizations.csv changed as the module docstring says."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(raw, out)
    data = (raw / "organizations.csv").read_bytes()
    bom = data.startswith(b"\xef\xbb\xbf")
    header, *rows = data.decode("utf-8-sig").splitlines()
    kept = []
    for i, row in enumerate(rows):
        if i % 100 == 0:
            continue
        if i % 100 == 50:
            uscc, name, rest = row.split(",", 2)
            row = f"{uscc},{name}（更名）,{rest}"
        kept.append(row)
    text = "\n".join([header, *kept]) + "\n"
    (out / "organizations.csv").write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode())
    return out


def changed_payments(raw: Path, out: Path, count: int = 100) -> Path:
    """A copy of `raw` in which the first `count` payments written as plain numbers are one yuan
    more (the same rows, ids and dates; every other file the same bytes): a delivery whose funding
    file changed, as when a bureau corrects payments."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(raw, out)
    data = (raw / "funding.csv").read_bytes()
    bom = data.startswith(b"\xef\xbb\xbf")
    header, *rows = data.decode("utf-8-sig").split("\n")
    amount = header.split(",").index("金额（元）")
    changed = 0
    for i, row in enumerate(rows):
        cells = row.split(",")
        if changed < count and len(cells) > amount and cells[amount].replace(".", "", 1).isdigit():
            cells[amount] = f"{float(cells[amount]) + 1:.2f}"
            rows[i] = ",".join(cells)
            changed += 1
    text = "\n".join([header, *rows])
    (out / "funding.csv").write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode())
    return out
