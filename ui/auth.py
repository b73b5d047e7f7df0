"""Who is using the dashboard, and what they may do.

Three modes, chosen by what is configured:
- `oidc`: an `[auth]` section in `.streamlit/secrets.toml` — Streamlit's `st.login`; the e-mail
  it gives is looked up in the user list for a role, anyone else is a viewer;
- `password`: the user list (CCHC_USERS_FILE) has at least one password user — a sign-in form,
  failed attempts rate-limited per name and per client;
- `none`: nothing configured — the person on this machine (the server listens on 127.0.0.1) is
  an analyst; a visitor from another machine, if the server is exposed anyway, only looks.

The role is read again from the user list on every run and before every write, so a removal or
a demotion applies at once, and a page reached by URL checks it too, not only the navigation.
"""

from __future__ import annotations

import getpass
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NoReturn

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from auth import UserFile, allows
from auth.configured import record_paths, remember, was_configured
from auth.throttle import SIGN_IN
from auth.users import name_key
from common.errors import SettingsError, StoreError
from common.plain import md
from server import session_cookie
from server.uploads import ANYONE, allow_uploads
from ui.state import show_error, tr

USER_COOKIE = "_streamlit_user"
LOCK = ":material/lock:"  # Streamlit's bundled icon: emoji draw as boxes without an emoji font


@dataclass(frozen=True)
class Identity:
    """The person of this session: their name (recorded with every batch) and role."""

    name: str
    role: str
    source: str  # machine, guest, password, oidc


def users() -> UserFile:
    """The user list this server uses."""
    return UserFile()


_OIDC_KEYS = ("redirect_uri", "cookie_secret")


def _oidc_configured() -> bool:
    """Whether `[auth]` configures the identity provider. No secrets file at all means no; a secrets file
    that cannot be read, or an `[auth]` section without what Streamlit's st.login needs, stops every page
    (fail closed: it was meant to turn sign-in on)."""
    try:
        section = st.secrets.get("auth")
    except StreamlitSecretNotFoundError as exc:
        if getattr(exc, "error_id", None) == "no-secrets-found":
            return False
        _stop_closed(str(exc))
    if section is None:
        return False
    if not isinstance(section, Mapping) or any(not section.get(k) for k in _OIDC_KEYS):
        _stop_closed(tr("auth.secrets_needs", keys=", ".join(_OIDC_KEYS)))
    return True


def _stop_closed(detail: str) -> NoReturn:
    first = detail.splitlines()[0][:300] if detail else ""
    show_error(SettingsError("auth.secrets_bad", detail=first), icon=LOCK)
    st.stop()


def mode() -> str:
    """oidc, password or none (see the module's docstring). A user list that has vanished since sign-in
    was configured (recorded beside the database, see auth.configured) stops every page: fail closed."""
    if _oidc_configured():
        return "oidc"
    found = _users_or_stop()
    if found.has_local_users():
        remember(found, beside_database=False)  # beside the list, whatever CCHC_DB `python -m auth` had
        return "password"
    if not found.path.exists() and was_configured(found):
        records = " + ".join(str(p) for p in record_paths(found))
        show_error(SettingsError("auth.list_missing", file=str(found.path), record=records), icon=LOCK)
        st.stop()
    return "none"


def _users_or_stop() -> UserFile:
    """The user list; a damaged or unreadable one stops every page (fail closed) with a message."""
    found = users()
    try:
        found.load()
    except StoreError as exc:
        show_error(exc, icon=LOCK)
        st.stop()
    return found


def current() -> Identity | None:
    """The signed-in person, or None when sign-in is needed and has not happened. Tells the server's
    gate whether this session may send files (only someone who may import), and with which cookie."""
    ident = _current()
    ctx = get_script_run_ctx()
    if ctx is not None:
        may = ident is not None and allows(ident.role, "analyst")
        credential = ANYONE if may and ident is not None and ident.source == "machine" else _cookie()
        allow_uploads(ctx.session_id, credential if may else None)
    return ident


def _cookie() -> str:
    cookies = st.context.cookies
    return str(cookies.get(USER_COOKIE) or "") if cookies else ""


def _current() -> Identity | None:
    found = mode()
    if found == "none":
        if _this_machine():
            return Identity(getpass.getuser(), "analyst", "machine")
        return Identity(tr("auth.not_signed_in"), "viewer", "guest")
    if found == "oidc":
        if not st.user.is_logged_in or st.user.get(session_cookie.MARK):
            return None
        email = str(st.user.get("email") or st.user.get("name") or "")
        user = users().find(email) if email else None
        return Identity(email, user.role if user else "viewer", "oidc")
    return _password_user()


def _password_user() -> Identity | None:
    """The person of the sign-in cookie (st.user, checked by Streamlit), while the sign-in is fresh, not signed
    out, and the user still in the list: a removal or a new role applies at the next run."""
    seen = st.user.to_dict()
    if not seen.get("is_logged_in") or not session_cookie.still_valid(seen):
        return None
    user = users().find(str(seen.get("name") or ""))
    if user is None or not user.local:
        return None
    return Identity(user.name, user.role, "password")


