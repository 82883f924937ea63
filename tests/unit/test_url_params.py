"""Any URL reads into a valid selection: refused values are dropped and named, never an exception."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.core.filters import (
    HUB_TYPES,
    LEVELS,
    ORG_TYPES,
    PARAMS,
    SOURCES,
    Allowed,
    Filters,
    refused,
)

ALLOWED = Allowed(years=(2008, 2012, 2015), regions=("110000", "110101", "110102"))
FIELD_CHOICES = {
    "regions": ALLOWED.regions,
    "levels": LEVELS,
    "hub_types": HUB_TYPES,
    "org_types": ORG_TYPES,
    "sources": SOURCES,
}
# random text, plus the near misses: digits that are not ASCII, huge numbers, valid codes
VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["²", "٣", "２０１２", "2012", "02012", "9" * 5000, "-1", "1e3", " 2015", "en",
                     "110101", "110000", "999999", "union", "street", "foundation", "lottery"]),
)  # fmt: skip
URLS = st.dictionaries(
    st.sampled_from([*PARAMS, "from", "drill"]), st.lists(VALUES, max_size=4), max_size=9
)


@settings(max_examples=400, deadline=None)
@given(URLS)
def test_any_url_gives_an_allowed_selection_and_names_what_it_dropped(
    params: dict[str, list[str]],
) -> None:
    f = Filters.from_params(params, ALLOWED)
    assert f.year in ALLOWED.years and f.base_year in ALLOWED.years and f.base_year <= f.year
    for field, choices in FIELD_CHOICES.items():
        assert set(getattr(f, field)) <= set(choices)
    dropped = refused(params, ALLOWED)
    for key in PARAMS:
        for value in params.get(key, ()):
            kept = _kept(f, key, value)
            assert kept != ((key, value) in dropped), (key, value)
    for value in params.get("drill", ()):  # the old drill-down, read as a region by the sidebar
        assert (value in ALLOWED.regions) != (("drill", value) in dropped), value


def _kept(f: Filters, key: str, value: str) -> bool:
    if key in ("year", "base"):
        return value in {str(y) for y in ALLOWED.years}  # as the dashboard writes a year
    if key == "lang":
        return value in ("zh", "en")
    return value in getattr(f, PARAMS[key])


def test_a_superscript_two_is_refused_not_a_crash() -> None:
    """'²'.isdigit() is true and int('²') raises: the year-end falls back to its default."""
    f = Filters.from_params({"year": ["²"], "base": ["²"]}, ALLOWED)
    assert (f.year, f.base_year) == (2015, 2008)
    assert refused({"year": ["²"], "base": ["²"]}, ALLOWED) == (("year", "²"), ("base", "²"))


def test_refused_lists_each_bad_value_in_url_order_and_ignores_foreign_names() -> None:
    params = {
        "district": ["110101", "999999"],
        "level": ["moon", "street"],
        "lang": ["fr"],
        "year": ["2012"],
        "from": ["singlemessage"],  # added by a chat app when a link is shared: not ours
    }
    assert refused(params, ALLOWED) == (("district", "999999"), ("level", "moon"), ("lang", "fr"))


def test_a_five_thousand_digit_year_is_refused() -> None:
    """int() of more than 4,300 digits raises in Python 3.11: never reached."""
    assert refused({"year": ["9" * 5000]}, ALLOWED) == (("year", "9" * 5000),)
    assert Filters.from_params({"year": ["9" * 5000]}, ALLOWED).year == 2015
