"""What every form of serving runs (`streamlit run dashboard/server.py`: make run, make serve, each worker
behind Caddy): the router dashboard/app.py behind the door of dashboard/access/middleware.py (host names, metrics,
media files), with every module a page imports loaded before the first session (dashboard/warm.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import streamlit as st
from starlette.middleware import Middleware

from dashboard import warm
from dashboard.access import middleware


@asynccontextmanager
async def _warm(_app: Any) -> AsyncIterator[None]:
    """Runs before the server accepts its first request: a cold import never meets a session."""
    warm.imports()
    yield


app = st.App(
    Path(__file__).with_name("app.py"), middleware=[Middleware(middleware.Door)], lifespan=_warm
)
