"""The preview counts figures per unit and year apart from inspection rounds, and undo says what it will do
before it does it (store, import and command line)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import cast

import pytest

from ingest.demo import import_registry
from ingest.run import import_file, inspect
from store import Store

ROOT = Path(__file__).resolve().parents[2]
FORM = ROOT / "tests" / "data" / "office" / "bieu_mau.xlsx"
# A second round in 2024 for two units of the form: Sở Nội vụ's process count changes (46 → 47),
# Sở Tư pháp's stays 38.
SECOND_ROUND = ("Tên đơn vị,Năm,Đợt kiểm tra,Ngày kiểm tra,Số quy trình\n"
                "Sở Nội vụ,2024,2,12/11/2024,47\nSở Tư pháp,2024,2,14/11/2024,38\n").encode()


@pytest.fixture
def with_form(tmp_path: Path) -> Store:
    """The registry and the official form of 2024 (round 1 for five units)."""
    store = Store(tmp_path / "reg.duckdb")
    import_registry(store, ROOT / "data" / "units.csv", ROOT / "data" / "lineage.csv", "test", False)
    assert import_file(store, FORM.read_bytes(), FORM.name, "an").batch == 2
    return store


def test_a_second_round_is_new_rounds_and_changed_or_unchanged_figures(with_form: Store) -> None:
    report, _ = inspect(with_form, SECOND_ROUND, "dot2.csv")
    assert report.counts("unit_years") == {"new": 0, "changed": 1, "unchanged": 1}
    assert report.counts("inspections") == {"new": 2, "changed": 0, "unchanged": 0}
    out = report.as_json("en")
    assert out["figures"] == {"new": 0, "changed": 1, "unchanged": 1}
    assert out["rounds"] == {"new": 2, "changed": 0, "unchanged": 0}
    assert report.diff is not None and report.diff.new_rows is not None and report.diff.new_rows.empty


def test_the_preview_lists_the_new_unit_years(tmp_path: Path) -> None:
    store = Store(tmp_path / "reg.duckdb")
    import_registry(store, ROOT / "data" / "units.csv", ROOT / "data" / "lineage.csv", "test", False)
    report, _ = inspect(store, FORM.read_bytes(), FORM.name)
    assert report.diff is not None and report.diff.new_rows is not None
    rows = report.diff.new_rows
    assert rows["source_row"].tolist() == [7, 8, 9, 10, 11] and rows["processes_total"].tolist()[0] == 46


def test_the_undo_summary_says_what_goes_and_what_comes_back(with_form: Store) -> None:
    second = import_file(with_form, SECOND_ROUND, "dot2.csv", "bình").batch
    assert second == 3
    s = with_form.undo_summary(3)
    assert (s.file_name, s.imported_by, s.rows_read, s.years) == ("dot2.csv", "bình", 2, [2024])
    assert s.removes == {"unit_years": 0, "inspections": 2, "units": 0}
    assert s.restores == {"unit_years": 1, "inspections": 0, "units": 0}
    assert s.units == 2 and s.blockers == []
    assert with_form.undo_summary(2).blockers == [3]


@pytest.mark.slow
def test_the_command_line_prints_the_summary_before_undoing(with_form: Store) -> None:
    run = subprocess.run([sys.executable, "-m", "ingest", "--undo", "2", "--db", str(with_form.path), "--lang", "en"],
                         cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert "bieu_mau.xlsx" in run.stdout and "5 unit-year figure rows" in run.stdout and "2024" in run.stdout
    assert run.stdout.strip().endswith("Import #2 undone.")


def test_a_figure_far_from_the_units_history_is_a_warning_with_last_years_value(with_form: Store) -> None:
    # 2025 for Sở Nội vụ: processes 46 → 460 (ten times), procedures 62 → 20 (less than half); Sở Tư pháp: usual
    text = ("Tên đơn vị,Năm,Số quy trình,Số TTHC,Số TTHC áp dụng ISO\n"
            "Sở Nội vụ,2025,460,20,20\nSở Tư pháp,2025,38,118,118\n").encode()
    report, _ = inspect(with_form, text, "2025.csv")
    assert report.ok
    odd = [p for p in report.warnings if p.key == "ingest.looks_wrong"]
    assert {(p.row, p.column) for p in odd} == {(2, "Số quy trình"), (2, "Số TTHC"), (2, "Số TTHC áp dụng ISO")}
    message = next(p for p in odd if p.column == "Số quy trình").message("en")
    assert "460 this year against 46 in 2024" in message
    assert any("46 in 2024" in w["message"] for w in cast(list[dict[str, str]], report.as_json("en")["warnings"]))
