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
    ("supervising_unit", "col.supervising_unit", "supervisor"),
    ("registration_authority", "col.registration_authority", None),
    ("address", "col.address", None),
    ("location_source", "col.location_source", "located"),
    ("service_domain", "col.service_domain", "service_domain"),
    ("full_time_staff", "col.full_time_staff", None),
    ("has_party_org", "col.has_party_org", "bool"),
    ("has_union", "col.has_union", "bool"),
    ("union_form", "col.union_form", "union_form"),
    ("party_org_form", "col.party_org_form", "party_org_form"),
)


# The civil-affairs export's columns: a row only when the organizations file delivered the column
# (业务主管单位 delivered but empty: 无（直接登记）).
OPTIONAL = {"supervising_unit", "registration_authority", "address"}


def _entry_value(value: object, vocabulary: str | None, lang: Lang) -> str:
    if value is None:
        return t("orgs.no_supervisor" if vocabulary == "supervisor" else "val.none", lang)
    if vocabulary == "located":
        return t(f"orgs.located_{value}", lang)
    if vocabulary == "bool":
        return t("val.yes" if value else "val.no", lang)
    if vocabulary == "supervisor":
        return str(value)
    return label(vocabulary, str(value), lang) if vocabulary else str(value)


def register_entry(row: dict[str, object], lang: Lang) -> pl.DataFrame:
    """An organization's register entry as two columns: field name, value in words (the export's
    optional columns only where the file delivered them; how its place was found where it was not
    filed with a code)."""
    delivered = set(row.get("delivered") or ())  # type: ignore[call-overload]
    derives = "registration_mode" not in delivered  # an empty 业务主管单位 then means direct
    fields = [
        (col, key, vocabulary)
        for col, key, vocabulary in ENTRY_FIELDS
        if (col not in OPTIONAL or col in delivered)
        and (col != "location_source" or row.get(col) not in (None, "code"))
    ]
    return pl.DataFrame(
        {
            "field": [t(key, lang) for _, key, _ in fields],
            "value": [
                _entry_value(row.get(col), vocabulary if derives else None, lang)
                if vocabulary == "supervisor"
                else _entry_value(row.get(col), vocabulary, lang)
                for col, _, vocabulary in fields
            ],
        }
    )
