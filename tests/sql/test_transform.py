"""The model runner: build order, one file per model, model shape, rebuilds and progress."""

from __future__ import annotations

import re

import duckdb
import pytest

from pipeline import messages
from pipeline.transform import MODELS, SQL_DIR, build_marts, build_model, model_sql
from tests.sql.warehouse import build_city, rows


def test_every_model_file_is_in_the_build_order_once() -> None:
    files = sorted(
        f"{path.parent.name}.{path.stem}"
        for folder in ("staging", "marts")
        for path in (SQL_DIR / folder).glob("*.sql")
    )
    assert sorted(MODELS) == files
    assert len(set(MODELS)) == len(MODELS)


def test_staging_models_come_before_marts() -> None:
    kinds = [model.split(".")[0] for model in MODELS]
    assert kinds == sorted(kinds, key=["staging", "marts"].index)


def test_models_read_only_models_built_before_them() -> None:
    for position, model in enumerate(MODELS):
        used = set(re.findall(r"\b(?:staging|marts)\.[a-z_]+", model_sql(model)))
        assert used <= set(MODELS[:position]), model


@pytest.mark.parametrize("model", MODELS)
def test_a_model_states_its_grain_and_ends_with_select_from_final(model: str) -> None:
    sql = model_sql(model)
    assert sql.startswith("-- ")
    assert "Grain:" in sql
    assert sql.endswith("select * from final")


def test_building_twice_gives_the_same_marts(con: duckdb.DuckDBPyConnection) -> None:
    build_city(con)
    first = rows(con, "select * from marts.headline order by as_of")
    build_marts(con)
    assert rows(con, "select * from marts.headline order by as_of") == first


def test_progress_hears_every_model_in_order(con: duckdb.DuckDBPyConnection) -> None:
    heard: list[str] = []
    build_marts(con, heard.append)
    assert heard == [f"构建 {model}" for model in MODELS]  # Chinese by default
    messages.set_language("en")
    try:
        heard.clear()
        build_marts(con, heard.append)
    finally:
        messages.set_language(None)
    assert heard == MODELS


def test_staging_is_views_and_marts_are_tables(con: duckdb.DuckDBPyConnection) -> None:
    build_marts(con)
    kinds = rows(
        con,
        "select schema_name || '.' || view_name, 'view' from duckdb_views()"
        " where schema_name = 'staging' union all"
        " select schema_name || '.' || table_name, 'table' from duckdb_tables()"
        " where schema_name = 'marts' order by 1",
    )
    expected = sorted((m, "view" if m.startswith("staging") else "table") for m in MODELS)
    assert kinds == expected


def test_an_unknown_model_is_refused(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ValueError, match="unknown model 'marts.nope'"):
        build_model(con, "marts.nope")


def test_staging_organizations_derives_flags_and_window(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "insert into clean.organizations (uscc, registered_on, deregistered_on) values"
        " ('A', '2018-01-01', null), ('B', '2018-01-01', '2019-02-03')"
    )
    build_marts(con)
    assert rows(
        con,
        "select uscc, is_deregistered, active_from_on::varchar, active_until_on::varchar"
        " from staging.organizations order by uscc",
    ) == [("A", False, "2018-01-01", "9999-12-31"), ("B", True, "2018-01-01", "2019-02-03")]
