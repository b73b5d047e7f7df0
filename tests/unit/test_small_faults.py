"""Issue 15's small faults: each stays fixed."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from report.build import build_briefing
from report.pdf import build_pdf
from store import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_english_pdf_never_breaks_a_heading_word(demo_db: Path) -> None:
    briefing = build_briefing(Store(demo_db), 2017, lang="en", charts=False)
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(build_pdf(briefing))).pages)
    words = set(text.split())
    for table in (briefing.by_type, briefing.not_reported, briefing.definitions):
        for column in table.columns:
            assert set(column.header.split()) <= words, column.header  # "Inspecte / d" would fail here
    assert "specialised" in words


@pytest.mark.slow
def test_the_import_history_prints_no_nat_nan_or_none(demo_db: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "ingest", "--history", "--db", str(demo_db)], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "bao_cao_2017.csv" in done.stdout
    for raw in ("NaT", "NaN", "None"):
        assert raw not in done.stdout
