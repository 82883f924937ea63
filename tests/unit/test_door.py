"""The door in front of the server, below the browser: host names taken and refused, what each refusal
answers (page, websocket), metrics off unless configured, media files for visitors who may see figures,
and the sign-out list."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit import config as st_config
from streamlit.web.server.starlette.starlette_app_utils import create_signed_value

from dashboard.access import hosts, sessions
from dashboard.access import middleware as door

SECRET = "unit-test-cookie-secret-0123456789abcdef"
ORIGIN = "https://shuniu.example.gov.cn"


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("127.0.0.1:8501", "127.0.0.1"),
        ("LOCALHOST", "localhost"),
        ("localhost.:80", "localhost"),
        ("[::1]:8501", "::1"),
        ("[::1]", "::1"),
        ("evil.example:8501", "evil.example"),
        ("", None),
        (None, None),
        ("127.0.0.1:abc", None),
        ("[::1]x", None),
        ("localhost@evil.example", None),
        ("evil.example/localhost", None),
        ("a b", None),
    ],
)
def test_the_name_in_a_host_header(header: str | None, name: str | None) -> None:
    assert hosts.name_of(header) == name


def test_loopback_the_sign_ins_public_name_and_the_configured_ones_are_allowed() -> None:
    auth = {"redirect_uri": "https://Shuniu.Example.gov.cn/oauth2callback"}
    names = hosts.configured(auth, "board.example, [::2]:80  other.example.")
    assert names == {"127.0.0.1", "localhost", "::1", "shuniu.example.gov.cn", "board.example",
                     "::2", "other.example"}  # fmt: skip
    assert hosts.configured(None, None) == {"127.0.0.1", "localhost", "::1"}
    assert hosts.allows("shuniu.example.gov.cn:443", names)
    assert not hosts.allows("shuniu.example.gov.cn.evil.example", names)
    assert not hosts.allows("127.0.0.2", names)


class _Recorder:
    """The app behind the door: records what reached it."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.paths.append(scope["path"])


def _through(
    path: str, headers: list[tuple[str, str]], kind: str = "http", **more: Any
) -> tuple[list, list]:
    """(what the app behind got, what the door sent) for one request (`more`: method, query_string)."""
    behind, sent = _Recorder(), []
    gate = door.Door(behind)
    gate._names = frozenset(hosts.LOOPBACK)

    async def send(message: dict) -> None:
        sent.append(message)

    async def receive() -> dict:
        return {"type": f"{kind}.disconnect"}

    raw = [(k.lower().encode(), v.encode()) for k, v in headers]
    scope = {"type": kind, "path": path, "headers": raw, **more}
    asyncio.run(gate(scope, receive, send))
    return behind.paths, sent


@pytest.fixture
def loopback() -> Iterator[None]:
    before = st_config.get_option("server.address")
    st_config.set_option("server.address", "127.0.0.1")
    yield
    st_config.set_option("server.address", before)


def test_a_foreign_host_gets_421_and_no_page(loopback: None) -> None:
    for headers in ([("Host", "evil.example:8501")], [], [("Host", "localhost"), ("Host", "evil")]):
        passed, sent = _through("/", headers)
        assert passed == [] and sent[0]["status"] == 421, headers
        assert "此服务器不响应该主机名" in sent[1]["body"].decode()
    passed, sent = _through("/coverage", [("Host", "localhost:8501")])
    assert passed == ["/coverage"] and sent == []


def test_a_nested_page_address_is_sent_to_the_unknown_page(loopback: None) -> None:
    """/a/b: Streamlit answered with a page whose scripts resolved under /a/ (blank); it is sent to
    the unknown page, which names the path asked for; the language and other values kept."""
    host = [("Host", "localhost:8501"), ("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")]
    passed, sent = _through("/coverage/x", host, method="GET", query_string=b"lang=en")
    assert passed == [] and sent[0]["status"] == 302
    assert dict(sent[0]["headers"])[b"location"] == b"/not-found?path=coverage%2Fx&lang=en"
    passed, sent = _through("/旧/b/", host, method="HEAD")  # scope["path"] is decoded
    assert passed == [] and sent[0]["status"] == 302
    assert dict(sent[0]["headers"])[b"location"] == b"/not-found?path=%E6%97%A7%2Fb"
    # spaces and plus signs arrive as they were asked for (not turned into a literal "+")
    _, sent = _through("/a b/c+d", host, method="GET", query_string=b"org_q=foo%20bar&x=1%2B1")
    target = urlsplit(dict(sent[0]["headers"])[b"location"].decode("ascii"))
    assert target.path == "/not-found"
    assert parse_qs(target.query) == {"path": ["a b/c+d"], "org_q": ["foo bar"], "x": ["1+1"]}
    for path in ("/coverage", "/", "/static/js/index.js", "/_stcore/health", "/media/a/b.csv",
                 "/component/x/y", "/app/static/a.png", "/auth/login",
                 "/coverage/_stcore/health", "/a/b/_stcore/host-config"):  # fmt: skip
        assert _through(path, host, method="GET")[0] == [path], path
    assert _through("/a/b", host, method="POST")[0] == ["/a/b"]  # not a page's address
    assert _through("/a/b", host[:1], method="GET")[0] == ["/a/b"]  # a script's fetch, not a page


