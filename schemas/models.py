"""pandera models of the typed input tables: every row rule of the contract, one model per table."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from contextvars import ContextVar
from decimal import Decimal
from typing import Any, Optional

import pandera.polars as pa
import polars as pl

from schemas import dates, regions, uscc, vocab

_REGIONS = regions.region_table()
_KNOWN_ANY = sorted(_REGIONS["region_code"].to_list())
# what a hub, project or payment may be filed under: any region but the whole country
_KNOWN_REGION = sorted(_REGIONS.filter(pl.col("region_level") != "national")["region_code"])
# county-level units of any edition (also 东莞 441900 and the like, which are their own prefecture)
_KNOWN_COUNTY = sorted(_REGIONS.filter(pl.col("region_level") == "county")["region_code"])
# what a city-level hub is filed under: a prefecture or a province, or a unit that is its own
# prefecture (东莞 441900, 仙桃 429004)
_CITY_LEVEL = sorted(
    _REGIONS.filter(
        (pl.col("region_level").is_in(["province", "prefecture"]))
        | (pl.col("prefecture_code") == pl.col("region_code"))
    )["region_code"]
)
_UNRESOLVED = sorted(regions.unresolved_codes())


# Amounts are stored as DECIMAL(38,2) (36 digits before the point), so no sum of amounts the marts
# compute can overflow (it would take 10^20 rows); one amount of 10^16 yuan or more is a typing
# error, refused as too large to record.
MAX_YUAN = Decimal(10**16)
AMOUNT = pl.Decimal(38, 2)
MAX_POPULATION = 2_000_000_000  # above any country's: summed over regions it stays a BIGINT


_REFRESH_DATE: ContextVar[dt.date | None] = ContextVar("refresh_date", default=None)


def today() -> dt.date:
    """The refresh date rules about the future use: the one of `as_of`, else env SHUNIU_TODAY
    (YYYY-MM-DD, for command-line tests), else the calendar's today."""
    pinned = _REFRESH_DATE.get()
    if pinned is not None:
        return pinned
    env = os.environ.get("SHUNIU_TODAY")
    return dt.date.fromisoformat(env) if env else dt.date.today()


@contextlib.contextmanager
def as_of(refresh_date: dt.date | None) -> Iterator[dt.date]:
    """Validate as on `refresh_date` (None: today()) within this block; yields the date used."""
    token = _REFRESH_DATE.set(refresh_date or today())
    try:
        yield today()
    finally:
        _REFRESH_DATE.reset(token)


def _col(data: pa.PolarsData) -> pl.Expr:
    return pl.col(data.key)


def _ok(data: pa.PolarsData, expr: pl.Expr) -> pl.LazyFrame:
    """A check result where a missing value passes (required-ness is its own rule)."""
    return data.lazyframe.select((expr | _col(data).is_null()).fill_null(True))


def _resolvable(data: pa.PolarsData) -> pl.LazyFrame:
    """A retired code must count somewhere today (unknown codes are the district_code rule's)."""
    return _ok(data, ~_col(data).is_in(_UNRESOLVED))


def _plausible(table: str, data: pa.PolarsData) -> pl.LazyFrame:
    """A date inside its column's window (schemas/dates.py) as of the refresh date."""
    window = dates.window(table, data.key)
    inside = _col(data) >= window.earliest
    latest = window.latest(today())
    if latest is not None:
        inside = inside & (_col(data) <= latest)
    return _ok(data, inside)


def _not_before(later: str, earlier: str) -> pl.Expr:
    return (pl.col(later) >= pl.col(earlier)) | pl.col(later).is_null() | pl.col(earlier).is_null()


def _field(table: str, column: str, **kwargs: Any) -> Any:
    from schemas.tables import TABLES_BY_NAME

    col = TABLES_BY_NAME[table].column(column)
    isin = {"isin": vocab.codes(col.vocabulary)} if col.vocabulary else {}
    return pa.Field(nullable=not col.required, description=col.description, **isin, **kwargs)  # type: ignore[arg-type]


