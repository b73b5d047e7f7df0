"""The dashboard behind Debian's nginx with the deploy/ site, on loopback, as a province runs it: TLS, the
redirect from plain HTTP, HSTS, the upload limit, sign-in, an upload and the charts over the proxied
websocket; and a client that tries twenty wrong passwords does not stop another client signing in.

nginx runs as the current user with its own prefix in a temporary folder. Two test-only servers in the same
nginx reach the site from 127.0.0.2 and 127.0.0.3 (proxy_bind), so that the site sees two clients."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from auth import UserFile
from store import Store
from tests.data.make_corpus import _cp1258
from tests.e2e.conftest import CHROMIUM, settle, shot, start_server
from tests.e2e.test_import_e2e import CORRECTION
from tests.nginx_run import Site, configure, require_nginx, running

PW = "mật khẩu đủ dài"
UPLOAD_MB = 5
CLIENT_A, CLIENT_B = "127.0.0.2", "127.0.0.3"


@pytest.fixture(scope="module")
def site(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """One dashboard (sign-in on, nginx trusted) behind one nginx, for the journeys of this file. One journey
    imports (batch #21) and none reads what it changes; the wrong passwords come from client A only, whom no
    other journey uses."""
    require_nginx()
    folder = tmp_path_factory.mktemp("behind_nginx")
    users = UserFile(folder / "users.json")
    users.add("lan", "analyst", PW)
    users.add("minh", "viewer", PW)
    db = folder / "e2e.duckdb"
    shutil.copy(demo_db, db)
    env = {"CCHC_USERS_FILE": str(users.path), "CCHC_TRUSTED_PROXIES": "127.0.0.1",
           "CCHC_MAX_UPLOAD_MB": str(UPLOAD_MB)}
    for server in start_server(db, folder / "streamlit.log", env):
        prefix = folder / "nginx"
        prefix.mkdir()
        upstream = server.url.removeprefix("http://")
        with running(configure(prefix, upstream, UPLOAD_MB, (CLIENT_A, CLIENT_B))) as found:
            found.db = db
            yield found


@pytest.fixture
def tls_page(browser: Browser) -> Iterator[Page]:
    """A page that accepts the test's self-signed certificate."""
    context: BrowserContext = browser.new_context(ignore_https_errors=True, locale="vi-VN",
                                                  viewport={"width": 1400, "height": 1800})
    yield context.new_page()
    context.close()


def _sign_in(page: Page, name: str, password: str) -> None:
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible(timeout=60_000)
    settle(page)
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu", exact=True).fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_tls_redirect_hsts_and_the_upload_limit(site: Site) -> None:
    with httpx.Client(verify=False, timeout=60) as http:
        moved = http.get(site.http + "/import?lang=en")
        assert moved.status_code == 301
        assert moved.headers["location"] == site.https + "/import?lang=en"
        health = http.get(site.https + "/_stcore/health")
        assert health.status_code == 200 and health.text.strip() == "ok"
        assert health.headers["strict-transport-security"] == "max-age=31536000"
        too_big = http.put(site.https + "/_stcore/upload_file/s/f", content=b"x" * (UPLOAD_MB + 6) * 1024 * 1024)
        assert too_big.status_code == 413  # nginx refuses it before the dashboard sees a byte


def test_sign_in_upload_and_charts_through_nginx(site: Site, tls_page: Page, tmp_path: Path) -> None:
    page = tls_page
    page.goto(site.https + "/")
    _sign_in(page, "lan", PW)
    expect(page.get_by_text("Đăng nhập: lan", exact=False)).to_be_visible(timeout=60_000)
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=60_000)
    settle(page)
    expect(page.locator(".js-plotly-plot").nth(1)).to_be_attached()  # at least two charts
    shot(page, "behind_nginx_overview_vi")

    page.get_by_test_id("stSidebarNav").get_by_text("Nhập dữ liệu").click()  # same session: still signed in
    expect(page.get_by_text("Nhập dữ liệu kiểm tra").first).to_be_visible(timeout=60_000)
    settle(page)
    upload = tmp_path / "dinh_chinh.csv"
    upload.write_bytes(_cp1258(CORRECTION))
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(upload))
    changed = page.get_by_test_id("stMetric").filter(has_text="Đợt kiểm tra: thay đổi").get_by_test_id("stMetricValue")
    expect(changed).to_have_text("1", timeout=60_000)
    settle(page)
    page.get_by_role("button", name="Nhập vào cơ sở dữ liệu", exact=False).click()
    expect(page.get_by_text("Đã nhập: lần nhập #21", exact=False)).to_be_visible(timeout=60_000)
    settle(page)

    page.get_by_test_id("stSidebarNav").get_by_text("Tổng quan").click()
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=60_000)
    settle(page)
    assert Store(site.db).batch_written(21) is not None  # the upload is in the database, in force


def test_twenty_wrong_passwords_from_one_client_do_not_stop_another(site: Site, page: Page) -> None:
    """Client A tries twenty wrong passwords over four names (five each: every one counts), which locks A
    out; client B, another address behind the same nginx, still signs in with one of those names."""
    names = ["minh", "x.mot", "x.hai", "x.ba"]
    for attempt in range(20):
        page.goto(site.clients[CLIENT_A] + "/")
        _sign_in(page, names[attempt % 4], f"sai lần {attempt}")
        expect(page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.")).to_be_visible(timeout=60_000)
    page.goto(site.clients[CLIENT_A] + "/")
    _sign_in(page, "minh", PW)
    expect(page.get_by_text("Đăng nhập sai quá nhiều lần", exact=False)).to_be_visible(timeout=60_000)
    page.goto(site.clients[CLIENT_B] + "/")
    _sign_in(page, "minh", PW)
    expect(page.get_by_text("Đăng nhập: minh", exact=False)).to_be_visible(timeout=60_000)
    settle(page)
    shot(page, "behind_nginx_other_client_vi")


def test_chromium_is_debians() -> None:
    assert Path(CHROMIUM).exists()
