"""Sign-in, roles and hostile text in a real Chromium against a real server."""

from __future__ import annotations

import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Dialog, Page, expect

from auth import UserFile
from ingest.run import import_file
from store import Store
from tests.e2e.conftest import Server, settle, shot, start_server, unchanged

PW = "mật khẩu đủ dài"
HOSTILE = ["<script>alert(1)</script>", "**bold** [x](javascript:alert(1))", "<img src=x onerror=alert(2)>",
           "<b>đậm</b> <a href='javascript:alert(3)'>liên kết</a>"]

SCRIPT_LINKS = """() => [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(
    a => /href$/i.test(a.name) && /^\\s*javascript:/i.test(a.value))).length"""


@pytest.fixture
def guarded(demo_db: Path, tmp_path: Path) -> Iterator[tuple[Server, UserFile]]:
    """A fresh server of the test's own with sign-in on (a local user list), on a copy of the demo database:
    the first journey needs a server no one has asked anything yet."""
    users = UserFile(tmp_path / "users.json")
    users.add("lan", "analyst", PW)
    users.add("minh", "viewer", PW)
    db = tmp_path / "e2e.duckdb"
    shutil.copy(demo_db, db)
    yield from (
        (s, users) for s in start_server(db, tmp_path / "streamlit.log", {"CCHC_USERS_FILE": str(users.path)})
    )


def _sign_in(page: Page, name: str, password: str) -> None:
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu", exact=True).fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_a_deep_link_on_a_fresh_server_asks_for_sign_in(guarded: tuple[Server, UserFile], page: Page) -> None:
    server, _ = guarded
    page.goto(server.url + "/import")  # the very first request of this server is a deep link
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible(timeout=60_000)
    settle(page)
    expect(page.get_by_test_id("stFileUploaderDropzoneInput")).to_have_count(0)
    shot(page, "sign_in_vi")
    _sign_in(page, "lan", "sai mật khẩu rồi")
    expect(page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.")).to_be_visible(timeout=60_000)
    _sign_in(page, "lan", PW)
    expect(page.get_by_text("Đăng nhập: lan", exact=False)).to_be_visible(timeout=60_000)
    settle(page)
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_text("Nhập dữ liệu")).to_be_visible()
    expect(nav.get_by_text("Người dùng")).to_have_count(0)  # analysts do not manage users


def test_a_viewer_sees_no_import_even_by_url(guarded: tuple[Server, UserFile], page: Page) -> None:
    server, _ = guarded
    page.goto(server.url + "/?lang=en")
    page.get_by_label("Sign-in name").fill("minh")
    page.get_by_label("Password", exact=True).fill(PW)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Signed in: minh", exact=False)).to_be_visible(timeout=60_000)
    settle(page)
    expect(page.get_by_test_id("stSidebarNav").get_by_text("Import data")).to_have_count(0)
    page.goto(server.url + "/import?lang=en")  # a new page load: still signed in (the cookie), still a viewer
    expect(page.get_by_text("This page or action needs the role “analyst”", exact=False)).to_be_visible(timeout=60_000)
    settle(page)
    expect(page.get_by_test_id("stFileUploaderDropzoneInput")).to_have_count(0)
    shot(page, "refused_import_en")


def _non_loopback_address() -> str | None:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
            found = s.getsockname()[0]
    except OSError:
        return None
    return None if found.startswith("127.") else str(found)


def test_without_sign_in_a_visitor_from_another_machine_only_looks(
    demo_db: Path, tmp_path: Path, page: Page
) -> None:
    address = _non_loopback_address()
    if address is None:
        pytest.skip("this machine has no network address other than loopback")
    db = tmp_path / "e2e.duckdb"
    shutil.copy(demo_db, db)
    for server in start_server(db, tmp_path / "streamlit.log", address=address):
        page.goto(server.url + "/import")
        expect(page.get_by_text("truy cập từ máy khác chỉ được xem", exact=False)).to_be_visible(timeout=60_000)
        settle(page)
        expect(page.get_by_test_id("stSidebarNav").get_by_text("Nhập dữ liệu")).to_have_count(0)
        expect(page.get_by_test_id("stFileUploaderDropzoneInput")).to_have_count(0)


def _hostile_units(db: Path) -> None:
    rows = "".join(
        f'X-{i},"{name.replace(chr(34), chr(34) * 2)}",Cơ quan chuyên môn cấp tỉnh,2017,1,40,60,50,có,"{name}"\n'
        for i, name in enumerate(HOSTILE)
    )
    head = ("unit_code,unit_name,unit_type,year,inspection_round,processes_total,procedures_total,"
            "procedures_under_iso,improved,note\n")
    report = import_file(Store(db), (head + rows).encode(), "hostile.csv", "test")
    assert report.ok and report.units_created == len(HOSTILE), report.as_json("en")


CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .every(chart => chart.querySelector('.js-plotly-plot .main-svg'))"""


@pytest.fixture(scope="module")
def hostile_server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the pages below, on a copy of the demo database with the hostile names imported."""
    folder = tmp_path_factory.mktemp("hostile")
    db = folder / "e2e.duckdb"
    shutil.copy(demo_db, db)
    _hostile_units(db)
    yield from start_server(db, folder / "streamlit.log")


@pytest.mark.parametrize("path", [
    "profile?unit=X-0&year=2017", "profile?unit=X-1&year=2017", "profile?unit=X-3&year=2017",
    "compare?units=X-0,X-1,X-3&year=2017", "completeness?year=2017",
])
def test_hostile_unit_names_are_plain_text(hostile_server: Server, page: Page, path: str) -> None:
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    with unchanged(hostile_server.db):
        page.goto(f"{hostile_server.url}/{path}")
        settle(page)
        page.wait_for_function(CHARTS_DRAWN, timeout=60_000)  # every chart has drawn its SVG
        shot(page, "hostile_" + path.split("?")[0] + "_" + path.split("=")[1][:3].replace(",", ""))
        assert dialogs == []
        assert page.locator("a[href^='javascript']").count() == 0
        assert page.locator("strong", has_text="bold").count() == 0
        assert page.locator("script:text('alert(1)')").count() == 0
        assert page.locator("img[src='x']").count() == 0
        assert page.evaluate(SCRIPT_LINKS) == 0  # also SVG links (xlink:href) in charts
        # Markup read as markup would make a bold piece holding "đậm" alone; a bold chart title that shows
        # the name's characters as written ("<b>đậm</b>: hạng theo …") is plain text and fine.
        assert page.locator("svg tspan[style*='bold']").filter(has_text=re.compile(r"^\s*đậm\s*$")).count() == 0
        assert page.locator("b", has_text="đậm").count() == 0
