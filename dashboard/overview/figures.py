"""Pure computations on query results: headline change against a baseline, hub types' share of the increase."""

from __future__ import annotations

import polars as pl

from dashboard.core import labels
from dashboard.core.filters import Filters
from dashboard.core.words import Lang, label, t
from schemas.messages import RULE_NAMES, rule_name
from schemas.tables import TABLES_BY_NAME

# (figure key, column of headline_series, kind: count | rate | money)
HEADLINE: tuple[tuple[str, str, str], ...] = (
    ("fig.hubs_city", "hubs_city", "count"),
    ("fig.hubs_district", "hubs_district", "count"),
    ("fig.hubs_street", "hubs_street", "count"),
    ("fig.hubs_total", "hubs_total", "count"),
    ("fig.active_orgs", "active_orgs", "count"),
    ("fig.linked_orgs", "linked_orgs", "count"),
    ("fig.coverage_rate", "coverage_rate", "rate"),
    ("fig.mass_org_linked_orgs", "mass_org_linked_orgs", "count"),
    ("fig.mass_org_share", "mass_org_share", "rate"),
    ("fig.funding_amount_yuan", "funding_amount_yuan", "money"),
    ("fig.projects_started", "projects_started", "count"),
    ("fig.contract_amount_yuan", "contract_amount_yuan", "money"),
)
FLOWS = frozenset(
    {"funding_amount_yuan", "projects_started", "contract_amount_yuan"}
)  # year totals
_LEVEL_OF = {"hubs_city": "city", "hubs_district": "district", "hubs_street": "street"}


def headline_figures(f: Filters) -> list[tuple[str, str, str]]:
    """The headline figures that concern the selection (hub counts only for the selected levels)."""
    return [
        h for h in HEADLINE if h[1] not in _LEVEL_OF or not f.levels or _LEVEL_OF[h[1]] in f.levels
    ]


def year_row(series: pl.DataFrame, year: int) -> dict[str, object]:
    """The headline row of one year (all figures empty when the year is missing)."""
    rows = series.filter(pl.col("year") == year)
    return rows.row(0, named=True) if rows.height else dict.fromkeys(series.columns)


def multiple(base: float | None, current: float | None) -> float | None:
    """current / base; empty when the base is zero or missing."""
    return None if base in (None, 0) or current is None else current / base


def change_table(series: pl.DataFrame, f: Filters) -> pl.DataFrame:
    """One row per headline figure: baseline value, current value, multiple (counts and money), increase."""
    base, now = year_row(series, f.base_year), year_row(series, f.year)
    rows = []
    for key, column, kind in headline_figures(f):
        b, c = base[column], now[column]
        rows.append(
            {
                "figure": key,
                "kind": kind,
                "base": b,
                "current": c,
                "multiple": None if kind == "rate" else multiple(b, c),
                "increase": None if b is None or c is None else c - b,
            }
        )
    schema = {
        "figure": pl.String,
        "kind": pl.String,
        "base": pl.Float64,
        "current": pl.Float64,
        "multiple": pl.Float64,
        "increase": pl.Float64,
    }
    return pl.DataFrame(rows, schema=schema)


def type_increase(by_type: pl.DataFrame, f: Filters, total_increase: float | None) -> pl.DataFrame:
    """Per hub type: linked organizations at the baseline and now, the increase and its share of the total."""
    wide = by_type.select("as_of", "hub_type", "type_index", "is_mass_org", "linked_orgs").pivot(
        on="as_of", index=["hub_type", "type_index", "is_mass_org"], values="linked_orgs"
    )
    base_col, now_col = str(f.base_as_of), str(f.as_of)
    for col in (base_col, now_col):  # a year without any hub type's row
        if col not in wide.columns:
            wide = wide.with_columns(pl.lit(None, dtype=pl.Int64).alias(col))
    share = (
        pl.col("increase") / total_increase if total_increase else pl.lit(None, dtype=pl.Float64)
    )
    return (
        wide.with_columns(pl.col(base_col).alias("base"), pl.col(now_col).alias("current"))
        .select("hub_type", "type_index", "is_mass_org", "base", "current")
        .with_columns((pl.col("current") - pl.col("base")).alias("increase"))
        .with_columns(share.alias("share_of_increase"))
        .sort("type_index")
    )


def column_label(file: str | None, column: str | None, lang: Lang = "zh") -> str:
    """An input column in words: its Chinese header (the first alias) in Chinese, its canonical name
    in English (the code itself when the column is unknown)."""
    if not column:
        return ""
    table = TABLES_BY_NAME.get((file or "").rsplit(".", 1)[0])
    match = next((c for c in table.columns if c.name == column), None) if table else None
    return match.aliases[0] if lang == "zh" and match and match.aliases else column


def with_column_labels(df: pl.DataFrame, lang: Lang = "zh") -> pl.DataFrame:
    """Add column_label to a frame of rejections or warnings (file, column)."""
    labels = [
        column_label(f, c, lang)
        for f, c in zip(df["file"].to_list(), df["column"].to_list(), strict=True)
    ]
    return df.with_columns(pl.Series("column_label", labels, dtype=pl.String))


def with_rule_labels(df: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """Add rule_label: the rule in words in the language (schemas.messages.RULE_NAMES), the code for
    a rule without a name."""
    names = {rule: rule_name(rule, lang) for rule in RULE_NAMES}
    label = pl.col("rule").replace_strict(names, default=pl.col("rule"), return_dtype=pl.String)
    return df.with_columns(label.alias("rule_label"))


def with_type_labels(orgs: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """Add linked_types_label: the comma-separated hub type codes as labels (— when none)."""
    names = labels.code_list("linked_types", "hub_type", lang)
    return orgs.with_columns(names.fill_null("—").alias("linked_types_label"))


# register entry: (column, catalogue key, vocabulary or "bool" or None)
ENTRY_FIELDS = (
    ("uscc", "col.uscc", None),
    ("name", "col.name", None),
    ("org_type", "col.org_type", "org_type"),
    ("registration_level", "col.registration_level", "registration_level"),
    ("registered_district", "col.registered_district", None),
    ("current_district", "col.current_district", None),
    ("registered_on", "col.registered_on", None),
    ("deregistered_on", "col.deregistered_on", None),
    ("status", "col.org_status", "org_status"),
    ("rating", "col.rating", "rating"),
    ("registration_mode", "col.registration_mode", "registration_mode"),
    ("service_domain", "col.service_domain", "service_domain"),
    ("full_time_staff", "col.full_time_staff", None),
    ("has_party_org", "col.has_party_org", "bool"),
    ("has_union", "col.has_union", "bool"),
)


def _entry_value(value: object, vocabulary: str | None, lang: Lang) -> str:
    if value is None:
        return t("val.none", lang)
    if vocabulary == "bool":
        return t("val.yes" if value else "val.no", lang)
    return label(vocabulary, str(value), lang) if vocabulary else str(value)


def register_entry(row: dict[str, object], lang: Lang) -> pl.DataFrame:
    """An organization's register entry as two columns: field name, value in words."""
    return pl.DataFrame(
        {
            "field": [t(key, lang) for _, key, _ in ENTRY_FIELDS],
            "value": [
                _entry_value(row.get(col), vocabulary, lang) for col, _, vocabulary in ENTRY_FIELDS
            ],
        }
    )
