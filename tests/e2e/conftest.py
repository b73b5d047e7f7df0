"""Chromium end-to-end: Debian's /usr/bin/chromium driven by Playwright, against a real
`streamlit run` on a temporary database, one server per journey file for the tests that only read.
In CI (CI=true) a missing browser fails."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _here(item: pytest.Item) -> bool:
    """Whether the test is in this folder (not merely under a path that says "e2e", such as a checkout's)."""
    return Path(str(item.fspath)).parent == Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _here(item):
            item.add_marker(pytest.mark.e2e)
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            raise pytest.UsageError(f"{CHROMIUM} is missing: CI must install Debian's chromium (see .ci/run)")
        skip = pytest.mark.skip(reason=f"{CHROMIUM} not installed (apt-get install chromium)")
        for item in items:
            if _here(item):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, object]:
    """pytest-playwright's launch arguments: Debian's Chromium, offline-friendly flags."""
    return {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args() -> dict[str, object]:
    """A tall viewport so full-page screenshots show everything."""
    return {"viewport": {"width": 1400, "height": 1800}, "locale": "vi-VN"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError("streamlit did not become healthy")


class Server:
    """A running dashboard: its URL and its database."""

    def __init__(self, url: str, db: Path, pid: int = 0) -> None:
        self.url = url
        self.db = db
        self.pid = pid  # the server process, to measure its own memory


def start_server(db: Path, log: Path, extra_env: dict[str, str] | None = None,
                 address: str = "127.0.0.1", port: int = 0) -> Iterator[Server]:
    """Start `streamlit run dashboard.py` on a free port of `address` (or `port`) and stop it afterwards."""
    port = port or _free_port()
    env = {**os.environ, "CCHC_DB": str(db), **(extra_env or {})}
    cmd = [sys.executable, "-m", "server", "--server.address", address,
           "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        host = "127.0.0.1" if address in ("127.0.0.1", "0.0.0.0") else address
        _wait_healthy(f"http://{host}:{port}", proc)
        yield Server(f"http://{host}:{port}", db, proc.pid)
    finally:
        stop(proc)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Ask a process started for a test to end; kill it if it has not within ten seconds."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


# Servers are shared per journey file, as Streamlit's own e2e suite shares a module-scoped app server: a test
# that only reads takes `server`, the file's one dashboard on the file's one copy of the demo database; a test
# that writes takes `own_server`, a dashboard of its own on a private copy. `server` checks that the test left
# the shared database as it found it, so a writing test on the shared server fails instead of leaking into the
# tests after it. The browser side stays per test: pytest-playwright gives each test a new context (cookies,
# storage) and so new sessions on the server.


def _digest(db: Path) -> str:
    """What the database holds on disk: the file and its write-ahead log."""
    found = hashlib.sha256()
    for part in (db, db.with_name(db.name + ".wal")):
        found.update(part.read_bytes() if part.exists() else b"-")
    return found.hexdigest()


@contextmanager
def unchanged(db: Path) -> Iterator[None]:
    """Fail when the body changed the database `db` (a test on the shared server must only read)."""
    before = _digest(db)
    yield
    if _digest(db) != before:
        raise AssertionError(f"this test wrote to {db.name}, which the tests of its file share: "
                             "a test that writes takes `own_server`")


@pytest.fixture(scope="module")
def shared_server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One dashboard for the reading tests of a journey file, on the file's own copy of the demo database."""
    folder = tmp_path_factory.mktemp("shared")
    db = folder / "e2e.duckdb"
    shutil.copy(demo_db, db)
    yield from start_server(db, folder / "streamlit.log")


@pytest.fixture
def server(shared_server: Server) -> Iterator[Server]:
    """The journey file's shared dashboard, for a test that only reads (checked: see `unchanged`)."""
    with unchanged(shared_server.db):
        yield shared_server


@pytest.fixture
def own_server(demo_db: Path, tmp_path: Path) -> Iterator[Server]:
    """A dashboard of the test's own on a private copy of the demo database, for a test that writes."""
    db = tmp_path / "e2e.duckdb"
    shutil.copy(demo_db, db)
    yield from start_server(db, tmp_path / "streamlit.log")


def settle(page: object) -> None:
    """Wait until the app has finished its script run."""
    page.wait_for_selector(  # type: ignore[attr-defined]
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000
    )


SHOTS = ROOT / "screens"


def shot(page: object, name: str) -> None:
    """A full-page screenshot into screens/ (git-ignored), to look at."""
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]
