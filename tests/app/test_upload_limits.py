"""Uploads that are too large or not what their name says are refused with a clear message, on
the server, whatever the browser let through."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from store import Store

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _import_page(app: Callable[..., AppTest], db: Path, **params: str) -> AppTest:
    at = app(db, **params)
    at.switch_page("pages/import_data.py")
    return at.run()


def test_an_oversized_upload_is_refused_before_reading(app: Callable[..., AppTest], demo_copy: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_MAX_UPLOAD_MB", "1")
    at = _import_page(app, demo_copy, lang="en")
    big = b"unit_code,year\n" + b"LS-SNV,2017\n" * 120_000  # about 1.4 MB
    at.file_uploader(key="upload").set_value(("big.csv", big, "text/csv")).run()
    assert not at.exception
    assert "over the limit of 1 MB" in at.error[0].value
    assert not [b for b in at.button if b.key == "commit"]
    assert len(Store(demo_copy).batches()) == 20


@pytest.mark.parametrize(("name", "content"), [("bao_cao.csv", PNG), ("bao_cao.xlsx", b"STT;Ten\n1;x\n"),
                                               ("bao_cao.csv", b"%PDF-1.7\n" + b"\x00" * 32)])
def test_a_disguised_file_is_refused_by_its_content(app: Callable[..., AppTest], demo_copy: Path,
                                                    name: str, content: bytes) -> None:
    at = _import_page(app, demo_copy)
    at.file_uploader(key="upload").set_value((name, content, "text/csv")).run()
    assert not at.exception
    assert at.error, "a message is expected"
    assert "Traceback" not in at.error[0].value
    assert not [b for b in at.button if b.key == "commit"]
    assert len(Store(demo_copy).batches()) == 20
