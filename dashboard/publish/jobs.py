"""A page's long jobs (validate, publish) in the session: start one in its own thread, follow its steps
in a status box, read its outcome on later runs. The thread (publish.Job) outlives a rerun."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from dashboard.core.words import Lang, t
from dashboard.frame.ui import escape_md
from dashboard.publish.steps import Job, Progress


def _key(kind: str) -> str:
    return f"_pub_{kind}"


def start(kind: str, work: Callable[[Progress], Any], tag: object = None) -> None:
    """Start a job of this kind (validate | publish), tagged with what it works on; its outcome
    replaces the previous one."""
    st.session_state.pop(f"{_key(kind)}_shown", None)
    st.session_state[_key(kind)] = Job(work)
    st.session_state[f"{_key(kind)}_tag"] = tag


def holds(kind: str, tag: object) -> bool:
    """Whether the job of this kind works on `tag` and is running or has finished without crashing
    (so starting it again would only repeat it)."""
    job: Job | None = st.session_state.get(_key(kind))
    same = job is not None and st.session_state.get(f"{_key(kind)}_tag") == tag
    return same and job is not None and not (job.done and job.error is not None)


def running(*kinds: str) -> bool:
    """Whether a job of one of these kinds is still running."""
    return any((job := st.session_state.get(_key(k))) is not None and not job.done for k in kinds)


def follow(kind: str, lang: Lang) -> Job | None:
    """Show a running job's steps until it finishes (a rerun meanwhile leaves it running); then
    return it (None when there is none or it has not finished)."""
    job: Job | None = st.session_state.get(_key(kind))
    if job is None:
        return None
    if not (job.done and f"{_key(kind)}_shown" in st.session_state):
        label = t(f"publish.{kind}_running", lang)
        with st.status(label, expanded=True) as box:
            while not job.wait(0.5):
                box.update(label=escape_md(job.steps[-1]) if job.steps else label)  # file names
            state = "error" if job.error else "complete"
            box.update(label=t(f"publish.{kind}_done", lang), state=state, expanded=False)
        st.session_state[f"{_key(kind)}_shown"] = True
    return job if job.done else None
