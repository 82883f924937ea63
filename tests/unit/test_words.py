"""The dashboard's words by page: each folder's words.toml, read into one catalogue. Every key the code
names is in a words file, every key of a words file is used, a feature's words are its own, and a
key in core/words.toml is shared."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import dashboard
from dashboard.core import words

DASHBOARD = Path(dashboard.__file__).parent
# a feature: a folder with words of its own (core/ and frame/ hold what pages share)
FEATURES = sorted(p.parent.name for p in DASHBOARD.glob("*/words.toml") if p.parent.name != "core")
ENGLISH_ONLY = {"quality.message_zh"}  # said on the English page only: the message is in Chinese
PREFIX = re.compile(r"[a-z]+(\.[a-z0-9_]+)*\.([a-z0-9_]+_)?")  # "chg.reason.", "val."
FILE_NAME = re.compile(r".*\.(toml|csv|xlsx|py|md|json|duckdb)")


@dataclass
class Usage:
    """The keys a piece of code names: literally, by an f-string, or by a prefix it completes."""

    literals: set[str] = field(default_factory=set)
    patterns: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)

    def uses(self, key: str) -> bool:
        return (
            key in self.literals
            or any(re.fullmatch(p, key) for p in self.patterns)
            or any(key.startswith(p) for p in self.prefixes)
        )


def _read(path: Path, into: Usage) -> None:
    tree = ast.parse(path.read_text("utf-8"))
    parts = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    for node in ast.walk(tree):
        if id(node) in parts:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            into.literals.add(node.value)
            if PREFIX.fullmatch(node.value):
                into.prefixes.add(node.value)
        elif isinstance(node, ast.JoinedStr) and node.values:
            first = node.values[0]
            if isinstance(first, ast.Constant) and re.match(r"[a-z]+\.", str(first.value)):
                into.patterns.add(
                    "".join(
                        re.escape(str(v.value)) if isinstance(v, ast.Constant) else "[a-z0-9_.]+"
                        for v in node.values
                    )
                )


def usage(root: Path, features: list[str]) -> dict[str, Usage]:
    """Folder -> the keys its code names; the router, core/ and frame/ count as "core"."""
    found: dict[str, Usage] = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        where = parts[0] if len(parts) > 1 and parts[0] in features else "core"
        if path.name != "words.py":
            _read(path, found.setdefault(where, Usage()))
    return found


USAGE = usage(DASHBOARD, FEATURES)
KEYS = {**words._LABELS, **words._DEFINITIONS}
SPACES = {key.split(".")[0] for key in KEYS}


def _users(key: str) -> set[str]:
    return {where for where, used in USAGE.items() if used.uses(key)}


def test_every_folder_with_a_page_is_read_and_core_has_the_shared_words() -> None:
    assert {"overview", "coverage", "changes", "access", "publish", "releases"} <= set(FEATURES)
    assert "frame" not in FEATURES
    assert {f.split("/")[0] for f in words.FILES.values()} >= {"core", "coverage", "changes"}
    assert len(KEYS) > 500


def test_every_key_the_code_names_is_in_a_words_file() -> None:
    named = {
        literal
        for used in USAGE.values()
        for literal in used.literals
        if re.fullmatch(r"[a-z]+(\.[a-z0-9_]+)+", literal)
        and literal.split(".")[0] in SPACES
        and not FILE_NAME.fullmatch(literal)
    }
    assert sorted(named - set(KEYS)) == []
    patterns = {p for used in USAGE.values() for p in used.patterns}
    assert sorted(p for p in patterns if not any(re.fullmatch(p, k) for k in KEYS)) == []
    prefixes = {p for used in USAGE.values() for p in used.prefixes}
    assert sorted(p for p in prefixes if not any(k.startswith(p) for k in KEYS)) == []


def test_every_key_of_a_words_file_is_used_by_the_code() -> None:
    """A key is written out where it is used, or built by an f-string or prefix the code holds."""
    assert sorted(key for key in KEYS if not _users(key)) == []


def test_a_features_words_are_its_own() -> None:
    """A key in a feature's words.toml is used by that feature's code (its title by the router)."""
    strays = [
        (key, where, sorted(_users(key)))
        for key, where in words.FILES.items()
        if (folder := where.split("/")[0]) != "core"
        and folder not in _users(key)
        and key != f"page.{folder}"
    ]
    assert strays == []


def test_a_key_in_core_is_shared() -> None:
    """core/words.toml holds what the frame uses or several features share; one feature's key
    lives beside it."""
    alone = [
        (key, sorted(users))
        for key, where in words.FILES.items()
        if where == "core/words.toml" and len(users := _users(key)) == 1 and "core" not in users
    ]
    assert alone == []


@pytest.mark.parametrize("key", sorted(words._LABELS))
def test_every_label_has_chinese_and_english(key: str) -> None:
    zh, en = words._LABELS[key]
    assert en.strip()
    assert zh.strip() or key in ENGLISH_ONLY


def test_the_usage_of_a_piece_of_code_is_read_from_literals_f_strings_and_prefixes(
    tmp_path: Path,
) -> None:
    (tmp_path / "coverage").mkdir()
    (tmp_path / "coverage" / "page.py").write_text(
        'a = t("coverage.map", "zh")\n'
        'b = t(f"coverage.show_{k}", "zh")\n'
        'c = labelled(rows, "reason", "chg.reason.", "zh")\n'
        'd = f"{x:,.2f}"\n',
        encoding="utf-8",
    )
    (tmp_path / "app.py").write_text('t("app.title", "zh")\n', encoding="utf-8")
    found = usage(tmp_path, ["coverage"])
    assert set(found) == {"coverage", "core"}
    page = found["coverage"]
    assert page.uses("coverage.map") and page.uses("coverage.show_all")
    assert page.uses("chg.reason.org_added") and not page.uses("coverage.by_type")
    assert found["core"].uses("app.title") and not found["core"].uses("coverage.map")


def _words_file(folder: Path, text: str) -> None:
    folder.mkdir()
    (folder / "words.toml").write_text(text, encoding="utf-8")


def test_the_loader_reads_each_folders_words_and_its_definitions(tmp_path: Path) -> None:
    _words_file(tmp_path / "core", '"app.title" = ["标题", "Title"]\n')
    _words_file(
        tmp_path / "changes",
        '"chg.def.x" = ["版本", "Release"]\n[definitions]\n"chg.def.x" = ["说明", "What it is"]\n',
    )
    (tmp_path / "empty").mkdir()
    labels, definitions, files = words.load(tmp_path)  # type: ignore[arg-type]
    assert labels == {"app.title": ("标题", "Title"), "chg.def.x": ("版本", "Release")}
    assert definitions == {"chg.def.x": ("说明", "What it is")}
    assert files == {"app.title": "core/words.toml", "chg.def.x": "changes/words.toml"}


@pytest.mark.parametrize(
    ("second", "message"),
    [
        ('"app.title" = ["又一个", "Again"]\n', "app.title is in a/words.toml and in b/words.toml"),
        ('"app.x" = ["只有中文"]\n', "b/words.toml: app.x is not [Chinese, English]"),
        ('app.y = ["中", "en"]\n', "b/words.toml: app is not [Chinese, English]"),
    ],
)
def test_the_loader_refuses_a_key_in_two_files_and_an_entry_that_is_not_a_pair(
    tmp_path: Path, second: str, message: str
) -> None:
    _words_file(tmp_path / "a", '"app.title" = ["标题", "Title"]\n')
    _words_file(tmp_path / "b", second)
    with pytest.raises(words.WordsError, match=re.escape(message)):
        words.load(tmp_path)  # type: ignore[arg-type]
