"""Uploads on the publish page, below the browser: each file streamed to disk once with its size and
SHA-256, a file over the limit never written, and validations limited to the server's slots."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from dashboard.publish import intake
from dashboard.publish import steps as publish


class _Sent(io.BytesIO):
    def __init__(self, name: str, data: bytes, file_id: str) -> None:
        super().__init__(data)
        self.name, self.size, self.file_id = name, len(data), file_id


def test_an_upload_is_streamed_to_disk_with_its_digest(tmp_path: Path) -> None:
    data = b"uscc,name\n" + b"x" * (3 * intake.CHUNK + 5)
    upload = intake.spool(_Sent("organizations.csv", data, "id/1"), tmp_path, 10 * intake.CHUNK)
    assert upload.path is not None and upload.path.parent == tmp_path
    assert upload.path.read_bytes() == data and upload.data == b""
    assert upload.size == len(data) and upload.sha256 == hashlib.sha256(data).hexdigest()
    files, refused = publish.accept([upload], 10 * intake.CHUNK)
    assert refused == [] and publish.stage(files, tmp_path / "raw")[0].read_bytes() == data


def test_an_upload_over_the_limit_is_refused_without_being_written(tmp_path: Path) -> None:
    upload = intake.spool(_Sent("hubs.csv", b"x" * 2048, "big"), tmp_path, 1024)
    assert upload.path is None and list(tmp_path.iterdir()) == []
    _, refused = publish.accept([upload], 1024)
    assert [r.key for r in refused] == ["publish.too_big"]


def test_validations_beyond_the_servers_slots_are_refused_until_one_ends() -> None:
    taken = [intake.take_slot() for _ in range(intake.slots_allowed())]
    assert all(taken) and not intake.take_slot()
    released = intake.in_slot(lambda progress: "done")
    assert released(lambda _: None) == "done"  # gives one slot back, however it ends
    assert intake.take_slot() and not intake.take_slot()

    def crash(_: object) -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        intake.in_slot(crash)(lambda _: None)
    assert intake.take_slot()
    for _ in range(intake.slots_allowed()):
        intake.in_slot(lambda _: None)(lambda _: None)  # leave every slot free again


def _jobs_script() -> None:
    import streamlit as st

    from dashboard.publish import jobs

    def crash(_: object) -> None:
        raise RuntimeError("boom")

    jobs.start("validate", lambda progress: "checked", tag=("organizations.csv", "sha"))
    st.session_state["_pub_validate"].wait(30)
    st.text(f"{jobs.holds('validate', ('organizations.csv', 'sha'))}")
    st.text(f"{jobs.holds('validate', ('organizations.csv', 'other'))}")
    jobs.start("validate", crash, tag="crashed")
    st.session_state["_pub_validate"].wait(30)
    st.text(f"{jobs.holds('validate', 'crashed')}")


def test_the_same_files_are_validated_once_unless_the_validation_crashed() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_jobs_script, default_timeout=60).run()
    assert not at.exception
    assert [t.value for t in at.text] == ["True", "False", "False"]
