"""Sign-in at the edge: who is here (st.login / st.user), what they may do (the roles file), and the safe
default without login (figures only when the server listens on loopback and is not public).

The router calls gate() before anything reads data; it returns the visitor's Access or stops the run
with a page saying why. The viewer's regions go to st.session_state[sidebar.SCOPE_KEY] here, and only
here. Rules and set-up: docs/access.md.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import streamlit as st

from dashboard.access import hosts, sessions
from dashboard.access import roles as roles_file
from dashboard.core import db
from dashboard.core.words import Lang, t
from dashboard.frame import ui
from dashboard.frame.sidebar import SCOPE_KEY
from pipeline import audit

log = logging.getLogger("shuniu.access")
REPO = Path(__file__).resolve().parents[2]
ROLES_ENV = "SHUNIU_ROLES"
PUBLIC_ENV = "SHUNIU_PUBLIC"
LOCAL_TOKEN_ENV = "SHUNIU_LOCAL_TOKEN"  # set by deploy/serve.py for its workers and its Caddy
LOCAL_HEADER = "X-Shuniu-Local"
DEFAULT_ROLES = REPO / "config" / "roles.toml"
ACCESS_KEY = "_access"
# a request that passed a reverse proxy carries one of these: the public may be behind it
PROXY_HEADERS = (
    "X-Forwarded-For",
    "X-Forwarded-Host",
    "X-Forwarded-Proto",
    "Forwarded",
    "X-Real-Ip",
)
AUTH_KEYS = ("redirect_uri", "cookie_secret")


@dataclass(frozen=True)
class Access:
    """The visitor: who (an e-mail, or the local user without login), the role and its regions."""

    user: str
    role: str  # viewer | leader | staff | admin
    regions: tuple[str, ...] = ()  # empty: every region (never for a viewer)
    signed_in: bool = False

    def can_publish(self) -> bool:
        """Upload, validate and publish (staff and admin, signed in: the audit log names them)."""
        return self.signed_in and self.role in ("staff", "admin")

    def can_manage(self) -> bool:
        """Pin, unpin, prune releases and read the audit log (admin, signed in)."""
        return self.signed_in and self.role == "admin"

    def actor(self) -> audit.Actor:
        """This visitor as the audit log names them."""
        return audit.Actor(self.user, "browser", self.role)


def current() -> Access:
    """The Access the router established for this run."""
    return st.session_state[ACCESS_KEY]


def roles_path() -> Path:
    """The roles file: env SHUNIU_ROLES, else config/roles.toml in the repository."""
    configured = os.environ.get(ROLES_ENV)
    return Path(configured).expanduser() if configured else DEFAULT_ROLES


def is_loopback(address: object) -> bool:
    """Whether a server.address value binds loopback only ("", None, 0.0.0.0, :: bind every address)."""
    text = str(address or "").strip().strip("[]")
    if text.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(text).is_loopback
    except ValueError:
        return False


UNREADABLE = "_unreadable"  # login_settings() of a secrets file that exists but cannot be read


def login_settings() -> dict[str, Any] | None:
    """The [auth] section of Streamlit's secrets; None when login is not configured (no secrets
    file, or one without [auth]); {UNREADABLE: True} when a secrets file exists but cannot be read
    (then nothing is shown: its author meant to configure something)."""
    try:
        section = st.secrets.get("auth")
    except FileNotFoundError as exc:  # Streamlit says so for a missing and for a broken file
        files = [Path(p) for p in st.get_option("secrets.files") or ()]
        if any(p.is_file() for p in files):
            log.error("the secrets file cannot be read: %s", exc)
            return {UNREADABLE: True}
        return None
    return dict(section) if section is not None else None


def is_public(headers: Any, env: str | None, local_token: str | None = None) -> bool:
    """A deployment declared public (SHUNIU_PUBLIC=1) or reached through a reverse proxy (any
    forwarding header, every instance of it looked at) is public even when the server listens on
    loopback. The one exception: the loopback-only Caddy of `make serve WORKERS=N` marks a request
    that reached it through no other proxy with a random token only it and the workers know
    (SHUNIU_LOCAL_TOKEN); nothing a client writes in a header can make a request local."""
    if (env or "").strip().lower() in ("1", "true", "yes"):
        return True
    if not headers:
        return False
    if local_token:
        marks = _all(headers, LOCAL_HEADER)
        if len(marks) == 1 and secrets.compare_digest(marks[0], local_token):
            return False
    return any(value.strip() for name in PROXY_HEADERS for value in _all(headers, name))


def is_local(headers: Any) -> bool:
    """Without login: whether a request comes from this machine (the server listens on loopback and
    the request is not public); only then are figures shown."""
    public = is_public(headers, os.environ.get(PUBLIC_ENV), os.environ.get(LOCAL_TOKEN_ENV))
    return is_loopback(st.get_option("server.address")) and not public


def _host_allowed(headers: Any) -> bool:
    """The Host this run's page was asked for is one the deployment answers to (dashboard/access/hosts.py);
    the door of dashboard/server.py refuses others before any page, this holds without it too. No
    request at all (AppTest) has no Host to check."""
    named = _all(headers, "Host") if headers else []
    return not named or (len(named) == 1 and hosts.allows(named[0], hosts.allowed_names()))


def origin_of(uri: str) -> str | None:
    """scheme://host[:port] of a URL (the redirect_uri's is the one a sign-in cookie is issued for)."""
    parts = urlsplit(uri)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def _all(headers: Any, name: str) -> list[str]:
    """Every instance of a header (a client or proxy may send one several times)."""
    if hasattr(headers, "get_all"):  # st.context.headers
        return [str(v) for v in headers.get_all(name)]
    if hasattr(
        headers, "getlist"
    ):  # a Starlette request's headers (dashboard/access/middleware.py)
        return [str(v) for v in headers.getlist(name)]
    value = headers.get(name)
    return [str(value)] if value is not None else []


