"""The words of the dashboard, Chinese by default and English on a switch: every folder's words.toml
(core's for what pages share, each feature's beside its page), read once into one catalogue."""

from __future__ import annotations

import tomllib
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Literal

from schemas import vocab
from schemas.definitions import DEFINITIONS

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
FILE = "words.toml"
Pair = tuple[str, str]


class WordsError(ValueError):
    """A words file the dashboard cannot use: a key in two files, or an entry not [Chinese, English]."""


def _pairs(table: dict[str, object], where: str) -> dict[str, Pair]:
    out: dict[str, Pair] = {}
    for key, value in table.items():
        if not (
            isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)
        ):
            raise WordsError(f"{where}: {key} is not [Chinese, English]")
        out[key] = (value[0], value[1])
    return out


def load(root: Traversable) -> tuple[dict[str, Pair], dict[str, Pair], dict[str, str]]:
    """The words.toml of every folder of `root`, in name order: (labels, definitions, key -> the file
    its label is in). A file's [definitions] table holds what ui.definitions writes under a label of
    the same key on its page (the figures' own definitions are in schemas/definitions.py)."""
    words: dict[str, Pair] = {}
    definitions: dict[str, Pair] = {}
    files: dict[str, str] = {}
    defined: dict[str, str] = {}
    for folder in sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.name):
        path = folder / FILE
        if not path.is_file():
            continue
        where = f"{folder.name}/{FILE}"
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        own = data.pop("definitions", {})
        for into, seen, table in ((words, files, data), (definitions, defined, own)):
            for key, pair in _pairs(table, where).items():
                if key in seen:
                    raise WordsError(f"{key} is in {seen[key]} and in {where}")
                into[key], seen[key] = pair, where
    return words, definitions, files


_LABELS, _DEFINITIONS, FILES = load(resources.files("dashboard"))


def t(key: str, lang: Lang, **values: object) -> str:
    """The label of a key in a language, with values filled in."""
    zh, en = _LABELS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def definition(key: str, lang: Lang) -> str:
    """The written definition of a figure (or of the 变化 page's terms)."""
    zh, en = DEFINITIONS[key] if key in DEFINITIONS else _DEFINITIONS[key]
    return zh if lang == "zh" else en


def label(vocabulary: str, code: str | None, lang: Lang) -> str:
    """The label of an enum code (vocabularies of schemas/vocab.py); the code itself when unknown."""
    if code is None:
        return t("val.none", lang)
    for term in vocab.VOCABULARIES[vocabulary]:
        if term.code == code:
            return term.zh if lang == "zh" else term.en
    return code


def labels(vocabulary: str, lang: Lang) -> dict[str, str]:
    """Code -> label for every code of a vocabulary, in catalogue order."""
    return {
        term.code: (term.zh if lang == "zh" else term.en) for term in vocab.VOCABULARIES[vocabulary]
    }


def has(key: str) -> bool:
    """Whether the catalogue holds a key."""
    return key in _LABELS


def catalogue(lang: Lang) -> dict[str, str]:
    """Every catalogue key -> its text in a language (unformatted), e.g. for labelling a column of keys."""
    return {key: (zh if lang == "zh" else en) for key, (zh, en) in _LABELS.items()}
