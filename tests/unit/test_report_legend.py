"""The PDF briefing explains its hollow points under its charts and prints the definitions whole (issue 24):
the workbook had them whole while the PDF cut them with "…"."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from report.build import build_briefing
from report.images import Rendered
from report.pdf import build_pdf
from store import Store

DAY = dt.date(2025, 11, 20)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 10), "white").save(out, format="PNG")
    return out.getvalue()


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.slow
def test_definitions_are_whole_and_hollow_points_explained(demo_db: Path) -> None:
    for lang, words in (("vi", "Điểm rỗng"), ("en", "Hollow points")):
        briefing = build_briefing(Store(demo_db), 2017, lang=lang, charts=True, today=DAY)
        longest = max((str(cell) for row in briefing.definitions.rows for cell in row), key=len)
        assert len(longest) > 160  # the old cut: this test would pass without it otherwise
        text = " ".join(_text(build_pdf(briefing, Rendered(images={c.name: _png() for c in briefing.charts}))).split())
        assert "…" not in text
        assert " ".join(longest.split()[-4:]) in text, longest
        assert words in text and "n < 10" in text
