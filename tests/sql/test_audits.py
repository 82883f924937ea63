"""The audits under pipeline/sql/audits: silent on good marts, loud on each planted violation."""

from __future__ import annotations

import duckdb
import pytest

from pipeline.transform import audit_names, run_audits
from tests.sql.warehouse import build_city

# audit -> (a change that breaks what it checks, the offending rows it must then return)
PLANTED = {
    "unique_keys": (
        "insert into marts.hub_year select * from marts.hub_year where hub_id = 'H3'",
        2,
    ),
    "linked_within_active": (
        "update marts.district_coverage set linked_orgs = active_orgs + 1"
        " where district_code = '110105' and year(as_of) = 2019",
        1,
    ),
    "rates_within_unit": (
        "update marts.headline set coverage_rate = null where year(as_of) = 2020",
        1,
    ),
    "headline_matches_districts": (
        "update marts.headline set active_orgs = active_orgs + 1 where year(as_of) = 2021",
        1,
    ),
    "headline_matches_hub_counts": (
        "update marts.hub_type_coverage set hubs = hubs + 1"
        " where hub_type = 'taiwan' and year(as_of) in (2018, 2019)",
        2,
    ),
    "headline_matches_funding": (
        "update marts.funding_facts set amount_yuan = amount_yuan + 1 where year = 2019",
        0,  # funding_facts feeds both sides of this audit: see the next test
    ),
    "marts_cover_calendar": (
        "delete from marts.hub_type_coverage where hub_type = 'other' and year(as_of) = 2020",
        1,
    ),
    "cube_matches_org_segments": (
        "update marts.org_segments set has_union = false"
        " where uscc = 'C' and year(first_as_of) = 2021",
        1,
    ),
    "org_segments_flags_agree": (  # A's three segments: 2018, 2019, 2020-2021
        "update marts.org_segments set is_mass_linked = false where uscc = 'A'",
        3,
    ),
    "links_resolve": ("delete from clean.hubs where hub_id = 'H2'", 2),
    "org_segments_match_links": (  # A, linked on 2021-12-31, gains a bit no link of its sets
        "update marts.org_segments set managed_mask = managed_mask | (1::bigint << 60)"
        " where uscc = 'A' and last_as_of = date '2021-12-31'",
        1,
    ),
    "region_sums_agree": (
        # the prefecture no longer adds up, and the county row differs from district_coverage
        # (missing there one way, extra the other)
        "update marts.region_coverage set active_orgs = active_orgs + 1"
        " where region_level = 'county' and region_code = '110105' and year(as_of) = 2019",
        3,
    ),
    "no_retired_codes_in_marts": (
        "update marts.district_funding set district_code = '110103' where year = 2019",
        1,
    ),
    "profile_matches_headline": (
        "update marts.register_profile set active_orgs = active_orgs + 1"
        " where district_code = '110105' and year(as_of) = 2020",
        1,
    ),
    "profile_counts_within_active": (
        # 2021: A (city, linked), C (district, no longer linked) in 110101, D in 110105
        "update marts.register_profile set with_union = active_orgs + 1 where year(as_of) = 2021",
        3,
    ),
    "hub_links_within_active": (
        # a hub that manages more organizations than it links, and than are active
        "update marts.hub_links_by_year set linked_orgs = 5"
        " where hub_id = 'H1' and relation = 'managed' and year(as_of) = 2018",
        1,
    ),
    "hub_links_agree": (
        "delete from marts.hub_links_by_year where hub_id = 'H3' and year(as_of) = 2021",
        3,
    ),
    "field_reach_within": (
        # reached by its own more than by any, and a field organization the profile does not have
        "insert into marts.field_reach values"
        " ('union', '110101', date '2019-12-31', 1, 2, 1, 'workers', 0, 0, 0)",
        2,
    ),
    "provider_year_matches_projects": (
        # P2 (D, 2019): its project counted twice, and its key repeated
        "insert into marts.provider_year select * from marts.provider_year where year = 2019",
        2,
    ),
    "evaluation_matches_projects": (
        # a completed project that marts.projects does not hold, said to be evaluated by no one
        "insert into marts.project_evaluation values"
        " (2020, '110101', 'social_group', false, 'self', null, 1, 10.00)",
        2,
    ),
    "top_recipients_match_recipient_year": (  # both recipients of 2021 kept with other records
        "update marts.top_recipients set records = records + 1 where year = 2021",
        2,
    ),
    "org_segments_one_per_active_year_end": (  # 2020 and 2021 counted twice; the overlap
        "insert into marts.org_segments select * from marts.org_segments"
        " where uscc = 'D' and year(first_as_of) = 2020",
        3,
    ),
}


