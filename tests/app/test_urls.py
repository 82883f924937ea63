"""Hostile links: every parameter's refused values are dropped and named on the page, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.core.filters import PARAMS
from tests.app.conftest import run

HOSTILE = ["²", "[x](http://evil.example)", "<b>b</b>", "9" * 5000]
PAGES = [
    "overview/page.py",
    "coverage/page.py",
    "funding/page.py",
    "profile/page.py",
    "hubs/page.py",
    "organizations/page.py",
    "changes/page.py",
    "quality/page.py",
]


def _note(at) -> str:  # noqa: ANN001 - AppTest
    notes = [w.value for w in at.warning]
    assert len(notes) == 1, notes
    return notes[0]


@pytest.mark.parametrize("param", [*PARAMS, "drill"])  # drill: Coverage's old link, read as region
def test_refused_filter_values_are_named_and_dropped(warehouse: Path, param: str) -> None:
    at = run(params={param: HOSTILE})
    note = _note(at)
    key = param.replace("_", "\\_")  # markdown-escaped, as every character from the URL
    assert note.startswith("链接中的以下参数值无效，已忽略：")
    assert f"{key}=²" in note and f"{key}=\\<b\\>b\\<\\/b\\>" in note
    # shown as text, not a link: escaped, and the address broken by a word joiner (U+2060), which
    # Streamlit's markdown would otherwise still turn into a link
    assert f"{key}=\\[x\\]\\(http\u2060\\:\\/\\/evil\\.example\\)" in note
    assert f"{key}={'9' * 40}…" in note and "9" * 41 not in note  # long values cut short
    written = at.query_params.get(param)
    assert written is None or not set(HOSTILE) & set(
        written if isinstance(written, list) else [written]
    )


@pytest.mark.parametrize("page", PAGES)
def test_a_superscript_year_on_any_page_is_a_note_not_a_traceback(
    warehouse: Path, page: str
) -> None:
    at = run(page, {"year": "²", "base": "²"})
    assert at.title  # the page rendered
    assert at.query_params["year"] not in ("²", ["²"])


def test_the_first_render_names_the_superscript_year(warehouse: Path, last_year: int) -> None:
    at = run(params={"year": "²", "base": "²", "lang": "en"})
    assert _note(at) == "These values in the link are not valid and were ignored: year=², base=²"
    assert at.selectbox(key="f_year").value == last_year
    at.selectbox(key="f_year").set_value(last_year - 1).run()  # said once, not on every rerun
    assert not at.exception and not at.warning


@pytest.mark.parametrize(
    ("param", "page", "value"),
    [
        ("registered", "coverage/page.py", "²"),
        ("registered", "coverage/page.py", "yes"),
        ("pick", "profile/page.py", "²"),
        ("pick", "profile/page.py", "rating:[x](http://evil.example)"),
        ("from", "changes/page.py", "²"),
        ("to", "changes/page.py", "20200101T000000-abcd"),
        ("org", "organizations/page.py", "²"),
        ("org", "organizations/page.py", "[x](http://evil.example)"),
        ("org_q", "organizations/page.py", "养" * 61),
        ("hub", "hubs/page.py", "²"),
        ("hub", "hubs/page.py", "[x](http://evil.example)"),
        ("hub_q", "hubs/page.py", "工" * 61),
        ("run", "quality/page.py", "²"),
        ("run", "quality/page.py", "'; drop table quality.runs; --"),
    ],
)
def test_refused_page_values_are_named_and_dropped(
    warehouse: Path, param: str, page: str, value: str
) -> None:
    at = run(page, {param: value})
    note = _note(at)
    assert note.startswith("链接中的以下参数值无效，已忽略：")
    assert f"{param.replace('_', chr(92) + '_')}=" in note
    assert at.query_params.get(param) in (None, [], "")


@pytest.mark.parametrize("param", ["region", "district", "drill"])
def test_an_unknown_region_code_is_named_and_dropped(warehouse: Path, param: str) -> None:
    """A well-formed code with no data (999999) is refused like any other value, under its own name."""
    at = run(params={param: ["999999", "110101"]})
    assert _note(at) == f"链接中的以下参数值无效，已忽略：{param}=999999"
    assert at.query_params["region"] in ("110101", ["110101"])
    assert not {"district", "drill"} & set(at.query_params)


@pytest.mark.parametrize("text", ["²", "'; drop table clean.organizations; --", "%_\\"])
def test_odd_search_text_is_searched_as_text(warehouse: Path, text: str) -> None:
    at = run("organizations/page.py", {"org_q": text})
    assert not at.warning
    assert at.text_input(key="org_q").value == text


def test_many_refused_values_are_counted_past_ten(warehouse: Path) -> None:
    at = run(params={"district": [f"x{i}" for i in range(13)]})
    note = _note(at)
    assert "district=x9" in note and "district=x10" not in note and note.endswith("，另有 3 个")


def test_a_region_outside_the_scope_is_named_in_one_note_only(national: Path, as_viewer) -> None:
    """A scoped viewer's link: a region code it may not see is named in the sidebar's scope note, a
    malformed one in the page's note; neither value in both."""
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP

    at = as_viewer(AppTest.from_file(str(APP), default_timeout=60), ["511702"])
    at.query_params["region"] = ["110105", "²", "511702"]
    at.query_params["drill"] = "220104"
    at.run()
    assert not at.exception
    assert _note(at) == "链接中的以下参数值无效，已忽略：region=²"
    outside = [c.value for c in at.caption if "不在您可查看的范围内" in c.value]
    assert outside == ["链接中的以下地区不在您可查看的范围内，已忽略：region=110105、drill=220104"]
    at.switch_page("quality/page.py").run()  # a page without the picker still names them
    assert not at.warning
    assert [c.value for c in at.caption if "不在您可查看的范围内" in c.value] == outside
