"""Maps fit to publish: a map of the country draws every province (Taiwan, Hong Kong and Macau
included, grey without data) and the maritime line of the South China Sea; a map of a province draws
that province alone; only the lowest and highest are labelled, apart, in text that contrasts with
its fill."""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go
import polars as pl
import pytest

from dashboard.coverage import geo, maps
from tests.app.conftest import chart, run

WHOLE = {"710000", "810000", "820000", "110000", "460000", "650000", "540000"}


def _codes(spec: dict) -> set[str]:
    """The regions a figure spec draws as shapes."""
    metas = [d.get("meta") for d in spec["data"]]
    return {m["code"] for m in metas if isinstance(m, dict) and "code" in m}


def _maritime(spec: dict) -> list[dict]:
    return [d for d in spec["data"] if (d.get("meta") or {}).get("layer") == "maritime"]


def test_a_national_map_draws_the_whole_country_and_the_maritime_line(national: Path) -> None:
    spec = chart(run("coverage/page.py"), "map")
    drawn = _codes(spec)
    assert WHOLE <= drawn and len(drawn) == 34  # every province, with or without data
    line = _maritime(spec)
    assert len(line) == 1 and min(y for y in line[0]["y"] if y is not None) < 4  # to 曾母暗沙
    taiwan = next(d for d in spec["data"] if (d.get("meta") or {}).get("code") == "710000")
    assert taiwan["fillcolor"] == maps.NO_DATA and "无数据" in taiwan["text"]
    dots = next(d for d in spec["data"] if d.get("customdata"))
    assert "710000" not in dots["customdata"]  # no data: nothing to drill into


def test_a_map_of_a_province_draws_that_province_alone(national: Path) -> None:
    spec = chart(run("coverage/page.py", {"region": "510000"}), "map")
    drawn = _codes(spec)
    assert drawn == set(geo.within("prefecture", "510000")) and len(drawn) == 21
    assert all(c.startswith("51") for c in drawn) and not _maritime(spec)
    greys = {d["meta"]["code"] for d in spec["data"] if d.get("fillcolor") == maps.NO_DATA}
    assert greys == drawn - {"510100", "511700"}  # 成都 and 达州 have data


def _figure(rates: dict[str, float | None]) -> go.Figure:
    codes = tuple(sorted(rates))
    frame = pl.DataFrame(
        {"region_code": list(codes), "region_name": [f"R{c}" for c in codes],
         "coverage_rate": [rates[c] for c in codes]},
        schema={"region_code": pl.String, "region_name": pl.String, "coverage_rate": pl.Float64},
    )  # fmt: skip
    return maps.region_map(frame, geo.regions(codes), "zh", "")


def _drawn(fig: go.Figure) -> dict[str, str]:
    """code -> fill of every region a figure draws."""
    return {
        d.meta["code"]: d.fillcolor
        for d in fig.data
        if isinstance(d.meta, dict) and "code" in d.meta
    }


def _boxes(fig: go.Figure) -> list[tuple[float, float, float, float]]:
    """Each label's box in pixels (left, bottom, right, top), at the scale the map was drawn at."""
    shapes = geo.regions(tuple(sorted(_drawn(fig))))["features"]
    ppd, cos = maps._scale(shapes)  # noqa: SLF001 - the scale the labels were placed with
    out = []
    for a in fig.layout.annotations:
        if a.xref == "paper":
            continue
        w, h = maps._label_box(a.text)  # noqa: SLF001
        x, y = a.x * ppd, a.y * ppd / cos + (a.yshift or 0)
        out.append((x - w / 2, y - h / 2, x + w / 2, y + h / 2))
    return out


def test_only_the_lowest_and_highest_are_labelled_and_never_overlap() -> None:
    beijing = geo.within("county", "110000")  # small neighbours: 海淀区 beside 朝阳区
    for low, high in [("110108", "110105"), ("110101", "110102"), ("110105", "110108")]:
        rates: dict[str, float | None] = {c: 0.5 for c in beijing}
        rates[low], rates[high] = 0.1, 0.9
        fig = _figure(rates)
        labels = [a for a in fig.layout.annotations if a.xref != "paper"]
        assert [a.text.split("<br>")[0] for a in labels] == [f"R{low}", f"R{high}"]
        (a, b) = _boxes(fig)
        assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (low, high, a, b)


@pytest.mark.parametrize("share", [i / 40 for i in range(41)])
def test_label_text_contrasts_with_every_fill(share: float) -> None:
    fill = maps.fill(share, 0.0, 1.0)
    assert maps.contrast(maps.ink(fill), fill) >= 4.5
    assert maps.contrast(maps.ink(maps.NO_DATA), maps.NO_DATA) >= 4.5


def test_each_label_sits_on_its_regions_fill_in_a_contrasting_ink() -> None:
    provinces = geo.within("province", None)
    rates = {c: i / len(provinces) for i, c in enumerate(provinces)} | {"710000": None}
    fig = _figure(rates)
    fills = _drawn(fig)
    labels = [a for a in fig.layout.annotations if a.xref != "paper"]
    rated = sorted((r, c) for c, r in rates.items() if r is not None)
    low, high = rated[0][1], rated[-1][1]
    assert labels[0].text.startswith(f"R{low}")  # the lowest is always labelled
    for label, code in zip(labels, [low, high], strict=True):
        assert label.bgcolor == fills[code]
        assert maps.contrast(label.font.color, label.bgcolor) >= 4.5
    assert fills["710000"] == maps.NO_DATA
    assert any(a.xref == "paper" and "无数据" in a.text for a in fig.layout.annotations)


def test_a_label_point_lies_inside_its_region() -> None:
    """甘肃省's bounding box centre lies outside it; the label point does not."""
    for code in ("620000", "630000", "150000", "110108"):
        ring = geo.regions((code,))["features"][0]["geometry"]["coordinates"][0][0]
        x, y = geo.inside_point(ring)
        crossings = [cx for cx in geo._crossings(ring, y) if cx < x]  # noqa: SLF001
        assert len(crossings) % 2 == 1, code  # an odd number of edges to the west: inside


def test_maritime_segments_are_the_packages_ten() -> None:
    segments = geo.maritime()
    assert len(segments) == 10
    assert all(len(lons) == len(lats) >= 2 for lons, lats in segments)
    assert (
        min(min(lats) for _, lats in segments) < 4 and max(max(lons) for lons, _ in segments) > 122
    )
