"""Files refused as a whole, found in one pass over every input: said together (InputProblems) and as
rows of the rejection report (rule file_refused), beside the row-by-row problems of the other files."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.csvfile import InputError
from pipeline.messages import Lang, language, text_in
from pipeline.run_record import Refused, RunResult
from schemas.messages import MESSAGES, rule_name

RULE = "file_refused"


class InputProblems(InputError):
    """Every input problem of one run: each file that cannot be used, each required file missing.

    One problem is that problem (its key, values and sentence: a script sees what it saw before);
    several are a heading and a sentence each. `result` is the validation's record of the files it
    could check (None for a refresh, which publishes nothing)."""

    def __init__(self, refused: Sequence[Refused], result: RunResult | None = None) -> None:
        first = refused[0].problem
        if len(refused) == 1:
            super().__init__(first.key, **first.params)
        else:
            super().__init__("input.several", n=len(refused))
        self.refused, self.result = list(refused), result

    def text(self, lang: Lang | None = None) -> str:
        lang = lang or language()
        said = [r.problem.text(lang) for r in self.refused]
        if len(said) == 1:
            return said[0]
        return "\n".join([text_in(lang, "input.several", n=len(said)), *(f"- {s}" for s in said)])


def report_rows(refused: Sequence[Refused], run_id: str) -> pl.DataFrame:
    """One rejection-report row per refused file: its name, the line the problem names (if any),
    the rule file_refused and the sentence naming the fix (Chinese, as the report's messages)."""
    schema = {
        "run_id": pl.String,
        "file": pl.String,
        "line": pl.Int32,
        "column": pl.String,
        "rule": pl.String,
        "value": pl.String,
        "message": pl.String,
        "column_header": pl.String,
        "rule_name": pl.String,
    }
    rows = [  # fmt: skip
        (
            run_id,
            r.file,
            r.line,
            None,
            RULE,
            None,
            MESSAGES[RULE].format(why=r.problem.text(lang="zh")),
            None,
            rule_name(RULE),
        )
        for r in refused
    ]
    return pl.DataFrame(rows, schema=schema, orient="row")
