"""Tiny registers for the SQL tests: an empty warehouse, row builders, insert and build."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import duckdb

from pipeline.reference import load_reference
from pipeline.transform import build_marts
from pipeline.warehouse import schema_sql
from schemas.tables import ORGANIZATIONS, PROJECTS

Row = dict[str, Any]


def empty_warehouse() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the DDL of ref/clean/quality and the reference tables loaded."""
    connection = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False})
    connection.execute(schema_sql())
    load_reference(connection)
    return connection


def org(uscc: str, registered_on: str, deregistered_on: str | None = None, **columns: Any) -> Row:
    """An organization row; district 110101, social group, district level unless given."""
    row: Row = {
        "uscc": uscc,
        "name": f"组织{uscc}",
        "org_type": "social_group",
        "registration_level": "district",
        "district_code": "110101",
        "registered_on": registered_on,
        "deregistered_on": deregistered_on,
        "status": "active" if deregistered_on is None else "deregistered",
        "has_party_org": False,
        "has_union": False,
    }
    return {**row, **columns}


def hub(
    hub_id: str, hub_type: str, level: str, recognized_on: str, revoked_on: str | None = None
) -> Row:
    """A hub row in district 110000 (the city's code)."""
    return {
        "hub_id": hub_id,
        "name": f"枢纽{hub_id}",
        "level": level,
        "district_code": "110000",
        "street_name": "某街道" if level == "street" else None,
        "hub_type": hub_type,
        "recognized_on": recognized_on,
        "revoked_on": revoked_on,
    }


def link(hub_id: str, uscc: str, relation: str, linked_on: str, ended_on: str | None = None) -> Row:
    """A hub link row."""
    return {
        "hub_id": hub_id,
        "uscc": uscc,
        "relation": relation,
        "linked_on": linked_on,
        "ended_on": ended_on,
    }


def project(project_id: str, provider_uscc: str, start_on: str, amount: str, **columns: Any) -> Row:
    """A purchased-service project row."""
    row: Row = {
        "project_id": project_id,
        "name": f"项目{project_id}",
        "purchaser_name": "民政局",
        "provider_uscc": provider_uscc,
        "category": "elderly",
        "start_on": start_on,
        "contract_amount_yuan": Decimal(amount),
        "status": "ongoing",
    }
    return {**row, **columns}


def funding(funding_id: str, recipient_uscc: str, amount: str, paid_on: str, **columns: Any) -> Row:
    """A funding record row; fiscal source, no district of its own unless given."""
    row: Row = {
        "funding_id": funding_id,
        "recipient_uscc": recipient_uscc,
        "source": "fiscal",
        "amount_yuan": Decimal(amount),
        "paid_on": paid_on,
        "district_code": None,
    }
    return {**row, **columns}


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[Row]) -> None:
    """Insert rows into clean.<table>, numbering source_line from 2 (line 1 is the header)."""
    for line, row in enumerate(rows, start=2):
        full = {**row, "source_line": line}
        columns = ", ".join(full)
        marks = ", ".join("?" for _ in full)
        con.execute(f"insert into clean.{table} ({columns}) values ({marks})", list(full.values()))


def deliver(
    con: duckdb.DuckDBPyConnection,
    missing: Sequence[str] = (),
    hub_data: bool = True,
    projects_missing: Sequence[str] = (),
) -> None:
    """Record in quality.file_columns that organizations.csv delivered every column but `missing`
    (headed by its first Chinese alias), as a refresh records the columns a file has, and
    projects.csv every column but `projects_missing`; and in quality.file_stats the files
    delivered: organizations, and hubs and hub_links unless not `hub_data` (a delivery without hub
    data)."""
    files = ("organizations", "hubs", "hub_links") if hub_data else ("organizations",)
    for table in files:
        con.execute(
            "insert into quality.file_stats (run_id, file, table_name) values ('test', ?, ?)",
            [f"{table}.csv", table],
        )
    for column in ORGANIZATIONS.columns:
        if column.name not in missing:
            con.execute(
                "insert into quality.file_columns values ('test', 'organizations.csv',"
                " 'organizations', ?, ?)",
                [column.name, column.aliases[0] if column.aliases else column.name],
            )
    for column in PROJECTS.columns:
        if column.name not in projects_missing:
            con.execute(
                "insert into quality.file_columns values ('test', 'projects.csv', 'projects', ?, ?)",
                [column.name, column.aliases[0] if column.aliases else column.name],
            )


