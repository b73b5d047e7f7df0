"""What the server accepts before any page code runs.

Streamlit stores a file PUT to `/_stcore/upload_file/<session>/<file>` for any live session, signed in or
not, before a page decides anything; and `/_stcore/metrics` answers anyone. This ASGI middleware, put in
front of Streamlit's own by `ui.serve`, refuses an upload from a session no page run has found allowed to
import (`allow_uploads`, called by `ui.auth` on every run), bounds what one session may hold, and
refuses the metrics to everyone (nothing in the dashboard reads them)."""

from __future__ import annotations

import re
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from common import settings

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_UPLOAD = re.compile(r"/_stcore/upload_file/([^/]+)/[^/]+/?$")
_METRICS = re.compile(r"/_stcore/metrics/?$")
HELD_FILES_MB_FACTOR = 2  # a session may hold two uploads of the largest size at once (one being replaced)
_ALLOWED: set[str] = set()
_LOCK = threading.Lock()


def allow_uploads(session_id: str, allowed: bool) -> None:
    """Record whether this session may send files (its person may import), as a page run found it."""
    with _LOCK:
        if allowed:
            _ALLOWED.add(session_id)
        else:
            _ALLOWED.discard(session_id)


def may_upload(session_id: str) -> bool:
    """Whether this session was last found allowed to send files."""
    with _LOCK:
        return session_id in _ALLOWED


def held_bytes(session_id: str) -> int:
    """The bytes of the files this session holds on the server now."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return 0
    storage = getattr(Runtime.instance().uploaded_file_mgr, "file_storage", {})
    return sum(len(rec.data) for rec in dict(storage.get(session_id, {})).values())


def session_limit() -> int:
    """The most bytes one session may hold in uploaded files."""
    return HELD_FILES_MB_FACTOR * int(settings.CCHC_MAX_UPLOAD_MB.get()) * 1024 * 1024


class Gate:
    """ASGI middleware: refuses what no page code should have to see."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        status = self._refusal(scope) if scope.get("type") == "http" else None
        if status is None:
            await self.app(scope, receive, send)
            return
        await send({"type": "http.response.start", "status": status, "headers": [(b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})

    @staticmethod
    def _refusal(scope: Scope) -> int | None:
        path = str(scope.get("path", ""))
        if _METRICS.search(path):
            return 404
        upload = _UPLOAD.search(path)
        if upload is None or scope.get("method") != "PUT":
            return None
        session = upload[1]
        if not may_upload(session):
            return 403
        length = dict(scope.get("headers", [])).get(b"content-length", b"0")
        coming = int(length) if length.isdigit() else 0
        return 413 if held_bytes(session) + coming > session_limit() else None
