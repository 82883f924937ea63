"""The roles file (pure): who may see and do what, by e-mail or group claim; errors name the file's line.

    groups_claim = "groups"                      # optional: the claim that lists a user's groups
    [users]
    "leader@example.gov.cn"   = { role = "leader" }
    "chaoyang@example.gov.cn" = { role = "viewer", regions = ["110105"] }
    [groups]
    "shuniu-staff" = { role = "staff" }

Format and rules: docs/access.md.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

ROLES = ("viewer", "leader", "staff", "admin")  # weakest first
SECTIONS = ("users", "groups")
TOP_KEYS = (*SECTIONS, "groups_claim")
ENTRY_KEYS = ("role", "regions")
_TOML_LINE = re.compile(r"at line (\d+)")


class RolesError(Exception):
    """The roles file cannot be used: a catalogue key (roles.*), the file, its line, and values."""

    def __init__(self, key: str, path: Path, line: int | None, /, **params: object) -> None:
        self.key, self.path, self.line, self.params = key, path, line, params
        super().__init__(f"{path}:{line or '?'}: {key} {params}")


@dataclass(frozen=True)
class Grant:
    """What one entry gives: a role and, for a viewer (or limited staff), the regions it sees."""

    role: str
    regions: tuple[str, ...] = ()  # empty: every region (never for a viewer)
    source: str = ""  # "users:<e-mail>" or "groups:<name>", for the log

    def rank(self) -> int:
        return ROLES.index(self.role)


@dataclass(frozen=True)
class Roles:
    """The parsed roles file."""

    users: Mapping[str, Grant] = field(default_factory=dict)  # lower-case e-mail -> grant
    groups: Mapping[str, Grant] = field(default_factory=dict)
    groups_claim: str = "groups"


@dataclass(frozen=True)
class Regions:
    """The region codes a roles file may name: today's codes, and retired ones with their successor."""

    current: Collection[str]
    retired: Mapping[str, str | None]


@lru_cache(maxsize=1)
def reference_regions() -> Regions:
    """Today's codes and the retired ones with their successor, from schemas/ (GB/T 2260)."""
    from schemas.regions import region_table

    table = region_table()
    current = frozenset(table.filter(table["is_current"])["region_code"].to_list())
    retired = table.filter(~table["is_current"])
    codes, successors = retired["region_code"].to_list(), retired["successor_code"].to_list()
    return Regions(current, dict(zip(codes, successors, strict=True)))


def parse(text: str, path: Path, regions: Regions) -> Roles:
    """Read a roles file's text; RolesError names the first problem and its line."""
    lines = text.splitlines()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        raise RolesError(
            "roles.bad_toml", path, int(found.group(1)) if found else None, error=str(exc)
        ) from exc
    for key in data:
        if key not in TOP_KEYS:
            raise RolesError("roles.unknown_top", path, _line(lines, None, key), key=key)
    claim = data.get("groups_claim", "groups")
    if not isinstance(claim, str) or not claim:
        raise RolesError("roles.bad_claim", path, _line(lines, None, "groups_claim"))
    parsed: dict[str, dict[str, Grant]] = {}
    for section in SECTIONS:
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise RolesError("roles.not_table", path, _line(lines, None, section), key=section)
        parsed[section] = {}
        for name, entry in table.items():
            where = _Where(lines, path, section, name)
            grant = _grant(entry, where, regions)
            folded = name.lower() if section == "users" else name
            if folded in parsed[section]:
                raise where.error("roles.duplicate", None, other=parsed[section][folded].source)
            parsed[section][folded] = grant
    return Roles(parsed["users"], parsed["groups"], claim)


@dataclass(frozen=True)
class _Where:
    lines: Sequence[str]
    path: Path
    section: str
    name: str

    def error(self, key: str, token: str | None, /, **params: object) -> RolesError:
        line = _line(self.lines, self.section, self.name, token)
        return RolesError(key, self.path, line, entry=self.name, **params)


def _grant(entry: object, where: _Where, regions: Regions) -> Grant:
    if where.section == "users" and (not isinstance(where.name, str) or "@" not in where.name):
        raise where.error("roles.not_email", None)
    if not isinstance(entry, dict):
        raise where.error("roles.not_entry", None)
    for key in entry:
        if key not in ENTRY_KEYS:
            raise where.error("roles.unknown_entry_key", key, key=key)
    role = entry.get("role")
    if role is None:
        raise where.error("roles.no_role", None)
    if role not in ROLES:
        raise where.error("roles.unknown_role", f'"{role}"', role=role, roles=" / ".join(ROLES))
    codes = _codes(entry.get("regions", []), where, regions)
    if role == "viewer" and not codes:
        raise where.error("roles.viewer_without_regions", None)
    if role == "leader" and codes:
        raise where.error("roles.leader_with_regions", "regions")
    return Grant(role, codes, f"{where.section}:{where.name}")


def _codes(value: Any, where: _Where, regions: Regions) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise where.error("roles.bad_regions", "regions")
    for code in value:
        if code in regions.current:
            continue
        if code in regions.retired:
            successor = regions.retired[code] or "—"
            raise where.error("roles.retired_region", f'"{code}"', code=code, successor=successor)
        raise where.error("roles.unknown_region", f'"{code}"', code=code)
    return tuple(dict.fromkeys(value))


def _key_pattern(key: str) -> str:
    quoted = re.escape(key)
    return rf"(?:\"{quoted}\"|'{quoted}'|{quoted})"


def _line(lines: Sequence[str], section: str | None, key: str, token: str | None = None) -> int:
    """The 1-based line of `key` (in `[section]`, or as `[section.key]`), then of `token` in it."""
    key_re = _key_pattern(key)
    entry = re.compile(rf"^\s*{key_re}\s*=")
    header = re.compile(
        rf"^\s*\[+\s*{_key_pattern(section)}\s*\.\s*{key_re}\s*\]" if section else "$^"
    )
    own = re.compile(rf"^\s*\[+\s*{key_re}\s*\]")
    current: str | None = None
    start = None
    for i, text in enumerate(lines):
        stripped = text.strip()
        if header.match(text) or (section is None and own.match(text)):
            start = i
            break
        if stripped.startswith("["):
            current = stripped.strip("[] ").strip("\"'")
            continue
        if entry.match(text) and current == section:
            start = i
            break
    if start is None:
        return 1
    if token is None:
        return start + 1
    for j in range(start, len(lines)):
        if j > start and lines[j].strip().startswith("["):
            break
        if token in lines[j]:
            return j + 1
    return start + 1


def resolve(
    roles: Roles, email: str | None, groups: Sequence[str], email_verified: object = None
) -> Grant | None:
    """The grant of a signed-in user, or None (no role).

    An e-mail entry decides alone (unless the provider says the address is not verified). Else the
    groups: the strongest role among them, and the regions of all of them together (one without
    regions means every region)."""
    if email and email_verified is not False:
        grant = roles.users.get(email.strip().lower())
        if grant is not None:
            return grant
    found = [roles.groups[g] for g in dict.fromkeys(groups) if g in roles.groups]
    if not found:
        return None
    strongest = max(found, key=Grant.rank)
    if any(not g.regions for g in found):
        codes: tuple[str, ...] = ()
    else:
        codes = tuple(dict.fromkeys(c for g in found for c in g.regions))
    return Grant(strongest.role, codes, ", ".join(g.source for g in found))


def claim_groups(value: object) -> tuple[str, ...]:
    """A group claim as a tuple of names (a list, or one string; anything else: none)."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(v for v in value if isinstance(v, str))
    return ()
