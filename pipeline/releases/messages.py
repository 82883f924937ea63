"""Every sentence the release commands say, in one place (to move into the bilingual catalogue later)."""

from __future__ import annotations

MESSAGES = {
    # errors (exit 2): one sentence naming the problem and the fix
    "unknown_run": "{run} is not a release of {warehouse}; `python -m pipeline releases` lists them.",
    "pruned_run": "Release {run} was pruned; `python -m pipeline releases` lists the kept ones.",
    "no_release": "Run {run} did not succeed ({status}), so it has no release.",
    "missing_file": "The file of release {run} ({path}) is missing; it cannot be {action}.",
    "no_older": "{run} is the oldest release on disk; pass --from to compare it with another.",
    "too_few": "{warehouse} has {count} release(s) on disk; a diff needs two.",
    "bad_keep": "--keep must be a whole number of at least 1 (the live release counts).",
    # results
    "pinned": "Pinned {run}: it is kept until it is unpinned.",
    "already_pinned": "{run} was already pinned.",
    "unpinned": "Unpinned {run}: a prune may now remove it.",
    "not_pinned": "{run} was not pinned.",
    "pruned": "Pruned {count} release(s): {runs}.",
    "pruned_none": "Nothing to prune: {count} release(s), the newest {keep}, the live one and pinned ones are kept.",
    "no_releases": "No release of {warehouse} is kept yet; run `python -m pipeline refresh`.",
    "no_runs": "No refresh of {warehouse} is recorded yet; run `python -m pipeline refresh`.",
    "releases_summary": "{count} release(s) ({pinned} pinned, {missing} missing), {size} on disk in {folder}.",
    "leftovers_head": "Leftovers of interrupted or failed runs (the next refresh removes them):",
    "no_leftovers": "No leftovers of interrupted or failed runs.",
    "diff_head": "Changes from release {old} to release {new}:",
    "diff_figures": "{count} headline and district figure(s) moved.",
    "diff_more": "... and {count} more (all of them with --json).",
    "refresh_release": "Release {run} kept as {path}.",
    "refresh_pruned": "Pruned: {runs}.",
}

# Column headings and state words of the text tables (JSON keeps the English codes).
LABELS = {
    "run": "run",
    "finished": "finished",
    "size": "size",
    "pinned": "pinned",
    "state": "state",
    "status": "status",
    "read": "read",
    "accepted": "accepted",
    "rejected": "rejected",
    "release": "release",
    "raw_folder": "raw folder",
    "table": "table",
    "added": "added",
    "removed": "removed",
    "changed": "changed",
    "pins_line": "Pinned: {runs}",
}


class ReleaseError(Exception):
    """A release command cannot do what was asked (an unknown run id, too few releases): exit 2."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(say(key, **values))
        self.key = key


def say(key: str, **values: object) -> str:
    """The message `key` with its values filled in."""
    return MESSAGES[key].format(**values)
