"""Check a roles file before the dashboard reads it: `python -m dashboard.check_roles [FILE]`.

Prints what it grants, or the line that is wrong (exit 1); FILE defaults to SHUNIU_ROLES, else
config/roles.toml. The dashboard runs the same check on every page (docs/access.md)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from dashboard.core.words import t


def _default() -> Path:
    """SHUNIU_ROLES, else config/roles.toml (as dashboard/access/auth.py reads it, without Streamlit)."""
    import os

    configured = os.environ.get("SHUNIU_ROLES")
    return Path(configured).expanduser() if configured else Path("config/roles.toml")


def main(argv: Sequence[str] | None = None) -> int:
    """Check the file; 0 when it can be used, 1 when not (the message names the line)."""
    from dashboard.access.roles import RolesError, parse, reference_regions

    args = list(sys.argv[1:] if argv is None else argv)
    path = Path(args[0]) if args else _default()
    try:
        roles = parse(path.read_text("utf-8"), path, reference_regions())
    except (OSError, UnicodeDecodeError) as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 1
    except RolesError as exc:
        for lang in ("zh", "en"):
            why = t(exc.key, lang, **exc.params)
            print(
                t("roles.error_at", lang, path=exc.path, line=exc.line or "?", why=why),
                file=sys.stderr,
            )
        return 1
    for kind, grants in (("users", roles.users), ("groups", roles.groups)):
        for name, grant in grants.items():
            regions = ", ".join(grant.regions) or "*"
            print(f"{kind:6} {name:40} {grant.role:7} {regions}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
