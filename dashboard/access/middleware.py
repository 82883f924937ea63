"""The door in front of everything the server sends (an ASGI middleware of dashboard/server.py): a Host
this deployment does not answer to gets no page, file or websocket (421); /_stcore/metrics is not served
unless SHUNIU_METRICS=1; a media file (/media/..., the downloads) goes only to a visitor who may see
figures: signed in and not signed out, or, without login, a local request (docs/access.md)."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from typing import Any

import streamlit as st
from starlette.datastructures import Headers
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Receive, Scope, Send
from streamlit.auth_util import get_cookie_with_chunks
from streamlit.web.server.server_util import get_cookie_secret
from streamlit.web.server.starlette.starlette_app_utils import decode_signed_value

from dashboard.access import auth, hosts, sessions
from dashboard.core import db
from dashboard.frame import lost

log = logging.getLogger("shuniu.access")
METRICS_ENV = "SHUNIU_METRICS"
USER_COOKIE = "_streamlit_user"  # Streamlit's signed sign-in cookie (split into _1, _2 ... if long)
REFUSED = {
    421: "This server does not answer to that host name. 此服务器不响应该主机名。",
    404: "Not found.",
    403: "Sign in first. 请先登录。",
}


def metrics_on() -> bool:
    """Whether /_stcore/metrics is served (SHUNIU_METRICS=1): it counts sessions and cache use."""
    return os.environ.get(METRICS_ENV, "").strip().lower() in ("1", "true", "yes")


def signed_in_user(cookies: Mapping[str, str], origin: str | None) -> dict[str, Any] | None:
    """The claims in a request's sign-in cookie when its signature holds and it was issued for this
    deployment's address (the redirect_uri's origin); None otherwise."""
    secret = get_cookie_secret()

    def one(name: str) -> bytes | None:
        raw = cookies.get(name)
        return None if raw is None else decode_signed_value(secret, name, raw.encode("latin-1"))

    try:
        value = get_cookie_with_chunks(one, USER_COOKIE)
        payload = json.loads(value) if value else None
    except (ValueError, UnicodeError):
        return None
    if not isinstance(payload, dict) or payload.get("is_logged_in") is not True:
        return None
    return payload if origin and payload.get("origin") == origin else None


def may_fetch_media(headers: Headers) -> bool:
    """A media file is a download of figures: the same visitors as the figures themselves."""
    settings = auth.login_settings()
    if settings is None:  # no login: only a local request (the gate's rule)
        return auth.is_local(headers)
    if settings.get(auth.UNREADABLE):
        return False
    origin = auth.origin_of(str(settings.get("redirect_uri") or ""))
    user = signed_in_user(cookie_parser(headers.get("cookie", "")), origin)
    if user is None or auth.expired(user.get("exp")):
        return False
    return not sessions.revoked(db.warehouse_path(), user)


class Door:
    """ASGI middleware: refuses what the module docstring says, passes everything else on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._names: frozenset[str] | None = None

    def names(self) -> frozenset[str]:
        """The host names allowed, read once (after Streamlit has loaded its secrets)."""
        if self._names is None:
            self._names = hosts.allowed_names()
            log.info("answering to %s", ", ".join(sorted(self._names)))
        return self._names

    def refusal(self, scope: Scope) -> int | None:
        """The status a request is refused with, or None when it may pass."""
        headers = Headers(scope=scope)
        named = headers.getlist("host")
        if len(named) != 1 or not hosts.allows(named[0], self.names()):
            return 421
        path = _path(scope)
        if path.rstrip("/") == "/_stcore/metrics" and not metrics_on():
            return 404
        if path.startswith("/media/") and not may_fetch_media(headers):
            return 403
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        status = self.refusal(scope) if scope["type"] in ("http", "websocket") else None
        target = _nested(scope) if status is None and scope["type"] == "http" else None
        if target is not None:  # /a/b: Streamlit's blank page; sent to the unknown page instead
            headers = [(b"location", target.encode("latin-1")), (b"cache-control", b"no-cache"),
                       (b"content-length", b"0")]  # fmt: skip
            await send({"type": "http.response.start", "status": 302, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
        elif status is None:
            await self.app(scope, receive, send)
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})  # before accept: HTTP 403
        else:
            body = REFUSED[status].encode("utf-8")
            headers = [(b"content-type", b"text/plain; charset=utf-8"),
                       (b"content-length", str(len(body)).encode())]  # fmt: skip
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})


def _path(scope: Scope) -> str:
    """The request's path below server.baseUrlPath."""
    path = str(scope.get("path") or "/")
    base = "/" + str(st.get_option("server.baseUrlPath") or "").strip("/")
    return path[len(base) :] if base != "/" and path.startswith(base + "/") else path


def _nested(scope: Scope) -> str | None:
    """Where a browser opening a nested page address (/a/b) is sent: the unknown page
    (dashboard/frame/lost.py)."""
    accepts = Headers(scope=scope).get("accept", "")
    if scope.get("method") not in ("GET", "HEAD") or "text/html" not in accepts:
        return None  # only a browser opening a page: never the app's own requests
    query = bytes(scope.get("query_string") or b"").decode("latin-1")
    target = lost.nested(_path(scope), query)
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return None if target is None else (f"/{base}/" if base else "/") + target  # urlencoded: ASCII
