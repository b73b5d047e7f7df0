"""The pages' one boundary: a busy or damaged database and a bad setting are messages in the person's
language on the page, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.store.test_faults import HOLDER


def test_a_page_run_while_another_process_holds_the_lock_says_busy(app: Callable[..., AppTest], demo_copy: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_LOCK_TIMEOUT", "1")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(demo_copy)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        at = app(demo_copy, lang="en")
    finally:
        holder.communicate("", timeout=60)
    assert not at.exception
    assert any("is busy" in e.value for e in at.error), [e.value for e in at.error]


def test_a_damaged_database_is_a_message_on_the_page(app: Callable[..., AppTest], demo_db: Path,
                                                     tmp_path: Path) -> None:
    db = tmp_path / "damaged.duckdb"
    data = demo_db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    at = app(db, lang="en")
    assert not at.exception
    assert any("is damaged" in e.value for e in at.error), [e.value for e in at.error]


def test_a_lock_timeout_that_is_not_a_number_is_a_message(app: Callable[..., AppTest], demo_db: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_LOCK_TIMEOUT", "abc")
    at = app(demo_db, lang="en")
    assert not at.exception
    assert any("CCHC\\_LOCK\\_TIMEOUT" in e.value for e in at.error), [e.value for e in at.error]  # markdown-escaped
