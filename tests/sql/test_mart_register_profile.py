"""marts.register_profile: the register's other figures per year-end, district and grain, by hand."""

from __future__ import annotations

from datetime import date

import duckdb

from pipeline.transform import build_model, run_audits
from tests.sql.warehouse import Row, build, hub, link, org, rows

# (supervising_unit too: without 登记方式 the registration mode is derived from 业务主管单位)
OPTIONAL = ("rating", "registration_mode", "service_domain", "full_time_staff",
            "has_party_org", "has_union", "supervising_unit")  # fmt: skip

# Year-ends 2005..2016 (B registered 2005). Hubs: H1 union city from 2011; H2 women district
# 2016-01-01 .. revoked 2016-06-01.
# 2015: A (东城, city, linked by H1), B (崇文 110103 -> 东城 110101, not linked),
#       C (朝阳, linked by H1 from 2015-01-01), D (西城, foundation, registered on Dec 31).
# 2016: A; B and E together (same grain: 东城, social group, district, workers, not linked: E's
#       link ended with H2's revocation); C deregistered 2016-05-01; D.
PROFILE_ORGS: list[Row] = [
    org("A", "2010-03-01", registration_level="city", rating="5A", registration_mode="direct",
        service_domain="workers", full_time_staff=3, has_party_org=True, has_union=True),
    org("B", "2005-01-01", district_code="110103", rating="4A", registration_mode="dual",
        service_domain="workers", full_time_staff=2, has_union=True),
    org("C", "2014-06-01", "2016-05-01", district_code="110105", org_type="private_non_enterprise",
        rating="3A", registration_mode="direct", service_domain="elderly", has_party_org=True),
    org("D", "2015-12-31", district_code="110102", org_type="foundation",
        registration_level="city", full_time_staff=5, has_party_org=None, has_union=None),
    org("E", "2016-01-01", rating="1A", registration_mode="dual", service_domain="workers",
        full_time_staff=0),
]  # fmt: skip
PROFILE_HUBS = [
    hub("H1", "union", "city", "2011-01-01"),
    hub("H2", "women", "district", "2016-01-01", "2016-06-01"),
]
PROFILE_LINKS = [
    link("H1", "A", "managed", "2012-01-01"),
    link("H1", "C", "liaison", "2015-01-01"),
    link("H2", "E", "liaison", "2016-02-01"),
]
GRAIN = "as_of, district_code, org_type, registration_level, service_domain, is_linked"
COUNTS = (
    "active_orgs, linked_orgs, with_party_org, with_union, direct_registered, dual_registered,"
    " rated_1a, rated_2a, rated_3a, rated_4a, rated_5a, rated_4a_plus, full_time_staff,"
    " staff_reported"
)


def _build(con: duckdb.DuckDBPyConnection, missing: tuple[str, ...] = ()) -> None:
    """The register above; a column the file lacks is empty in every row, as a refresh loads it."""
    orgs = [{**o, **dict.fromkeys(missing)} for o in PROFILE_ORGS]
    build(con, orgs=orgs, hubs=PROFILE_HUBS, links=PROFILE_LINKS, missing=missing)


def _year(con: duckdb.DuckDBPyConnection, year: int) -> list[tuple[object, ...]]:
    return rows(
        con,
        f"select {GRAIN}, {COUNTS} from marts.register_profile"
        f" where year(as_of) = {year} order by district_code, org_type, registration_level",
    )


def test_profile_counts_each_grain_by_hand(con: duckdb.DuckDBPyConnection) -> None:
    _build(con)
    d15, d16 = date(2015, 12, 31), date(2016, 12, 31)
    a = ("110101", "social_group", "city", "workers", True,
         1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 3, 1)  # fmt: skip
    d = ("110102", "foundation", "city", None, False,
         1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 1)  # fmt: skip
    assert _year(con, 2015) == [
        (d15, *a),
        # B: filed under 崇文 110103, counted in today's 东城 110101
        (d15, "110101", "social_group", "district", "workers", False,
         1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 1, 2, 1),
        (d15, *d),
        (d15, "110105", "private_non_enterprise", "district", "elderly", True,
         1, 1, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0),
    ]  # fmt: skip
    assert _year(con, 2016) == [
        (d16, *a),
        # B and E: one grain; E's link to the revoked H2 no longer counts; C is deregistered
        (d16, "110101", "social_group", "district", "workers", False,
         2, 0, 0, 1, 0, 2, 1, 0, 0, 1, 0, 1, 2, 2),
        (d16, *d),
    ]  # fmt: skip


