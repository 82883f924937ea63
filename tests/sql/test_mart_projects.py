"""marts.projects: every project with its provider, purchaser hub, district and funding."""

from __future__ import annotations

from decimal import Decimal

import duckdb

from tests.sql.warehouse import build, funding, hub, org, project, rows


def test_projects_carry_provider_purchaser_district_and_funded_amount(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(
        con,
        orgs=[org("A", "2018-01-01", district_code="110102", org_type="foundation")],
        hubs=[hub("H1", "disabled", "city", "2018-01-01")],
        projects=[
            project("P1", "A", "2019-03-01", "1000.00", purchaser_hub_id="H1"),
            project("P2", "A", "2020-03-01", "500.00", district_code="110105"),
        ],
        funds=[
            funding("F1", "A", "300.00", "2019-04-01", project_id="P1"),
            funding("F2", "A", "200.00", "2020-04-01", project_id="P1"),
            funding("F3", "A", "99.00", "2020-04-01"),
        ],
    )
    assert rows(
        con,
        "select project_id, start_year, effective_district_code, district_name, provider_name,"
        " provider_org_type, purchaser_hub_type, funded_yuan from marts.projects order by project_id",
    ) == [
        ("P1", 2019, "110102", "西城区", "组织A", "foundation", "disabled", Decimal("500.00")),
        ("P2", 2020, "110105", "朝阳区", "组织A", "foundation", None, Decimal("0.00")),
    ]
