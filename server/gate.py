"""What the server accepts before any page code runs.

Streamlit stores a file PUT to `/_stcore/upload_file/<session>/<file>` for any live session, signed in or
not, before a page decides anything; and `/_stcore/metrics` answers anyone. This ASGI middleware, put in
front of Streamlit's own by `server.serve`:
- takes the client's address from X-Forwarded-For only when the peer is a trusted proxy (auth.proxies), for
  every request and websocket, so the sign-in throttle sees real clients;
- refuses an upload unless a page run found the session allowed to import AND the request carries the same
  sign-in cookie (a session id alone is worth nothing), and counts its bytes as they arrive against what the
  session and all sessions may hold (server.uploads), chunked or not;
- answers `/_cchc/signed-in?ticket=…` with the sign-in cookie (server.session_cookie);
- frees the files of sessions that have ended, and refuses the metrics to everyone."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

from auth.proxies import Network, client_address, forwarded_https, trusted
from server import session_cookie, uploads

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_UPLOAD = re.compile(r"/_stcore/upload_file/([^/]+)/[^/]+/?$")
_METRICS = re.compile(r"/_stcore/metrics/?$")
_SIGNED_IN = re.compile(r"/_cchc/signed-in/?$")
USER_COOKIE = "_streamlit_user"


class _TooMuch(Exception):
    """An upload's arriving bytes passed what its session, or all sessions, may hold."""


def _header(scope: Scope, name: bytes) -> list[str]:
    return [v.decode("latin-1") for k, v in scope.get("headers", []) if k.lower() == name]


def cookie(scope: Scope, name: str) -> str:
    """One cookie of the request, as sent ("" when absent)."""
    for header in _header(scope, b"cookie"):
        for part in header.split(";"):
            key, _, value = part.strip().partition("=")
            if key == name:
                return value
    return ""


async def _answer(send: Send, status: int, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    head = [(b"content-length", b"0"), (b"cache-control", b"no-store"), *(headers or [])]
    await send({"type": "http.response.start", "status": status, "headers": head})
    await send({"type": "http.response.body", "body": b""})


class Gate:
    """ASGI middleware: refuses what no page code should have to see."""

    def __init__(self, app: ASGIApp, proxies: tuple[Network, ...] | None = None) -> None:
        self.app = app
        self.proxies = trusted() if proxies is None else proxies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope.get("type")
        if kind not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        scope = self._real_client(scope)
        if kind == "websocket":
            await self.app(scope, receive, send)
            _sweep_later()  # its session may end now (after Streamlit's reconnect time): free its files then
            return
        path, method = str(scope.get("path", "")), scope.get("method")
        upload = _UPLOAD.search(path)
        if _METRICS.search(path):
            await _answer(send, 404)
        elif _SIGNED_IN.search(path) and method == "GET":
            await _signed_in(scope, send)
        elif upload is not None and method == "PUT":
            await _upload(self.app, scope, receive, send, upload[1])
        else:
            await self.app(scope, receive, send)

    def _real_client(self, scope: Scope) -> Scope:
        """The scope with the client a trusted proxy names (its scheme too); unchanged from anyone else."""
        peer = (scope.get("client") or ("", 0))[0]
        if not self.proxies or not peer:
            return scope
        real = client_address(peer, _header(scope, b"x-forwarded-for"), self.proxies)
        proto = next(iter(_header(scope, b"x-forwarded-proto")), None)
        changed = dict(scope, client=(real, 0)) if real != peer else dict(scope)
        if forwarded_https(peer, proto, self.proxies):
            changed["scheme"] = "wss" if scope.get("type") == "websocket" else "https"
        return changed


async def _upload(app: ASGIApp, scope: Scope, receive: Receive, send: Send, session: str) -> None:
    """Pass an upload on while its bytes, counted as they arrive, fit; a 403 or 413 otherwise."""
    uploads.sweep()
    if not uploads.may_upload(session, cookie(scope, USER_COOKIE)):
        await _answer(send, 403)
        return
    declared = (_header(scope, b"content-length") or ["0"])[0]
    if declared.isdigit() and not uploads.take(session, int(declared)):
        await _answer(send, 413)  # said too much before sending anything
        return
    uploads.give_back(session, int(declared) if declared.isdigit() else 0)
    counted, started = 0, False

    async def counting() -> Message:
        nonlocal counted
        message = await receive()
        size = len(message.get("body", b""))
        if size and not uploads.take(session, size):
            raise _TooMuch
        counted += size
        return message

    async def sending(message: Message) -> None:
        nonlocal counted, started
        if message.get("type") == "http.response.start" and not started:
            started = True  # the file is stored now (or refused): Streamlit's storage counts it from here
            uploads.give_back(session, counted)
            counted = 0
        await send(message)

    try:
        await app(scope, counting, sending)
    except _TooMuch:
        if not started:
            await _answer(send, 413)
    finally:
        uploads.give_back(session, counted)


def _base_path() -> str:
    from streamlit import config

    base = str(config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else "/"


async def _signed_in(scope: Scope, send: Send) -> None:
    """Give the browser of a fresh sign-in its cookie, then send it back to its page; a stale or used ticket
    just goes back to the start (the sign-in form)."""
    query = parse_qs(bytes(scope.get("query_string", b"")).decode("latin-1"))
    ticket = session_cookie.redeem((query.get("ticket") or [""])[0], cookie(scope, session_cookie.XSRF_COOKIE))
    if ticket is None:
        await _answer(send, 303, [(b"location", _base_path().encode())])
        return
    value = session_cookie.cookie_value(session_cookie.payload(ticket))
    flags = f"Path={_base_path()}; HttpOnly; SameSite=Lax; Max-Age={session_cookie.lifetime_seconds()}"
    if scope.get("scheme") == "https":
        flags += "; Secure"
    headers = [(b"location", ticket.back_to.encode("latin-1", "replace")),
               (b"set-cookie", f"{USER_COOKIE}={value}; {flags}".encode("latin-1"))]
    await _answer(send, 303, headers)


def _sweep_later() -> None:
    from streamlit import config

    ttl = float(config.get_option("server.disconnectedSessionTTL") or 0)
    asyncio.get_running_loop().call_later(ttl + 1.0, uploads.sweep)