@st.cache_resource(max_entries=4, show_spinner=False)
def _load(path: str, mtime_ns: int) -> roles_file.Roles:
    """The roles file, read again when it changes (an error is not cached: it is raised each time)."""
    return roles_file.parse(
        Path(path).read_text("utf-8"), Path(path), roles_file.reference_regions()
    )


def load_roles() -> roles_file.Roles | None:
    """The roles file's grants; None when there is no file; RolesError when it is wrong."""
    path = roles_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    try:
        return _load(str(path), stat.st_mtime_ns)
    except UnicodeDecodeError as exc:
        raise roles_file.RolesError("roles.not_utf8", path, None, error=str(exc)) from exc


def expired(exp: object, now: dt.datetime | None = None) -> bool:
    """Whether an ID token's exp claim (seconds since 1970) has passed; a missing one has not."""
    if isinstance(exp, bool) or not isinstance(exp, int | float):
        return False
    moment = now or dt.datetime.now(dt.UTC)
    return moment.timestamp() >= float(exp)


def _stop(lang: Lang, *keys: tuple[str, dict[str, object]], sign_out: bool = False) -> None:
    """A page that says why nothing is shown, in both languages when the visitor has no switch."""
    for key, params in keys:
        st.warning(t(key, "zh", **params), icon="🔒")
        st.caption(t(key, "en", **params))
    if sign_out:
        st.button(t("auth.sign_out", lang), on_click=sign_out_now, key="auth_sign_out")
    st.stop()


def _roles_or_stop(lang: Lang) -> roles_file.Roles | None:
    try:
        return load_roles()
    except roles_file.RolesError as exc:
        log.error("roles file %s line %s: %s", exc.path, exc.line, t(exc.key, "en", **exc.params))
        detail = {"path": exc.path, "line": exc.line or "?", "why": t(exc.key, "zh", **exc.params)}
        detail_en = {**detail, "why": t(exc.key, "en", **exc.params)}
        st.error(t("auth.roles_error", "zh", **detail), icon="⛔")
        st.caption(t("auth.roles_error", "en", **detail_en))
        st.stop()
    return None  # unreachable: st.stop raises


