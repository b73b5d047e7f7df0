"""The server's own gate, driven over its websocket and HTTP like a hostile client would (no browser):
uploads before any page code, what one session may hold, the metrics endpoint. Memory is the server
process's own (VmRSS from /proc)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from auth import UserFile
from tests.e2e.conftest import Server, start_server
from tests.e2e.wire import Session

MB = 1024 * 1024


def _rss_mb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) // 1024  # type: ignore[union-attr]


@pytest.fixture
def signed_out(demo_db: Path, tmp_path: Path) -> Iterator[Server]:
    """A server with sign-in configured (its own: it measures the process's memory): a fresh session has
    signed nobody in."""
    db = tmp_path / "gate.duckdb"
    shutil.copy(demo_db, db)
    users = UserFile(tmp_path / "users.json")
    users.add("lan", "analyst", "mật khẩu đủ dài")
    yield from start_server(db, tmp_path / "streamlit.log", {"CCHC_USERS_FILE": str(users.path)})


@pytest.fixture(scope="module")
def open_server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server without sign-in, shared by this file's tests (each opens sessions of its own): the person on
    this machine is an analyst and may import."""
    folder = tmp_path_factory.mktemp("gate")
    db = folder / "gate.duckdb"
    shutil.copy(demo_db, db)
    yield from start_server(db, folder / "streamlit.log")


def test_a_signed_out_session_cannot_fill_the_servers_memory(signed_out: Server) -> None:
    session = Session(signed_out.url).open()
    try:
        before = _rss_mb(signed_out.pid)
        statuses = {session.upload(b"x" * (49 * MB), f"f{i}") for i in range(20)}
        after = _rss_mb(signed_out.pid)
    finally:
        session.close()
    assert statuses == {403}
    assert after - before < 100, (before, after)  # it was 274 MB → 1.26 GB, held after the client left


def test_a_session_that_may_import_holds_at_most_two_uploads(open_server: Server) -> None:
    session = Session(open_server.url).open()
    try:
        statuses = [session.upload(b"x" * (45 * MB), f"f{i}") for i in range(3)]
    finally:
        session.close()
    assert statuses == [204, 204, 413]


def test_the_metrics_answer_nobody(open_server: Server) -> None:
    assert httpx.get(open_server.url + "/_stcore/metrics").status_code == 404
    assert httpx.get(open_server.url + "/_stcore/health").status_code == 200
