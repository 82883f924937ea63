"""The user's selection: a frozen value read from and written to the URL, as SQL and in words."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from dashboard.core.words import LANGS, Lang, label, t
from schemas import vocab

LEVELS = tuple(vocab.codes(vocab.HUB_LEVEL))
HUB_TYPES = tuple(vocab.codes(vocab.HUB_TYPE))
ORG_TYPES = tuple(vocab.codes(vocab.ORG_TYPE))
SOURCES = tuple(vocab.codes(vocab.FUNDING_SOURCE))
MASS_TYPES = tuple(code for code in HUB_TYPES if code in vocab.MASS_ORG_HUB_TYPES)
ALL_MASK = (1 << (len(HUB_TYPES) * len(LEVELS))) - 1

# query parameter -> Filters field; every list value is checked against an allowlist.
# `district` is the old name of `region` (read as an alias, never written). The scope is never a
# query parameter: the sign-in code sets it.
PARAMS = {
    "year": "year",
    "base": "base_year",
    "region": "regions",
    "district": "regions",
    "level": "levels",
    "hub_type": "hub_types",
    "org_type": "org_types",
    "source": "sources",
    "lang": "lang",
}
# where_sql dimension -> the field whose value it binds ("region", "scope" and "global" are the
# region door: see where_sql)
_DIMS = {
    "as_of": "as_of",
    "year": "year",
    "region": "regions",
    "scope": "scope",
    "hub_region": "regions",
    "global": "scope",
    "level": "levels",
    "hub_type": "hub_types",
    "org_type": "org_types",
    "source": "sources",
}
_IDENT = re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$")
# the codes a region stands for: itself and every region below it (ref.region_levels; a code
# reaches itself at its own level, so prefecture hub codes such as 511700 are members too)
_MEMBERS = "{column} in (select district_code from ref.region_levels where list_contains(${name}::VARCHAR[], region_code))"
# ... and the regions above it: a hub's code serves every region below it (a city-level hub of 511700
# serves a viewer of 511702, with its links there only)
_ABOVE = "{column} in (select region_code from ref.region_levels where list_contains(${name}::VARCHAR[], district_code))"


@dataclass(frozen=True)
class Allowed:
    """The values a selection may take, read from the warehouse."""

    years: tuple[int, ...]
    regions: tuple[str, ...]


@dataclass(frozen=True)
class Filters:
    """One selection: year-end, baseline, and the lists that narrow it (empty list = all).

    regions: the chosen region codes at any level (province, prefecture, county), each standing for
    itself and every region below it. scope: the region codes the viewer may see, expanded the
    same way (empty = no restriction); set by the sign-in code, never read from the URL. Every
    query sees selection ∩ scope through where_sql, the one door.
    """

    year: int
    base_year: int
    regions: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    hub_types: tuple[str, ...] = ()
    org_types: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    lang: Lang = "zh"
    scope: tuple[str, ...] = ()

    @classmethod
    def for_scope(cls, scope: Sequence[str] = ()) -> Filters:
        """No selection, only a scope: for the queries that build the allowlists of a selection."""
        return cls(year=0, base_year=0, scope=tuple(scope))

    @property
    def as_of(self) -> date:
        """The selected year-end."""
        return date(self.year, 12, 31)

    @property
    def base_as_of(self) -> date:
        """The baseline year-end."""
        return date(self.base_year, 12, 31)

    def hub_mask(self) -> int:
        """Bit mask of the selected hub types at the selected levels (see docs/warehouse.md)."""
        types = self.hub_types or HUB_TYPES
        levels = self.levels or LEVELS
        mask = 0
        for hub_type in types:
            for level in levels:
                mask |= 1 << (HUB_TYPES.index(hub_type) * len(LEVELS) + LEVELS.index(level))
        return mask

    def mass_mask(self) -> int:
        """The selection's mask restricted to mass-organization hub types."""
        mass = replace(
            self, hub_types=tuple(h for h in (self.hub_types or HUB_TYPES) if h in MASS_TYPES)
        )
        return mass.hub_mask() if mass.hub_types else 0

    def where_sql(
        self, columns: Mapping[str, str], prefix: str = "w"
    ) -> tuple[str, dict[str, object]]:
        """A WHERE fragment for a dimension -> column map; values are bound as $<prefix>_<dimension>.

        The region door: "region" keeps rows whose (today's) code lies in the selection AND in the
        scope; "scope" in the scope only (pages the selection does not narrow, such as the search);
        "hub_region" a hub's code that lies in, or above, the selection AND the scope (the hubs
        that serve them); "global" (column ignored) keeps data that belongs to no region only for a
        viewer without a scope.
        """
        if not prefix.isidentifier():
            raise ValueError(f"bad parameter prefix: {prefix}")
        clauses: list[str] = []
        params: dict[str, object] = {}
        for dim, column in columns.items():
            if dim not in _DIMS or not (dim == "global" or _IDENT.match(column)):
                raise ValueError(f"unknown filter dimension or column: {dim} -> {column}")
            name, value = f"{prefix}_{dim}", getattr(self, _DIMS[dim])
            if dim in ("as_of", "year"):
                clauses.append(f"{column} = ${name}")
                params[name] = value
            elif dim == "global":
                clauses.append(f"${name}")
                params[name] = not self.scope
            elif dim in ("region", "scope", "hub_region"):
                for field in ("scope",) if dim == "scope" else ("regions", "scope"):
                    if getattr(self, field):
                        bound = f"{name}_{field}"
                        clause = _MEMBERS.format(column=column, name=bound)
                        if dim == "hub_region":
                            above = _ABOVE.format(column=column, name=bound)
                            clause = f"({clause} or {above})"
                        clauses.append(clause)
                        params[bound] = list(getattr(self, field))
            elif value:
                clauses.append(f"list_contains(${name}::VARCHAR[], {column})")
                params[name] = list(value)
        return (" and ".join(clauses) or "true"), params

    def to_params(self) -> dict[str, str | list[str]]:
        """The selection as URL query parameters (defaults included, so a link is exact)."""
        out: dict[str, str | list[str]] = {"year": str(self.year), "base": str(self.base_year)}
        for key in ("region", "level", "hub_type", "org_type", "source"):
            values = getattr(self, PARAMS[key])
            if values:
                out[key] = list(values)
        if self.lang != "zh":
            out["lang"] = self.lang
        return out

    @classmethod
    def from_params(
        cls, params: Mapping[str, Sequence[str]], allowed: Allowed, scope: Sequence[str] = ()
    ) -> Filters:
        """Read a selection from query parameters, keeping only allowed values (`district` read as
        `region`); the scope comes from the caller, never from the parameters."""
        years = allowed.years
        past = [
            y for y in years if date(y, 12, 31) <= date.today()
        ]  # default: the last year-end passed
        year = _pick_year(params.get("year", ()), years, default=max(past or years))
        earlier = [
            y for y in years if y <= year - 5
        ]  # default baseline: five years before, or the first
        base = min(  # a baseline later than the year-end is clamped to it
            year,
            _pick_year(
                params.get("base", ()), years, default=max(earlier) if earlier else min(years)
            ),
        )
        lang_values = [v for v in params.get("lang", ()) if v in LANGS]
        return cls(
            year=year,
            base_year=base,
            regions=_keep(
                [*params.get("region", ()), *params.get("district", ())], allowed.regions
            ),
            levels=_keep(params.get("level", ()), LEVELS),
            hub_types=_keep(params.get("hub_type", ()), HUB_TYPES),
            org_types=_keep(params.get("org_type", ()), ORG_TYPES),
            sources=_keep(params.get("source", ()), SOURCES),
            lang="en" if lang_values[-1:] == ["en"] else "zh",
            scope=tuple(scope),
        )

    def caption(
        self, lang: Lang, region_names: Mapping[str, str], fields: Sequence[str] | None = None
    ) -> str:
        """The selection in words, e.g. 截至2023年底；对比2018年底；地区：东城区、西城区 (only `fields`,
        if given); a scope is always said."""
        shown = set(fields) if fields is not None else set(_CAPTION)
        sep = t("caption.list_sep", lang)
        parts = []
        if "year" in shown:
            parts.append(t("caption.as_of", lang, year=self.year))
        if "base_year" in shown:
            parts.append(t("caption.base", lang, year=self.base_year))
        for name, (key, vocabulary) in _CAPTION.items():
            if name not in shown or not vocabulary:
                continue
            codes = getattr(self, name)
            names = [
                region_names.get(c, c) if vocabulary == "region" else label(vocabulary, c, lang)
                for c in codes
            ]
            value = sep.join(names) if names else t("filter.all", lang)
            parts.append(t("caption.kv", lang, k=t(key, lang), v=value))
        if self.scope:
            value = sep.join(region_names.get(c, c) for c in self.scope)
            parts.append(t("caption.kv", lang, k=t("filter.scope", lang), v=value))
        return t("caption.sep", lang).join(parts)