def gate(lang: Lang) -> Access:
    """Who may see what in this run; stops the run with a page when the answer is nothing."""
    settings = login_settings()
    loaded = _roles_or_stop(lang)
    if not _host_allowed(st.context.headers):
        _stop(lang, ("auth.wrong_host", {}))
    if settings is None:
        address = st.get_option("server.address")
        if is_local(st.context.headers):
            st.session_state[SCOPE_KEY] = ()
            return _keep(Access("local", "leader"))
        if is_loopback(address):  # public through a proxy or SHUNIU_PUBLIC
            _stop(lang, ("auth.configure_login_proxy", {}))
        _stop(lang, ("auth.configure_login", {"address": ui.escape_md(address or "0.0.0.0")}))
    if settings.get(UNREADABLE):
        _stop(lang, ("auth.secrets_unreadable", {}))
    missing = [k for k in AUTH_KEYS if not settings.get(k)]
    if missing:
        _stop(lang, ("auth.login_incomplete", {"keys": ", ".join(missing)}))
    return _signed_in(lang, loaded or roles_file.Roles(), loaded is None)


def _signed_in(lang: Lang, grants: roles_file.Roles, no_file: bool) -> Access:
    user = st.user.to_dict()
    if user.get("is_logged_in") and sessions.revoked(db.warehouse_path(), user):
        log.warning("a signed-out session of %s was used again: refused", user.get("email"))
        user = {}  # a cookie kept (or copied) after 退出登录: as if nobody had signed in
    if not user.get("is_logged_in"):
        st.session_state.pop(SCOPE_KEY, None)
        st.info(t("auth.please_sign_in", lang), icon="🔑")
        st.button(t("auth.sign_in", lang), on_click=st.login, type="primary", key="auth_sign_in")
        st.stop()
    if expired(user.get("exp")):
        log.info("session of %s expired (exp %s): signed out", user.get("email"), user.get("exp"))
        st.logout()
        st.stop()
    email = str(user.get("email") or "")
    groups = roles_file.claim_groups(user.get(grants.groups_claim))
    grant = roles_file.resolve(grants, email, groups, user.get("email_verified"))
    if grant is None or (grant.role == "viewer" and not grant.regions):
        st.session_state.pop(SCOPE_KEY, None)
        if no_file:
            log.warning("no roles file at %s: nobody has a role", roles_path())
        _once(email, user.get("iat"), "sign_in_refused", None)
        _stop(lang, ("auth.no_role", {"user": ui.escape_md(email or "—")}), sign_out=True)
    assert grant is not None
    st.session_state[SCOPE_KEY] = grant.regions
    _once(email, user.get("iat"), "sign_in", grant)
    return _keep(Access(email, grant.role, grant.regions, signed_in=True))


def _keep(access: Access) -> Access:
    st.session_state[ACCESS_KEY] = access
    return access


@st.cache_resource(max_entries=1, show_spinner=False)
def _seen() -> set[tuple[str, str, str]]:
    """Sign-ins already written by this server process (one line per sign-in, not per page load)."""
    return set()


def _once(email: str, issued: object, action: str, grant: roles_file.Grant | None) -> None:
    key = (email, str(issued), action)
    if key in _seen():
        return
    _seen().add(key)
    actor = audit.Actor(email or "—", "browser", grant.role if grant else None)
    detail = {"regions": list(grant.regions), "grant": grant.source} if grant else {}
    try:
        audit.record(db.warehouse_path(), action, actor, None, **detail)
    except OSError as exc:
        log.warning("the audit log could not be written (%s)", exc)


def sidebar(access: Access, lang: Lang) -> None:
    """Who is signed in, with which role, and the sign-out button (nothing without login)."""
    if not access.signed_in:
        return
    with st.sidebar:
        role = t(f"role.{access.role}", lang)
        st.text(t("auth.signed_in_as", lang, user=access.user, role=role))
        st.button(t("auth.sign_out", lang), on_click=sign_out_now, key="auth_sign_out")


def sign_out_now() -> None:
    """退出登录: this sign-in's cookie stops signing in, in every worker and after a restart (its key
    goes on the sign-out list, dashboard/access/sessions.py), then Streamlit's own sign-out clears it."""
    user = st.user.to_dict()
    if user.get("is_logged_in"):
        target = db.warehouse_path()
        access = st.session_state.get(ACCESS_KEY)
        actor = audit.Actor(str(user.get("email") or "—"), "browser", getattr(access, "role", None))
        try:
            sessions.revoke(target, user)
            audit.record(target, "sign_out", actor)
        except OSError as exc:  # the cookie is still cleared in this browser
            log.error("the sign-out of %s could not be recorded (%s)", actor.name, exc)
    st.logout()
