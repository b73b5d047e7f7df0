"""A Streamlit client without a browser: the page's websocket (protobuf messages, as the frontend sends
them) and plain HTTP, to do what a hostile client does (sessions, uploads, clear_cache) and watch the
server answer."""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import TypeVar

import httpx
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

XSRF_COOKIE = "_streamlit_xsrf"
T = TypeVar("T")


@dataclass
class Session:
    """One websocket session of the dashboard, held open."""

    url: str
    http: httpx.Client = field(default_factory=lambda: httpx.Client(timeout=120))
    session_id: str = ""
    xsrf: str = ""
    _ws: websockets.ClientConnection | None = None
    # The websocket runs on a loop of its own in a thread of its own: pytest-playwright's sync API keeps an
    # event loop running in the test's thread, where run_until_complete would refuse to start another.
    _loop: asyncio.AbstractEventLoop = field(default_factory=asyncio.new_event_loop)
    _thread: threading.Thread | None = None

    def _run(self, coro: Coroutine[object, object, T]) -> T:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
            self._thread.start()
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result()

    def open(self, query: str = "") -> Session:
        """Connect and run the entry page once (as the browser does on loading it)."""
        self.http.get(self.url + "/_stcore/health")  # sets the XSRF cookie the frontend echoes
        self.xsrf = self.http.cookies.get(XSRF_COOKIE) or ""
        self._run(self._connect(query))
        return self

    async def _connect(self, query: str) -> None:
        ws_url = re.sub(r"^http", "ws", self.url) + "/_stcore/stream"
        cookie = "; ".join(f"{k}={v}" for k, v in self.http.cookies.items())
        self._ws = await websockets.connect(ws_url, subprotocols=["streamlit", self.xsrf or "x"],  # type: ignore[list-item]
                                            additional_headers={"Cookie": cookie}, max_size=None)
        await self._rerun(query)

    async def _rerun(self, query: str) -> None:
        msg = BackMsg()
        msg.rerun_script.query_string = query
        assert self._ws is not None
        await self._ws.send(msg.SerializeToString())
        await self._until_finished()

    async def _until_finished(self) -> None:
        assert self._ws is not None
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await asyncio.wait_for(self._ws.recv(), 120))
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.session_id = fwd.new_session.initialize.session_id or self.session_id
            if kind == "script_finished":
                return

    def upload(self, data: bytes, file_id: str = "f1") -> int:
        """PUT a file for this session, as the uploader widget does; the HTTP status."""
        response = self.http.put(f"{self.url}/_stcore/upload_file/{self.session_id}/{file_id}",
                                 files={"file": ("a.csv", data, "text/csv")}, headers={"X-Xsrftoken": self.xsrf})
        return response.status_code

    def close(self) -> None:
        """Leave."""
        if self._ws is not None:
            self._run(self._ws.close())
        if self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=30)
        self._loop.close()
        self.http.close()
