"""Staying signed in, in a real Chromium against a real server: reloads, new tabs and other pages keep the
sign-in (Streamlit's `_streamlit_user` cookie, HttpOnly, SameSite=Lax); sign-out and a removed user end it; the
session that saw the password is renewed; a forged X-Forwarded-For from an untrusted peer gains nothing."""

from __future__ import annotations

import re
import shutil
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import cast

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page, WebSocket, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from auth import UserFile
from tests.e2e.conftest import Server, settle, start_server, unchanged

PW = "mật khẩu đủ dài"
SIGNED_IN = "Đăng nhập: lan"


def _server(demo_db: Path, tmp_path: Path, extra: dict[str, str] | None = None) -> Iterator[tuple[Server, UserFile]]:
    users = UserFile(tmp_path / "users.json")
    users.add("lan", "analyst", PW)
    users.add("minh", "viewer", PW)
    db = tmp_path / "e2e.duckdb"
    shutil.copy(demo_db, db)
    env = {"CCHC_USERS_FILE": str(users.path), **(extra or {})}
    yield from ((s, users) for s in start_server(db, tmp_path / "streamlit.log", env))


@pytest.fixture(scope="module")
def shared_guarded(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, UserFile]]:
    """One server with password sign-in for the journeys of this file that sign in with the right password
    (no failure counts in the throttle) and change no more than the user list."""
    yield from _server(demo_db, tmp_path_factory.mktemp("signed_in"))


@pytest.fixture
def guarded(shared_guarded: tuple[Server, UserFile]) -> Iterator[tuple[Server, UserFile]]:
    """The shared server, its user list as first written (a journey may remove a user) and its database
    unchanged after the test."""
    server, users = shared_guarded
    first = users.path.with_name("users.first.json")
    if not first.exists():
        shutil.copy(users.path, first)
    fresh = users.path.with_name("users.fresh.json")
    shutil.copy(first, fresh)
    fresh.replace(users.path)  # a new file (inode): the server reads the list again
    with unchanged(server.db):
        yield shared_guarded


def _sign_in(page: Page, name: str, password: str = PW) -> None:
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu", exact=True).fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def _sign_in_form(page: Page) -> None:
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible(timeout=60_000)
    settle(page)
    expect(page.get_by_text("Đăng nhập:", exact=False)).to_have_count(0)


def _cookie(context: BrowserContext) -> dict[str, object] | None:
    return next((dict(c) for c in context.cookies() if c["name"] == "_streamlit_user"), None)


def test_reload_new_tab_and_other_pages_stay_signed_in_until_sign_out(
        guarded: tuple[Server, UserFile], page: Page) -> None:
    server, _ = guarded
    page.goto(server.url + "/trends")
    _sign_in_form(page)
    _sign_in(page, "lan")
    expect(page.get_by_text(SIGNED_IN, exact=False)).to_be_visible(timeout=60_000)
    expect(page).to_have_url(re.compile("^" + re.escape(server.url + "/trends")))  # where the person signed in
    cookie = _cookie(page.context)
    assert cookie is not None and cookie["httpOnly"] and cookie["sameSite"] == "Lax" and not cookie["secure"]
    assert 9 * 3600 < float(cookie["expires"]) - __import__("time").time() <= 10 * 3600  # type: ignore[arg-type]
    page.reload()
    expect(page.get_by_text(SIGNED_IN, exact=False)).to_be_visible(timeout=60_000)
    other = page.context.new_page()  # a new tab, as a link from an e-mail opens
    other.goto(server.url + "/compare")
    expect(other.get_by_text(SIGNED_IN, exact=False)).to_be_visible(timeout=60_000)
    settle(other)
    other.get_by_role("button", name="Đăng xuất").click()  # one click, on any page
    _sign_in_form(other)
    assert _cookie(other.context) is None
    other.reload()
    _sign_in_form(other)
    page.reload()  # the first tab too
    _sign_in_form(page)


def test_a_removed_user_is_signed_out_at_the_next_run(guarded: tuple[Server, UserFile], page: Page) -> None:
    server, users = guarded
    page.goto(server.url + "/")
    _sign_in(page, "minh")
    expect(page.get_by_text("Đăng nhập: minh", exact=False)).to_be_visible(timeout=60_000)
    settle(page)
    users.remove("minh")
    page.get_by_test_id("stSidebarNav").get_by_text("Xu hướng").click()  # the next page run
    _sign_in_form(page)