def build(
    con: duckdb.DuckDBPyConnection,
    *,
    orgs: Sequence[Row] = (),
    hubs: Sequence[Row] = (),
    links: Sequence[Row] = (),
    projects: Sequence[Row] = (),
    funds: Sequence[Row] = (),
    missing: Sequence[str] = (),
    hub_data: bool = True,
    projects_missing: Sequence[str] = (),
) -> None:
    """Fill clean.* with the given rows (the organizations file delivering every column but
    `missing`, the projects file every column but `projects_missing`; hubs and hub_links delivered
    unless not `hub_data`), then build every model."""
    deliver(con, missing, hub_data, projects_missing)
    tables = {
        "organizations": orgs,
        "hubs": hubs,
        "hub_links": links,
        "projects": projects,
        "funding": funds,
    }
    for table, table_rows in tables.items():
        insert(con, table, list(table_rows))
    build_marts(con)


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    """The rows of a query, as tuples."""
    return con.execute(sql).fetchall()


# A small city, 2018-2021, counted by hand (year-end by year-end):
# 2018: active A; hubs H1 (union, city); links H1-A -> linked A.
# 2019: active A, B, D (D registered on Dec 31); hubs H1, H2 (federation, street, recognized
#       2019-06-01); links H1-A, H2-A, H2-B (H2 links made before its recognition count from it);
#       H3-D does not count (H3 recognized 2020-07-01) -> linked A, B; mass-org linked A.
# 2020: active A, C, D (B deregistered 2020-06-01); hubs H1, H3 (women, district); H2 revoked
#       2020-03-01 -> its links stop; links H1-A, H1-C, H3-D -> linked A, C, D, all mass-org.
# 2021: active A, C, D; hubs H1, H3; H1-C ended 2021-06-30 -> linked A, D.
# Projects start in 2019 (1,234.50) and 2021 (50,000.00); funding is paid in 2019 (100.00) and
# 2021 (200.50 + 10.00).
CITY: dict[str, list[Row]] = {
    "orgs": [
        org("A", "2018-03-01", registration_level="city", has_party_org=True),
        org("B", "2019-05-01", "2020-06-01", district_code="110102", org_type="foundation"),
        org("C", "2020-01-01", has_union=True),
        org("D", "2019-12-31", district_code="110105", has_party_org=True, has_union=True),
    ],
    "hubs": [
        hub("H1", "union", "city", "2018-01-01"),
        hub("H2", "federation", "street", "2019-06-01", "2020-03-01"),
        hub("H3", "women", "district", "2020-07-01"),
    ],
    "links": [
        link("H1", "A", "managed", "2018-04-01"),
        link("H2", "A", "liaison", "2019-01-01"),
        link("H2", "B", "liaison", "2019-01-01"),
        link("H3", "D", "managed", "2019-12-31"),
        link("H1", "C", "managed", "2020-01-01", "2021-06-30"),
    ],
    "projects": [
        project("P1", "A", "2021-03-01", "50000.00"),
        project("P2", "D", "2019-07-01", "1234.50"),
    ],
    "funds": [
        funding("F1", "A", "100.00", "2019-05-05"),
        funding("F2", "C", "200.50", "2021-02-01"),
        funding("F3", "D", "10.00", "2021-11-11", source="lottery"),
    ],
}


def build_city(con: duckdb.DuckDBPyConnection) -> None:
    """Load the small city of CITY and build every model."""
    build(con, **CITY)