class Organizations(pa.DataFrameModel):
    """One registered social organization per row."""

    uscc: str = _field("organizations", "uscc")
    name: str = _field("organizations", "name")
    org_type: str = _field("organizations", "org_type")
    registration_level: Optional[str] = _field("organizations", "registration_level")
    registration_authority: Optional[str] = _field("organizations", "registration_authority")
    district_code: Optional[str] = _field("organizations", "district_code")
    address: Optional[str] = _field("organizations", "address")
    registered_on: dt.date = _field("organizations", "registered_on")
    deregistered_on: Optional[dt.date] = _field("organizations", "deregistered_on")
    status: Optional[str] = _field("organizations", "status")
    rating: Optional[str] = _field("organizations", "rating")
    registration_mode: Optional[str] = _field("organizations", "registration_mode")
    service_domain: Optional[str] = _field("organizations", "service_domain")
    full_time_staff: Optional[int] = _field(
        "organizations", "full_time_staff", ge=0, le=2_147_483_647
    )
    has_party_org: Optional[bool] = _field("organizations", "has_party_org")
    has_union: Optional[bool] = _field("organizations", "has_union")
    supervising_unit: Optional[str] = _field("organizations", "supervising_unit")
    filing_id: Optional[str] = _field("organizations", "filing_id")
    legal_representative: Optional[str] = _field("organizations", "legal_representative")
    registered_capital: Optional[str] = _field("organizations", "registered_capital")
    business_scope: Optional[str] = _field("organizations", "business_scope")

    @pa.check("uscc", name="uscc_check_char")
    def _uscc_valid(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _ok(data, uscc.is_valid(_col(data)))

    @pa.check("uscc", name="uscc_civil_affairs")
    def _uscc_civil(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _ok(data, _col(data).str.slice(0, 1) == "5")

    @pa.check("district_code", name="district_code")
    def _district_known(cls, data: pa.PolarsData) -> pl.LazyFrame:
        # a county (or zone), else the prefecture, province or country it is known at
        return _ok(data, _col(data).is_in(_KNOWN_ANY))

    @pa.check("district_code", name="retired_code_unresolved")
    def _district_resolvable(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _resolvable(data)

    @pa.check("registered_on", "deregistered_on", name="date_out_of_range")
    def _dates_plausible(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _plausible("organizations", data)

    @pa.check("registered_on", name="not_in_future")
    def _not_future(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _ok(data, _col(data) <= today())

    @pa.dataframe_check(name="uscc_type_agrees")
    def _type_agrees(cls, data: pa.PolarsData) -> pl.LazyFrame:
        expected = pl.col("org_type").replace_strict(vocab.ORG_TYPE_USCC_CHAR, default=None)
        agree = (pl.col("uscc").str.slice(1, 1) == expected) | pl.col("org_type").is_null()
        return data.lazyframe.select(agree.fill_null(True))

    @pa.dataframe_check(name="deregistered_before_registered")
    def _dereg_order(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(_not_before("deregistered_on", "registered_on"))

    @pa.dataframe_check(name="inactive_without_date")
    def _inactive_dated(cls, data: pa.PolarsData) -> pl.LazyFrame:
        active_or_unknown = pl.col("status").is_null() | (pl.col("status") == "active")
        return data.lazyframe.select(active_or_unknown | pl.col("deregistered_on").is_not_null())

    @pa.dataframe_check(name="location_missing")
    def _located(cls, data: pa.PolarsData) -> pl.LazyFrame:
        given = ("district_code", "address", "registration_authority")
        return data.lazyframe.select(pl.any_horizontal(pl.col(c).is_not_null() for c in given))


class FiledOrgs(pa.DataFrameModel):
    """One community organization filed (备案) with a county bureau or street office per row."""

    filing_id: str = _field("filed_orgs", "filing_id")
    name: str = _field("filed_orgs", "name")
    filing_authority: Optional[str] = _field("filed_orgs", "filing_authority")
    district_code: str = _field("filed_orgs", "district_code")
    street_name: Optional[str] = _field("filed_orgs", "street_name")
    filed_on: dt.date = _field("filed_orgs", "filed_on")
    ended_on: Optional[dt.date] = _field("filed_orgs", "ended_on")
    service_domain: Optional[str] = _field("filed_orgs", "service_domain")

    @pa.check("filing_id", name="filing_id_is_uscc")
    def _not_a_uscc(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _ok(data, ~uscc.is_valid(_col(data)))

    @pa.check("district_code", name="district_code")
    def _district_known(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _ok(data, _col(data).is_in(_KNOWN_COUNTY))

    @pa.check("district_code", name="retired_code_unresolved")
    def _district_resolvable(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _resolvable(data)

    @pa.check("filed_on", "ended_on", name="date_out_of_range")
    def _dates_plausible(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _plausible("filed_orgs", data)

    @pa.dataframe_check(name="filing_ended_before_filed")
    def _end_order(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(_not_before("ended_on", "filed_on"))


class Hubs(pa.DataFrameModel):
    """One recognized hub-type organization per row."""

    hub_id: str = _field("hubs", "hub_id")
    name: str = _field("hubs", "name")
    level: str = _field("hubs", "level")
    district_code: str = _field("hubs", "district_code")
    street_name: Optional[str] = _field("hubs", "street_name")
    hub_type: str = _field("hubs", "hub_type")
    recognized_on: dt.date = _field("hubs", "recognized_on")
    revoked_on: Optional[dt.date] = _field("hubs", "revoked_on")

    @pa.check("district_code", name="district_code")
    def _district_known(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _ok(data, _col(data).is_in(_KNOWN_REGION))

    @pa.check("district_code", name="retired_code_unresolved")
    def _district_resolvable(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _resolvable(data)

    @pa.check("recognized_on", "revoked_on", name="date_out_of_range")
    def _dates_plausible(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _plausible("hubs", data)

    @pa.dataframe_check(name="city_hub_code")
    def _city_code(cls, data: pa.PolarsData) -> pl.LazyFrame:
        code = pl.col("district_code")
        fits = (
            pl.when(pl.col("level") == "city")
            .then(code.is_in(_CITY_LEVEL))
            .otherwise(code.is_in(_KNOWN_COUNTY))
        )
        return data.lazyframe.select((fits | ~code.is_in(_KNOWN_REGION)).fill_null(True))

    @pa.dataframe_check(name="street_name_required")
    def _street_named(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            (pl.col("level") != "street") | pl.col("street_name").is_not_null()
        )

    @pa.dataframe_check(name="revoked_before_recognized")
    def _revoke_order(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(_not_before("revoked_on", "recognized_on"))


class HubLinks(pa.DataFrameModel):
    """One link between a hub and an organization per row."""

    hub_id: str = _field("hub_links", "hub_id")
    uscc: str = _field("hub_links", "uscc")
    relation: str = _field("hub_links", "relation")
    linked_on: dt.date = _field("hub_links", "linked_on")
    ended_on: Optional[dt.date] = _field("hub_links", "ended_on")

    @pa.check("linked_on", "ended_on", name="date_out_of_range")
    def _dates_plausible(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _plausible("hub_links", data)

    @pa.dataframe_check(name="ended_before_linked")
    def _end_order(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(_not_before("ended_on", "linked_on"))


class Projects(pa.DataFrameModel):
    """One purchased-service project per row."""

    project_id: str = _field("projects", "project_id")
    name: str = _field("projects", "name")
    purchaser_name: str = _field("projects", "purchaser_name")
    purchaser_hub_id: Optional[str] = _field("projects", "purchaser_hub_id")
    provider_uscc: str = _field("projects", "provider_uscc")
    district_code: Optional[str] = _field("projects", "district_code")
    category: Optional[str] = _field("projects", "category")
    start_on: dt.date = _field("projects", "start_on")
    end_on: Optional[dt.date] = _field("projects", "end_on")
    contract_amount_yuan: Optional[AMOUNT] = _field(  # type: ignore[valid-type]
        "projects", "contract_amount_yuan", ge=0, lt=MAX_YUAN
    )
    status: Optional[str] = _field("projects", "status")
    evaluation_grade: Optional[str] = _field("projects", "evaluation_grade")

    @pa.check("district_code", name="district_code")
    def _district_known(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _ok(data, _col(data).is_in(_KNOWN_REGION))

    @pa.check("district_code", name="retired_code_unresolved")
    def _district_resolvable(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _resolvable(data)

    @pa.check("start_on", "end_on", name="date_out_of_range")
    def _dates_plausible(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _plausible("projects", data)

    @pa.dataframe_check(name="end_before_start")
    def _end_order(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(_not_before("end_on", "start_on"))


class Funding(pa.DataFrameModel):
    """One payment to an organization per row."""

    funding_id: str = _field("funding", "funding_id")
    recipient_uscc: str = _field("funding", "recipient_uscc")
    project_id: Optional[str] = _field("funding", "project_id")
    source: str = _field("funding", "source")
    amount_yuan: AMOUNT = _field("funding", "amount_yuan", gt=0, lt=MAX_YUAN)  # type: ignore[valid-type]
    paid_on: dt.date = _field("funding", "paid_on")
    district_code: Optional[str] = _field("funding", "district_code")
    payer_name: Optional[str] = _field("funding", "payer_name")

    @pa.check("paid_on", name="date_out_of_range")
    def _dates_plausible(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _plausible("funding", data)

    @pa.check("district_code", name="district_code")
    def _district_known(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _ok(data, _col(data).is_in(_KNOWN_REGION))

    @pa.check("district_code", name="retired_code_unresolved")
    def _district_resolvable(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _resolvable(data)


class Population(pa.DataFrameModel):
    """One district's resident population in one year per row."""

    district_code: str = _field("population", "district_code")
    year: int = _field("population", "year", ge=1949, le=2100)
    population: int = _field("population", "population", gt=0, le=MAX_POPULATION)

    @pa.check("district_code", name="district_code")
    def _district_known(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _ok(data, _col(data).is_in(_KNOWN_COUNTY))

    @pa.check("district_code", name="retired_code_unresolved")
    def _district_resolvable(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _resolvable(data)


MODELS: dict[str, type[pa.DataFrameModel]] = {
    "organizations": Organizations,
    "filed_orgs": FiledOrgs,
    "hubs": Hubs,
    "hub_links": HubLinks,
    "projects": Projects,
    "funding": Funding,
    "population": Population,
}

# Which column a dataframe-level rule is about, for the rejection report.
RULE_COLUMN = {
    "uscc_type_agrees": "org_type",
    "deregistered_before_registered": "deregistered_on",
    "inactive_without_date": "deregistered_on",
    "location_missing": "district_code",
    "filing_ended_before_filed": "ended_on",
    "street_name_required": "street_name",
    "city_hub_code": "district_code",
    "revoked_before_recognized": "revoked_on",
    "ended_before_linked": "ended_on",
    "end_before_start": "end_on",
}
