"""load_reference: the ref tables filled from schemas/ (vocabularies and GB/T 2260 regions)."""

from __future__ import annotations

import duckdb

from pipeline.reference import load_reference
from pipeline.transform import SQL_DIR
from schemas import vocab
from tests.sql.warehouse import rows


def test_hub_types_are_indexed_in_vocabulary_order_with_mass_flags(
    con: duckdb.DuckDBPyConnection,
) -> None:
    found = rows(con, "select hub_type, type_index, is_mass_org from ref.hub_types order by 2")
    assert [r[0] for r in found] == vocab.codes(vocab.HUB_TYPE)
    assert [r[1] for r in found] == list(range(11))
    assert [r[0] for r in found if not r[2]] == ["federation", "other"]


def test_hub_levels_are_city_district_street(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, "select level, level_index, label_zh from ref.hub_levels order by 2") == [
        ("city", 0, "市级"),
        ("district", 1, "区级"),
        ("street", 2, "街道级"),
    ]


def test_vocab_holds_every_term_of_every_vocabulary(con: duckdb.DuckDBPyConnection) -> None:
    found = rows(con, "select vocabulary, count(*) from ref.vocab group by 1 order by 1")
    assert found == sorted((name, len(terms)) for name, terms in vocab.VOCABULARIES.items())
    assert rows(
        con,
        "select sort_order, label_zh from ref.vocab where vocabulary = 'funding_source'"
        " and code = 'disabled_fund'",
    ) == [(2, "残疾人就业保障金")]


def test_regions_hold_current_and_retired_codes(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(
        con,
        "select region_code, region_name, region_level, is_current, parent_code, successor_code"
        " from ref.regions where region_code in ('110101', '110103', '500000') order by 1",
    ) == [
        ("110101", "东城区", "county", True, "110000", None),
        ("110103", "崇文区", "county", False, "110000", "110101"),
        ("500000", "重庆市", "province", True, None, None),
    ]


def test_successions_and_levels_are_loaded(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(
        con,
        "select valid_from_year, valid_until_year, successor_code, successor_codes,"
        " applies_from_year, applies_until_year from ref.region_successors"
        " where region_code = '130107' order by valid_from_year",
    ) == [
        (1983, 1989, "130121", ["130121"], 0, 1992),
        (1992, None, "130107", ["130107"], 1992, 10000),
    ]
    assert rows(
        con,
        "select region_level, region_code, parent_code from ref.region_levels"
        " where district_code = '511702' order by region_level",
    ) == [
        ("county", "511702", "511700"),
        ("prefecture", "511700", "510000"),
        ("province", "510000", None),
    ]


def test_loading_reference_twice_replaces_rather_than_duplicates(
    con: duckdb.DuckDBPyConnection,
) -> None:
    counts = (
        "select (select count(*) from ref.regions), (select count(*) from ref.vocab),"
        " (select count(*) from ref.region_successors), (select count(*) from ref.region_levels)"
    )
    before = rows(con, counts)
    load_reference(con)
    after = rows(con, counts)
    assert after == before
    assert before[0][0] > 3000


def test_today_code_reads_a_code_in_its_year_and_follows_it_to_today(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """ref.today_code: 130107 meant 井陉矿区 until 1989 (then 井陉县 130121) and again from 1992;
    崇文区 110103 counts in 东城区 110101; a code never retired is itself; NULL stays NULL."""
    cases = [("130107", 1985), ("130107", 1995), ("110103", 2005), ("110105", 2005), (None, 2005)]
    found = [
        con.execute("select ref.today_code(?, ?)", [code, year]).fetchone()[0]  # type: ignore[index]
        for code, year in cases
    ]
    assert found == ["130121", "130107", "110101", "110105", None]


def test_every_staging_model_resolves_codes_through_the_one_macro() -> None:
    """The successor resolution is said once (ref.today_code): no staging model joins
    ref.region_successors itself, and every one carrying a district_code calls the macro."""
    staging = sorted((SQL_DIR / "staging").glob("*.sql"))
    assert staging
    for path in staging:
        text = path.read_text("utf-8")
        assert "region_successors" not in text, path.name
        if "district_code" in text:
            assert "ref.today_code(" in text, path.name
