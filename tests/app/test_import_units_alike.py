"""The import page asks about a new code that carries a registered unit's name, as it asks about near-miss
names, and imports nothing until the analyst answers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import xlsxwriter
from streamlit.testing.v1 import AppTest

from ingest.demo import import_registry
from store import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    """A database holding the province's unit registry only."""
    store = Store(tmp_path / "reg.duckdb")
    import_registry(store, ROOT / "data" / "units.csv", ROOT / "data" / "lineage.csv", "test", False)
    return store.path


def _workbook(tmp_path: Path) -> bytes:
    path = tmp_path / "sct9.xlsx"
    with xlsxwriter.Workbook(path) as book:
        sheet = book.add_worksheet()
        sheet.write_row(0, 0, ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Năm", "Tổng số quy trình"])
        sheet.write_row(1, 0, ["LS-SCT9", "Sở Công Thương", "cqcm_tinh", 2024, 10])
    return path.read_bytes()


def test_a_new_code_with_a_registered_name_is_asked_about(app: Callable[..., AppTest], registry: Path,
                                                          tmp_path: Path) -> None:
    at = app(registry, lang="en")
    at.switch_page("pages/import_data.py")
    at.run()
    at.file_uploader(key="upload").set_value(("sct9.xlsx", _workbook(tmp_path), "application/octet-stream"))
    at.run()
    assert not at.exception, at.exception
    [radio] = [r for r in at.radio if "Sở Công Thương (LS-SCT)" in r.label]
    assert not [b for b in at.button if b.key == "commit"]
    radio.set_value("create").run()
    at.button(key="commit").click().run()
    assert "LS-SCT9" in set(Store(registry).units()["unit_code"])
