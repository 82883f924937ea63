"""The region hierarchy the data lies in (province → prefecture → county): pure navigation, no SQL.

Built from frame/queries.regions() (one row per region and level that has data, within the viewer's
scope). A code can sit at two levels with the same members (a municipality is its own prefecture,
东莞 441900 is a county and its own prefecture); the tree keys regions by code and skips a level
whose only region is the same code. A row `is_unassigned` (organizations known only at a region
above county level: 莆田市本级（未落区县） 350300, 四川省本级（未落地市） 510000, 全国本级（未落省份）
100000) is no place of the tree: it is the `own` row of the region it belongs to, ranked beside
that region's children and never drilled into.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import polars as pl

LEVELS = ("province", "prefecture", "county")


@dataclass(frozen=True)
class View:
    """Where a page stands: the region shown (None = everything), its path, and what it ranks.

    path: the regions from the top down to `node` (breadcrumbs), after the top's single-region
    chain (a register of one city starts inside that city). ranked: the regions the page ranks
    (the children of node, or the chosen regions when several are chosen); empty at a leaf.
    """

    node: str | None
    top: tuple[str, ...]
    path: tuple[str, ...]
    ranked: tuple[str, ...]
    level: str | None
    several: bool = False
    own: str | None = None  # the code of the node's row of its own (市本级（未落区县）), if any

    @property
    def leaf(self) -> bool:
        """A region with nothing below it: the page lists its organizations."""
        return not self.ranked


@dataclass(frozen=True)
class RegionTree:
    """Regions with data, by code: level, parent, name, and the label shown outside the parent."""

    level: dict[str, str]
    parent: dict[str, str | None]
    name: dict[str, str]
    label: dict[str, str]
    children: dict[str | None, tuple[str, ...]] = field(default_factory=dict)
    # region (None: the top) -> (code, name) of its row of organizations known at no region below
    own: dict[str | None, tuple[str, str]] = field(default_factory=dict)
    # every level a code has data at (a municipality is a province and its own prefecture)
    levels: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_frame(cls, frame: pl.DataFrame) -> RegionTree:
        """Build from rows of region_level, region_code, parent_code, region_name, region_label."""
        level: dict[str, str] = {}
        parent: dict[str, str | None] = {}
        name: dict[str, str] = {}
        label: dict[str, str] = {}
        own: dict[str | None, tuple[str, str]] = {}
        levels: dict[str, tuple[str, ...]] = {}
        if "is_unassigned" not in frame.columns:
            frame = frame.with_columns(is_unassigned=pl.lit(False))
        rows = frame.select(
            "region_level", "region_code", "parent_code", "region_name", "region_label",
            "is_unassigned",
        ).rows()  # fmt: skip
        for lvl, code, up, region_name, region_label, unassigned in sorted(
            rows, key=lambda r: (LEVELS.index(r[0]), r[1])
        ):
            if unassigned:  # a row of its own of the region above (全国本级: of the top)
                own[up or None] = (code, region_label)
                continue  # no region of the tree: no level of its own
            if code not in level:  # the highest level a code reaches holds its place
                level[code], parent[code] = lvl, up
                name[code], label[code] = region_name, region_label
            if lvl not in levels.get(code, ()):
                levels[code] = (*levels.get(code, ()), lvl)
        kids: dict[str | None, list[str]] = {}
        for code in sorted(level):
            up = parent[code]
            kids.setdefault(up if up in level else None, []).append(code)
        own = {k: v for k, v in own.items() if k is None or k in level}
        children = {k: tuple(v) for k, v in kids.items()}
        return cls(level, parent, name, label, children, own=own, levels=levels)

    def __contains__(self, code: object) -> bool:
        return code in self.level

    def codes(self) -> tuple[str, ...]:
        """Every region code, provinces first, then prefectures, then counties."""
        return self._ordered

    @cached_property
    def _ordered(self) -> tuple[str, ...]:
        # sorted once per tree: the sidebar asks for it a dozen times a render (3,000 codes at
        # national scale), and the router shares one tree among sessions (frame/queries.tree)
        return tuple(sorted(self.level, key=lambda c: (LEVELS.index(self.level[c]), c)))

    def below(self, code: str | None) -> tuple[str, ...]:
        """The regions one level below (None: the top regions)."""
        return self.children.get(code, ())

    def ancestors(self, code: str) -> tuple[str, ...]:
        """The regions above a code, from the top down (within the tree)."""
        chain: list[str] = []
        up = self.parent.get(code)
        while up is not None and up in self.level and up not in chain:
            chain.insert(0, up)
            up = self.parent.get(up)
        return tuple(chain)

    def own_code(self, code: str | None) -> str | None:
        """The code of a region's row of its own (None: the top's, 100000), if it has one."""
        return self.own[code][0] if code in self.own else None

    def _descend(self, code: str | None) -> str | None:
        """Follow regions that hold a single region below them (a one-city register starts there),
        not one that also has a row of its own (that row is ranked beside the single region)."""
        seen: set[str | None] = set()
        while len(self.below(code)) == 1 and code not in seen and code not in self.own:
            seen.add(code)
            code = self.below(code)[0]
        return code

    def top(self) -> tuple[str, ...]:
        """The single-region chain the whole data opens at (北京市 for a Beijing register)."""
        node = self._descend(None)
        return (*self.ancestors(node), node) if node is not None else ()

    def normalize(self, codes: Iterable[str]) -> tuple[str, ...]:
        """Known codes only, without a code that lies in another chosen one; the top chain alone = all."""
        known = [c for c in dict.fromkeys(codes) if c in self.level]
        chosen = set(known)
        kept = tuple(c for c in self.codes() if c in chosen and not chosen & set(self.ancestors(c)))
        return () if len(kept) == 1 and kept[0] in self.top() else kept

    def view(self, selection: Sequence[str]) -> View:
        """What a page shows for a selection: one region's children (or its organizations), or the
        chosen regions side by side."""
        chosen = self.normalize(selection)
        top = self.top()
        if len(chosen) > 1:
            return View(None, top, (), chosen, _common(self.level, chosen), several=True)
        node = self._descend(chosen[0] if chosen else None)
        path = tuple(c for c in (*self.ancestors(node), node) if c not in top) if node else ()
        ranked = self.below(node)
        own = self.own_code(node) if ranked else None
        return View(node, top, path, ranked, _common(self.level, ranked), own=own)

    def split(self, codes: Sequence[str]) -> dict[str, list[str]]:
        """A selection as the picker's three lists: each code and the regions above it, by level."""
        picks: dict[str, list[str]] = {lvl: [] for lvl in LEVELS}
        for code in self.normalize(codes):
            for c in (*self.ancestors(code), code):
                if c not in picks[self.level[c]]:
                    picks[self.level[c]].append(c)
        return picks

    def join(self, picks: dict[str, Sequence[str]]) -> tuple[str, ...]:
        """The picker's three lists as a selection: the deepest choice of each branch."""
        chosen = [c for lvl in LEVELS for c in picks.get(lvl, ()) if c in self.level]
        inner = {a for c in chosen for a in self.ancestors(c)}
        return self.normalize(c for c in chosen if c not in inner)

    def options(self, lvl: str, picks: dict[str, Sequence[str]]) -> tuple[str, ...]:
        """The picker's choices at one level: the regions of that level inside the chosen regions
        above (all of that level when nothing above is chosen)."""
        above = [c for up in LEVELS[: LEVELS.index(lvl)] for c in picks.get(up, ())]
        inner = set(above) - {a for c in above for a in self.ancestors(c)}
        return tuple(
            c
            for c in self.codes()
            if self.level[c] == lvl and (not inner or inner & set(self.ancestors(c)))
        )

    def at_level(self, lvl: str, within: Sequence[str] = ()) -> tuple[str, ...]:
        """Every region with data at a level (a municipality is a province and its own prefecture)
        that lies in one of `within` (everywhere when empty), by code: all prefectures of the
        country, all counties of 四川省."""
        inside = set(within)
        return tuple(
            c
            for c in sorted(self.level)
            if lvl in self.levels.get(c, (self.level[c],))
            and (not inside or c in inside or inside & set(self.ancestors(c)))
        )

    def rank_levels(self, view: View) -> tuple[str, ...]:
        """The levels a page may rank in a view: the one below it (what the view ranks) and every
        level deeper that holds more regions (prefectures and counties of the country)."""
        if view.leaf:
            return ()
        first = min(LEVELS.index(self.level[c]) for c in view.ranked)
        within = view.ranked if view.several else (view.node,) if view.node else ()
        found: list[str] = []
        for lvl in LEVELS[first:]:
            count = len(view.ranked) if lvl == view.level else len(self.at_level(lvl, within))
            if lvl == view.level or count > max(len(view.ranked), 1):
                found.append(lvl)
        return tuple(found)

    def ranked_at(self, view: View, lvl: str | None) -> tuple[str, ...]:
        """The regions a view ranks at a level (rank_levels); the view's own when the level is its
        own, not one of its levels, or not given."""
        if lvl is None or lvl == view.level or lvl not in self.rank_levels(view):
            return view.ranked
        within = view.ranked if view.several else (view.node,) if view.node else ()
        return self.at_level(lvl, within)

    def with_parent(self, code: str) -> str:
        """The name shown with the region above it (河源市 · 广东省): for a ranking of every
        prefecture of the country, where the parent is not on the page."""
        shown = self.label.get(code, code)
        up = self.parent.get(code)
        if up is None or up == code or up not in self.name or " · " in shown:
            return shown
        return f"{shown} · {self.name[up]}"


def _common(level: dict[str, str], codes: Sequence[str]) -> str | None:
    """The level the codes share (None when mixed or empty)."""
    levels = {level[c] for c in codes}
    return levels.pop() if len(levels) == 1 else None
