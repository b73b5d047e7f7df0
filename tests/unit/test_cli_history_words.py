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


@pytest.mark.parametrize(("lang", "undone", "live"),
                         [("vi", "⊘ ĐÃ HOÀN TÁC", "Đang có hiệu lực"), ("en", "⊘ UNDONE", "In force")])
def test_an_undone_batch_says_so_first_with_when_and_by_whom(demo_copy: Path, lang: str, undone: str,
                                                              live: str) -> None:
    """Issue 24: the history's undo time and author sat past a narrow table's right edge; they now follow the status."""
    from ingest.history import history_table
    from ingest.run import import_file
    from store import Store

    fix = "unit_code,year,inspection_round,improved\nLS-H-TPLS,2017,1,có\n".encode()
    batch = import_file(Store(demo_copy), fix, "dinh_chinh.csv", "lan").batch
    assert batch is not None
    Store(demo_copy).undo(batch, "quan.tri")
    table = history_table(Store(demo_copy).batches(), lang, "–")
    rows = table.set_index(table.columns[0])
    heads = ["Hoàn tác lúc", "Người hoàn tác"] if lang == "vi" else ["Undone at", "Undone by"]
    assert list(table.columns[2:4]) == heads
    assert rows.loc[batch].iloc[0] == undone and rows.loc[batch].iloc[2] == "quan.tri"
    assert rows.loc[batch - 1].iloc[0] == live and rows.loc[batch - 1].iloc[2] == "–"