def _session_ids(page: Page) -> list[str]:
    """The ids of the sessions this page's websockets are given, in order."""
    found: list[str] = []

    def frames(ws: WebSocket) -> None:
        def frame(payload: bytes | str) -> None:
            if isinstance(payload, bytes):
                msg = ForwardMsg()
                msg.ParseFromString(payload)
                if msg.WhichOneof("type") == "new_session" and msg.new_session.initialize.session_id:
                    found.append(msg.new_session.initialize.session_id)
        ws.on("framereceived", frame)

    page.on("websocket", frames)
    return found


def _put(server: Server, session: str, cookies: dict[str, str]) -> int:
    with httpx.Client(cookies=cookies, timeout=60) as http:
        url = f"{server.url}/_stcore/upload_file/{session}/f1"
        files = {"file": ("a.csv", b"x" * 1000, "text/csv")}
        return http.put(url, files=files, headers={"X-Xsrftoken": cookies.get("_streamlit_xsrf", "")}).status_code


def test_sign_in_renews_the_session_and_an_upload_needs_its_cookie(
        guarded: tuple[Server, UserFile], page: Page) -> None:
    server, _ = guarded
    ids = _session_ids(page)
    page.goto(server.url + "/import")
    _sign_in_form(page)
    before = list(ids)
    _sign_in(page, "lan")
    expect(page.get_by_text(SIGNED_IN, exact=False)).to_be_visible(timeout=60_000)
    settle(page)
    after = ids[-1]
    assert before and after not in before  # the id seen before sign-in is not the signed-in session's
    browser = {c["name"]: c["value"] for c in page.context.cookies()}
    stranger = {k: v for k, v in browser.items() if k != "_streamlit_user"}  # knows the ids, not the cookie
    assert _put(server, after, stranger) == 403
    assert all(_put(server, old, browser) == 403 for old in before)
    assert _put(server, after, browser) == 204  # the signed-in browser itself may


@pytest.mark.parametrize("trusted", [False, True], ids=["untrusted-peer", "trusted-proxy"])
def test_a_forged_forwarded_for_gains_nothing(demo_db: Path, tmp_path: Path, page: Page, trusted: bool) -> None:
    """Five wrong passwords, each sent with another made-up X-Forwarded-For: from an untrusted peer they all
    count against this one client, whose right password is then refused for a while; only when the peer is
    a trusted proxy is each header a client of its own (which shows the header did reach the server).
    A server of its own: the lock-out it provokes would refuse the other journeys' sign-in."""
    extra = {"CCHC_TRUSTED_PROXIES": "127.0.0.1,::1"} if trusted else {}
    for server, _ in _server(demo_db, tmp_path, extra):
        for i in range(6):
            page.context.set_extra_http_headers({"X-Forwarded-For": f"198.51.100.{i + 1}"})
            page.goto(server.url + "/")
            _sign_in_form(page)
            _sign_in(page, "lan", PW if i == 5 else "sai mật khẩu rồi")
            if i < 5:
                expect(page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.")).to_be_visible(timeout=60_000)
        if trusted:
            expect(page.get_by_text(SIGNED_IN, exact=False)).to_be_visible(timeout=60_000)
        else:
            expect(page.get_by_text("Đăng nhập sai quá nhiều lần", exact=False)).to_be_visible(timeout=60_000)


def test_a_sign_in_outlives_a_server_restart(demo_db: Path, tmp_path: Path, page: Page) -> None:
    """The cookie is signed with the server's secret (a file beside the user list), not one made per process."""
    first = cast("Generator[tuple[Server, UserFile], None, None]", _server(demo_db, tmp_path))
    server, users = next(first)
    page.goto(server.url + "/")
    _sign_in(page, "lan")
    expect(page.get_by_text(SIGNED_IN, exact=False)).to_be_visible(timeout=60_000)
    settle(page)
    first.close()  # the server stops
    port = int(server.url.rsplit(":", 1)[1])
    again = cast("Generator[Server, None, None]",
                 start_server(server.db, tmp_path / "again.log", {"CCHC_USERS_FILE": str(users.path)}, port=port))
    next(again)
    try:
        page.reload()
        expect(page.get_by_text(SIGNED_IN, exact=False)).to_be_visible(timeout=60_000)
    finally:
        again.close()
