"""`python -m report`, run as a scheduled job would: exit codes and messages in the user's language."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CCHC_LANG": "vi"}
    return subprocess.run([sys.executable, "-m", "report", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.mark.slow
def test_a_workbook_is_written(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.xlsx"
    done = _run("--year", "2017", "--db", str(demo_db), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Đã ghi" in done.stdout
    cards = pd.read_excel(out, sheet_name="Chỉ số chính", skiprows=3, engine="calamine")
    assert cards["Giá trị"].iloc[0] == 1.0
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.xlsx"]  # no temporary file left


@pytest.mark.slow
def test_a_pdf_without_charts_in_english(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "briefing.pdf"
    done = _run("--year", "2017", "--unit-type", "ubnd_huyen", "--lang", "en", "--no-charts", "--db", str(demo_db),
                "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF") and "Wrote" in done.stdout


@pytest.mark.slow
def test_a_bad_year_fails_with_exit_2_and_says_which_years(demo_db: Path, tmp_path: Path) -> None:
    for year in ("20x7", "1999"):
        done = _run("--year", year, "--db", str(demo_db), "--out", str(tmp_path / "x.pdf"))
        assert done.returncode == 2
        assert f"Năm “{year}”" in done.stderr and "2007 đến 2025" in done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_an_unknown_unit_type_fails_with_exit_2(demo_db: Path, tmp_path: Path) -> None:
    done = _run("--year", "2017", "--unit-type", "xa_phuong", "--lang", "en", "--db", str(demo_db),
                "--out", str(tmp_path / "x.xlsx"))
    assert done.returncode == 2
    assert "“xa_phuong” is not a unit type code" in done.stderr and "ubnd_xa" in done.stderr


@pytest.mark.slow
def test_an_unwritable_path_fails_with_exit_2_before_any_work(demo_db: Path, tmp_path: Path) -> None:
    done = _run("--year", "2017", "--db", str(demo_db), "--out", str(tmp_path / "missing" / "x.pdf"))
    assert done.returncode == 2 and "Không ghi được tệp" in done.stderr
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        done = _run("--year", "2017", "--db", str(demo_db), "--out", str(locked / "x.pdf"))
        if os.geteuid() != 0:  # root may write anywhere
            assert done.returncode == 2 and "Không ghi được tệp" in done.stderr
    finally:
        locked.chmod(0o700)


@pytest.mark.slow
def test_a_missing_database_or_format_fails_with_exit_2(tmp_path: Path) -> None:
    done = _run("--year", "2017", "--db", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "x.pdf"))
    assert done.returncode == 2 and "Chưa có cơ sở dữ liệu" in done.stderr
    assert not (tmp_path / "none.duckdb").exists()
    done = _run("--year", "2017", "--out", str(tmp_path / "x.docx"))
    assert done.returncode == 2 and ".pdf, .xlsx hoặc .md" in done.stderr
    done = _run("--out", str(tmp_path / "x.pdf"))
    assert done.returncode == 2 and "--year" in done.stderr
