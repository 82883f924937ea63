"""The bilingual catalogue: every message the code raises or prints is in it, in both languages alike."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from pipeline import messages
from pipeline.catalogue import CATALOGUE
from pipeline.read import InputError
from pipeline.warehouse import WarehouseError

REPO = Path(__file__).resolve().parents[2]
SPEAKERS = {"InputError", "WarehouseError", "WarehousePathError", "ReleaseError", "Problem", "text"}
SPEAKERS |= {"Word"}


def _keys(first: ast.expr) -> list[str]:
    """The string literals an argument can be: itself, or both branches of `a if c else b`."""
    if isinstance(first, ast.IfExp):
        return _keys(first.body) + _keys(first.orelse)
    return [first.value] if isinstance(first, ast.Constant) and isinstance(first.value, str) else []


def _calls() -> list[tuple[str, str, set[str] | None]]:
    """(file, key, keyword names or None for **kwargs) of every string literal passed first to an
    error class, to text() or to Word()."""
    found = []
    for path in (REPO / "pipeline").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in SPEAKERS:
                names = {k.arg for k in node.keywords}
                for key in _keys(node.args[0]):
                    found.append((path.name, key, None if None in names else names))
    return found  # type: ignore[return-value]


def _literals() -> set[str]:
    """Every string literal of the pipeline's code, the catalogue itself left out."""
    found = set()
    for path in (REPO / "pipeline").rglob("*.py"):
        if path.name != "catalogue.py":
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    found.add(node.value)
    return found


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_the_code_raises_or_prints_is_in_the_catalogue() -> None:
    calls = _calls()
    assert len({key for _, key, _ in calls}) > 60
    assert sorted((f, key) for f, key, _ in calls if key not in CATALOGUE) == []


def test_every_key_of_the_catalogue_is_used_by_the_code() -> None:
    """A key is written out where it is used (no f"status.{code}"), so an unused one shows here."""
    assert sorted(set(CATALOGUE) - _literals()) == []


def test_every_run_status_and_release_state_has_its_words() -> None:
    from pipeline.releases.model import STATE_WORDS, STATUS_WORDS

    assert set(STATUS_WORDS) == {"succeeded", "failed", "interrupted", "running"}
    assert set(STATE_WORDS) == {"live", "kept", "pruned", "missing", "none"}
    for code, key in {**STATUS_WORDS, **STATE_WORDS}.items():
        assert CATALOGUE[key][1] == code, key  # the English word is the code itself


def test_every_call_gives_each_language_all_the_parameters_it_uses() -> None:
    missing = [
        (f, key, sorted(_fields(CATALOGUE[key][0]) | _fields(CATALOGUE[key][1]) - given))
        for f, key, given in _calls()
        if key in CATALOGUE
        and given is not None
        and not (_fields(CATALOGUE[key][0]) | _fields(CATALOGUE[key][1])) <= given
    ]
    assert missing == []


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_message_has_both_languages(key: str) -> None:
    zh, en = CATALOGUE[key]
    assert zh.strip() and en.strip()
    assert (
        zh != en
        or key.startswith("progress.building")
        or zh == zh.encode().decode("ascii", "ignore")
    )


def test_an_error_is_chinese_by_default_and_english_on_request(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    error = InputError("input.empty", file="hubs.csv")
    assert str(error) == "hubs.csv 是空文件；它需要一行表头和数据行。"
    assert error.text("en") == "hubs.csv is empty; it needs a header row and data rows."
    monkeypatch.setenv("SHUNIU_LANG", "en")
    assert str(WarehouseError("warehouse.busy", target="w.duckdb")) == (
        "Another refresh of w.duckdb is running; wait for it to finish."
    )
    messages.set_language("zh")
    try:
        assert str(error) == "hubs.csv 是空文件；它需要一行表头和数据行。"
    finally:
        messages.set_language(None)


def test_chinese_help_wraps_by_display_width_and_keeps_ascii_words_whole() -> None:
    from rich.cells import cell_len

    line = "存放 organizations、hubs、hub_links 的文件夹（默认 data/raw）"
    lines = messages.wrap(line, 20)
    assert lines[:2] == ["存放 organizations、", "hubs、hub_links 的文"]  # 20 cells each
    assert max(cell_len(x) for x in lines) <= 20
    assert "".join(lines).replace(" ", "") == line.replace(" ", "")
    assert "data/raw" in lines[-2] + lines[-1] and "hub_links" in lines[1]