def role_label(role: str) -> str:
    """A role in the interface language."""
    return tr(f"auth.role_{role}")


def can(needed: str) -> bool:
    """Whether the person of this session has the role `needed` (for navigation)."""
    ident = current()
    return ident is not None and allows(ident.role, needed)


def require(needed: str) -> Identity:
    """The person, when they have the role `needed`; otherwise the sign-in form (nobody signed in)
    or a refusal, and the page stops. Called at the top of every page and again right before
    every write."""
    ident = current()
    if ident is None:
        sign_in()
        st.stop()
    if not allows(ident.role, needed):
        st.error(tr("auth.forbidden", role=role_label(needed), yours=role_label(ident.role)), icon=LOCK)
        st.stop()
    return ident


def ensure_entry() -> None:
    """On a fresh server, Streamlit's first run of a deep link (because of the `pages/` folder)
    runs the page alone, skipping the entry script; from now on every run goes through the entry
    script's navigation. The page's own `require` keeps this one run safe."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False


def _remote_address() -> str | None:
    ip = st.context.ip_address  # the gate has put there the client a trusted proxy names
    return ip if isinstance(ip, str) and ip else None


_FORWARDING = ("X-Forwarded-For", "Forwarded", "X-Real-Ip")


def _this_machine() -> bool:
    """Whether the person sits at this machine: a loopback address (Streamlit reports none) that no proxy
    stands in for (a proxy on this machine that is not in CCHC_TRUSTED_PROXIES still forwards strangers)."""
    headers = st.context.headers
    forwarded = any(headers.get(name) for name in _FORWARDING) if headers else False
    return _remote_address() is None and not forwarded


def _client() -> str:
    return _remote_address() or "local"


def _try_sign_in(name: str, password: str) -> None:
    key, client = name_key(name), _client()
    wait = SIGN_IN.wait(key, client)
    if wait > 0:
        st.error(tr("auth.throttled", seconds=math.ceil(wait)), icon="⏳")
        return
    user = users().authenticate(name, password)
    if user is None or not user.local:
        SIGN_IN.failed(key, client)
        st.error(tr("auth.wrong"), icon="🚫")
        return
    SIGN_IN.succeeded(key, client)
    _collect_cookie(user.name)


def _collect_cookie(name: str) -> None:
    session_cookie.send_for_cookie(name)
    st.caption(tr("gate.signing_in"))
    st.stop()


def sign_in() -> None:
    """The sign-in screen of the configured mode."""
    st.title(tr("auth.sign_in_title"))
    if mode() == "oidc":
        st.caption(tr("auth.provider_intro"))
        if st.button(tr("auth.sign_in_provider"), type="primary", key="oidc_sign_in"):
            st.login()
        return
    st.caption(tr("auth.sign_in_intro"))
    with st.form("sign_in", enter_to_submit=True):
        name = st.text_input(tr("auth.name"), key="sign_in_name", max_chars=128)
        password = st.text_input(tr("auth.password"), type="password", key="sign_in_password", max_chars=256)
        submitted = st.form_submit_button(tr("auth.sign_in"), type="primary")
    if submitted:
        if not name.strip() or not password:
            st.warning(tr("auth.missing_fields"))
        else:
            _try_sign_in(name, password)


def refusal_page(page: st.Page, needed: str) -> st.Page:
    """A page this person may not open, kept at its address but out of the menu: typed by hand,
    it says which role it needs (instead of Streamlit's "Page not found") and runs nothing else."""

    def refuse() -> None:
        require(needed)

    return st.Page(refuse, title=page.title, url_path=page.url_path, visibility="hidden")


def sign_in_navigation(pages: list[st.Page]) -> None:
    """Before sign-in every page's address leads to the sign-in form (the navigation is hidden),
    so a deep link shows its page once the person has signed in. The first page is the default."""
    stand_ins = [st.Page(sign_in, title=p.title, url_path=p.url_path, default=i == 0) for i, p in enumerate(pages)]
    st.navigation(stand_ins, position="hidden").run()


def account(ident: Identity) -> None:
    """In the sidebar: who is signed in, with what role, and the sign-out button."""
    box = st.sidebar.container()
    if ident.source in ("machine", "guest"):
        box.caption(tr(f"auth.{ident.source}_note"))
        return
    box.caption(tr("auth.signed_in_as", name=md(ident.name), role=role_label(ident.role)))
    if box.button(tr("auth.sign_out"), key="sign_out", icon=":material/logout:"):
        sign_out()


def sign_out() -> None:
    """Sign out: this cookie is refused from now on (a copy too), Streamlit's st.logout clears it in the
    browser and ends the session; the browser lands on the sign-in form."""
    session_cookie.revoke(st.user.to_dict())
    ctx = get_script_run_ctx()
    if ctx is not None:
        allow_uploads(ctx.session_id, None)
    st.logout()

