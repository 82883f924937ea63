"""Column widths fit their content: hand-counted widths, and never narrower than chromium draws the text."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.frame import fit

# Widths chromium measured for these texts in the grid's font (14 px Source Sans / Noto Sans CJK),
# by canvas measureText on the running dashboard (tests/e2e/test_language_fit.py's pages).
MEASURED_PX = {
    "District/county level": 116.9,
    "Party-organization coverage(%)": 183.3,
    "1,234,567.89": 73.1,
    "2016-12-31 14:24": 98.5,
    "社会组织名称": 84.0,
    "统一社会信用代码（uscc）": 166.0,
    "abcdefghijklmnopqrstuvwxyz": 171.7,
    "organizations.csv": 101.2,
}
CELL_PADDING_PX = 16  # glide's cell padding, 8 px a side


@pytest.mark.parametrize(("text", "measured"), MEASURED_PX.items())
def test_a_text_column_is_never_narrower_than_chromium_draws_it(text: str, measured: float) -> None:
    width = fit.widths(pl.DataFrame({"h": [text]}), {})["h"]
    assert width >= measured + CELL_PADDING_PX
    assert width <= 1.35 * measured + 40  # and not absurdly wide


def test_a_chinese_character_counts_as_two_latin_ones() -> None:
    # 3 Chinese characters at 14 px and 2 Latin at 7.2 px, plus 24 px of padding
    assert fit.text_px("朝阳区ab") == 3 * 14.0 + 2 * 7.2
    shown = pl.DataFrame({"地区": ["朝阳区", "x", None]})
    assert fit.widths(shown, {}) == {"地区": 42 + 24}


def test_the_widest_cell_anywhere_in_the_column_sets_the_width() -> None:
    """st.dataframe's own sizing looked at the first rows only: a long unit in row 7 was cut."""
    units = ["count"] * 6 + ["% (increase in points)"] + ["count"] * 5
    width = fit.widths(pl.DataFrame({"Unit": units}), {})["Unit"]
    assert width == int(22 * 7.2 + 0.999) + 24


def test_a_header_wider_than_its_cells_sets_the_width() -> None:
    width = fit.widths(pl.DataFrame({"社会组织类型": ["a"]}), {})["社会组织类型"]
    assert width == 6 * 14 + 24


def test_numbers_are_measured_as_printed_with_separators() -> None:
    shown = pl.DataFrame({"n": [5, 1_234_567], "rate": [9.5, 91.62], "wan": [0.5, 4689.04]})
    got = fit.widths(shown, {"n": "localized", "rate": "%.1f%%", "wan": "localized"})
    assert got["n"] == int(len("1,234,567") * 7.2 + 0.999) + 24  # 9 characters
    assert got["rate"] == 36 + 24  # "91.6%": 5 characters
    assert got["wan"] == int(len("4,689.04") * 7.2 + 0.999) + 24


def test_a_very_long_message_is_capped_and_an_empty_column_gets_the_minimum() -> None:
    shown = pl.DataFrame({"说明": ["很" * 400], "x": pl.Series([None], dtype=pl.String)})
    got = fit.widths(shown, {})
    assert got == {"说明": fit.MAX_PX, "x": fit.MIN_PX}


def test_a_table_that_fits_its_room_keeps_its_natural_widths() -> None:
    shown = pl.DataFrame({"地区": ["朝阳区"], "n": [5]})
    assert fit.fit(shown, {"n": "localized"}, room=816) == fit.Fit(
        fit.widths(shown, {"n": "localized"})
    )


