"""Sign-out that holds: Streamlit's sign-in cookie is stateless, so signing out writes the session's key
(a digest of its ID token's claims) to a list beside the warehouse (hub.signed_out.jsonl); the sign-in
gate and the media door refuse a cookie whose key is on it, in every worker and after a restart."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pipeline import jsonl

log = logging.getLogger("shuniu.access")
# what Streamlit adds to the ID token's claims in its cookie or in st.user: not part of the sign-in
NOT_CLAIMS = frozenset({"is_logged_in", "origin", "tokens"})


def path_of(target: Path) -> Path:
    """data/warehouse/hub.signed_out.jsonl beside the warehouse data/warehouse/hub.duckdb."""
    return target.with_name(f"{target.stem}.signed_out.jsonl")


def key(user: Mapping[str, Any]) -> str:
    """The key of one sign-in: a digest of its ID token's claims (subject, issuer, issued-at, nonce,
    expiry ...), the same whether read from st.user or from the cookie; a new sign-in has another."""
    claims = {k: v for k, v in user.items() if k not in NOT_CLAIMS}
    canonical = json.dumps(claims, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _expiry(user: Mapping[str, Any]) -> float | None:
    exp = user.get("exp")
    return float(exp) if isinstance(exp, int | float) and not isinstance(exp, bool) else None


def revoke(target: Path, user: Mapping[str, Any]) -> None:
    """Put this sign-in on the list (appended under a lock, fsync'ed): its cookie no longer signs in."""
    path = path_of(target)
    # "until": the token's expiry, after which the entry could be dropped (the gate signs out an
    # expired token anyway)
    entry = {"key": key(user), "until": _expiry(user), "at": dt.datetime.now().isoformat()}
    jsonl.append_line(path, entry)


@functools.lru_cache(maxsize=4)
def _read(path: str, mtime_ns: int, size: int) -> dict[str, float | None]:
    """The list as of this modification (read again when the file changes)."""
    keys: dict[str, float | None] = {}
    with open(path, "rb") as handle:
        for line in handle:
            try:
                entry = json.loads(line)
                keys[str(entry["key"])] = entry.get("until")
            except (ValueError, KeyError, TypeError):  # a line cut short by a kill
                continue
    return keys


def revoked(target: Path, user: Mapping[str, Any]) -> bool:
    """Whether this sign-in was signed out. An unreadable list counts as revoking everything: a
    session the server cannot check is not let in."""
    path = path_of(target)
    try:
        stat = path.stat()
    except FileNotFoundError:
        return False
    try:
        return key(user) in _read(str(path), stat.st_mtime_ns, stat.st_size)
    except OSError as exc:
        log.error("the sign-out list %s cannot be read (%s): nobody is let in", path, exc)
        return True
