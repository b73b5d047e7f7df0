"""Sign-in and roles in the app: each role sees and may do only its part, checked by the page
and again before each write, not only by the navigation."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from auth import UserFile
from server import session_cookie
from store import Store
from tests.app.conftest import collect_cookie

ROOT = Path(__file__).resolve().parents[2]
PW = "mật khẩu đủ dài"
ROW = (
    "Mã đơn vị,Năm,Đợt kiểm tra,Số quy trình,Số TTHC,Số TTHC áp dụng ISO,Có cải tiến\n"
    "LS-SNV,2017,1,47,62,62,có\n"
).encode()


@pytest.fixture
def people(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> UserFile:
    users = UserFile(tmp_path / "users.json")
    monkeypatch.setenv("CCHC_USERS_FILE", str(users.path))
    for name, role in (("quan.tri", "admin"), ("lan", "analyst"), ("minh", "viewer")):
        users.add(name, role, PW)
    return users


def _can_switch(at: AppTest, page: str) -> bool:
    try:
        at.switch_page(f"pages/{page}.py")
    except ValueError:
        return False
    return True


def _button(at: AppTest, label: str) -> Any:
    return next(b for b in at.button if b.label == label)


def _try(at: AppTest, name: str, password: str = PW) -> AppTest:
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(password)
    return at.button[0].click().run()


def _sign_in(at: AppTest, name: str, password: str = PW) -> AppTest:
    """Sign in with the form, then come back with the cookie, as the browser does."""
    return collect_cookie(_try(at, name, password), name)


def test_nothing_shows_before_sign_in(app: Callable[..., AppTest], demo_db: Path, people: UserFile) -> None:
    at = app(demo_db)
    assert not at.exception
    assert at.title[0].value == "Đăng nhập"
    assert not at.metric  # no figure before sign-in
    assert not _can_switch(at, "import_data")  # every address leads to the sign-in form (Chromium test: deep link)


def test_wrong_password_then_rate_limited(app: Callable[..., AppTest], demo_db: Path, people: UserFile) -> None:
    at = app(demo_db, lang="en")
    for _ in range(5):
        at = _try(at, "lan", "wrong password!")
        assert at.error[0].value == "Wrong sign-in name or password."
    at = _try(at, "lan", PW)  # the right password is refused while the name is locked
    assert at.error[0].value.startswith("Too many failed sign-ins. Try again in")
    assert at.title[0].value == "Sign in"


def test_a_clear_cache_message_does_not_reset_the_throttle(app: Callable[..., AppTest], demo_db: Path,
                                                          people: UserFile) -> None:
    at = app(demo_db, lang="en")
    for _ in range(5):
        at = _try(at, "lan", "wrong password!")
    st.cache_data.clear()  # what Streamlit does on any client's `clear_cache` message (AppSession)
    st.cache_resource.clear()
    at = _try(app(demo_db, lang="en"), "lan", PW)  # a fresh session, as after the message
    assert at.error[0].value.startswith("Too many failed sign-ins. Try again in")


def test_a_viewer_cannot_reach_import_or_users(app: Callable[..., AppTest], demo_copy: Path, people: UserFile) -> None:
    at = _sign_in(app(demo_copy), "minh")
    assert not at.exception
    assert at.title[0].value != "Đăng nhập" and at.metric
    assert not _can_switch(at, "import_data") and not _can_switch(at, "users")
    assert "minh" in at.sidebar.caption[0].value and "người xem" in at.sidebar.caption[0].value


@pytest.mark.parametrize(("page", "role"), [("import_data", "viewer"), ("users", "analyst"), ("import_data", None)])
def test_a_page_reached_directly_checks_the_role(
    monkeypatch: pytest.MonkeyPatch, demo_copy: Path, people: UserFile, page: str, role: str | None
) -> None:
    """As on a fresh server whose first request is a deep link: the page runs without the entry script."""
    monkeypatch.setenv("CCHC_DB", str(demo_copy))
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=60)
    if role:
        name = {"viewer": "minh", "analyst": "lan"}[role]
        at.user = session_cookie.payload(session_cookie.Ticket(name, "", "/", 0.0))  # its sign-in cookie
    at.run()
    assert not at.exception
    assert not at.get("file_uploader")
    if role:
        assert "cần vai trò" in at.error[0].value
        assert not at.get("form")  # no user forms either
    else:
        assert at.title[0].value == "Đăng nhập"
    assert len(Store(demo_copy).batches()) == 20


def test_an_analyst_imports_under_their_name(app: Callable[..., AppTest], demo_copy: Path, people: UserFile) -> None:
    at = _sign_in(app(demo_copy), "lan")
    assert not _can_switch(at, "users")
    at.switch_page("pages/import_data.py").run()
    at.file_uploader(key="upload").set_value(("snv.csv", ROW, "text/csv")).run()
    at.button(key="commit").click().run()
    assert not at.exception
    batches = Store(demo_copy).batches().set_index("batch_id")
    assert batches.loc[batches.index.max(), "imported_by"] == "lan"


def test_a_demotion_applies_before_the_write(app: Callable[..., AppTest], demo_copy: Path, people: UserFile) -> None:
    at = _sign_in(app(demo_copy), "lan")
    at.switch_page("pages/import_data.py").run()
    at.file_uploader(key="upload").set_value(("snv.csv", ROW, "text/csv")).run()
    assert at.button(key="commit")
    people.set_role("lan", "viewer")  # an administrator demotes her while the preview is open
    at.button(key="commit").click().run()
    assert not at.exception
    assert len(Store(demo_copy).batches()) == 20
    assert not at.get("file_uploader") and not [b for b in at.button if b.key == "commit"]


def test_a_removed_user_is_signed_out(app: Callable[..., AppTest], demo_db: Path, people: UserFile) -> None:
    at = _sign_in(app(demo_db), "lan")
    people.remove("lan")
    at.run()
    assert at.title[0].value == "Đăng nhập"


def test_an_admin_manages_users(app: Callable[..., AppTest], demo_db: Path, people: UserFile) -> None:
    at = _sign_in(app(demo_db), "quan.tri")
    at.switch_page("pages/users.py").run()
    assert not at.exception
    form = at.get("form")[0]
    assert form is not None
    inputs = {t.label: t for t in at.text_input}
    inputs["Tên đăng nhập"].input("<b>hoa</b>")
    at.text_input[1].input(PW)
    at.text_input[2].input(PW)
    _button(at, "Thêm").click().run()
    assert not at.exception, at.exception
    assert not at.error, at.error
    assert people.find("<b>hoa</b>") is not None and people.find("<b>hoa</b>").role == "viewer"  # type: ignore[union-attr]
    assert "Đã thêm \\<b\\>hoa\\</b\\>" in at.success[0].value  # escaped: shown as plain text
    at.selectbox(key="remove_who").set_value("quan.tri")
    at.checkbox[1].check()
    _button(at, "Xóa").click().run()
    assert "Không thể bỏ quản trị viên cuối cùng" in at.error[0].value
    assert people.find("quan.tri") is not None


def test_identity_provider_accounts_get_their_role(app: Callable[..., AppTest], demo_db: Path,
                                                   monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    users = UserFile(tmp_path / "idp.json")
    users.add("an@langson.gov.vn", "analyst", None)
    users.add("chanh.vp@langson.gov.vn", "admin", None)
    monkeypatch.setenv("CCHC_USERS_FILE", str(users.path))
    monkeypatch.setenv("CCHC_DB", str(demo_db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                          "client_id": "cchc", "client_secret": "s",
                          "server_metadata_url": "https://id.langson.gov.vn/.well-known/openid-configuration"}
    at.user = {"is_logged_in": False}
    at.run()
    assert at.button(key="oidc_sign_in").label == "Đăng nhập bằng tài khoản của tỉnh"
    assert not at.metric
    at.user = {"is_logged_in": True, "email": "an@langson.gov.vn", "name": "An"}
    at.run()
    assert _can_switch(at, "import_data") and not _can_switch(at, "users")
    other = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    other.secrets["auth"] = at.secrets["auth"]
    other.user = {"is_logged_in": True, "email": "other@langson.gov.vn"}  # signed in, but not in the list
    other.run()
    assert other.metric and not _can_switch(other, "import_data") and not _can_switch(other, "users")
    admin = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    admin.secrets["auth"] = at.secrets["auth"]
    admin.user = {"is_logged_in": True, "email": "Chanh.VP@langson.gov.vn"}
    admin.run()
    assert _can_switch(admin, "users")
    admin.run()
    assert admin.title[0].value == "Người dùng" and not admin.exception


def test_a_damaged_user_list_stops_every_page(app: Callable[..., AppTest], demo_db: Path,
                                              monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Fail closed: no figures, no sign-in against a list that cannot be read, a message saying what to do."""
    broken = tmp_path / "users.json"
    broken.write_text('{"users": [{"name": "lan", "role": "boss"}]}', encoding="utf-8")
    monkeypatch.setenv("CCHC_USERS_FILE", str(broken))
    at = app(demo_db, lang="en")
    assert not at.exception
    assert "is damaged" in at.error[0].value and "python \\-m auth add" in at.error[0].value
    assert not at.metric and not at.get("form")