def test_a_long_message_wraps_within_the_room_and_its_rows_hold_every_line() -> None:
    """The quality page's 说明 (up to 225 characters) ran past the page's edge at 1280 px."""
    message = "「关系类型」的取值不在允许范围内" * 14  # 224 characters, 3,136 px on one line
    shown = pl.DataFrame({"文件": ["hub_links.csv"], "说明": [message], "行数": [27]})
    got = fit.fit(shown, {"行数": "localized"}, room=816)
    assert sum(got.widths.values()) <= 816
    per_line = got.widths["说明"] - fit.PADDING_PX - fit.WIDE_PX  # less a character lost at a break
    lines = -(-len(message) * 14 // per_line)
    assert got.row_height is not None and got.row_height >= lines * fit.LINE_PX
    assert got.widths["文件"] == fit.widths(shown, {})["文件"]  # a short column is not squeezed
    assert got.labels == {}


def test_number_columns_past_the_room_get_shortened_headers_that_keep_their_unit() -> None:
    """The funding table at 1280 px in English: nine columns of numbers, 1,153 px wide."""
    headers = ["Amount(10k yuan)", "Linked organizations", "Per linked organization(yuan)",
               "Population", "Per resident(yuan)", "Payments", "Recipients"]  # fmt: skip
    shown = pl.DataFrame({h: [1234.5] for h in headers})
    formats = dict.fromkeys(headers, "localized")
    assert sum(fit.widths(shown, formats).values()) > 900
    got = fit.fit(shown, formats, room=720)
    assert sum(got.widths.values()) <= 720
    assert got.labels["Per linked organization(yuan)"].endswith("…(yuan)")
    for name, label in got.labels.items():
        assert label.rstrip("…").split("…")[0] in name and "…" in label
        assert got.widths[name] >= fit.text_px(label) + fit.PADDING_PX  # the short header is whole
    assert "Payments" not in got.labels  # the longest headers go first
    assert got.row_height is None  # numbers do not wrap


def test_a_whole_column_keeps_its_width_and_the_others_give_way() -> None:
    """`whole`: a list of line numbers stays on one line at its full width; the message wraps."""
    # values with Chinese (a line list without any stays whole anyway when the table affords it)
    lines, message = "1477, 第2706行", "很长的说明" * 40
    shown = pl.DataFrame({"示例行号": [lines] * 2, "说明": [message] * 2, "文件": ["a.csv"] * 2})
    free = fit.fit(shown, {}, room=300)
    kept = fit.fit(shown, {}, room=300, whole=["示例行号"])
    assert kept.widths["示例行号"] == fit.widths(shown, {})["示例行号"]
    assert free.widths["示例行号"] < kept.widths["示例行号"]  # without it, it was squeezed to wrap
    assert sum(kept.widths.values()) <= 300 and kept.row_height is not None


def test_a_code_or_a_latin_word_is_never_squeezed_below_its_width() -> None:
    """The grid did not break a run of letters and digits: a USCC in a narrower column was drawn on
    one line, cut at the cell's edge."""
    uscc = "531100006544103913"
    shown = pl.DataFrame(
        {
            "名称": ["北京市朝阳区社会组织服务中心" * 3],
            "代码": [uscc],
            "类型": ["Private non-enterprise"],
        }
    )
    got = fit.fit(shown, {}, room=400)
    assert got.widths["代码"] >= fit.text_px(uscc) + fit.PADDING_PX
    assert got.widths["类型"] >= fit.text_px("enterprise") + fit.PADDING_PX
    assert got.widths["名称"] < fit.widths(shown, {})["名称"]  # the Chinese name wraps instead


def test_cells_without_chinese_stay_on_one_line_when_the_table_affords_it() -> None:
    """The grid measures whether a line needs wrapping at an average character width the Chinese
    raises: "Private non-enterprise unit", squeezed to 139 px beside Chinese names, was drawn on one
    line, cut. It keeps its width; the Chinese names wrap instead (the grid wraps them right)."""
    name = "北京市密云区上善咨询服务中心"
    shown = pl.DataFrame(
        {
            "Name": [name] * 3,
            "USCC": ["52110118575291056P"] * 3,
            "Organization type": ["Private non-enterprise unit", "Social group", "Foundation"],
            "Service domain": ["Culture and sports", "Other", "Legal"],
        }
    )
    got = fit.fit(shown, {}, room=600)
    assert sum(got.widths.values()) <= 600
    assert got.widths["Organization type"] >= fit.text_px("Private non-enterprise unit") + 16
    assert got.widths["Service domain"] >= fit.text_px("Culture and sports") + 16
    assert got.widths["Name"] < fit.widths(shown, {})["Name"] and got.row_height is not None
    # without room for them they wrap as before, and the table still keeps to its room
    tight = fit.fit(shown, {}, room=420)
    assert sum(tight.widths.values()) <= 420
    assert tight.widths["Organization type"] < fit.text_px("Private non-enterprise unit") + 16