def test_every_audit_has_a_planted_violation() -> None:
    assert sorted(PLANTED) == audit_names()


def test_audits_pass_on_the_small_city(con: duckdb.DuckDBPyConnection) -> None:
    build_city(con)
    assert run_audits(con) == dict.fromkeys(audit_names(), 0)


@pytest.mark.parametrize("audit", [a for a, (_, n) in PLANTED.items() if n])
def test_an_audit_returns_the_planted_offending_rows(
    con: duckdb.DuckDBPyConnection, audit: str
) -> None:
    build_city(con)
    change, offending = PLANTED[audit]
    con.execute(change)
    assert run_audits(con)[audit] == offending


def test_headline_funding_must_equal_district_funding(con: duckdb.DuckDBPyConnection) -> None:
    build_city(con)
    con.execute("update marts.district_funding set amount_yuan = amount_yuan + 1 where year = 2021")
    con.execute("update marts.headline set projects_started = 5 where year(as_of) = 2018")
    assert run_audits(con)["headline_matches_funding"] == 2


def test_region_funding_must_add_up(con: duckdb.DuckDBPyConnection) -> None:
    build_city(con)
    con.execute(
        "update marts.region_funding set amount_yuan = amount_yuan + 1"
        " where year = 2021 and region_code = '110101'"
    )
    assert run_audits(con)["region_sums_agree"] == 1
    con.execute(
        "update marts.region_funding set records = records + 1"
        " where year = 2021 and region_level = 'province'"
    )
    assert run_audits(con)["region_sums_agree"] == 2


def test_a_calendar_gap_is_flagged(con: duckdb.DuckDBPyConnection) -> None:
    build_city(con)
    con.execute("delete from marts.calendar where year = 2019")
    con.execute("delete from marts.headline where year(as_of) = 2019")
    assert run_audits(con)["marts_cover_calendar"] > 0


def test_a_repeated_uscc_in_the_register_is_flagged(con: duckdb.DuckDBPyConnection) -> None:
    build_city(con)
    con.execute(
        "insert into clean.organizations select * from clean.organizations where uscc = 'D'"
    )
    # the repeated code, and D's three year-ends (2019-2021) now counted twice by the register
    assert run_audits(con)["org_segments_one_per_active_year_end"] == 4


@pytest.mark.parametrize(
    ("change", "offending"),
    [
        # B (2019 only) held on past its deregistration: 2020 miscounted, the segment misplaced
        ("set last_as_of = date '2020-12-31' where uscc = 'B'", 2),
        # A's 2019 segment reaching into 2020 overlaps the next one: 2020 counted twice
        ("set last_as_of = date '2020-12-31' where uscc = 'A' and year(first_as_of) = 2019", 2),
        # C's 2020 segment starting on a date that is no year-end (it still holds 2020's)
        ("set first_as_of = date '2020-06-30' where uscc = 'C' and year(first_as_of) = 2020", 1),
        # a segment of an organization the register does not hold, in 2018
        ("set uscc = 'Z' where uscc = 'A' and year(first_as_of) = 2018", 1),
        # a segment ending before it starts: D's 2019 year-end no longer counted
        ("set last_as_of = date '2018-12-31' where uscc = 'D' and year(first_as_of) = 2019", 2),
    ],
)
def test_a_misplaced_segment_is_flagged(
    con: duckdb.DuckDBPyConnection, change: str, offending: int
) -> None:
    build_city(con)
    con.execute(f"update marts.org_segments {change}")
    assert run_audits(con)["org_segments_one_per_active_year_end"] == offending


@pytest.mark.parametrize(
    ("change", "offending"),
    [
        # every link of A's ends before the latest year-end: A's segment still says linked
        ("update marts.links set effective_until_on = date '2021-06-30' where uscc = 'A'", 1),
        # a link of A's counted at the latest year-end under another relation's bits
        (
            "update marts.links set relation = if(relation = 'managed', 'liaison', 'managed')"
            " where uscc = 'A'",
            1,
        ),
        # a link effective on an organization no segment holds at the latest year-end
        ("delete from marts.org_segments where uscc = 'A' and last_as_of = date '2021-12-31'", 1),
    ],
)
def test_segments_are_checked_against_the_links_they_come_from(
    con: duckdb.DuckDBPyConnection, change: str, offending: int
) -> None:
    build_city(con)
    con.execute(change)
    assert run_audits(con)["org_segments_match_links"] == offending
