"""Staying signed in: the identity cookie Streamlit's own `st.login` uses (`_streamlit_user`), set by our server
for a password sign-in, so that reloads, new tabs and links from e-mail stay signed in for CCHC_SIGN_IN_HOURS.

A page run cannot set an HttpOnly cookie (it talks over the websocket). So a right password makes a one-time
ticket (60 s, kept in this process), the page sends the browser to `/_cchc/signed-in?ticket=…` the way
`st.login` sends it to its provider, and the gate answers that request with the cookie and a redirect back to
the page. The cookie is Streamlit's: signed with itsdangerous under the server's cookie secret (ours, see
auth.secret), checked by Streamlit's websocket handler against the page's origin, and read by the page as
`st.user`; a session is bound to it (Streamlit resumes a session only for the same identity). Its payload
carries the sign-in time and a random id: the page refuses it once too old or signed out (`revoked`)."""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode, urlparse

from common import settings

TICKET_SECONDS = 60.0
SIGNED_IN_PATH = "_cchc/signed-in"
MARK = "cchc_sid"  # the payload key that says this cookie is a password sign-in of ours
AT = "cchc_at"
XSRF_COOKIE = "_streamlit_xsrf"


@dataclass(frozen=True)
class Ticket:
    """A sign-in waiting for its browser: who, from which page origin, back to which path."""

    name: str
    origin: str
    back_to: str
    expires: float
    browser: str = ""  # a digest of the browser's Streamlit XSRF cookie: only that browser may collect it


_TICKETS: dict[str, Ticket] = {}
_REVOKED: dict[str, float] = {}  # a signed-out cookie's id → when it would have expired anyway
_LOCK = threading.Lock()


def lifetime_seconds() -> int:
    """How long a sign-in lasts (CCHC_SIGN_IN_HOURS)."""
    return int(settings.CCHC_SIGN_IN_HOURS.number() * 3600)


def safe_path(path: str) -> str:
    """A path on this server to go back to: never another site (`//host`, a scheme, a backslash)."""
    if not path.startswith("/") or path.startswith("//") or "\\" in path or any(ord(c) < 32 for c in path):
        return "/"
    return path


def issue(name: str, origin: str, back_to: str, browser: str = "") -> str:
    """A one-time ticket for this person's browser (`browser`: its XSRF cookie) to collect the cookie with."""
    ticket = secrets.token_urlsafe(32)
    now = time.monotonic()
    with _LOCK:
        for key in [k for k, t in _TICKETS.items() if t.expires < now]:
            del _TICKETS[key]
        _TICKETS[ticket] = Ticket(name, origin, safe_path(back_to), now + TICKET_SECONDS, _digest(browser))
    return ticket


def redeem(ticket: str, browser: str = "") -> Ticket | None:
    """The sign-in of this ticket, once, while it is fresh, for the browser it was issued to (a ticket sent to
    someone else, to sign them in as oneself, is refused)."""
    with _LOCK:
        found = _TICKETS.pop(ticket, None)
    if found is None or found.expires < time.monotonic() or found.browser != _digest(browser):
        return None
    return found


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("latin-1", "replace")).hexdigest()


def payload(ticket: Ticket, now: float | None = None) -> dict[str, object]:
    """What the cookie says (Streamlit's fields, then ours): the person, the origin, when, a random id."""
    return {"origin": ticket.origin, "is_logged_in": True, "email": ticket.name, "name": ticket.name,
            MARK: secrets.token_urlsafe(16), AT: int(time.time() if now is None else now)}


def cookie_value(data: dict[str, object]) -> str:
    """The signed cookie, signed by Streamlit's own function under the server's cookie secret."""
    from streamlit.web.server.server_util import get_cookie_secret
    from streamlit.web.server.starlette.starlette_app_utils import create_signed_value
    from streamlit.web.server.starlette.starlette_server_config import USER_COOKIE_NAME

    return create_signed_value(get_cookie_secret(), USER_COOKIE_NAME, json.dumps(data)).decode("utf-8")


def still_valid(user: Mapping[str, object], now: float | None = None) -> bool:
    """Whether a password sign-in read back from the cookie still holds: ours, not too old, not signed out."""
    sid, at = user.get(MARK), user.get(AT)
    if not isinstance(sid, str) or not isinstance(at, int):
        return False
    age = (time.time() if now is None else now) - at
    with _LOCK:
        revoked = sid in _REVOKED
    return 0 <= age < lifetime_seconds() and not revoked


def revoke(user: Mapping[str, object]) -> None:
    """Sign this cookie out for good (a copy of it is worth nothing after sign-out)."""
    sid, at = user.get(MARK), user.get(AT)
    if isinstance(sid, str):
        until = (at if isinstance(at, int) else time.time()) + lifetime_seconds()
        with _LOCK:
            now = time.time()
            for key in [k for k, end in _REVOKED.items() if end < now]:
                del _REVOKED[key]
            _REVOKED[sid] = until


def send_for_cookie(name: str) -> None:
    """Send this page's browser for its sign-in cookie (as st.login sends it to the provider), and make this
    session, whose id was seen before sign-in, worth nothing: it can no longer be resumed nor send files,
    and the browser comes back on a new session that carries the cookie."""
    import streamlit as st
    from streamlit import config
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.runtime import Runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx
    from streamlit.url_util import make_url_path

    from server.uploads import allow_uploads

    headers = st.context.headers
    origin = str(headers.get("Origin") or "") if headers else ""
    path = urlparse(str(st.context.url or "/")).path or "/"  # st.context.url has no query: the page's own
    query = urlencode(list(st.query_params.to_dict().items()))
    xsrf = str(st.context.cookies.get(XSRF_COOKIE) or "") if st.context.cookies else ""
    ticket = issue(name, origin, path + (f"?{query}" if query else ""), xsrf)
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    if Runtime.exists():
        Runtime.instance().clear_user_info_for_session(ctx.session_id)
    allow_uploads(ctx.session_id, None)
    msg = ForwardMsg()
    base = str(config.get_option("server.baseUrlPath") or "")
    msg.auth_redirect.url = make_url_path(base, f"/{SIGNED_IN_PATH}") + f"?ticket={ticket}"
    ctx.enqueue(msg)
