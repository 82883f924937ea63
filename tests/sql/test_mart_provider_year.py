"""marts.provider_year: the projects each provider started in a year and district, with its rating band
and registration type, counted by hand; "not provided" when the rating column was not delivered."""

from __future__ import annotations

from decimal import Decimal

import duckdb

from pipeline.transform import run_audits
from tests.sql.warehouse import Row, build, org, project, rows

# Providers: A 5A social group, direct (东城 110101); B 2A private non-enterprise, dual (西城
# 110102); C unrated foundation, no mode given (朝阳 110105); D 4A private non-enterprise, dual,
# filed under 崇文 110103 (counts in 东城 110101).
PROVIDERS: list[Row] = [
    org("A", "2010-01-01", rating="5A", registration_mode="direct"),
    org("B", "2011-01-01", district_code="110102", org_type="private_non_enterprise",
        rating="2A", registration_mode="dual", supervising_unit="区民政局"),
    org("C", "2012-01-01", district_code="110105", org_type="foundation"),
    org("D", "2005-01-01", district_code="110103", org_type="private_non_enterprise",
        rating="4A", registration_mode="dual", supervising_unit="区卫生局"),
]  # fmt: skip
# A project counts where it is carried out, else where its provider is (today's codes).
PROJECTS: list[Row] = [
    project("P1", "A", "2019-03-01", "100.00", district_code="110105"),
    project("P2", "A", "2019-06-01", "50.50"),  # A's own 东城
    project("P3", "B", "2019-02-01", "200.00"),
    project("P4", "C", "2019-05-01", "0", contract_amount_yuan=None),  # no amount: counts, adds 0
    project("P5", "D", "2020-01-01", "1000.00"),  # D's 110103 -> 110101
    project("P6", "B", "2020-07-01", "300.00", district_code="110103"),  # -> 110101
    project("P7", "A", "2019-09-01", "10.00", district_code="110105"),  # with P1: one row
]
COLUMNS = (
    "year, district_code, provider_uscc, org_type, rating, rating_band, registration_mode,"
    " projects, contract_amount_yuan"
)


def _rows(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return rows(con, f"select {COLUMNS} from marts.provider_year order by all")


def test_projects_and_money_per_provider_year_and_district_by_hand(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(con, orgs=PROVIDERS, projects=PROJECTS)
    pne = "private_non_enterprise"
    assert _rows(con) == [
        (2019, "110101", "A", "social_group", "5A", "4a_5a", "direct", 1, Decimal("50.50")),
        (2019, "110102", "B", pne, "2A", "1a_3a", "dual", 1, Decimal("200.00")),
        (2019, "110105", "A", "social_group", "5A", "4a_5a", "direct", 2, Decimal("110.00")),
        (2019, "110105", "C", "foundation", None, "unrated", None, 1, Decimal("0.00")),
        (2020, "110101", "B", pne, "2A", "1a_3a", "dual", 1, Decimal("300.00")),
        (2020, "110101", "D", pne, "4A", "4a_5a", "dual", 1, Decimal("1000.00")),
    ]
    assert run_audits(con)["provider_year_matches_projects"] == 0


def test_the_share_to_4a_plus_providers_is_a_sum_over_the_grain(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(con, orgs=PROVIDERS, projects=PROJECTS)
    # 2019: the 4A+ provider (A) got 50.50 + 110.00 of 360.50, 3 of the 5 projects, 1 of 3 providers;
    # 2020: D (4A) got 1,000.00 of 1,300.00, 1 of 2 projects and providers
    assert rows(
        con,
        "select year, sum(contract_amount_yuan) filter (where rating_band = '4a_5a'),"
        " sum(contract_amount_yuan), sum(projects) filter (where rating_band = '4a_5a'),"
        " count(distinct provider_uscc) filter (where rating_band = '4a_5a'),"
        " count(distinct provider_uscc) from marts.provider_year group by year order by year",
    ) == [
        (2019, Decimal("160.50"), Decimal("360.50"), 3, 1, 3),
        (2020, Decimal("1000.00"), Decimal("1300.00"), 1, 1, 2),
    ]


def test_without_the_rating_column_the_band_is_not_provided_never_unrated(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(con, orgs=[{**o, "rating": None} for o in PROVIDERS], projects=PROJECTS,
          missing=("rating",))  # fmt: skip
    assert rows(con, "select distinct rating_band from marts.provider_year") == [(None,)]
    assert rows(con, "select sum(projects) from marts.provider_year") == [(7,)]


def test_without_the_mode_column_the_supervising_unit_gives_it(
    con: duckdb.DuckDBPyConnection,
) -> None:
    orgs = [{**o, "registration_mode": None} for o in PROVIDERS]
    build(con, orgs=orgs, projects=PROJECTS, missing=("registration_mode",))
    assert rows(
        con,
        "select provider_uscc, any_value(registration_mode) from marts.provider_year"
        " group by all order by all",
    ) == [("A", "direct"), ("B", "dual"), ("C", "direct"), ("D", "dual")]


def test_a_register_without_projects_has_no_rows(con: duckdb.DuckDBPyConnection) -> None:
    build(con, orgs=PROVIDERS)
    assert _rows(con) == []
    assert run_audits(con)["provider_year_matches_projects"] == 0
