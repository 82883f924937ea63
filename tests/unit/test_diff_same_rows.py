"""table_diff skips its join when both releases hold the same rows in the same order: the counts (and
the keys kept for the revision) must be what the join finds, whatever the rows."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipeline.releases import diff
from pipeline.releases.files import attached
from pipeline.warehouse import schema_sql

FUNDING = "insert into clean.funding (funding_id, recipient_uscc, amount_yuan, paid_on) values "
LINKS = "insert into clean.hub_links (hub_id, uscc, relation, linked_on, ended_on) values "
ROWS = ["('F1', 'A', 10, date '2015-01-01')", "('F2', 'B', 20, date '2015-02-01')"]
MORE = ["('F3', 'C', 30, date '2015-03-01')"]
LINK = "('H1', 'A', 'liaison', date '2015-01-01', null)"


def release(path: Path, *inserts: str) -> Path:
    con = duckdb.connect(str(path))
    con.execute(schema_sql())
    for sql in inserts:
        con.execute(sql)
    con.close()
    return path


def counts(old: Path, new: Path, table: str, monkeypatch: pytest.MonkeyPatch) -> tuple[bool, ...]:
    """Whether the shortcut was taken, and the counts and kept keys with it and by the join alone."""
    found: list[object] = []
    with attached(old=old, new=new) as con:
        found.append(diff._same_rows(con, table))
        for _ in range(2):
            got = diff.table_diff(con, table, keep="kept")
            kept = con.execute("select * from kept order by all").fetchall()
            found.append((got, kept, diff.table_diff(con, table)))
            monkeypatch.setattr(diff, "_same_rows", lambda *_: False)  # the join alone
        monkeypatch.undo()
    return tuple(found)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("table", "old", "new", "same", "expected"),
    [
        ("funding", [FUNDING + ", ".join(ROWS)], [FUNDING + ", ".join(ROWS)], True, (0, 0, 0)),
        # the same rows in another order: no shortcut, nothing changed
        ("funding", [FUNDING + ", ".join(ROWS)], [FUNDING + ", ".join(ROWS[::-1])], False, (0, 0, 0)),
        # the last row's amount differs (same order, same count)
        ("funding", [FUNDING + ", ".join(ROWS)], [FUNDING + ROWS[0] + ", ('F2', 'B', 21, date '2015-02-01')"], False, (0, 0, 1)),
        ("funding", [FUNDING + ", ".join(ROWS)], [FUNDING + ", ".join(ROWS + MORE)], False, (1, 0, 0)),
        # a NULL id never matches: the same row counts as removed and added, so no shortcut
        ("funding", [FUNDING + "(null, 'A', 10, date '2015-01-01')"], [FUNDING + "(null, 'A', 10, date '2015-01-01')"], False, (1, 1, 0)),
        # the same link twice on both sides: occurrences 1 and 2 match
        ("hub_links", [LINKS + f"{LINK}, {LINK}"], [LINKS + f"{LINK}, {LINK}"], True, (0, 0, 0)),
        ("hub_links", [LINKS + f"{LINK}, {LINK}"], [LINKS + LINK], False, (0, 1, 0)),
    ],
)  # fmt: skip
def test_the_shortcut_answers_what_the_join_answers(
    table: str,
    old: list[str],
    new: list[str],
    same: bool,
    expected: tuple[int, int, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a, b = release(tmp_path / "old.duckdb", *old), release(tmp_path / "new.duckdb", *new)
    taken, shortcut, joined = counts(a, b, table, monkeypatch)
    assert taken is same
    assert shortcut == joined
    got, _, plain = joined  # type: ignore[misc]
    assert got == plain == diff.TableDiff(*expected)
