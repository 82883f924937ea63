"""Who may see and do what, in the app: the loopback rule without login, sign-in states, roles from the
roles file (pages, scope), a wrong roles file, an expired token. st.user is seeded the way AppTest
offers (at.user); the real sign-in through an identity provider is in tests/e2e/test_access.py."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from dashboard.access.auth import is_loopback, is_public
from dashboard.frame.ui import escape_md
from pipeline import audit
from tests.app.conftest import APP, SECRETS

ROLES = """\
[users]
"leader@example.org" = { role = "leader" }
"chaoyang@example.org" = { role = "viewer", regions = ["110105"] }
"clerk@example.org" = { role = "staff" }
"it@example.org" = { role = "admin" }
[groups]
"haidian-office" = { role = "viewer", regions = ["110108"] }
"""
_issued = itertools.count(1_800_000_000)  # a distinct `iat` per sign-in, so each is audited once


@pytest.fixture
def roles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "roles.toml"
    path.write_text(ROLES, "utf-8")
    monkeypatch.setenv("SHUNIU_ROLES", str(path))
    return path


@pytest.fixture
def address() -> Iterator[None]:
    """Each test may change server.address; it is loopback again afterwards."""
    yield
    st_config.set_option("server.address", "127.0.0.1")


def _app(
    page: str | None = None, *, user: dict | None = None, login: bool = True, **params: str
) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    if login:
        at.secrets.update(SECRETS)
    at.user = user if user is not None else {}
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _signed_in(email: str, **claims: object) -> dict:
    return {"is_logged_in": True, "email": email, "iat": next(_issued), **claims}


def _no_data(at: AppTest) -> None:
    assert len(at.metric) == 0 and len(at.dataframe) == 0 and len(at.get("plotly_chart")) == 0


def _texts(at: AppTest) -> str:
    return " ".join(
        e.value for kind in ("warning", "caption", "error", "info") for e in at.get(kind)
    )


@pytest.mark.parametrize(
    ("value", "loopback"),
    [
        ("127.0.0.1", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("127.0.0.2", True),
        ("", False),
        (None, False),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("shuniu.example.org", False),
    ],
)
def test_only_loopback_addresses_count_as_loopback(value: object, loopback: bool) -> None:
    assert is_loopback(value) is loopback


def test_a_proxy_or_the_environment_makes_a_deployment_public() -> None:
    assert not is_public({"Host": "127.0.0.1:8501"}, None)
    assert is_public({"X-Forwarded-For": "203.0.113.9"}, None)
    assert is_public({"Forwarded": "for=203.0.113.9"}, "")
    assert is_public({}, "1") and is_public(None, "true")
    assert not is_public({}, "0")


TOKEN = "5f0c1d2e3a4b5c6d7e8f9a0b1c2d3e4f"  # what deploy/serve.py gives its Caddy and its workers


@pytest.mark.parametrize(
    ("headers", "public"),
    [
        # the loopback-only Caddy of `make serve WORKERS=N` marks a request that came straight to it
        ([("X-Forwarded-For", "127.0.0.1"), ("X-Shuniu-Local", TOKEN)], False),
        # no mark, a wrong one, or two: forwarded by someone, public
        ([("X-Forwarded-For", "127.0.0.1")], True),
        ([("X-Forwarded-For", "127.0.0.1"), ("X-Shuniu-Local", "guess")], True),
        ([("X-Forwarded-For", "::1"), ("X-Shuniu-Local", TOKEN), ("X-Shuniu-Local", "x")], True),
        # what a client writes in the forwarding headers never makes it local
        ([("X-Forwarded-For", "127.0.0.1"), ("X-Forwarded-For", "203.0.113.9")], True),
        ([("Forwarded", ""), ("Forwarded", "for=203.0.113.9")], True),
        ([("X-Real-Ip", "127.0.0.1")], True),
        ([("X-Forwarded-Proto", "https")], True),
        ([("Host", "127.0.0.1:8501")], False),
    ],
)
def test_a_proxied_request_is_public_unless_the_loopback_proxy_marked_it(
    headers: list[tuple[str, str]], public: bool
) -> None:
    from streamlit.runtime.context import StreamlitHeaders

    assert is_public(StreamlitHeaders(headers), None, TOKEN) is public
    assert is_public(StreamlitHeaders(headers), "1", TOKEN)  # declared public wins
    proxied = any(name != "Host" for name, _ in headers)
    assert is_public(StreamlitHeaders(headers), None, None) is proxied  # no Caddy: any header


def test_the_proxy_and_the_dashboard_name_the_same_token_variable() -> None:
    from dashboard.access import auth
    from deploy import serve

    assert serve.LOCAL_TOKEN_ENV == auth.LOCAL_TOKEN_ENV
    assert f"{{${auth.LOCAL_TOKEN_ENV}}}" in serve.CADDYFILE.read_text("utf-8")
    assert auth.LOCAL_HEADER in serve.CADDYFILE.read_text("utf-8")


def test_without_login_on_loopback_every_figure_is_shown_and_no_tool(warehouse: Path) -> None:
    at = _app(login=False)
    assert len(at.metric) > 0
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        _app("publish/page.py", login=False)  # not a page of a visitor without login


@pytest.mark.parametrize("where", ["0.0.0.0", "", "::", "192.168.1.20"])
def test_without_login_elsewhere_no_data_and_a_page_says_how_to_configure_login(
    warehouse: Path, address: None, where: str
) -> None:
    st_config.set_option("server.address", where)
    for page in (None, "organizations/page.py", "quality/page.py"):
        at = _app(page, login=False, org_q="协会")
        _no_data(at)
        text = _texts(at)
        assert "尚未配置登录" in text and "no login is configured" in text
        assert "docs/access.md" in text


def test_declared_public_on_loopback_no_data_without_login(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHUNIU_PUBLIC", "1")
    at = _app(login=False)
    _no_data(at)
    text = _texts(at)
    assert "尚未配置登录" in text and "SHUNIU_PUBLIC=1" in text and "监听在" not in text


def test_login_configured_without_a_cookie_secret_shows_no_data(
    warehouse: Path, roles: Path
) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets["auth"] = {k: v for k, v in SECRETS["auth"].items() if k != "cookie_secret"}
    at.user = _signed_in("leader@example.org")
    at.run()
    _no_data(at)
    assert "cookie_secret" in _texts(at)


def test_with_login_a_visitor_not_signed_in_sees_a_sign_in_button_only(
    warehouse: Path, roles: Path
) -> None:
    at = _app(user={"is_logged_in": False})
    _no_data(at)
    assert [b.label for b in at.button] == ["登录"]


def test_a_signed_in_user_without_a_role_sees_only_that_page(warehouse: Path, roles: Path) -> None:
    at = _app(user=_signed_in("stranger@example.org"))
    _no_data(at)
    # named as plain text: the markdown source holds the address escaped (an e-mail is data)
    assert "没有为您分配角色" in _texts(at) and escape_md("stranger@example.org") in _texts(at)
    assert [b.label for b in at.button] == ["退出登录"]
    assert audit.read(warehouse)[-1]["action"] == "sign_in_refused"


def test_without_a_roles_file_nobody_has_a_role(
    warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHUNIU_ROLES", str(tmp_path / "absent.toml"))
    _no_data(_app(user=_signed_in("leader@example.org")))


def test_a_roles_file_with_an_unknown_role_stops_with_its_line(
    warehouse: Path, roles: Path, caplog: pytest.LogCaptureFixture
) -> None:
    roles.write_text(
        ROLES.replace(
            '"clerk@example.org" = { role = "staff" }', '"clerk@example.org" = { role = "boss" }'
        ),
        "utf-8",
    )
    for login in (True, False):  # also without login: a wrong file is never half-used
        at = _app(user=_signed_in("leader@example.org"), login=login)
        _no_data(at)
        assert f"角色文件 {roles} 第 4 行有误" in at.error[0].value
        assert "“boss”" in at.error[0].value
    assert any("line 4" in r.getMessage() for r in caplog.records)


def test_a_roles_file_with_an_unknown_region_stops_with_its_line(
    warehouse: Path, roles: Path
) -> None:
    roles.write_text(ROLES.replace('"110108"', '"110199"'), "utf-8")
    at = _app(user=_signed_in("leader@example.org"))
    _no_data(at)
    assert "第 7 行有误" in at.error[0].value and "110199" in at.error[0].value


def test_a_leader_sees_every_region_and_no_tool(warehouse: Path, roles: Path) -> None:
    at = _app(user=_signed_in("leader@example.org"))
    assert len(at.metric) > 0 and "可查看范围" not in at.caption[1].value
    assert "已登录：leader@example.org（领导）" in [t.value for t in at.sidebar.text]
    for tool in ("publish/page.py", "releases/page.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            _app(tool, user=_signed_in("leader@example.org"))


def test_a_viewer_sees_their_district_and_a_link_cannot_widen_it(
    warehouse: Path, roles: Path, con: duckdb.DuckDBPyConnection
) -> None:
    user = _signed_in("chaoyang@example.org")
    at = _app("coverage/page.py", user=user, region="110101")
    assert "可查看范围：朝阳区" in at.caption[1].value
    assert "不在您可查看的范围内" in " ".join(c.value for c in at.sidebar.caption)
    other = con.execute(
        "select uscc from clean.organizations where district_code = '110101' order by uscc limit 1"
    ).fetchall()[0][0]
    org = _app("organizations/page.py", user=user, org=other)
    assert any("没有找到" in i.value or "not found" in i.value for i in org.info)
    assert len(org.dataframe) == 0


def test_a_viewer_by_group_is_scoped_to_the_groups_regions(warehouse: Path, roles: Path) -> None:
    at = _app(user=_signed_in("someone@example.org", groups=["haidian-office"]))
    assert "可查看范围：海淀区" in at.caption[1].value


def test_staff_get_the_publish_page_and_admins_also_releases_and_the_audit_log(
    warehouse: Path, roles: Path
) -> None:
    staff = _app("publish/page.py", user=_signed_in("clerk@example.org"))
    assert any("上传全部登记表文件" in m.value for m in staff.markdown)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        _app("releases/page.py", user=_signed_in("clerk@example.org"))
    assert not any(
        "审计日志" in e.label
        for e in _app("quality/page.py", user=_signed_in("clerk@example.org")).expander
    )
    admin = _app("releases/page.py", user=_signed_in("it@example.org"))
    assert [b.label for b in admin.button][:3] == ["固定（不被清理）", "取消固定", "清理"]
    quality = _app("quality/page.py", user=_signed_in("it@example.org"))
    (log,) = [e for e in quality.expander if "审计日志" in e.label]
    actors = log.dataframe[0].value["操作人"].tolist()
    assert "it@example.org" in actors  # the admin's own sign-in is in it


def test_a_sign_in_is_audited_once_however_many_pages_it_opens(
    warehouse: Path, roles: Path
) -> None:
    user = _signed_in("leader@example.org")
    _app(user=user)
    _app("funding/page.py", user=user)
    mine = [e for e in audit.read(warehouse) if e["actor"] == "leader@example.org"]
    assert [e["action"] for e in mine].count("sign_in") >= 1
    before = len(mine)
    _app("coverage/page.py", user=user)
    assert len([e for e in audit.read(warehouse) if e["actor"] == "leader@example.org"]) == before


def test_an_expired_id_token_signs_the_user_out(warehouse: Path, roles: Path) -> None:
    at = _app(user=_signed_in("leader@example.org", exp=1_000_000_000))
    _no_data(at)
    assert at.user.get("is_logged_in") is not True


def test_a_secrets_file_that_cannot_be_read_shows_no_data(warehouse: Path, tmp_path: Path) -> None:
    import streamlit as st

    broken = tmp_path / "secrets.toml"
    broken.write_text('[auth]\nredirect_uri = "http://localhost:1/oauth2callback\n', "utf-8")
    saved = st_config.get_option("secrets.files")
    st_config.set_option("secrets.files", [str(broken)])
    st.secrets._reset()  # the global secrets re-read the files named now
    try:
        at = _app(login=False)
    finally:
        st_config.set_option("secrets.files", saved)
        st.secrets._reset()
    _no_data(at)
    assert "密钥文件" in _texts(at) and "cannot be read" in _texts(at)
