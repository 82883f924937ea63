"""Uploads on the publish page: each file streamed to the session's own folder on disk once (its size
and SHA-256 taken on the way, a file over the limit never written), so a rerun neither copies nor
hashes it again; validation runs once per set of files; at most SHUNIU_MAX_VALIDATIONS at a time
per server process (default 1), a further one is told the server is busy."""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Protocol

import streamlit as st

from dashboard.publish.steps import Progress, Upload

SLOTS_ENV = "SHUNIU_MAX_VALIDATIONS"
CHUNK = 1 << 20
_FOLDER, _SPOOLED = "_pub_folder", "_pub_spooled"


class Sent(Protocol):
    """What st.file_uploader returns for one file (a Streamlit UploadedFile)."""

    file_id: str
    name: str
    size: int

    def seek(self, offset: int, whence: int = 0) -> int: ...
    def read(self, size: int = -1) -> bytes: ...


def slots_allowed() -> int:
    """Validations at once per server process: SHUNIU_MAX_VALIDATIONS, else 1 (each one reads every
    file and takes a core; a small server has two)."""
    configured = os.environ.get(SLOTS_ENV, "").strip()
    return int(configured) if configured.isdigit() and int(configured) > 0 else 1


_SLOTS = threading.BoundedSemaphore(slots_allowed())


def spool(sent: Sent, folder: Path, limit_bytes: int) -> Upload:
    """Stream one uploaded file to `folder` in chunks, hashing it; a file over the limit is not
    written (its size is enough for the refusal)."""
    if sent.size > limit_bytes:
        return Upload(sent.name, size_bytes=sent.size)
    target = folder / sent.file_id.replace("/", "_")
    digest = hashlib.sha256()
    sent.seek(0)
    with target.open("wb") as out:
        _copy(sent, out, digest)
    return Upload(
        sent.name, path=target, size_bytes=target.stat().st_size, digest=digest.hexdigest()
    )


def _copy(source: Sent, out: BinaryIO, digest: Any) -> None:
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        out.write(chunk)


def uploads(sent: Sequence[Sent], limit_bytes: int) -> list[Upload]:
    """The uploaded files as spooled for this session: a new file is streamed to disk once, a file
    taken off the uploader is deleted from it."""
    if _FOLDER not in st.session_state:  # removed with the session (TemporaryDirectory's finalizer)
        st.session_state[_FOLDER] = tempfile.TemporaryDirectory(prefix="shuniu-upload-")
    folder = Path(st.session_state[_FOLDER].name)
    known: dict[str, Upload] = st.session_state.setdefault(_SPOOLED, {})
    current = {f.file_id: f for f in sent}
    for gone in set(known) - set(current):
        path = known.pop(gone).path
        if path is not None:
            path.unlink(missing_ok=True)
    for file_id, f in current.items():
        if file_id not in known:
            known[file_id] = spool(f, folder, limit_bytes)
    return [known[f.file_id] for f in sent]


def take_slot() -> bool:
    """Reserve one of the server's validation slots; False when all are taken."""
    return _SLOTS.acquire(blocking=False)


def in_slot(work: Callable[[Progress], Any]) -> Callable[[Progress], Any]:
    """`work` that gives its slot back when it ends, however it ends (call take_slot first)."""

    def run(progress: Progress) -> Any:
        try:
            return work(progress)
        finally:
            _SLOTS.release()

    return run
