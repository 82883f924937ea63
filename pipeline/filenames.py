"""Export file names that say what they hold, for the CLI's exports and the dashboard's downloads alike."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

_BAD_NAME = re.compile(r'[\\/:*?"<>|\s\x00-\x1f\x7f]+')  # what a file system or a shell trips on


def file_name(parts: Sequence[str], ext: str, now: datetime | None = None) -> str:
    """The non-empty parts joined by _, each with blanks, control characters and the characters a
    file system refuses replaced by -, then when it was exported if `now` is given:
    分区覆盖_2023年底_导出20261123-1150.csv, 简报表格_2023年底_批次20261123T114501-3f2a.xlsx."""
    words = [_BAD_NAME.sub("-", p).strip("-") for p in parts if p]
    stamp = [f"导出{now:%Y%m%d-%H%M}"] if now is not None else []
    return "_".join([*words, *stamp]) + f".{ext}"
