"""One real briefing with charts drawn by kaleido in Chromium (about 10 s), and the fallback."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pypdf
import pytest

from report.build import make
from report.images import render
from store import Store


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium")
def test_a_pdf_with_the_charts_drawn_by_one_browser(demo_db: Path) -> None:
    seen: list[tuple[int, int]] = []
    docs = make(Store(demo_db), 2017, lang="vi", formats=("pdf",), progress=lambda d, n: seen.append((d, n)))
    assert docs.chart_problem is None and docs.pdf is not None
    assert seen == [(i, 4) for i in range(5)]  # three trends and the comparison
    reader = pypdf.PdfReader(io.BytesIO(docs.pdf))
    images = [img for page in reader.pages for img in page.images]
    assert len(images) == 4
    assert "Biểu đồ" in "".join(page.extract_text() for page in reader.pages)


@pytest.mark.slow
def test_without_chromium_the_pdf_says_why_there_are_no_charts(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")  # where kaleido looks first
    docs = make(Store(demo_db), 2017, lang="en", formats=("pdf",))
    assert docs.chart_problem is not None and "Chromium" in docs.chart_problem
    assert docs.pdf is not None
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(docs.pdf)).pages)
    assert "The charts could not be drawn" in text
    assert render((), "vi").problem is None
