"""Pure export builders: shown frame -> CSV bytes (BOM, Chinese headers, formulas neutralized, codes kept
as text), and file names that say what they hold."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from dashboard.core import labels
from dashboard.core.numbers import screen_text
from dashboard.core.words import Lang, t
from pipeline import csvsafe

BOM = csvsafe.BOM
FORMULA_START = csvsafe.FORMULA_START
_UNITS = {
    "rate": ("%", "%"),
    "pp": ("个百分点", "points"),
    "wan": ("万元", "10k yuan"),
    "yuan": ("元", "yuan"),
}


@dataclass(frozen=True)
class Col:
    """A shown column: the frame's column, the catalogue key of its header, how to show it.

    kind: text | int | rate (fraction, shown as %) | wan (yuan, shown in 万元) | yuan | date | bool |
    pp (a change of a fraction, in percentage points) |
    vocab:<vocabulary> (a code, shown as its label) | label (a catalogue key) | run_status (in words) |
    by_kind (a number in the unit of the row's `kind` column: count, rate in % or points, money in 万元)
    | unit (the row's `kind` as that unit) | multiple (a growth multiple, a plain number).
    """

    name: str
    key: str
    kind: str = "text"


def header(col: Col, lang: Lang) -> str:
    """A column's header with its unit, e.g. 覆盖率(%) or 金额(万元)."""
    unit = _UNITS.get(col.kind)
    base = t(col.key, lang)
    return f"{base}({unit[0] if lang == 'zh' else unit[1]})" if unit else base


def _expr(col: Col, lang: Lang) -> pl.Expr:
    c = pl.col(col.name)
    if col.kind == "int":  # a count: never 27.0
        return c.cast(pl.Float64).round(0).cast(pl.Int64)
    if col.kind == "rate":
        return (c * 100).round(1)
    if col.kind == "pp":  # a change of a rate, in percentage points
        return (c * 100).round(2)
    if col.kind == "wan":
        return (c.cast(pl.Float64) / 1e4).round(2)
    if col.kind == "yuan":
        return c.cast(pl.Float64).round(2)
    if col.kind == "bool":
        return c.replace_strict(
            {True: t("val.yes", lang), False: t("val.no", lang)},
            default=None,
            return_dtype=pl.String,
        )
    if col.kind == "run_status":  # a refresh run's status in words (unknown ones as they are)
        words = {
            s: t(f"val.run_{s}", lang) for s in ("succeeded", "failed", "running", "interrupted")
        }
        return c.replace(words)
    if col.kind == "label":
        return labels.keys(c, lang)
    if col.kind == "by_kind":  # a plain number in the unit of the row's kind (see "unit")
        kind, value = pl.col("kind"), c.cast(pl.Float64)
        return (
            pl.when(kind == "rate")
            .then((value * 100).round(1))
            .when(kind == "money")
            .then((value / 1e4).round(2))
            .otherwise(value.round(0))
        )
    if col.kind == "unit":
        units = {k: t(f"unit.of_{k}", lang) for k in ("count", "rate", "money")}
        return c.replace_strict(units, default=None, return_dtype=pl.String)
    if col.kind == "multiple":
        return c.cast(pl.Float64).round(2)
    if col.kind.startswith("vocab:"):
        vocabulary = col.kind.split(":", 1)[1]
        return labels.vocab(c, vocabulary, lang)
    return c


def present(df: pl.DataFrame, cols: Sequence[Col], lang: Lang) -> pl.DataFrame:
    """The frame as a reader sees it: chosen columns, labels for codes, units applied, headers translated."""
    return df.select([_expr(c, lang).alias(header(c, lang)) for c in cols])


def _numbers_as_text(values: pl.Series, kind: str) -> pl.Series:
    """A number column as screen text, formatted here in the session's own thread: a Python callback
    on the polars pool could deadlock the server (see dashboard/core/labels.py)."""
    return pl.Series(values.name, [screen_text(v, kind) for v in values.to_list()], pl.String)


def for_screen(df: pl.DataFrame, cols: Sequence[Col], lang: Lang) -> tuple[pl.DataFrame, set[str]]:
    """present() for st.dataframe, which prints a missing value as "None": missing text is empty, and a
    date or number column with a gap becomes text (returned as the second value) with an empty cell."""
    shown = present(df, cols, lang)
    as_text: set[str] = set()
    exprs: list[pl.Expr | pl.Series] = []
    for col in cols:
        name = header(col, lang)
        c, dtype = pl.col(name), shown.schema[name]
        if dtype == pl.String:
            exprs.append(c.fill_null(""))
        elif shown[name].null_count() == 0:
            exprs.append(c)
        elif dtype == pl.Date or dtype == pl.Datetime:
            fmt = "%Y-%m-%d" if dtype == pl.Date else "%Y-%m-%d %H:%M"
            exprs.append(c.dt.strftime(fmt).fill_null(""))
            as_text.add(name)
        elif dtype.is_numeric():
            exprs.append(_numbers_as_text(shown[name], col.kind))
            as_text.add(name)
        else:
            exprs.append(c)
    # one chunk: to_pandas() on a many-chunk frame trades the GIL per chunk and crawls when busy
    return shown.select(exprs).rechunk(), as_text


def neutralize(df: pl.DataFrame) -> pl.DataFrame:
    """Prefix ' to text cells that a spreadsheet would read as a formula (= + - @ tab CR) unless they
    are a plain number; number columns stay numbers (pipeline.csvsafe)."""
    return csvsafe.neutralize(df)


def csv_bytes(df: pl.DataFrame, codes: Sequence[str] = ()) -> bytes:
    """UTF-8 CSV with a BOM (Excel opens it in Chinese), formula injection neutralized and the
    all-digit values of the `codes` columns written as ="…" so a spreadsheet keeps every digit."""
    return csvsafe.csv_bytes(df, codes=codes)


def _csv_numbers(df: pl.DataFrame, cols: Sequence[Col]) -> list[pl.Expr]:
    """A by_kind column in the CSV: counts as integers (27, never 27.0), rates and money as they are."""
    out = []
    for col in cols:
        if col.kind == "by_kind":
            value = _expr(col, "zh")
            whole = value.round(0).cast(pl.Int64).cast(pl.String)
            out.append(
                pl.when(pl.col("kind") == "count")
                .then(whole)
                .otherwise(value.cast(pl.String))
                .alias(col.name)
            )
    return out


def table_csv(df: pl.DataFrame, cols: Sequence[Col]) -> bytes:
    """The CSV of exactly the rows shown, with Chinese headers and labels; codes kept as text."""
    shown = present(df.with_columns(_csv_numbers(df, cols)), _as_text(cols), "zh")
    return csv_bytes(shown, [header(c, "zh") for c in cols if csvsafe.is_identifier(c.name)])


def _as_text(cols: Sequence[Col]) -> list[Col]:
    return [Col(c.name, c.key, "text") if c.kind == "by_kind" else c for c in cols]


def selection_words(regions: Sequence[str], names: Mapping[str, str]) -> str:
    """The chosen regions for a file name: 朝阳区, or 3个地区; nothing when none is chosen."""
    if len(regions) == 1:
        return names.get(regions[0], regions[0])
    return t("export.n_regions", "zh", n=len(regions)) if regions else ""
