"""What the server's gate lets a session hold, counted as the bytes arrive: parallel PUTs, chunked PUTs (no
Content-Length), all sessions together, and the files of a session that has ended. Driven over the websocket
and HTTP like a hostile client (no browser), against a real server process."""

from __future__ import annotations

import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import Server, start_server
from tests.e2e.wire import Session

MB = 1024 * 1024
SIZE = 45 * MB
CAP = 2 * 50 * MB  # two uploads of CCHC_MAX_UPLOAD_MB (50) per session


@pytest.fixture
def open_server(demo_db: Path, tmp_path: Path) -> Iterator[Server]:
    """No sign-in (this machine's person may import); all sessions together may hold 100 MB; a closed
    session ends after 2 s. Each test has a server of its own: what the sessions of one test hold counts
    against the server-wide total until they have ended, which would leak into the next test."""
    db = tmp_path / "gate.duckdb"
    shutil.copy(demo_db, db)
    env = {"CCHC_UPLOADS_TOTAL_MB": "100", "STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": "2"}
    yield from start_server(db, tmp_path / "streamlit.log", env)


def _multipart(size: int) -> tuple[str, Iterator[bytes]]:
    boundary = uuid.uuid4().hex
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
            "Content-Type: text/csv\r\n\r\n").encode()

    def body() -> Iterator[bytes]:
        yield head
        for _ in range(size // MB):
            yield b"x" * MB
        yield f"\r\n--{boundary}--\r\n".encode()

    return f"multipart/form-data; boundary={boundary}", body()


def _put(session: Session, file_id: str, chunked: bool) -> int:
    """One upload for this session; the HTTP status, or 0 when the server cut it off mid-body."""
    url = f"{session.url}/_stcore/upload_file/{session.session_id}/{file_id}"
    headers = {"X-Xsrftoken": session.xsrf}
    try:
        with httpx.Client(timeout=120, cookies=session.http.cookies) as http:
            if chunked:  # a generator body: Transfer-Encoding chunked, no Content-Length
                kind, body = _multipart(SIZE)
                return http.put(url, content=body, headers={**headers, "Content-Type": kind}).status_code
            return http.put(url, files={"file": ("a.csv", b"x" * SIZE, "text/csv")}, headers=headers).status_code
    except httpx.TransportError:
        return 0


def _parallel(session: Session, n: int, chunked: bool) -> list[int]:
    statuses = [-1] * n

    def one(i: int) -> None:
        statuses[i] = _put(session, f"p{i}", chunked)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@pytest.mark.parametrize("chunked", [False, True], ids=["declared", "chunked"])
def test_parallel_uploads_hold_no_more_than_the_session_may(open_server: Server, chunked: bool) -> None:
    session = Session(open_server.url).open()
    try:
        statuses = _parallel(session, 10, chunked)
    finally:
        session.close()
    stored = statuses.count(204) * SIZE
    assert stored <= CAP + SIZE, statuses  # before: all ten 45 MB PUTs were held by a session capped at 100 MB
    assert set(statuses) <= {204, 413, 0} and statuses.count(204) < 10, statuses


def test_chunked_uploads_are_counted(open_server: Server) -> None:
    session = Session(open_server.url).open()
    try:
        statuses = [_put(session, f"c{i}", chunked=True) for i in range(3)]
    finally:
        session.close()
    assert statuses[:2] == [204, 204] and statuses[2] in (413, 0), statuses  # before: a chunked PUT counted 0


def test_all_sessions_together_hold_no_more_than_the_total_and_an_ended_session_frees_its_files(
        open_server: Server) -> None:
    first, second = Session(open_server.url).open(), Session(open_server.url).open()
    try:
        assert [_put(first, f"a{i}", chunked=False) for i in range(2)] == [204, 204]
        assert _put(second, "b0", chunked=True) in (413, 0)  # 90 MB held + 45 MB > the total of 100 MB
        first.close()  # the tab closes; its session ends after server.disconnectedSessionTTL
        deadline, status = time.monotonic() + 90, 0
        while status != 204 and time.monotonic() < deadline:
            time.sleep(1)
            status = _put(second, "b0", chunked=False)
        assert status == 204  # before: the files of a closed tab stayed in memory for the server's life
    finally:
        second.close()
