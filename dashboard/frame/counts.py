"""How many rows a table shows of how many: 显示 N 行，共 M 行 when a cap cut it, 共 M 行 otherwise."""

from __future__ import annotations

from dashboard.core.numbers import fmt_int
from dashboard.core.words import Lang, t


def rows_note(shown: int, total: int, lang: Lang, cut: str | None = None) -> str:
    """The sentence above a table of `shown` rows out of `total` (counted apart, by a count query or
    a window): all of them (共 M 行), or 显示 N 行，共 M 行 followed by the catalogue sentence `cut`
    (what the download holds, how to narrow the table; {n} is the rows shown)."""
    if shown >= total:
        return t("table.rows", lang, total=fmt_int(total))
    head = t("table.shown_of", lang, n=fmt_int(shown), total=fmt_int(total))
    return (
        head
        if cut is None
        else head + (" " if lang == "en" else "") + t(cut, lang, n=fmt_int(shown))
    )