def test_a_foreign_websocket_is_closed_before_it_is_accepted(loopback: None) -> None:
    passed, sent = _through("/_stcore/stream", [("Host", "evil.example")], "websocket")
    assert passed == [] and sent == [{"type": "websocket.close", "code": 1008}]
    passed, _ = _through("/_stcore/stream", [("Host", "127.0.0.1:8501")], "websocket")
    assert passed == ["/_stcore/stream"]


def test_metrics_are_not_served_unless_configured(
    loopback: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SHUNIU_METRICS", raising=False)
    for path in ("/_stcore/metrics", "/_stcore/metrics/"):
        passed, sent = _through(path, [("Host", "localhost")])
        assert passed == [] and sent[0]["status"] == 404
    monkeypatch.setenv("SHUNIU_METRICS", "1")
    assert _through("/_stcore/metrics", [("Host", "localhost")])[0] == ["/_stcore/metrics"]


def test_without_login_a_media_file_goes_to_a_local_request_only(
    loopback: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # no secrets file here: no login
    monkeypatch.delenv("SHUNIU_PUBLIC", raising=False)
    monkeypatch.delenv("SHUNIU_LOCAL_TOKEN", raising=False)
    assert _through("/media/abc.csv", [("Host", "localhost")])[0] == ["/media/abc.csv"]
    forwarded = [("Host", "localhost"), ("X-Forwarded-For", "203.0.113.9")]
    passed, sent = _through("/media/abc.csv", forwarded)
    assert passed == [] and sent[0]["status"] == 403
    monkeypatch.setenv("SHUNIU_PUBLIC", "1")
    assert _through("/media/abc.csv", [("Host", "localhost")])[0] == []


def _cookie(payload: dict[str, Any], secret: str = SECRET) -> str:
    return create_signed_value(secret, door.USER_COOKIE, json.dumps(payload)).decode()


def test_a_sign_in_cookie_is_read_only_when_signed_for_this_deployment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(door, "get_cookie_secret", lambda: SECRET)
    claims = {"email": "a@example.org", "iat": 1, "exp": 2, "nonce": "n"}
    good = {**claims, "is_logged_in": True, "origin": ORIGIN, "provider": "default"}
    assert door.signed_in_user({door.USER_COOKIE: _cookie(good)}, ORIGIN) == good
    assert door.signed_in_user({door.USER_COOKIE: _cookie(good, "other")}, ORIGIN) is None
    assert door.signed_in_user({door.USER_COOKIE: _cookie(good)}, "https://evil.example") is None
    logged_out = {**good, "is_logged_in": False}
    assert door.signed_in_user({door.USER_COOKIE: _cookie(logged_out)}, ORIGIN) is None
    assert door.signed_in_user({door.USER_COOKIE: "garbage"}, ORIGIN) is None
    assert door.signed_in_user({}, ORIGIN) is None


def test_a_signed_out_session_is_on_the_list_and_a_new_sign_in_is_not(tmp_path: Path) -> None:
    target = tmp_path / "hub.duckdb"
    first = {
        "email": "a@example.org",
        "sub": "a",
        "iat": 100,
        "exp": time.time() + 600,
        "nonce": "1",
    }
    again = {**first, "iat": 200, "nonce": "2"}
    assert not sessions.revoked(target, first)
    sessions.revoke(target, {**first, "is_logged_in": True, "tokens": {"x": "y"}})
    # the same sign-in whether read from st.user (is_logged_in) or from the cookie (origin)
    assert sessions.revoked(target, first)
    assert sessions.revoked(target, {**first, "origin": ORIGIN, "is_logged_in": True})
    assert not sessions.revoked(target, again)
    assert sessions.path_of(target) == tmp_path / "hub.signed_out.jsonl"
    with sessions.path_of(target).open("ab") as handle:
        handle.write(b'{"key": "cut sho')  # a kill in the middle of a line
    sessions.revoke(target, again)
    assert sessions.revoked(target, again) and sessions.revoked(target, first)


def test_an_unreadable_sign_out_list_lets_nobody_in(tmp_path: Path) -> None:
    target = tmp_path / "hub.duckdb"
    sessions.path_of(target).mkdir()  # there, but not a file that can be read
    assert sessions.revoked(target, {"email": "a@example.org", "iat": 1})
