"""A headless viewer speaking Streamlit's websocket protocol: open a page as a browser would (HTTP GET
for the affinity cookie, websocket, rerun request), change a widget, and time each render to the
server's script_finished message, collecting every exception element on the way."""

from __future__ import annotations

import asyncio
import time
import urllib.request
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

WIDGET_TYPES = ("selectbox", "multiselect", "text_input")
DONE = (0, 1)  # FINISHED_SUCCESSFULLY, FINISHED_WITH_COMPILE_ERROR (2 = stopped early for a rerun)
WidgetValue = str | list[str]


@dataclass
class Render:
    """One page render as the viewer saw it: how long from request to script_finished, and what broke."""

    page: str
    kind: str  # "first" (a new session opening the page) or "change" (a widget changed)
    seconds: float  # rerun request -> script_finished
    connect_s: float = 0.0  # HTTP GET of the page + websocket handshake (first renders only)
    status: str = "ok"  # ok | timeout | error: <text>
    exceptions: list[str] = field(default_factory=list)
    worker: str = ""  # the worker that served the page (behind the proxy)

    @property
    def total_s(self) -> float:
        """What the viewer waited in all."""
        return self.connect_s + self.seconds


@dataclass
class Widget:
    """A widget of the last render: its id and its options as shown."""

    id: str
    kind: str
    options: list[str]


class Viewer:
    """One browser tab's worth of protocol: a session opened on a page, then widget changes."""

    def __init__(self, base_url: str, timeout: float = 60.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.widgets: dict[str, Widget] = {}
        self._ws: websockets.ClientConnection | None = None
        self._page = ""
        self._query = ""
        self._worker = ""
        self.cookie = ""  # the proxy's affinity cookie, as a browser would keep it

    def _get_page(self, page: str) -> tuple[str, str]:
        """GET the page's HTML like a browser, sending the cookie it keeps; the proxy's affinity
        cookie (kept, or newly set) and the worker that answered, if any."""
        headers = {"Cookie": self.cookie} if self.cookie else {}
        request = urllib.request.Request(f"{self.base_url}/{page}", headers=headers)
        with urllib.request.urlopen(request, timeout=self.timeout) as answer:
            answer.read()
            cookie = (answer.headers.get("Set-Cookie") or "").split(";")[0] or self.cookie
            return cookie, answer.headers.get("X-Shuniu-Worker") or ""

    async def open(self, page: str, query: str = "") -> Render:
        """A new session on a page (query string without '?'), rendered once."""
        await self.close()
        started = time.perf_counter()
        try:
            self.cookie, self._worker = await asyncio.to_thread(self._get_page, page)
            headers = {"Cookie": self.cookie} if self.cookie else {}
            url = self.base_url.replace("http", "ws", 1) + "/_stcore/stream"
            self._ws = await asyncio.wait_for(
                websockets.connect(url, subprotocols=["streamlit"], max_size=None,  # type: ignore[list-item]
                                   additional_headers=headers, open_timeout=self.timeout),
                self.timeout,
            )  # fmt: skip
        except (OSError, TimeoutError, websockets.WebSocketException) as error:
            return Render(page, "first", 0.0, time.perf_counter() - started, f"error: {error!r}")
        self._page, self._query = page, query
        render = await self._rerun("first", {})
        render.connect_s = time.perf_counter() - started - render.seconds
        return render

    async def change(self, values: dict[str, WidgetValue]) -> Render:
        """Set widgets (by their key) to values as shown (e.g. '2014年底'), and wait for the rerun."""
        return await self._rerun("change", values)

    async def _rerun(self, kind: str, values: dict[str, WidgetValue]) -> Render:
        message = BackMsg()
        message.rerun_script.page_name = self._page
        message.rerun_script.query_string = self._query
        for key, value in values.items():
            state = message.rerun_script.widget_states.widgets.add()
            state.id = self.widgets[key].id
            if isinstance(value, list):
                state.string_array_value.data.extend(value)
            else:
                state.string_value = value
        render = Render(self._page, kind, 0.0, worker=self._worker)
        started = time.perf_counter()
        try:
            assert self._ws is not None
            await self._ws.send(message.SerializeToString())
            await asyncio.wait_for(self._until_finished(render), self.timeout)
        except TimeoutError:
            render.status = "timeout"
        except (OSError, websockets.WebSocketException, AssertionError) as error:
            render.status = f"error: {error!r}"
        render.seconds = time.perf_counter() - started
        return render

    async def _until_finished(self, render: Render) -> None:
        assert self._ws is not None
        self.widgets = {}
        while True:
            message = ForwardMsg()
            message.ParseFromString(await self._ws.recv())
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                self._element(message.delta.new_element, render)
            elif kind == "page_not_found":
                render.status = "error: page not found"
            elif kind == "script_finished" and message.script_finished in DONE:
                if message.script_finished == 1:
                    render.status = "error: compile error"
                return

    def _element(self, element: object, render: Render) -> None:
        kind = element.WhichOneof("type")  # type: ignore[attr-defined]
        if kind == "exception":
            exception = element.exception  # type: ignore[attr-defined]
            render.exceptions.append(f"{exception.type}: {exception.message}"[:300])
        elif kind in WIDGET_TYPES:
            widget = getattr(element, kind)
            options = list(getattr(widget, "options", []))
            self.widgets[widget.id.rsplit("-", 1)[-1]] = Widget(widget.id, kind, options)

    async def close(self) -> None:
        """Leave the session (the server ends it)."""
        if self._ws is not None:
            ws, self._ws = self._ws, None
            try:
                await asyncio.wait_for(ws.close(), 5)
            except (OSError, TimeoutError, websockets.WebSocketException):
                pass
