"""The Hubs page's tables built from its query results (pure): a hub's register entry, its
organizations grouped one way, the money paid to them by source and by organization."""

from __future__ import annotations

import polars as pl

from dashboard.core import labels
from dashboard.core.words import Lang, label, t

# the ways a hub's organizations are grouped: dimension -> (column, vocabulary; None: the region)
GROUPS = {
    "org_type": ("org_type", "org_type"),
    "service_domain": ("service_domain", "service_domain"),
    "rating": ("rating", "rating"),
    "registration_mode": ("registration_mode", "registration_mode"),
    "district_name": ("district_code", None),
}
ENTRY_FIELDS = (
    ("hub_id", "col.hub_id", None),
    ("name", "col.hub_name", None),
    ("hub_type", "col.hub_type", "hub_type"),
    ("level", "col.level", "hub_level"),
    ("region_name", "col.region_name", None),
    ("street_name", "col.street_name", None),
    ("recognized_on", "col.recognized_on", None),
    ("revoked_on", "col.revoked_on", None),
)


def entry(row: dict[str, object], lang: Lang) -> pl.DataFrame:
    """A hub's register entry as two columns: field name, value in words."""
    values = [
        t("val.none", lang)
        if row.get(column) is None
        else label(vocabulary, str(row[column]), lang)
        if vocabulary
        else str(row[column])
        for column, _, vocabulary in ENTRY_FIELDS
    ]
    return pl.DataFrame({"field": [t(key, lang) for _, key, _ in ENTRY_FIELDS], "value": values})


def with_relations(orgs: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """The relations of each organization to the hub in words: 管理、联系."""
    managed, liaison = label("relation", "managed", lang), label("relation", "liaison", lang)
    both = t("caption.list_sep", lang).join([managed, liaison])
    words = (
        pl.when(pl.col("is_managed") & pl.col("is_liaison"))
        .then(pl.lit(both))
        .when(pl.col("is_managed"))
        .then(pl.lit(managed))
        .otherwise(pl.lit(liaison))
    )
    return orgs.with_columns(relations=words)


def group(orgs: pl.DataFrame, dim: str, lang: Lang) -> pl.DataFrame:
    """The organizations counted one way (GROUPS): key (the code, "none" for an empty one), label,
    orgs, managed and liaison ones; most first."""
    column, vocabulary = GROUPS[dim]
    key = pl.col(column).fill_null("none")
    counted = orgs.group_by(key.alias("key")).agg(
        pl.len().alias("orgs"),
        pl.col("is_managed").sum().alias("managed_orgs"),
        pl.col("is_liaison").sum().alias("liaison_orgs"),
        pl.col("district_name").first().alias("district_name"),
    )
    shown = labels.vocab("key", vocabulary, lang) if vocabulary else pl.col("district_name")
    unknown = pl.lit(t("val.unknown", lang))
    return (
        counted.with_columns(label=pl.when(pl.col("key") == "none").then(unknown).otherwise(shown))
        .sort(["orgs", "key"], descending=[True, False])
        .drop("district_name")
    )


def members(orgs: pl.DataFrame, dim: str, key: str) -> pl.DataFrame:
    """The organizations behind one row of group(orgs, dim)."""
    column = pl.col(GROUPS[dim][0])
    return orgs.filter(column.is_null() if key == "none" else column == key)


def by_source(funding: pl.DataFrame) -> pl.DataFrame:
    """Money by source: amount, payments, recipients; largest first."""
    return (
        funding.group_by("source")
        .agg(
            pl.col("amount_yuan").sum(),
            pl.col("records").sum(),
            pl.col("uscc").n_unique().alias("recipients"),
        )
        .sort(["amount_yuan", "source"], descending=[True, False])
    )


def by_org(funding: pl.DataFrame, source: str | None = None) -> pl.DataFrame:
    """Money by organization (of one source, if given); largest first."""
    rows = funding if source is None else funding.filter(pl.col("source") == source)
    return (
        rows.group_by("uscc", "name")
        .agg(pl.col("amount_yuan").sum(), pl.col("records").sum())
        .sort(["amount_yuan", "uscc"], descending=[True, False])
    )
