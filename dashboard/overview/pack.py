"""The briefing pack: a zip of the cover, the workbook, one CSV per table and one PNG per chart."""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
import polars as pl

from dashboard.core.export import BOM, Col, table_csv
from dashboard.core.sheets import tables_xlsx
from pipeline.workbook import Cover

_KALEIDO = threading.Lock()
_kaleido_started = False


def png_bytes(fig: go.Figure, width: int = 1100, height: int | None = None) -> bytes:
    """A chart as a PNG ready to paste into a document (kaleido with the system chromium)."""
    global _kaleido_started
    import kaleido

    with _KALEIDO:
        if not _kaleido_started:
            kaleido.start_sync_server(silence_warnings=True)
            _kaleido_started = True
    opts = {
        "format": "png",
        "width": width,
        "height": height or fig.layout.height or 500,
        "scale": 2,
    }
    return kaleido.calc_fig_sync(fig.to_dict(), opts=opts)


@dataclass(frozen=True)
class Briefing:
    """What goes into a briefing pack: cover text, shown tables and charts; the workbook's 说明 sheet
    (None: no workbook) and the charts' subtitle (year-end, selection, release)."""

    cover: str
    tables: Mapping[str, tuple[pl.DataFrame, Sequence[Col]]]
    charts: Mapping[str, go.Figure]
    sheet_cover: Cover | None = None
    subtitle: str = ""


WORKBOOK = "00_简报表格.xlsx"


def with_subtitle(fig: go.Figure, subtitle: str) -> go.Figure:
    """A copy of a chart with a subtitle under its title (what a pasted image must say by itself)."""
    if not subtitle:
        return fig
    out = go.Figure(fig)
    top = max(out.layout.margin.t or 0, 90)
    out.update_layout(title_subtitle_text=subtitle, margin_t=top)
    return out


ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # every entry's date: the pack's bytes do not depend on the clock


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, wherever it is built
    info.external_attr = 0o644 << 16
    return info


def briefing_zip(pack: Briefing, render: Callable[[go.Figure], bytes] = png_bytes) -> bytes:
    """A zip: 00_封面与口径.txt, the workbook 00_简报表格.xlsx (every table, with a 说明 sheet), one CSV
    per table, one PNG per chart with its subtitle (numbered in order).

    Reproducible: entries sorted by name, each dated ZIP_TIME with fixed attributes, and the workbook
    dated by a fixed date, so the same release and selection give the same bytes; only the cover's
    generated-at line differs."""
    entries = {"00_封面与口径.txt": lambda: (BOM + pack.cover).encode("utf-8")}
    if pack.sheet_cover is not None:
        entries[WORKBOOK] = lambda: tables_xlsx(pack.tables, pack.sheet_cover)
    for i, (name, (df, cols)) in enumerate(pack.tables.items(), start=1):
        entries[f"{i:02d}_{name}.csv"] = lambda df=df, cols=cols: table_csv(df, cols)
    for j, (name, fig) in enumerate(pack.charts.items(), start=len(pack.tables) + 1):
        entries[f"{j:02d}_{name}.png"] = lambda fig=fig: render(with_subtitle(fig, pack.subtitle))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(entries):
            archive.writestr(_entry(name), entries[name]())
    return buffer.getvalue()


def cover_text(
    title: str, lines: Sequence[tuple[str, str]], definitions: Sequence[tuple[str, str]]
) -> str:
    """The cover sheet: title, the selection and provenance as label: value, then every definition."""
    out = [title, "=" * 24, ""]
    out += [f"{k}：{v}" for k, v in lines]
    out += ["", "口径说明", "-" * 24]
    out += [f"{k}：{v}" for k, v in definitions]
    return "\r\n".join(out) + "\r\n"