def test_profile_rows_exist_only_where_organizations_are_active(
    con: duckdb.DuckDBPyConnection,
) -> None:
    _build(con)
    assert rows(
        con,
        "select year(as_of), sum(active_orgs), sum(linked_orgs), count(*)"
        " from marts.register_profile group by 1 order by 1",
    ) == [(y, 1, 0, 1) for y in range(2005, 2010)] + [
        (2010, 2, 0, 2),
        (2011, 2, 0, 2),
        (2012, 2, 1, 2),
        (2013, 2, 1, 2),
        (2014, 3, 1, 3),
        (2015, 4, 2, 4),
        (2016, 4, 1, 3),
    ]


def test_profile_totals_equal_the_headline_and_pass_the_audits(
    con: duckdb.DuckDBPyConnection,
) -> None:
    _build(con)
    assert (
        rows(
            con,
            "select h.as_of from marts.headline h left join (select as_of, sum(active_orgs) a,"
            " sum(linked_orgs) l from marts.register_profile group by as_of) p using (as_of)"
            " where h.active_orgs <> coalesce(p.a, 0) or h.linked_orgs <> coalesce(p.l, 0)",
        )
        == []
    )
    assert all(n == 0 for n in run_audits(con).values())


def test_columns_the_file_did_not_deliver_are_not_provided_not_zero(
    con: duckdb.DuckDBPyConnection,
) -> None:
    _build(con, missing=OPTIONAL)
    d16 = date(2016, 12, 31)
    nothing = (None,) * 14
    assert _year(con, 2016) == [
        (d16, "110101", "social_group", "city", None, True, 1, 1, *nothing[2:]),
        (d16, "110101", "social_group", "district", None, False, 2, 0, *nothing[2:]),
        (d16, "110102", "foundation", "city", None, False, 1, 0, *nothing[2:]),
    ]
    assert all(n == 0 for n in run_audits(con).values())


def test_a_delivered_but_empty_column_counts_zero(con: duckdb.DuckDBPyConnection) -> None:
    orgs = [{**o, "rating": None} for o in PROFILE_ORGS]
    build(con, orgs=orgs, hubs=PROFILE_HUBS, links=PROFILE_LINKS)
    assert rows(
        con,
        "select sum(rated_4a_plus), sum(rated_1a + rated_2a + rated_3a + rated_4a + rated_5a),"
        " sum(direct_registered) from marts.register_profile where year(as_of) = 2015",
    ) == [(0, 0, 2)]


def test_one_missing_column_leaves_the_others_counted(con: duckdb.DuckDBPyConnection) -> None:
    _build(con, missing=("has_union",))
    assert rows(
        con,
        "select sum(with_union), sum(with_party_org), sum(rated_4a_plus), sum(direct_registered)"
        " from marts.register_profile where year(as_of) = 2015",
    ) == [(None, 2, 2, 2)]


def test_a_run_that_recorded_no_columns_provides_no_optional_figure(
    con: duckdb.DuckDBPyConnection,
) -> None:
    _build(con)
    con.execute("delete from quality.file_columns")
    build_model(con, "marts.register_profile")
    assert rows(
        con,
        "select sum(active_orgs), count(with_party_org), count(rated_4a_plus)"
        " from marts.register_profile where year(as_of) = 2015",
    ) == [(4, 0, 0)]


def test_without_a_mode_column_the_supervising_unit_decides_direct_or_dual(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """The civil-affairs export has 业务主管单位, no 登记方式: none = direct, one = dual. In 2015
    A and C have no supervising unit, B has one; D (registered on Dec 31) has one."""
    units = {"B": "市文化和旅游局", "D": "市民政局"}
    orgs = [{**o, "registration_mode": None, "supervising_unit": units.get(o["uscc"])}
            for o in PROFILE_ORGS]  # fmt: skip
    build(con, orgs=orgs, hubs=PROFILE_HUBS, links=PROFILE_LINKS, missing=("registration_mode",))
    assert rows(
        con,
        "select sum(direct_registered), sum(dual_registered) from marts.register_profile"
        " where year(as_of) = 2015",
    ) == [(2, 2)]
    assert rows(con, "select uscc, registration_mode from staging.organizations order by uscc") == [
        ("A", "direct"),
        ("B", "dual"),
        ("C", "direct"),
        ("D", "dual"),
        ("E", "direct"),
    ]


def test_a_delivered_mode_column_is_never_derived(con: duckdb.DuckDBPyConnection) -> None:
    """With 登记方式 delivered, an empty cell stays empty though 业务主管单位 is given."""
    orgs = [{**o, "supervising_unit": "市民政局"} for o in PROFILE_ORGS]
    build(con, orgs=orgs, hubs=PROFILE_HUBS, links=PROFILE_LINKS)
    assert rows(con, "select uscc, registration_mode from staging.organizations order by uscc") == [
        ("A", "direct"),
        ("B", "dual"),
        ("C", "direct"),
        ("D", None),
        ("E", "dual"),
    ]
