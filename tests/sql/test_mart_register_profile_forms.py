"""marts.register_profile: union and party coverage counted all ways (formal, effective, each form),
by hand on five organizations, and "not provided" when a column was not delivered."""

from __future__ import annotations

import duckdb
import pytest

from pipeline.transform import run_audits
from tests.sql.warehouse import Row, build, org, rows

# Five organizations of one grain (东城, social group, district, no domain, not linked), active at
# the end of 2019. Union: the flag 是否建立工会 and the form 工会建立方式; party likewise.
#   A  union yes, own             party yes, joint
#   B  union no,  via supervisor  party no,  -
#   C  union yes, -               party yes, via supervisor
#   D  union -,   joint           party -,   own
#   E  union no,  -               party no,  -
FORMS: list[Row] = [
    org("A", "2019-01-01", has_union=True, union_form="own", has_party_org=True,
        party_org_form="joint"),
    org("B", "2019-01-01", has_union=False, union_form="via_supervisor", has_party_org=False),
    org("C", "2019-01-01", has_union=True, has_party_org=True, party_org_form="via_supervisor"),
    org("D", "2019-01-01", has_union=None, union_form="joint", has_party_org=None,
        party_org_form="own"),
    org("E", "2019-01-01", has_union=False, has_party_org=False),
]  # fmt: skip
UNION = "with_union, with_union_formal, with_union_effective, union_own, union_joint, union_via_supervisor"
PARTY = (
    "with_party_org, with_party_org_formal, with_party_org_effective, party_org_own,"
    " party_org_joint, party_org_via_supervisor"
)
FLAGS = ("has_union", "has_party_org")
FORM_COLUMNS = ("union_form", "party_org_form")


def _build(con: duckdb.DuckDBPyConnection, missing: tuple[str, ...] = ()) -> None:
    """The register above; a column the file lacks is empty in every row, as a refresh loads it."""
    build(con, orgs=[{**o, **dict.fromkeys(missing)} for o in FORMS], missing=missing)


def _counts(con: duckdb.DuckDBPyConnection, columns: str) -> tuple[object, ...]:
    found = rows(
        con,
        f"select active_orgs, {columns} from marts.register_profile where year(as_of) = 2019",
    )
    assert len(found) == 1  # the five share one grain row
    return found[0]


def test_union_coverage_counted_all_ways_by_hand(con: duckdb.DuckDBPyConnection) -> None:
    _build(con)
    # flag: A, C; formal: A, B, C, D (B through its supervising unit, D by its form alone);
    # effective: A (own) and D (joint); one of each form
    assert _counts(con, UNION) == (5, 2, 4, 2, 1, 1, 1)


def test_party_coverage_counted_all_ways_by_hand(con: duckdb.DuckDBPyConnection) -> None:
    _build(con)
    # flag: A, C; formal: A, C, D; effective: A (joint) and D (own), not C (supervising unit's)
    assert _counts(con, PARTY) == (5, 2, 3, 2, 1, 1, 1)


def test_without_the_form_columns_formal_is_the_flag_and_effective_is_not_provided(
    con: duckdb.DuckDBPyConnection,
) -> None:
    _build(con, FORM_COLUMNS)
    assert _counts(con, UNION) == (5, 2, 2, None, None, None, None)
    assert _counts(con, PARTY) == (5, 2, 2, None, None, None, None)


def test_without_the_flags_formal_is_any_form(con: duckdb.DuckDBPyConnection) -> None:
    _build(con, FLAGS)
    assert _counts(con, UNION) == (5, None, 3, 2, 1, 1, 1)  # A, B, D
    assert _counts(con, PARTY) == (5, None, 3, 2, 1, 1, 1)  # A, C, D


def test_with_neither_column_every_way_is_not_provided_never_zero(
    con: duckdb.DuckDBPyConnection,
) -> None:
    _build(con, FLAGS + FORM_COLUMNS)
    assert _counts(con, UNION) == (5, *[None] * 6)
    assert _counts(con, PARTY) == (5, *[None] * 6)


def test_forms_add_up_over_the_grain(con: duckdb.DuckDBPyConnection) -> None:
    """Split over districts and linked or not, the year's sums are still the hand counts."""
    spread = [{**o, "district_code": code} for o, code in zip(FORMS, ["110101", "110102",
              "110105", "110101", "110102"], strict=True)]  # fmt: skip
    build(con, orgs=spread)
    assert rows(
        con,
        f"select count(*), sum(active_orgs), {', '.join(f'sum({c})' for c in UNION.split(', '))}"
        " from marts.register_profile where year(as_of) = 2019",
    ) == [(3, 5, 2, 4, 2, 1, 1, 1)]


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ("set with_union_formal = active_orgs + 1", "formal above active"),
        ("set with_union_effective = with_union_effective + 1", "effective is not own + joint"),
        ("set party_org_via_supervisor = with_party_org_formal", "forms above formal"),
        ("set with_party_org = with_party_org_formal + 1", "the flag above formal"),
    ],
)
def test_the_audit_finds_ways_that_do_not_nest(
    con: duckdb.DuckDBPyConnection, change: str, why: str
) -> None:
    _build(con)
    assert run_audits(con)["profile_counts_within_active"] == 0
    con.execute(f"update marts.register_profile {change} where year(as_of) = 2019")
    assert run_audits(con)["profile_counts_within_active"] == 1, why
