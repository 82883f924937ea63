"""Codes and catalogue keys become words through polars `replace`, with the old callbacks' answers."""

from __future__ import annotations

import polars as pl
from polars.testing import assert_frame_equal, assert_series_equal

from dashboard.core import export, labels
from dashboard.core.export import Col
from dashboard.coverage import charts
from dashboard.coverage.columns import with_type_labels


def test_vocab_codes_become_labels_unknown_stays_missing_stays_missing() -> None:
    frame = pl.DataFrame({"source": ["fiscal", "lottery", "gift", None]})
    got = frame.select(labels.vocab("source", "funding_source", "zh"))["source"]
    assert got.to_list() == ["财政资金", "彩票公益金", "gift", None]
    english = frame.select(labels.vocab("source", "funding_source", "en"))["source"]
    assert english.to_list()[:2] == ["Fiscal budget", "Lottery welfare fund"]


def test_a_column_without_any_value_still_becomes_text() -> None:
    frame = pl.DataFrame({"hub_type": [None, None]})  # dtype Null, as an empty outer join gives
    got = frame.select(labels.vocab("hub_type", "hub_type", "zh"))["hub_type"]
    assert_series_equal(got, pl.Series("hub_type", [None, None], dtype=pl.String))


def test_catalogue_keys_become_their_text() -> None:
    frame = pl.DataFrame({"k": ["val.rejected", "val.warning", "no.such.key"]})
    assert frame.select(labels.keys("k", "zh"))["k"].to_list() == ["拒收", "警告", "no.such.key"]
    assert frame.select(labels.keys("k", "en"))["k"].to_list()[:2] == ["rejected", "warning"]


def test_code_lists_become_labels_joined_by_the_list_separator() -> None:
    frame = pl.DataFrame({"linked_types": ["union,women", "federation", None]})
    got = frame.select(labels.code_list("linked_types", "hub_type", "zh"))["linked_types"]
    assert got.to_list() == ["工会、妇联", "社会组织联合会", None]
    english = frame.select(labels.code_list("linked_types", "hub_type", "en"))["linked_types"]
    assert english.to_list()[0] == "Trade union, Women's federation"


def test_label_tables_are_built_once_per_vocabulary_and_language() -> None:
    assert labels.vocab_table("hub_type", "zh") is labels.vocab_table("hub_type", "zh")
    assert labels.vocab_table("hub_type", "zh") != labels.vocab_table("hub_type", "en")
    assert labels.catalogue_table("en") is labels.catalogue_table("en")


def test_type_labels_of_a_drill_down_with_no_link_show_a_dash() -> None:
    orgs = pl.DataFrame({"linked_types": ["women,union", None]})
    got = with_type_labels(orgs, "zh")["linked_types_label"].to_list()
    assert got == ["妇联、工会", "—"]


def test_present_labels_vocab_and_catalogue_columns() -> None:
    frame = pl.DataFrame({"kind": ["val.rejected"], "org_type": ["foundation"]})
    cols = (Col("kind", "col.kind", "label"), Col("org_type", "col.org_type", "vocab:org_type"))
    expected = pl.DataFrame({"类别": ["拒收"], "组织类型": ["基金会"]})
    assert_frame_equal(export.present(frame, cols, "zh"), expected, check_column_order=True)


def test_numbers_with_gaps_show_as_text_in_the_number_format() -> None:
    frame = pl.DataFrame({"n": [1234567.0, None], "r": [0.4271, None], "w": [12345.0, None]})
    cols = (Col("n", "col.records", "int"), Col("r", "col.share_of_active", "rate"),
            Col("w", "col.amount", "wan"))  # fmt: skip
    shown, as_text = export.for_screen(frame, cols, "zh")
    assert shown.row(0) == ("1,234,567", "42.7%", "1.23")
    assert shown.row(1) == ("", "", "")
    assert as_text == set(shown.columns)


def test_hub_type_and_level_bars_carry_labels() -> None:
    types = pl.DataFrame(
        {"hub_type": ["women", "other"], "is_mass_org": [True, False], "linked_orgs": [5, 2],
         "share_of_active": [0.5, 0.2]}
    )  # fmt: skip
    assert list(charts.hub_type_bars(types, "zh", "t").data[0].y) == ["妇联", "其他"]
    levels = pl.DataFrame({"level": ["street"], "hubs": [3], "linked_orgs": [9]})
    assert list(charts.level_bars(levels, "en", "t").data[0].y) == ["Street/township"]
