"""marts.field_reach: each mass organization's reach in its own field (领域覆盖), counted by hand."""

from __future__ import annotations

import duckdb

from pipeline.transform import run_audits
from schemas import vocab
from tests.sql.warehouse import Row, build, hub, insert, link, org, rows

# 2019-2021, by hand. Workers' organizations (the union's field): W1 (110101) linked by the union
# hub HU and by the women's hub HW (own and any, once); W2 (110101) by HW only (any, not own); W3
# (110102, deregistered 2020-06-01) by HU; W4 known only at 莆田 350300, not linked; W5 (110101)
# registers in 2021, not linked. Y1 (youth, 110101) is linked by HU: reached by a hub, not by the
# youth league's own. X1 (elderly) belongs to no field. HU is revoked on 2021-01-01. The filed
# community organization FW (workers, 110105) is linked by HU through its filing id.
REGISTER: dict[str, list[Row]] = {
    "orgs": [
        org("W1", "2019-01-01", service_domain="workers"),
        org("W2", "2019-01-01", service_domain="workers"),
        org("W3", "2019-01-01", "2020-06-01", service_domain="workers", district_code="110102"),
        org("W4", "2019-01-01", service_domain="workers", district_code="350300"),
        org("W5", "2021-03-01", service_domain="workers"),
        org("Y1", "2019-01-01", service_domain="youth"),
        org("X1", "2019-01-01", service_domain="elderly"),
    ],
    "hubs": [
        hub("HU", "union", "city", "2019-01-01", "2021-01-01"),
        hub("HW", "women", "district", "2019-01-01"),
    ],
    "links": [
        link("HU", "W1", "managed", "2019-02-01"),
        link("HW", "W1", "liaison", "2019-02-01"),
        link("HW", "W2", "liaison", "2019-02-01"),
        link("HU", "W3", "liaison", "2019-02-01"),
        link("HU", "Y1", "liaison", "2019-02-01"),
        link("HU", "X1", "liaison", "2019-02-01"),
        link("HU", "FW", "liaison", "2019-04-01"),
    ],
}
FILED = [{"filing_id": "FW", "name": "职工服务队", "district_code": "110105",
          "filed_on": "2019-03-01", "service_domain": "workers"}]  # fmt: skip
REACH = (
    "select hub_type, district_code, year(as_of), field_orgs, reached_by_own, reached_by_any,"
    " filed_field_orgs, filed_reached_by_own, filed_reached_by_any from marts.field_reach"
    " order by 3, 1, 2"
)


def test_the_union_reaches_its_workers_organizations(con: duckdb.DuckDBPyConnection) -> None:
    insert(con, "filed_orgs", FILED)
    build(con, **REGISTER)
    assert rows(con, REACH) == [
        ("union", "110101", 2019, 2, 1, 2, 0, 0, 0),
        ("union", "110102", 2019, 1, 1, 1, 0, 0, 0),
        ("union", "110105", 2019, 0, 0, 0, 1, 1, 1),
        ("union", "350300", 2019, 1, 0, 0, 0, 0, 0),
        ("youth_league", "110101", 2019, 1, 0, 1, 0, 0, 0),
        ("union", "110101", 2020, 2, 1, 2, 0, 0, 0),
        ("union", "110105", 2020, 0, 0, 0, 1, 1, 1),
        ("union", "350300", 2020, 1, 0, 0, 0, 0, 0),
        ("youth_league", "110101", 2020, 1, 0, 1, 0, 0, 0),
        ("union", "110101", 2021, 3, 0, 2, 0, 0, 0),  # W1, W2 still by HW
        ("union", "110105", 2021, 0, 0, 0, 1, 0, 0),
        ("union", "350300", 2021, 1, 0, 0, 0, 0, 0),
        ("youth_league", "110101", 2021, 1, 0, 0, 0, 0, 0),
    ]
    assert rows(
        con, "select distinct hub_type, service_domain from marts.field_reach order by 1"
    ) == [
        ("union", "workers"),
        ("youth_league", "youth"),
    ]
    assert {name: n for name, n in run_audits(con).items() if n} == {}


def test_without_hub_data_the_field_is_counted_and_its_reach_not_provided(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(con, orgs=REGISTER["orgs"], hub_data=False)
    assert rows(con, REACH + " limit 2") == [
        ("union", "110101", 2019, 2, None, None, 0, None, None),
        ("union", "110102", 2019, 1, None, None, 0, None, None),
    ]
    assert {name: n for name, n in run_audits(con).items() if n} == {}


def test_the_field_of_each_mass_organization_is_one_vocabulary(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """The mapping lives in schemas/vocab.HUB_TYPE_FIELD, loaded into ref.hub_types: its keys are
    mass-organization hub types, its values service domains."""
    assert set(vocab.HUB_TYPE_FIELD) <= vocab.MASS_ORG_HUB_TYPES
    assert set(vocab.HUB_TYPE_FIELD.values()) <= set(vocab.codes(vocab.SERVICE_DOMAIN))
    assert rows(
        con, "select hub_type, field_domain from ref.hub_types where field_domain is not null order by type_index"
    ) == [("union", "workers"), ("youth_league", "youth"), ("women", "women_children"),
          ("science", "science"), ("disabled", "disabled")]  # fmt: skip


def test_the_audit_catches_a_reach_beyond_its_field(con: duckdb.DuckDBPyConnection) -> None:
    build(con, **REGISTER)
    con.execute(
        "update marts.field_reach set reached_by_own = 3"
        " where hub_type = 'union' and district_code = '110101' and year(as_of) = 2019"
    )
    assert run_audits(con)["field_reach_within"] == 1
