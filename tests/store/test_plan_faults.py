"""The plan's smaller faults: a long note or unit name never makes the annex PDF impossible, a note has a
length the PDF holds, and `python -m plan --out` offers the --overwrite it advises and names a folder as one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from common.errors import InputError
from plan import export
from plan.build import add, proposal, remove
from plan.gather import gather
from plan.model import NOTE_MAX, Plan, PlanUnit, Reason
from store import Store

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "plan", *args], cwd=ROOT, capture_output=True, text=True)


def _plan(name: str, note: str) -> Plan:
    """A saved plan as an older version may have stored it: a note of any length, a registry's long name."""
    never = Reason("not_inspected", {"first": 2023, "until": 2025, "last": None})
    units = tuple(PlanUnit(f"LS-{i:03d}", f"Đơn vị {i}", "cqcm_tinh", (never,)) for i in range(30))
    odd = PlanUnit("LS-LONG", name, "cqcm_tinh", (Reason("committee_added", {"note": note}),), True, note)
    gone = PlanUnit("LS-GONE", name, "cqcm_tinh", (), False, note)
    return Plan(2026, 60, (*units, odd, gone), "lan")


@pytest.mark.parametrize(("name", "note"), [
    ("Sở Công Thương", "Lý do thêm đơn vị " * 70),  # ~1,200 characters of words
    ("Sở Công Thương", "x" * 1200),  # one 1,200-character word
    ("Ban " + "Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp " * 20, "Thêm."),
])
@pytest.mark.slow
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_long_note_or_unit_name_still_makes_a_pdf(name: str, note: str, lang: str) -> None:
    pdf = export.pdf_bytes(_plan(name, note), lang)
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000


def test_the_workbook_keeps_the_long_texts_whole() -> None:
    note = "Lý do thêm đơn vị " * 70
    frame = export.frame(_plan("Sở Công Thương", note), "vi")
    assert note in set(frame[frame.columns[-1]])


def test_a_note_longer_than_the_annex_holds_is_refused_with_its_length(demo_db: Path) -> None:
    plan = proposal(gather(Store(demo_db), 2018))
    with pytest.raises(InputError) as caught:
        remove(plan, plan.codes()[0], "x" * (NOTE_MAX + 1))
    assert caught.value.key == "plan.note_too_long"
    assert str(NOTE_MAX) in caught.value.message("vi") and str(NOTE_MAX) in caught.value.message("en")
    with pytest.raises(InputError):
        add(plan, "LS-X", "X", "cqcm_tinh", "y" * 1200)
    assert remove(plan, plan.codes()[0], "z" * NOTE_MAX).removed


@pytest.mark.slow
def test_out_an_existing_file_is_replaced_with_overwrite(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    out.write_text("old")
    kept = _cli("--year", "2018", "--db", str(demo_db), "--out", str(out), "--lang", "en")
    assert kept.returncode == 2 and "--overwrite" in kept.stderr and out.read_text() == "old"
    done = _cli("--year", "2018", "--db", str(demo_db), "--out", str(out), "--overwrite")
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8-sig").startswith("STT")


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "word"), [("vi", "là một thư mục"), ("en", "is a folder")])
def test_out_a_folder_says_it_is_a_folder(demo_db: Path, tmp_path: Path, lang: str, word: str) -> None:
    folder = tmp_path / "annex.pdf"
    folder.mkdir()
    done = _cli("--year", "2018", "--db", str(demo_db), "--out", str(folder), "--lang", lang)
    assert done.returncode == 2 and word in done.stderr
    assert "permission denied" not in done.stderr and "Traceback" not in done.stderr
