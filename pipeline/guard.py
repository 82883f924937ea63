"""The drop guard: a refresh is not published when a table's accepted rows fall by more than a set
share against the live release, or a file ends in a line cut short, unless the drop is accepted."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol

from pipeline import releases
from pipeline.csvfile import InputError
from pipeline.messages import Lang, text_in
from pipeline.validate import Checked

DEFAULT_MAX_DROP = 0.20  # a table may lose up to a fifth of its rows without a word


@dataclass(frozen=True)
class Policy:
    """How a refresh treats a drop: the share a table may lose, and whether a drop (or a cut
    line) is accepted deliberately (`--accept-drop`, the publish page's checkbox)."""

    max_drop: float = DEFAULT_MAX_DROP
    accept: bool = False


class Counted(Protocol):
    """A file's counts as a refresh reports them (pipeline.refresh.FileStats)."""

    @property
    def file(self) -> str: ...
    @property
    def table_name(self) -> str: ...
    @property
    def rows_accepted(self) -> int: ...


@dataclass(frozen=True)
class Drop:
    """A table whose accepted rows fell by more than the share allowed."""

    table_name: str
    file: str
    live_rows: int
    new_rows: int

    @property
    def share(self) -> float:
        return 1 - self.new_rows / self.live_rows


@dataclass(frozen=True)
class Cut:
    """A file whose last line is cut short: its line, its columns and the header's."""

    file: str
    line: int
    columns: int
    header_columns: int


class DropRefused(InputError):
    """Not published: the drops and cut lines found, each with its counts."""

    def __init__(self, drops: list[Drop], cuts: list[Cut], max_drop: float) -> None:
        super().__init__("guard.refused")
        self.drops, self.cuts, self.max_drop = drops, cuts, max_drop

    def params_in(self, lang: Lang) -> dict[str, object]:
        """`what`: each drop and cut line in words, in `lang`."""
        said = [
            text_in(lang, "guard.dropped", file=d.file, live=d.live_rows, new=d.new_rows,
                    share=d.share, limit=self.max_drop)
            for d in self.drops
        ]  # fmt: skip
        said += [
            text_in(lang, "guard.cut", file=c.file, line=c.line, found=c.columns,
                    expected=c.header_columns)
            for c in self.cuts
        ]  # fmt: skip
        return {"what": ("；" if lang == "zh" else "; ").join(said)}


def live_rows(target: Path) -> dict[str, tuple[str, int]]:
    """Per table, the file and rows accepted of the live release (empty when there is none)."""
    for rel in releases.read(target).releases:
        if rel.is_live:
            return {
                i.table_name: (i.file, i.rows_accepted)
                for i in rel.inputs
                if i.rows_accepted is not None
            }
    return {}


def drops(
    live: Mapping[str, tuple[str, int]], files: Iterable[Counted], max_drop: float
) -> list[Drop]:
    """The tables whose accepted rows fell by more than `max_drop` (a file gone counts as 0 rows)."""
    new = {f.table_name: (f.file, f.rows_accepted) for f in files}
    found = []
    for table, (old_file, old_rows) in live.items():
        file, rows = new.get(table, (old_file, 0))
        if old_rows and rows < old_rows * (1 - max_drop):
            found.append(Drop(table, file, old_rows, rows))
    return found


def cuts(checked: Mapping[str, Checked]) -> list[Cut]:
    """The files whose last line is cut short (see pipeline/csvfile.cut_row_width)."""
    return [Cut(c.raw.path.name, *c.raw.cut_row) for c in checked.values() if c.raw.cut_row]


def check(
    target: Path, checked: Mapping[str, Checked], files: Iterable[Counted], policy: Policy
) -> dict[str, Any] | None:
    """Raise DropRefused when a table falls by more than the policy's share against the live
    release of `target` or a file ends in a cut line; when the policy accepts it, what was
    accepted (for the audit log), or None when there was nothing to accept."""
    found = drops(live_rows(target), files, policy.max_drop), cuts(checked)
    if not any(found):
        return None
    if not policy.accept:
        raise DropRefused(*found, policy.max_drop)
    return {
        "max_drop": policy.max_drop,
        "drops": [asdict(d) for d in found[0]],
        "cuts": [asdict(c) for c in found[1]],
    }
