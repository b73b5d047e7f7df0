"""A crafted workbook uploaded through the import page on a real server (issue 23): the analyst gets a message,
and a viewer's session on the same server keeps working. Before the child process, this .xls killed the server
(calamine aborted asking for 137 GB) and dropped every session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from auth import UserFile
from tests.e2e.conftest import Server, settle, shot, start_server
from tests.unit.test_workbook_limits import sheet_inside_a_skipped_record

PW = "mật khẩu đủ dài"


@pytest.fixture
def guarded(demo_db: Path, tmp_path: Path) -> Iterator[Server]:
    """A fresh server with sign-in on: an analyst and a viewer."""
    users = UserFile(tmp_path / "users.json")
    users.add("lan", "analyst", PW)
    users.add("minh", "viewer", PW)
    db = tmp_path / "e2e.duckdb"
    shutil.copy(demo_db, db)
    yield from start_server(db, tmp_path / "streamlit.log", {"CCHC_USERS_FILE": str(users.path)})


def _sign_in(page: Page, name: str) -> None:
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu", exact=True).fill(PW)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text(f"Đăng nhập: {name}", exact=False)).to_be_visible(timeout=60_000)
    settle(page)


def test_a_crafted_xls_is_refused_while_a_viewer_keeps_working(guarded: Server, page: Page, browser: Browser,
                                                               tmp_path: Path) -> None:
    viewer = browser.new_context(locale="vi-VN").new_page()
    viewer.goto(guarded.url + "/?year=2017")
    _sign_in(viewer, "minh")
    expect(viewer.get_by_text("Đợt 1: 15/19 đơn vị", exact=False)).to_be_visible(timeout=60_000)

    page.goto(guarded.url + "/import")
    _sign_in(page, "lan")
    crafted = tmp_path / "bao_cao.xls"
    crafted.write_bytes(sheet_inside_a_skipped_record())
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(crafted))
    expect(page.get_by_text("Excel 97–2003 (.xls) nhưng bị hỏng", exact=False)).to_be_visible(timeout=60_000)
    settle(page)
    shot(page, "hostile_xls_refused_vi")

    viewer.get_by_test_id("stSidebarNav").get_by_role("link").nth(1).click()  # another page, the same session
    settle(viewer)
    expect(viewer.get_by_text("Đăng nhập: minh", exact=False)).to_be_visible(timeout=60_000)
    viewer.goto(guarded.url + "/?year=2017")  # a fresh load: a new session on the same server process, still
    settle(viewer)                            # signed in by its cookie
    expect(viewer.get_by_text("Đăng nhập: minh", exact=False)).to_be_visible(timeout=60_000)
    expect(viewer.get_by_text("Đợt 1: 15/19 đơn vị", exact=False)).to_be_visible(timeout=60_000)
