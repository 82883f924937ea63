"""The profile page's drill keys: a figure as criteria ("rating:4A_plus", "org_type:foundation,
registration_level:city"), their allowlist, the choices offered and their words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dashboard.core.words import Lang, label, t
from schemas import vocab

_BOOL = ("true", "false")
# criterion -> allowed values ("none" = not given)
FIELDS: dict[str, tuple[str, ...]] = {
    "org_type": tuple(vocab.codes(vocab.ORG_TYPE)),
    "registration_level": (*vocab.codes(vocab.REGISTRATION_LEVEL), "none"),
    "registration_mode": (*vocab.codes(vocab.REGISTRATION_MODE), "none"),
    "rating": (*vocab.codes(vocab.RATING), "4A_plus", "none"),
    "service_domain": (*vocab.codes(vocab.SERVICE_DOMAIN), "none"),
    "is_linked": _BOOL,
    "has_party_org": _BOOL,
    "has_union": _BOOL,
}
_HEADERS = {
    "org_type": "col.org_type",
    "registration_level": "col.registration_level",
    "registration_mode": "col.registration_mode",
    "rating": "col.rating",
    "service_domain": "col.service_domain",
    "is_linked": "col.is_linked",
    "has_party_org": "col.has_party_org",
    "has_union": "col.has_union",
}
ALL = "all"


def key(**criteria: str) -> str:
    """The drill key of some criteria (no criteria: every active organization)."""
    return ",".join(f"{field}:{value}" for field, value in criteria.items()) or ALL


def parse(text: str, missing: Sequence[str] = ()) -> dict[str, str] | None:
    """The criteria of a drill key, or None when it is not one (unknown field or value, a field
    twice, or a column the register did not deliver)."""
    if text == ALL:
        return {}
    criteria: dict[str, str] = {}
    for part in text.split(","):
        field, _, value = part.partition(":")
        if field not in FIELDS or value not in FIELDS[field] or field in criteria:
            return None
        if field in missing:
            return None
        criteria[field] = value
    return criteria


def choices(missing: Sequence[str]) -> list[str]:
    """The figures the page offers to drill into, in the page's order."""
    out = [ALL, *(key(org_type=c) for c in FIELDS["org_type"])]
    out += [key(registration_level=c) for c in ("city", "district")]
    out += [
        key(registration_mode="direct"),
        key(registration_mode="direct", registration_level="city"),
    ]
    out += [key(registration_mode="dual")]
    out += [key(rating="4A_plus"), *(key(rating=r) for r in reversed(vocab.codes(vocab.RATING)))]
    out += [key(rating="none"), key(is_linked="true"), key(is_linked="false")]
    for flag in ("has_party_org", "has_union"):
        out += [key(**{flag: "true"}), key(**{flag: "true", "is_linked": "true"})]
        out += [key(**{flag: "true", "is_linked": "false"})]
    out += [key(service_domain=c) for c in FIELDS["service_domain"]]
    return [k for k in out if parse(k, missing) is not None]


def _value(field: str, value: str, lang: Lang) -> str:
    if value in _BOOL:
        return t("val.yes" if value == "true" else "val.no", lang)
    if value == "none":
        return t("val.unrated" if field == "rating" else "val.unknown", lang)
    if value == "4A_plus":
        return t("profile.rated_4a_plus", lang)
    return label(field, value, lang)


def words(criteria: Mapping[str, str], lang: Lang) -> str:
    """A drill key in words: 全部存续社会组织, or 评估等级：4A及以上 · 组织类型：基金会."""
    if not criteria:
        return t("profile.all", lang)
    parts = [
        t("caption.kv", lang, k=t(_HEADERS[f], lang), v=_value(f, v, lang))
        for f, v in criteria.items()
    ]
    return " · ".join(parts)
