"""Where an organization counts and at which level it registered, from its code, address, authority.

The location is district_code; else the region its address (住所) names, the most specific one
(a county, else a prefecture or province); else its registration authority's region. The
authority (登记管理机关) is resolved to its region and level (schemas/places); when it is given it
decides the registration level. Rows nothing locates, or whose authority names no region or
several, are rejected; rows located by address or authority, or whose level or code disagree with
the authority, are kept with a warning (docs/inputs.md, "Registers as the bureaus keep them").
"""

from __future__ import annotations

import re

import polars as pl

from pipeline.places import ROW, context_columns, find_places
from pipeline.read import LINE
from schemas import messages, vocab
from schemas.places import NATIONAL_AUTHORITY, authority_level, split_authority
from schemas.regions import NATIONAL_CODE, region_names

ISSUE_SCHEMA = {
    "line": pl.Int64,
    "column": pl.String,
    "rule": pl.String,
    "value": pl.String,
    "message": pl.String,
}
LOCATED = ("authority_code", "authority_level", "location_code", "location_source")
_LEVEL_ZH = {term.code: term.zh for term in vocab.REGISTRATION_LEVEL}


def _fill(rule: str, parts: dict[str, pl.Expr]) -> pl.Expr:
    """A message template ({slot}s) filled per row from expressions."""
    pieces = re.split(r"\{(\w+)\}", messages.MESSAGES[rule])
    return pl.concat_str(
        [pl.lit(p) if i % 2 == 0 else parts[p] for i, p in enumerate(pieces)], ignore_nulls=True
    )


def _named(code: pl.Expr) -> pl.Expr:
    return code.replace_strict(region_names(), default=code, return_dtype=pl.String)


def _listed(codes: pl.Expr) -> pl.Expr:
    each = pl.element() + pl.lit("（") + _named(pl.element()) + pl.lit("）")
    return codes.list.eval(each).list.join("、")


def authorities(rows: pl.DataFrame) -> pl.DataFrame:
    """Per row (ROW, registration_authority, ctx code): authority_code, authority_level, and for
    an unresolved one the candidates (empty list: no region found)."""
    given = rows.filter(pl.col("registration_authority").is_not_null())
    names = given["registration_authority"].unique().to_list()
    split = {n: split_authority(n) for n in names}
    parts = pl.DataFrame(
        {
            "registration_authority": names,
            "region_text": [s[0] if s else None for s in split.values()],
            "suffix": [s[1] if s else None for s in split.values()],
        },
        schema={"registration_authority": pl.String, "region_text": pl.String, "suffix": pl.String},
    )
    joined = given.join(parts, on="registration_authority", how="left")
    found = find_places(joined.filter(pl.col("region_text") != ""), "region_text", "ctx")
    levels = {
        (code, rank, suffix): authority_level(code, rank, suffix)
        for code, rank, suffix in joined.join(found, on=ROW)
        .select("place_code", "place_rank", "suffix")
        .drop_nulls()
        .unique()
        .iter_rows()
    }
    out = joined.join(found, on=ROW, how="left").with_columns(
        pl.when(pl.col("suffix") == NATIONAL_AUTHORITY)
        .then(pl.lit(NATIONAL_CODE))
        .otherwise("place_code")
        .alias("authority_code")
    )
    level_rows = pl.DataFrame(
        [(c, r, s, lv) for (c, r, s), lv in levels.items()],
        schema={
            "place_code": pl.String,
            "place_rank": pl.Int8,
            "suffix": pl.String,
            "lv": pl.String,
        },
        orient="row",
    )
    out = out.join(level_rows, on=["place_code", "place_rank", "suffix"], how="left")
    return out.select(
        ROW,
        "authority_code",
        pl.when(pl.col("suffix") == NATIONAL_AUTHORITY)
        .then(pl.lit("national"))
        .otherwise("lv")
        .alias("authority_level"),
        pl.col("ambiguous_name").alias("authority_ambiguous"),
        pl.col("candidates").alias("authority_candidates"),
    )


