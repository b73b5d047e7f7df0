"""The gate as ASGI middleware, called the way uvicorn calls it: whose address the app sees, and the
sign-in cookie it hands out (flags, one use per ticket)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from auth.proxies import parse_trusted
from server import session_cookie
from server.gate import Gate

Message = dict[str, Any]


def _call(gate_proxies: str, scope: dict[str, Any]) -> tuple[list[Message], list[dict[str, Any]]]:
    seen: list[dict[str, Any]] = []
    sent: list[Message] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.append(dict(scope))
        await send({"type": "http.response.start", "status": 200, "headers": []})

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Any) -> None:
        sent.append(message)

    gate = Gate(app, parse_trusted(gate_proxies))
    call = gate(dict({"type": "http", "method": "GET", "path": "/", "headers": []}, **scope), receive, send)
    # A thread of its own: when the browser tests ran first in this pytest process, Playwright's event loop is
    # still running in the main thread, where asyncio.run refuses to start another (CI ran the tiers together).
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, call).result()
    return sent, seen


def _from(peer: str, *headers: tuple[bytes, bytes]) -> dict[str, Any]:
    return {"client": (peer, 5555), "headers": list(headers), "scheme": "http"}


def test_a_forwarded_for_from_an_untrusted_peer_is_ignored() -> None:
    forged = _from("127.0.0.1", (b"x-forwarded-for", b"198.51.100.7"), (b"x-forwarded-proto", b"https"))
    _, seen = _call("", forged)
    assert seen[0]["client"][0] == "127.0.0.1" and seen[0]["scheme"] == "http"
    _, seen = _call("10.0.0.1", forged)  # a proxy is trusted, but not this peer
    assert seen[0]["client"][0] == "127.0.0.1"


def test_a_trusted_proxy_names_the_client_and_its_scheme() -> None:
    proxied = _from("127.0.0.1", (b"x-forwarded-for", b"6.6.6.6, 198.51.100.7"), (b"x-forwarded-proto", b"https"))
    _, seen = _call("127.0.0.1", proxied)
    assert seen[0]["client"][0] == "198.51.100.7" and seen[0]["scheme"] == "https"


def _signed_in(ticket: str, proxies: str, scope: dict[str, Any]) -> dict[bytes, bytes]:
    sent, seen = _call(proxies, {**scope, "path": "/_cchc/signed-in", "query_string": f"ticket={ticket}".encode()})
    assert not seen and sent[0]["status"] == 303  # answered by the gate itself
    return dict(sent[0]["headers"])


def test_the_sign_in_cookie_is_httponly_lax_and_secure_behind_https() -> None:
    ticket = session_cookie.issue("lan", "https://cchc.langson.gov.vn", "/compare?year=2017")
    headers = _signed_in(ticket, "127.0.0.1", _from("127.0.0.1", (b"x-forwarded-proto", b"https")))
    cookie = headers[b"set-cookie"].decode()
    assert cookie.startswith("_streamlit_user=") and "; HttpOnly" in cookie and "; SameSite=Lax" in cookie
    assert "; Secure" in cookie and "; Max-Age=36000" in cookie and "; Path=/" in cookie
    assert headers[b"location"] == b"/compare?year=2017"
    again = _signed_in(ticket, "127.0.0.1", _from("127.0.0.1"))  # a ticket works once
    assert b"set-cookie" not in again and again[b"location"] == b"/"


def test_no_secure_flag_over_plain_http_and_no_way_off_site() -> None:
    ticket = session_cookie.issue("lan", "http://127.0.0.1:8501", "//evil.example/x")
    headers = _signed_in(ticket, "", _from("127.0.0.1", (b"x-forwarded-proto", b"https")))  # not a trusted proxy
    assert b"; Secure" not in headers[b"set-cookie"] and headers[b"location"] == b"/"


def test_a_ticket_works_only_in_the_browser_that_typed_the_password() -> None:
    """Someone who signs in and sends their ticket's link to another person must not sign that person in as
    themselves (login forgery): the ticket is bound to the browser's Streamlit XSRF cookie."""
    ticket = session_cookie.issue("mallory", "http://127.0.0.1:8501", "/import", "xsrf-of-mallory")
    other = _signed_in(ticket, "", _from("127.0.0.1", (b"cookie", b"_streamlit_xsrf=xsrf-of-the-victim")))
    assert b"set-cookie" not in other and other[b"location"] == b"/"
    ticket = session_cookie.issue("mallory", "http://127.0.0.1:8501", "/import", "xsrf-of-mallory")
    own = _signed_in(ticket, "", _from("127.0.0.1", (b"cookie", b"a=1; _streamlit_xsrf=xsrf-of-mallory")))
    assert own[b"set-cookie"].startswith(b"_streamlit_user=")
