"""One organization's register entry as a two-column table: each field in words and its value."""

from __future__ import annotations

import polars as pl

from dashboard.core.words import Lang, label, t

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