def locate(typed: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The organizations with authority_code, authority_level, location_code and location_source
    (code, address, authority); the rejections and the warnings (line, column, rule, value,
    message)."""
    rows = typed.with_row_index(ROW)
    addressed = find_places(rows.filter(pl.col("address").is_not_null()), "address")
    # the authority's namesakes are read inside the row's code, else the region its address names
    ctx = rows.join(addressed.select(ROW, "place_code"), on=ROW, how="left").select(
        ROW,
        "registration_authority",
        pl.coalesce("district_code", "place_code").alias("ctx"),
    )
    auth = authorities(ctx)
    rows = rows.join(auth, on=ROW, how="left")
    # an address whose county has namesakes is read again inside the authority's region
    unclear = addressed.filter(
        pl.col("place_code").is_null() & pl.col("ambiguous_name").is_not_null()
    )
    again = find_places(
        rows.join(unclear.select(ROW), on=ROW).select(ROW, "address", "authority_code"),
        "address",
        "authority_code",
    )
    addressed = pl.concat([addressed.join(again.select(ROW), on=ROW, how="anti"), again])
    rows = rows.join(
        addressed.rename(
            {
                "place_code": "address_code",
                "place_rank": "address_rank",
                "ambiguous_name": "address_ambiguous",
                "candidates": "address_candidates",
            }
        ),
        on=ROW,
        how="left",
    )
    rows = rows.with_columns(
        pl.coalesce("district_code", "address_code", "authority_code").alias("location_code"),
        pl.when(pl.col("district_code").is_not_null())
        .then(pl.lit("code"))
        .when(pl.col("address_code").is_not_null())
        .then(pl.lit("address"))
        .when(pl.col("authority_code").is_not_null())
        .then(pl.lit("authority"))
        .alias("location_source"),
    )
    issues = _rejections(rows)
    warnings = _warnings(rows.filter(~pl.col(LINE).is_in(issues["line"].implode())))
    kept = rows.select(*typed.columns, *LOCATED)
    return kept, issues, warnings


def _issue(frame: pl.DataFrame, column: str, rule: str, message: pl.Expr) -> pl.DataFrame:
    return frame.select(
        pl.col(LINE).alias("line"),
        pl.lit(column).alias("column"),
        pl.lit(rule).alias("rule"),
        pl.lit(None, pl.String).alias("value"),
        message.alias("message"),
    )


def _rejections(rows: pl.DataFrame) -> pl.DataFrame:
    given = pl.col("registration_authority").is_not_null()
    unresolved = given & pl.col("authority_code").is_null()
    many = unresolved & (pl.col("authority_candidates").list.len() > 1).fill_null(False)
    unlocated = pl.col("location_code").is_null() & pl.col("address").is_not_null()
    parts = [
        _issue(
            rows.filter(unresolved & ~many),
            "registration_authority",
            "authority_unknown",
            _fill("authority_unknown", {"authority": pl.col("registration_authority")}),
        ),
        _issue(
            rows.filter(many),
            "registration_authority",
            "authority_ambiguous",
            _fill(
                "authority_ambiguous",
                {
                    "authority": pl.col("registration_authority"),
                    "candidates": _listed(pl.col("authority_candidates")),
                },
            ),
        ),
        _issue(
            rows.filter(unlocated & ~given & pl.col("address_ambiguous").is_not_null()),
            "address",
            "address_ambiguous",
            _fill(
                "address_ambiguous",
                {
                    "address": pl.col("address"),
                    "name": pl.col("address_ambiguous"),
                    "candidates": _listed(pl.col("address_candidates")),
                },
            ),
        ),
        _issue(
            rows.filter(unlocated & ~given & pl.col("address_ambiguous").is_null()),
            "address",
            "address_unlocated",
            _fill("address_unlocated", {"address": pl.col("address")}),
        ),
    ]
    return pl.concat(parts).cast(ISSUE_SCHEMA)  # type: ignore[arg-type]


def _inside_authority() -> pl.Expr:
    code, authority = pl.col("district_code"), pl.col("authority_code")
    ctx = context_columns(code)
    prefecture, province = ctx[1], ctx[2]
    return (
        (authority == NATIONAL_CODE)
        | (code == authority)
        | (prefecture == authority)
        | ((pl.col("authority_level") == "province") & (province == authority))
    ).fill_null(True)


def _warnings(rows: pl.DataFrame) -> pl.DataFrame:
    level_zh = pl.col("registration_level").replace_strict(_LEVEL_ZH, default=None)
    authority_zh = pl.col("authority_level").replace_strict(_LEVEL_ZH, default=None)
    parts = [
        _issue(
            rows.filter(pl.col("location_source") == "address"),
            "address",
            "located_by_address",
            _fill(
                "located_by_address",
                {
                    "address": pl.col("address"),
                    "code": pl.col("location_code"),
                    "name": _named(pl.col("location_code")),
                },
            ),
        ),
        _issue(
            rows.filter(pl.col("location_source") == "authority"),
            "registration_authority",
            "located_by_authority",
            _fill(
                "located_by_authority",
                {
                    "authority": pl.col("registration_authority"),
                    "code": pl.col("location_code"),
                    "name": _named(pl.col("location_code")),
                },
            ),
        ),
        _issue(
            rows.filter(
                pl.col("registration_level").is_not_null()
                & pl.col("authority_level").is_not_null()
                & (pl.col("registration_level") != pl.col("authority_level"))
            ),
            "registration_level",
            "level_disagrees",
            _fill(
                "level_disagrees",
                {
                    "level": level_zh,
                    "authority": pl.col("registration_authority"),
                    "authority_level": authority_zh,
                },
            ),
        ),
        _issue(
            rows.filter(
                pl.col("district_code").is_not_null()
                & pl.col("authority_code").is_not_null()
                & ~_inside_authority()
            ),
            "district_code",
            "authority_code_disagrees",
            _fill(
                "authority_code_disagrees",
                {
                    "code": pl.col("district_code"),
                    "name": _named(pl.col("district_code")),
                    "authority": pl.col("registration_authority"),
                    "authority_code": pl.col("authority_code"),
                },
            ),
        ),
    ]
    return pl.concat(parts).cast(ISSUE_SCHEMA)  # type: ignore[arg-type]