_CAPTION = {
    "year": ("filter.year", ""),
    "base_year": ("filter.base", ""),
    "regions": ("filter.regions", "region"),
    "levels": ("filter.levels", "hub_level"),
    "hub_types": ("filter.hub_types", "hub_type"),
    "org_types": ("filter.org_types", "org_type"),
    "sources": ("filter.sources", "funding_source"),
}


def _keep(values: Sequence[str], allowed: Sequence[str]) -> tuple[str, ...]:
    allowed_set = set(allowed)
    kept = [v for v in dict.fromkeys(values) if v in allowed_set]
    return tuple(
        v for v in allowed if v in kept
    )  # allowlist order, so equal selections compare equal


def _year(value: str, years: Sequence[int]) -> int | None:
    """A year the warehouse has, or None: ASCII digits only ("²".isdigit() is true, int() fails)."""
    if value.isascii() and value.isdigit() and len(value) <= 4 and int(value) in years:
        return int(value)
    return None


def _pick_year(values: Sequence[str], years: Sequence[int], *, default: int) -> int:
    for value in values:
        year = _year(value, years)
        if year is not None:
            return year
    return default


def looks_like_region(value: str) -> bool:
    """Whether a URL value has the form of a region code (six ASCII digits), known or not."""
    return len(value) == 6 and value.isascii() and value.isdigit()


def refused(params: Mapping[str, Sequence[str]], allowed: Allowed) -> tuple[tuple[str, str], ...]:
    """The (parameter, value) pairs of a URL's filter parameters that the allowlists refuse, in order;
    from_params drops them, and the page names them in a note. `drill` (the coverage page's old
    drill-down, read as a region by the sidebar) is checked as a region. Unknown parameter names are
    not ours (a chat app adds its own) and are left alone."""
    lists = {"region": allowed.regions, "district": allowed.regions, "drill": allowed.regions,
             "level": LEVELS, "hub_type": HUB_TYPES, "org_type": ORG_TYPES, "source": SOURCES,
             "lang": LANGS}  # fmt: skip
    out: list[tuple[str, str]] = []
    for key in (*PARAMS, "drill"):
        for value in params.get(key, ()):
            ok = (
                _year(value, allowed.years) is not None
                if key in ("year", "base")
                else value in lists[key]
            )
            if not ok:
                out.append((key, value))
    return tuple(out)
