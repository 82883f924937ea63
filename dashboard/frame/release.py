"""Which release is on screen: `?release=RUN` checked against the ledger, kept across pages, noted when refused."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from dashboard.core import db
from dashboard.core.words import Lang, t
from pipeline import releases
from pipeline.releases import Layout, Ledger, Release, ReleaseError, is_run_id

PARAM = "release"  # the URL parameter
_RUN = "_release_run"  # session key: the run id asked for (None: the latest)
_CHOICE = "_release_choice"  # session key: this run's Choice, for the pages
# the pipeline's refusal (a catalogue key) -> the dashboard's one-sentence note
_NOTES = {"releases.pruned_run": "release.pruned", "releases.no_release": "release.failed"}


@dataclass(frozen=True)
class Choice:
    """The release this run shows and what to say about it."""

    release: Release | None  # the release asked for and found; None: the live warehouse
    note: tuple[str, str] | None  # (catalogue key, run id) of the note when the request was refused

    @property
    def historical(self) -> bool:
        """Whether the page shows a release other than the latest."""
        return self.release is not None and not self.release.is_live


def _stamp(path: Path) -> tuple[int, int, int]:
    try:
        st_ = path.stat()
    except OSError:
        return (0, 0, 0)
    return (st_.st_ino, st_.st_size, st_.st_mtime_ns)


def _fingerprint(target: Path) -> tuple[tuple[int, int, int], ...]:
    """What the ledger is computed from: the live file, the releases folder, the journal, the pins."""
    layout = Layout(target)
    return tuple(_stamp(p) for p in (target, layout.releases, layout.journal, layout.pins))


@st.cache_data(max_entries=8, show_spinner=False)
def _ledger(target: str, fingerprint: tuple[tuple[int, int, int], ...]) -> Ledger | None:
    try:
        return releases.read(Path(target))
    except (OSError, ValueError):
        return None


def ledger() -> Ledger | None:
    """The warehouse's ledger (runs and releases), recomputed when a file it is read from changes."""
    target = db.warehouse_path()
    if not os.path.lexists(target):
        return None
    return _ledger(str(target), _fingerprint(target))


def on_disk(led: Ledger | None) -> list[Release]:
    """The releases whose files exist, newest first."""
    return [r for r in led.releases if not r.missing] if led else []


def check(led: Ledger | None, run_id: str) -> tuple[Release | None, tuple[str, str] | None]:
    """The release `run_id` names, or the note that says why it cannot be shown."""
    if not is_run_id(run_id):
        return None, ("release.bad", run_id)  # named in the note as escaped text (app.py)
    if led is None:
        return None, ("release.unknown", run_id)
    try:
        found = led.release(run_id)
    except ReleaseError as error:
        return None, (_NOTES.get(error.key, "release.unknown"), run_id)
    if found.missing:
        return None, ("release.missing", run_id)
    return found, None


def choose() -> Choice:
    """The release of this run: the URL's `release` (else the session's earlier choice, which a page
    switch keeps), checked against the ledger; point the queries at its file; keep it in the URL."""
    asked = st.query_params.get(PARAM) or st.session_state.get(_RUN)
    found, note = check(ledger(), asked) if asked else (None, None)
    st.session_state[_RUN] = found.run_id if found else None
    db.show_file(found.path if found is not None and not found.is_live else None)
    if found is None:
        if PARAM in st.query_params:
            del st.query_params[PARAM]
    elif st.query_params.get(PARAM) != found.run_id:
        st.query_params[PARAM] = found.run_id
    choice = Choice(found, note)
    st.session_state[_CHOICE] = choice
    return choice


def current() -> Choice:
    """The Choice the router made for this run."""
    return st.session_state.get(_CHOICE) or Choice(None, None)


def back_to_latest() -> None:
    """Show the latest release again (the button under the provenance line)."""
    st.session_state[_RUN] = None
    db.show_file(None)
    if PARAM in st.query_params:
        del st.query_params[PARAM]


def shown(choice: Choice, led: Ledger | None) -> Release | None:
    """The release on screen: the one chosen, else the live one (None before the first release)."""
    if choice.release is not None:
        return choice.release
    if led is None or led.live_run_id is None:
        return None
    return next((r for r in led.releases if r.run_id == led.live_run_id and not r.missing), None)


def previous(led: Ledger | None, release: Release | None) -> Release | None:
    """The release before `release` on disk (None when it is the oldest, or there is none)."""
    kept = on_disk(led)
    if release is None or release not in kept:
        return None
    older = kept[kept.index(release) + 1 :]
    return older[0] if older else None


def default_pair(led: Ledger | None, release: Release | None) -> tuple[str, str]:
    """The pair the 变化 page compares first: the release on screen against the one before it (the
    oldest against the one after it). Needs two releases on disk."""
    kept = on_disk(led)
    newer = release if release in kept else kept[0]
    before = previous(led, newer)
    if before is not None:
        return before.run_id, newer.run_id
    return newer.run_id, kept[kept.index(newer) - 1].run_id


def minute(release: Release) -> str:
    """A release's finish time to the minute (— when unknown)."""
    return f"{release.finished_at:%Y-%m-%d %H:%M}" if release.finished_at else "—"


def option(release: Release, lang: Lang) -> str:
    """A release as a picker lists it: run id and finish time, the latest marked."""
    key = "release.option_live" if release.is_live else "release.option"
    return t(key, lang, run=release.run_id, finished=minute(release))
