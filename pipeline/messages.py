"""The one bilingual catalogue of what the pipeline says (errors, progress, summaries): Chinese by default."""

from __future__ import annotations

import argparse
import copy
import os
import re
import sys
from dataclasses import dataclass
from typing import Any, Literal, NoReturn

from rich.cells import cell_len

from pipeline.catalogue import CATALOGUE

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
ENV_LANG = "SHUNIU_LANG"
_chosen: Lang | None = None  # set by the command line (--lang); None: the environment decides


def set_language(lang: str | None) -> Lang:
    """Choose the language of every later message (None: env SHUNIU_LANG, else Chinese)."""
    global _chosen
    _chosen = "en" if lang == "en" else "zh" if lang == "zh" else None
    return language()


def language() -> Lang:
    """The language messages are rendered in: the chosen one, else env SHUNIU_LANG, else zh."""
    if _chosen is not None:
        return _chosen
    env = os.environ.get(ENV_LANG, "").strip().lower()
    return "en" if env == "en" else "zh"


def text(key: str, **params: object) -> str:
    """The catalogue's sentence for `key` in the current language, filled in with `params`."""
    return text_in(language(), key, **params)


def text_in(lang: Lang, key: str, **params: object) -> str:
    """The catalogue's sentence for `key` in `lang`, filled in with `params` (a `Word` in `lang` too).

    A key missing from the catalogue is shown as given (a test lists every key the code raises)."""
    if key not in CATALOGUE:
        return key
    zh, en = CATALOGUE[key]
    filled = {k: text_in(lang, v.key) if isinstance(v, Word) else v for k, v in params.items()}
    return (en if lang == "en" else zh).format(**filled)


@dataclass(frozen=True)
class Word:
    """A catalogue key given as a parameter (a state word): rendered in its sentence's language."""

    key: str

    def __str__(self) -> str:
        return text(self.key)


def cell(value: object, width: int, *, left: bool = False) -> str:
    """A value padded to `width` terminal cells (a Chinese character takes two); ints with commas."""
    shown = f"{value:,}" if isinstance(value, int) else str(value)
    pad = " " * max(width - cell_len(shown), 0)
    return shown + pad if left else pad + shown


def join(*sentences: str) -> str:
    """Sentences as one text: with spaces in English, none in Chinese; empty ones left out."""
    return ("" if language() == "zh" else " ").join(x for x in sentences if x)


class Problem(Exception):
    """An error that speaks both languages: a catalogue key and its parameters.

    str() renders it in the current language (for logs and the run history); `text(lang)` in either."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key, params)
        self.key, self.params = key, params

    def params_in(self, lang: Lang) -> dict[str, object]:
        """The values the sentence is filled with in `lang` (a subclass may compose some per language)."""
        return self.params

    def text(self, lang: Lang | None = None) -> str:
        """The message in `lang` (default: the current language)."""
        lang = lang or language()
        return text_in(lang, self.key, **self.params_in(lang))

    def __str__(self) -> str:
        return self.text()


_TOKEN = re.compile(r"[\x21-\x7e]+|\s|.")  # an ASCII word, a space, or one (maybe wide) character


def wrap(line: str, width: int) -> list[str]:
    """Greedy wrapping by terminal cells (a Chinese character takes two); ASCII words kept whole."""
    lines, current = [], ""
    for token in _TOKEN.findall(line):
        if cell_len(current + token) > width and current.strip():
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
    return [*lines, current.rstrip()] if current.strip() else lines


# argparse's placeholders (metavars) and the catalogue keys of their words
_METAVARS = {
    "RAW": "help.metavar.RAW",
    "WAREHOUSE": "help.metavar.WAREHOUSE",
    "REPORT": "help.metavar.REPORT",
    "OUT": "help.metavar.OUT",
    "KEEP": "help.metavar.KEEP",
    "LIMIT": "help.metavar.LIMIT",
    "ORGS": "help.metavar.ORGS",
    "SEED": "help.metavar.SEED",
    "REGION": "help.metavar.REGION",
    "RUN": "help.metavar.RUN",
    "YEAR": "help.metavar.YEAR",
    "BASE_YEAR": "help.metavar.BASE_YEAR",
    "MAX_DROP": "help.metavar.MAX_DROP",
}


def metavar_word(metavar: str) -> str:
    """What --help shows for a value (--raw 目录): the catalogue's word, else argparse's own."""
    return text(_METAVARS[metavar]) if metavar in _METAVARS else metavar


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter: usage prefix in the current language, Chinese wrapped by its width."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, text("help.usage") if prefix is None else prefix)

    def _get_default_metavar_for_optional(self, action: argparse.Action) -> str:
        return metavar_word(action.dest.upper())

    def _metavar_formatter(self, action: argparse.Action, default_metavar: str) -> Any:
        metavar = action.metavar
        if isinstance(metavar, str) and action.choices is None:  # e.g. RUN
            action = copy.copy(action)
            action.metavar = metavar_word(metavar)
        return super()._metavar_formatter(action, default_metavar)

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if (
            action.help is not argparse.SUPPRESS
        ):  # the help column measured in cells, not characters
            cells = cell_len(self._format_action_invocation(action)) + self._current_indent
            self._action_max_length = max(self._action_max_length, cells)

    def _format_action(self, action: argparse.Action) -> str:
        """argparse pads by characters: a Chinese metavar (--raw 目录) takes two cells, so the help
        text after it is pulled back by the extra cells."""
        out = super()._format_action(action)
        invocation = self._format_action_invocation(action)
        extra = cell_len(invocation) - len(invocation)
        first, sep, rest = out.partition("\n")
        head = " " * self._current_indent + invocation
        if extra and first.startswith(head) and first[len(head) :].startswith(" " * (extra + 2)):
            first = head + first[len(head) + extra :]
        return first + sep + rest

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(" ".join(text.split()), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(
            indent + line for line in wrap(" ".join(text.split()), width - len(indent))
        )


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose headings, -h help and usage errors speak the current language."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = text("help.positionals")
        self._optionals.title = text("help.options")
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS, help=text("help.help")
        )

    def error(self, message: str) -> NoReturn:
        """Usage, then one sentence; exit 2 (a wrong command line)."""
        self.print_usage(sys.stderr)
        detail = argparse_detail(message)
        self.exit(2, text("argparse.error", prog=self.prog, detail=detail) + "\n")


# argparse's own error sentences (English, from its source) and their catalogue keys
_ARGPARSE = (
    (r"^the following arguments are required: (?P<args>.+)$", "argparse.required"),
    (
        r"^argument (?P<arg>\S+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)$",
        "argparse.invalid_choice",
    ),
    (
        r"^argument (?P<arg>\S+): invalid (?P<kind>\w+) value: (?P<value>.+)$",
        "argparse.invalid_value",
    ),
    (r"^unrecognized arguments: (?P<args>.+)$", "argparse.unrecognized"),
    (r"^argument (?P<arg>\S+): expected one argument$", "argparse.expected_one"),
    (r"^argument (?P<arg>\S+): (?P<detail>.+)$", "argparse.argument"),  # our own type errors
)
_KINDS = {"int": "argparse.kind.int"}  # argparse's names of value types


def argparse_detail(message: str) -> str:
    """One of argparse's error sentences in the current language (as given when not known)."""
    for pattern, key in _ARGPARSE:
        found = re.match(pattern, message)
        if found:
            params = found.groupdict()
            if params.get("kind") in _KINDS:
                params["kind"] = text(_KINDS[params["kind"]])
            return text(key, **params)
    return message
