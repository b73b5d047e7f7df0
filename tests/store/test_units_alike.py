"""A unit that prints like a registered one never becomes a second unit by default, whatever the file's
format: codes with a hidden or look-alike letter in a workbook, and a new code carrying a registered
unit's name (exactly, or but for a slip), through the real import into a real database."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter

from common.errors import InputError
from ingest.checking.near import UnitChoices
from ingest.demo import import_registry
from ingest.run import Decisions, import_file
from store import Store

ROOT = Path(__file__).resolve().parents[2]
HEAD = ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Năm", "Tổng số quy trình"]


@pytest.fixture
def registry(tmp_path: Path) -> Store:
    """A database holding the province's unit registry only."""
    store = Store(tmp_path / "reg.duckdb")
    import_registry(store, ROOT / "data" / "units.csv", ROOT / "data" / "lineage.csv", "test", False)
    return store


def _xlsx(tmp_path: Path, rows: list[list[object]]) -> bytes:
    path = tmp_path / "units.xlsx"
    with xlsxwriter.Workbook(path) as book:
        sheet = book.add_worksheet("Báo cáo")
        for r, row in enumerate([HEAD, *rows]):
            sheet.write_row(r, 0, row)
    return path.read_bytes()


def _csv(rows: list[list[object]]) -> bytes:
    lines: list[list[object]] = [list(HEAD), *rows]
    return "\n".join(",".join(str(c) for c in row) for row in lines).encode("utf-8")


LOOK_ALIKES = [
    ["LS-\u0421NV", "Sở Nội vụ mới", "cqcm_tinh", 2024, 10],  # Cyrillic С
    ["LS-S\u200bTP", "Sở Tư pháp mới", "cqcm_tinh", 2024, 11],  # zero-width space
    ["LS-\uff33CT", "Sở Công Thương mới", "cqcm_tinh", 2024, 12],  # full-width Ｓ
    ["LS-SNV\u00ad", "Sở Nội vụ khác", "cqcm_tinh", 2024, 13],  # soft hyphen
]


def test_look_alike_codes_in_a_workbook_create_no_unit(registry: Store, tmp_path: Path) -> None:
    before = len(registry.units())
    report = import_file(registry, _xlsx(tmp_path, LOOK_ALIKES), "units.xlsx", "test")
    assert not report.ok and report.batch is None
    keys = {p.key for p in report.errors}
    assert {"ingest.cell_lookalike_char", "ingest.cell_invisible_char"} <= keys
    codes = {p.params["code"] for p in report.errors}
    assert {"U+0421", "U+200B", "U+FF33", "U+00AD"} <= codes
    assert all(p.column == "Mã đơn vị" and p.row in (2, 3, 4, 5) for p in report.errors)
    assert len(registry.units()) == before


def test_the_same_rows_are_refused_in_a_csv_too(registry: Store) -> None:
    before = len(registry.units())
    with pytest.raises(InputError) as caught:  # the CSV reader's first check, by the file's bytes, with the line
        import_file(registry, _csv(LOOK_ALIKES), "units.csv", "test")
    assert caught.value.key in ("ingest.lookalike_char", "ingest.invisible_char")
    assert len(registry.units()) == before


def test_a_look_alike_letter_in_a_name_is_refused_in_a_workbook(registry: Store, tmp_path: Path) -> None:
    rows = [["LS-SNV", "Sở Nội vụ", "cqcm_tinh", 2024, 10], ["", "Sở Tư ρháp", "cqcm_tinh", 2024, 11]]
    report = import_file(registry, _xlsx(tmp_path, rows), "units.xlsx", "test")
    assert [(p.key, p.row, p.column) for p in report.errors] == [("ingest.cell_lookalike_char", 3, "Tên đơn vị")]


@pytest.mark.parametrize("name", ["Sở Công Thương", "SỞ CÔNG THƯƠNG", "So Cong Thuong", "Sở Công Thưong"])
def test_a_new_code_with_a_registered_name_creates_no_unit(registry: Store, tmp_path: Path, name: str) -> None:
    before = len(registry.units())
    report = import_file(registry, _xlsx(tmp_path, [["LS-SCT9", name, "cqcm_tinh", 2024, 10]]), "u.xlsx", "test")
    assert not report.ok and report.batch is None
    [problem] = report.errors
    assert problem.key == "ingest.new_code_known_name" and problem.value == "LS-SCT9"
    for lang in ("vi", "en"):
        assert "Sở Công Thương (LS-SCT)" in problem.message(lang)
    assert len(registry.units()) == before


def test_a_new_code_with_a_registered_name_in_a_csv_creates_no_unit(registry: Store) -> None:
    report = import_file(registry, _csv([["LS-SCT9", "Sở Công Thương", "cqcm_tinh", 2024, 10]]), "u.csv", "test")
    assert [p.key for p in report.errors] == ["ingest.new_code_known_name"]


def test_the_analyst_may_confirm_a_new_unit_or_use_the_registered_one(registry: Store, tmp_path: Path) -> None:
    data = _xlsx(tmp_path, [["LS-SCT9", "Sở Công Thương", "cqcm_tinh", 2024, 10]])
    used = import_file(registry, data, "u.xlsx", "test", dry_run=True,
                       decided=Decisions(units=UnitChoices("ask", {"Sở Công Thương": "accept"})))
    assert used.ok and used.units_created == 0
    created = import_file(registry, data, "u.xlsx", "test",
                          decided=Decisions(units=UnitChoices("ask", {"Sở Công Thương": "create"})))
    assert created.ok and created.units_created == 1
    assert "LS-SCT9" in set(registry.units()["unit_code"])


def test_a_new_code_with_a_name_of_its_own_is_still_created(registry: Store, tmp_path: Path) -> None:
    report = import_file(registry, _xlsx(tmp_path, [["LS-SKHCN9", "Ban Quản lý dự án mới", "cqcm_tinh", 2024, 10]]),
                         "u.xlsx", "test")
    assert report.ok and report.units_created == 1