def test_a_user_list_that_vanishes_after_sign_in_was_configured_stops_every_page(
        app: Callable[..., AppTest], demo_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Fail closed: `python -m auth add` records beside the database that sign-in is configured."""
    users = tmp_path / "users.json"
    env = {**os.environ, "CCHC_USERS_FILE": str(users), "CCHC_DB": str(demo_copy)}
    added = subprocess.run([sys.executable, "-m", "auth", "add", "lan", "--role", "admin", "--password-stdin"],
                           cwd=ROOT, input=PW + "\n", capture_output=True, text=True, env=env, timeout=60)
    assert added.returncode == 0, added.stderr
    assert Path(f"{demo_copy}.sign-in").exists()
    monkeypatch.setenv("CCHC_USERS_FILE", str(users))
    users.unlink()  # moved, deleted, or its disk not mounted
    at = app(demo_copy, lang="en")
    assert not at.exception and not at.metric
    assert "is missing" in at.error[0].value


@pytest.mark.parametrize("section", ["yes", {"client_id": "x"}, {"redirect_uri": "", "cookie_secret": "s" * 32}])
def test_a_malformed_auth_section_stops_every_page(demo_db: Path, monkeypatch: pytest.MonkeyPatch,
                                                   section: object) -> None:
    """Fail closed: an [auth] section meant to turn sign-in on, but unusable, does not mean "no sign-in"."""
    monkeypatch.setenv("CCHC_DB", str(demo_db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets["auth"] = section
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception and not at.metric
    assert "sign\\-in settings" in at.error[0].value  # markdown-escaped


def test_a_sign_in_lasts_its_hours_and_sign_out_is_for_good(app: Callable[..., AppTest], demo_db: Path,
                                                             people: UserFile) -> None:
    at = _sign_in(app(demo_db), "lan")
    assert at.metric
    cookie = dict(at.user)
    at.button(key="sign_out").click().run()  # st.logout: the browser's cookie is cleared, the session ends
    assert at.title[0].value == "Đăng nhập" and not at.metric
    at.user = cookie  # a copy of the cookie, kept by someone, after sign-out
    at.run()
    assert at.title[0].value == "Đăng nhập" and not at.metric
    old = _sign_in(app(demo_db), "lan")
    old.user = {**old.user, "cchc_at": int(old.user["cchc_at"]) - 10 * 3600 - 1}  # signed in a working day ago
    old.run()
    assert old.title[0].value == "Đăng nhập" and not old.metric


def test_a_right_password_only_issues_a_ticket(app: Callable[..., AppTest], demo_db: Path, people: UserFile) -> None:
    """The session that saw the password is not signed in itself: the browser comes back on a new one."""
    at = _try(app(demo_db, lang="en"), "lan")
    assert not at.metric and not at.error
    assert at.caption[-1].value == "Signing in…"
