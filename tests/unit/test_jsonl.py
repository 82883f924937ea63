"""The shared JSON-lines append (audit log, sign-out list): whole lines from many processes, a cut line closed."""

from __future__ import annotations

import fcntl
import json
import multiprocessing
import threading
from pathlib import Path

from pipeline.jsonl import append_line
from tests.processes import main_not_rerun

WRITERS, LINES = 4, 50


def _write(path: str, writer: int) -> None:
    for n in range(LINES):
        append_line(Path(path), {"writer": writer, "n": n, "pad": "字" * 2000})


def test_writers_in_several_processes_leave_only_whole_lines(tmp_path: Path) -> None:
    path = tmp_path / "log" / "events.jsonl"  # the folder is created on first write
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write, args=(str(path), w)) for w in range(WRITERS)]
    with main_not_rerun():
        for worker in workers:
            worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    entries = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert len(entries) == WRITERS * LINES
    for writer in range(WRITERS):  # each writer's lines, all there and in its order
        assert [e["n"] for e in entries if e["writer"] == writer] == list(range(LINES))


def test_a_line_cut_by_a_kill_is_closed_before_the_next_one(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    append_line(path, {"n": 1})
    with path.open("ab") as handle:
        handle.write(b'{"n": 2, "cut')  # a kill mid-write
    append_line(path, {"n": 3, "text": "中文"})
    lines = path.read_text("utf-8").splitlines()
    assert lines[0] == '{"n": 1}'
    assert lines[1] == '{"n": 2, "cut'
    assert json.loads(lines[2]) == {"n": 3, "text": "中文"}
    assert len(lines) == 3


def test_a_writer_waits_for_the_lock_another_holds(tmp_path: Path) -> None:
    """The lock is what makes "close a cut line, then write" one step: while another process holds
    it (mid-append), a new line waits, and the cut line the holder leaves is closed first."""
    path = tmp_path / "events.jsonl"
    path.write_bytes(b"")
    done = threading.Event()
    with path.open("ab") as holder:
        fcntl.flock(holder, fcntl.LOCK_EX)
        writer = threading.Thread(target=lambda: (append_line(path, {"n": 2}), done.set()))
        writer.start()
        assert not done.wait(0.5), "append_line wrote while another writer held the lock"
        holder.write(b'{"n": 1, "cu')  # the holder is killed mid-line: its lock goes with it
        holder.flush()
        fcntl.flock(holder, fcntl.LOCK_UN)
    assert done.wait(10)
    writer.join()
    assert path.read_text("utf-8").splitlines() == ['{"n": 1, "cu', '{"n": 2}']


def test_a_line_cut_in_a_character_or_holding_a_line_separator_is_read_as_lines_are(
    tmp_path: Path,
) -> None:
    """A kill can cut a line in the middle of a Chinese character: the audit log and the run journal
    skip that line and read the others (a strict UTF-8 read of the whole file failed every later
    refresh). A value holding U+2028 stays on its line (`str.splitlines` split it in two)."""
    from pipeline import audit
    from pipeline.releases import journal
    from pipeline.releases.layout import Layout

    target = tmp_path / "hub.duckdb"
    who = audit.Actor("张三\u2028李四")
    audit.record(target, audit.ACTIONS[0], who)
    with audit.path_of(target).open("ab") as handle:
        handle.write('{"at": "2026", "actor": "王'.encode()[:-1])  # cut inside 王
    audit.record(target, audit.ACTIONS[0], who)
    entries = audit.read(target)
    assert [e["actor"] for e in entries] == ["张三\u2028李四"] * 2

    layout = Layout(target)
    journal.append(
        layout, {"event": "started", "run_id": "20261206T213146-db20", "who": "王\u2028"}
    )
    with layout.journal.open("ab") as handle:
        handle.write('{"event": "failed", "why": "王'.encode()[:-1])
    journal.append(layout, {"event": "failed", "run_id": "20261206T213146-db20"})
    assert [e["event"] for e in journal.read(layout)] == ["started", "failed"]
