"""The host names Shuniu answers to: loopback by default, plus the public name when sign-in is configured
(the host of [auth] redirect_uri) and any name in SHUNIU_HOSTS; every other Host header is refused
(DNS rebinding: a page elsewhere whose name resolves to 127.0.0.1 reaches nothing). docs/access.md."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

import streamlit as st

HOSTS_ENV = "SHUNIU_HOSTS"  # more names, separated by commas or spaces: "shuniu.example.gov.cn"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def name_of(host: str | None) -> str | None:
    """The name in a Host header, lower case, without port or brackets ("[::1]:8501" -> "::1");
    None for a missing or malformed one."""
    text = (host or "").strip().lower()
    if not text or any(c.isspace() or c in "/\\@?#" for c in text):
        return None
    if text.startswith("["):  # an IPv6 address: [::1] or [::1]:8501
        end = text.find("]")
        rest = text[end + 1 :]
        if end < 0 or (rest and not (rest.startswith(":") and rest[1:].isdigit())):
            return None
        return text[1:end] or None
    name, colon, port = text.partition(":")
    if colon and not port.isdigit():
        return None
    return name.rstrip(".") or None


def configured(auth: Mapping[str, Any] | None, env: str | None) -> frozenset[str]:
    """The names allowed: loopback, the host of the sign-in's redirect_uri, and SHUNIU_HOSTS."""
    names = set(LOOPBACK)
    redirect = str((auth or {}).get("redirect_uri") or "")
    if redirect:
        public = urlsplit(redirect).hostname
        if public:
            names.add(public.rstrip("."))
    for word in (env or "").replace(",", " ").split():
        name = name_of(word)
        if name:
            names.add(name)
    return frozenset(names)


def allowed_names() -> frozenset[str]:
    """The names of this deployment, from Streamlit's secrets ([auth]) and the environment."""
    try:
        section = st.secrets.get("auth")
    except FileNotFoundError:  # no secrets file, or one that cannot be read: no public name
        section = None
    return configured(dict(section) if section else None, os.environ.get(HOSTS_ENV))


def allows(host: str | None, names: Iterable[str]) -> bool:
    """Whether a request's Host header names this server."""
    name = name_of(host)
    return name is not None and name in set(names)
