"""Render typed synthetic rows as the text a clerk hands in: mixed date, amount and enum forms."""

from __future__ import annotations

import numpy as np
import polars as pl

from schemas.vocab import Term

_FULL = str.maketrans(
    "0123456789ABCDEFGHJKLMNPQRTUWXY",
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＴＵＷＸＹ",
)
ISO, SLASH, ZH = 0, 1, 2


def styles(rng: np.random.Generator, n: int, weights: tuple[float, ...]) -> np.ndarray:
    """A style number per row, drawn with the given weights."""
    w = np.array(weights, dtype=float)
    return rng.choice(len(w), size=n, p=w / w.sum())


def dates(days: pl.Series | np.ndarray, style: np.ndarray) -> pl.Series:
    """Day numbers (negative = none) as 2015-07-01, 2015/7/1 or 2015年7月1日; none as null."""
    frame = pl.DataFrame({"d": np.asarray(days, dtype=np.int64), "s": style})
    date = pl.when(pl.col("d") >= 0).then(pl.col("d")).cast(pl.Int32).cast(pl.Date)
    y, m, dd = (
        date.dt.year().cast(pl.String),
        date.dt.month().cast(pl.String),
        date.dt.day().cast(pl.String),
    )
    return frame.select(
        pl.when(pl.col("s") == ISO)
        .then(date.dt.strftime("%Y-%m-%d"))
        .when(pl.col("s") == SLASH)
        .then(pl.concat_str([y, pl.lit("/"), m, pl.lit("/"), dd]))
        .otherwise(pl.concat_str([y, pl.lit("年"), m, pl.lit("月"), dd, pl.lit("日")]))
    ).to_series()


def _thousands(yuan: pl.Expr) -> pl.Expr:
    """Whole yuan with thousands separators (below a trillion)."""
    a, b, c, d = (yuan // 10**9, yuan // 10**6 % 1000, yuan // 1000 % 1000, yuan % 1000)

    def pad(e: pl.Expr) -> pl.Expr:
        return e.cast(pl.String).str.zfill(3)

    return (
        pl.when(yuan >= 10**9)
        .then(pl.concat_str([a.cast(pl.String), pad(b), pad(c), pad(d)], separator=","))
        .when(yuan >= 10**6)
        .then(pl.concat_str([b.cast(pl.String), pad(c), pad(d)], separator=","))
        .when(yuan >= 1000)
        .then(pl.concat_str([c.cast(pl.String), pad(d)], separator=","))
        .otherwise(d.cast(pl.String))
    )


def amounts(cents: np.ndarray, style: np.ndarray) -> pl.Series:
    """Amounts as 125000, 125,000.00, 12.5万 or 12.5万元 (万 only for whole hundreds)."""
    frame = pl.DataFrame({"c": np.asarray(cents, dtype=np.int64), "s": style})
    c = pl.col("c").abs()
    yuan, fen = c // 100, c % 100
    sign = pl.when(pl.col("c") < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    plain = pl.concat_str(
        [
            yuan.cast(pl.String),
            pl.when(fen > 0)
            .then(pl.concat_str([pl.lit("."), fen.cast(pl.String).str.zfill(2)]))
            .otherwise(pl.lit("")),
        ]
    )
    comma = pl.concat_str([_thousands(yuan), pl.lit("."), fen.cast(pl.String).str.zfill(2)])
    frac = (c // 10_000 % 100).cast(pl.String).str.zfill(2).str.strip_chars_end("0")
    wan = pl.concat_str(
        [
            (c // 1_000_000).cast(pl.String),
            pl.when(frac != "").then(pl.lit(".") + frac).otherwise(pl.lit("")),
            pl.lit("万"),
        ]
    )
    exact = (c % 10_000) == 0
    body = (
        pl.when(pl.col("s") == 0)
        .then(plain)
        .when(pl.col("s") == 1)
        .then(comma)
        .when(exact & (pl.col("s") == 2))
        .then(wan)
        .when(exact & (pl.col("s") == 3))
        .then(wan + pl.lit("元"))
        .otherwise(comma)
    )
    return frame.select(pl.concat_str([sign, body]).alias("amount")).to_series()


def enums(
    codes: pl.Series | np.ndarray,
    vocab: tuple[Term, ...],
    rng: np.random.Generator,
    label_share: float,
    alias_share: float = 0.1,
) -> pl.Series:
    """Codes written as the code, the Chinese label or (sometimes) an accepted alias."""
    series = pl.Series(np.asarray(codes)).cast(pl.String)
    n = len(series)
    u = rng.random(n)
    labels = {t.code: t.zh for t in vocab}
    aliases = {t.code: t.aliases[0] for t in vocab if t.aliases}
    as_label = series.replace_strict(labels, default=series)
    as_alias = series.replace_strict(aliases, default=as_label)
    pick = np.where(u < label_share * (1 - alias_share), 1, np.where(u < label_share, 2, 0))
    frame = pl.DataFrame({"code": series, "label": as_label, "alias": as_alias, "p": pick})
    return frame.select(
        pl.when(pl.col("code") == "")
        .then(pl.lit(None))
        .when(pl.col("p") == 1)
        .then("label")
        .when(pl.col("p") == 2)
        .then("alias")
        .otherwise("code")
    ).to_series()


def booleans(values: np.ndarray, rng: np.random.Generator, empty: float = 0.01) -> pl.Series:
    """是/否 mostly, Y/N sometimes, a few left empty."""
    u = rng.random(len(values))
    text = np.where(u < 0.85, np.where(values, "是", "否"), np.where(values, "Y", "N"))
    blank = pl.Series(rng.random(len(values)) < empty)
    return pl.select(pl.when(blank).then(None).otherwise(pl.Series(text))).to_series()


def fullwidth(text: pl.Series, mask: np.ndarray) -> pl.Series:
    """Some cells typed with full-width digits and letters, as an input method does."""
    half = list("0123456789ABCDEFGHJKLMNPQRTUWXY")
    full = text.str.replace_many(half, [c.translate(_FULL) for c in half])
    return (
        pl.select(pl.when(pl.Series(mask)).then(full).otherwise(text)).to_series().alias(text.name)
    )


def blank_to_null(frame: pl.DataFrame) -> pl.DataFrame:
    """Empty strings become missing cells (written as nothing, not as "")."""
    return frame.with_columns(
        pl.when(pl.col(pl.String) == "").then(None).otherwise(pl.col(pl.String)).name.keep()
    )


def choose(which: np.ndarray, *options: pl.Series | str | None) -> pl.Series:
    """Row i takes options[which[i]]: a Series of the same length, or a constant."""
    columns = {"which": pl.Series(np.asarray(which))}
    values: list[pl.Expr] = []
    for k, option in enumerate(options):
        if isinstance(option, pl.Series):
            columns[f"o{k}"] = option
            values.append(pl.col(f"o{k}"))
        else:
            values.append(pl.lit(option, dtype=pl.String))
    expr = values[-1]
    for k in range(len(values) - 2, -1, -1):
        expr = pl.when(pl.col("which") == k).then(values[k]).otherwise(expr)
    return pl.DataFrame(columns).select(expr.cast(pl.String).alias("value")).to_series()
