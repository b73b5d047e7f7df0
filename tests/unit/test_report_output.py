"""`python -m report --out`: an existing file is not replaced unless asked, and keeps its permissions; a
unit name of 2,000 characters still makes a briefing."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.run import import_file
from store import Store

ROOT = Path(__file__).resolve().parents[2]


def _report(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "report", "--year", "2017", "--no-charts", "--lang", "en",
                           "--db", str(db), *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_an_existing_file_is_left_alone_unless_asked(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "briefing.xlsx"
    out.write_bytes(b"the committee's own copy")
    done = _report("--out", str(out), db=demo_db)
    assert done.returncode == 2 and "already exists" in done.stderr and "Traceback" not in done.stderr
    assert out.read_bytes() == b"the committee's own copy"


@pytest.mark.slow
def test_a_replaced_file_keeps_its_permissions(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "briefing.xlsx"
    out.write_bytes(b"old")
    os.chmod(out, 0o600)
    done = _report("--out", str(out), "--overwrite", db=demo_db)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"PK") and stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.xlsx"]


@pytest.mark.slow
def test_a_unit_name_of_2000_characters_still_makes_a_pdf(demo_copy: Path, tmp_path: Path) -> None:
    name = "ĐơnVị" * 400  # no space to break at: fpdf2 said "row too high" and the briefing failed
    csv = ("unit_name,unit_type,year,iso_version,processes_total,procedures_total,procedures_under_iso\n"
           f"{name},ubnd_xa,2017,2015,30,90,85\n").encode()
    assert import_file(Store(demo_copy), csv, "long.csv", "test").batch
    out = tmp_path / "briefing.pdf"
    done = _report("--out", str(out), db=demo_copy)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
