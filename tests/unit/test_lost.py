"""Which addresses are an unknown page (dashboard/frame/lost.py)."""

from __future__ import annotations

from dashboard.frame.lost import NESTED, nested, unknown_path

KNOWN = {"", "overview", "coverage", "quality"}


def test_a_pages_own_path_and_the_root_are_not_unknown() -> None:
    for url in ("http://h:1", "http://h:1/", "http://h:1/coverage", "http://h:1/overview/", None):
        assert unknown_path(url, "", KNOWN) is None, url


def test_an_unknown_path_is_named_decoded() -> None:
    assert unknown_path("http://h:1/nonexistent", "", KNOWN) == "nonexistent"
    assert unknown_path("http://h:1/%E6%97%A7%E9%A1%B5", "", KNOWN) == "旧页"
    assert unknown_path("http://h:1/Coverage", "", KNOWN) == "Coverage"  # paths are case-sensitive


def test_the_servers_base_path_is_not_part_of_the_page() -> None:
    assert unknown_path("http://h:1/shuniu/quality", "/shuniu/", KNOWN) is None
    assert unknown_path("http://h:1/shuniu", "shuniu", KNOWN) is None
    assert unknown_path("http://h:1/shuniu/old", "shuniu", KNOWN) == "old"


def test_a_nested_path_is_no_page_streamlit_could_name() -> None:
    assert unknown_path("http://h:1/a/b", "", KNOWN) is None


def test_a_nested_path_is_sent_to_the_unknown_page_with_the_path_asked_for() -> None:
    assert nested("/a/b") == f"{NESTED}?path=a%2Fb"
    assert nested("/coverage/x/", "lang=en&path=zz") == f"{NESTED}?path=coverage%2Fx&lang=en"
    assert nested("/旧/页") == f"{NESTED}?path=%E6%97%A7%2F%E9%A1%B5"
    for path in ("/", "/a", "/coverage/", "/static/js/x.js", "/_stcore/health", "/media/f/x.csv",
                 "/coverage/_stcore/health", "/a/b/_stcore/host-config", "/a/static/js/x.js"):  # fmt: skip
        assert nested(path) is None, path
    assert unknown_path(f"http://h:1/{NESTED}?path=a%2Fb", "", KNOWN) == NESTED
