"""`python -m ingest --history` heads its columns in the reader's language (issue 24: it printed the table's
own names, batch_id, rows_read, …, in either language); --json keeps the names, for programs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _history(db: Path, lang: str, *extra: str) -> str:
    env = {**os.environ, "CCHC_LANG": lang}
    done = subprocess.run([sys.executable, "-m", "ingest", "--history", "--db", str(db), *extra], cwd=ROOT,
                          capture_output=True, text=True, check=False, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_the_history_is_headed_in_the_readers_language(demo_db: Path) -> None:
    vi, en = _history(demo_db, "vi"), _history(demo_db, "en")
    assert "Lần nhập" in vi and "Hoàn tác lúc" in vi and "batch_id" not in vi
    assert "Rows read" in en and "Undone by" in en and "rows_read" not in en and "Lần nhập" not in en
    assert '"batch_id"' in _history(demo_db, "vi", "--json")
