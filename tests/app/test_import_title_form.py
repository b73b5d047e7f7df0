"""The import page with the official form as offices send it (the year and round only in its title): the note and
the values to confirm or change, a field asking for a year nobody gave, and one story before and after the commit
(the banner and the history say what the preview said; the preview and its button are gone)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ingest.demo import import_registry
from store import Store
from tests.store.test_office_form_cli import EXPECTED, FORMS, OFFICE, _changed, _stored

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    """A database holding the province's unit registry only."""
    store = Store(tmp_path / "reg.duckdb")
    import_registry(store, ROOT / "data" / "units.csv", ROOT / "data" / "lineage.csv", "test", False)
    return store.path


def _upload(app: Callable[..., AppTest], db: Path, name: str, content: bytes, **params: str) -> AppTest:
    at = app(db, **params)
    at.switch_page("pages/import_data.py")
    at.run()
    at.file_uploader(key="upload").set_value((name, content, "application/octet-stream"))
    return at.run()


def _notes(at: AppTest) -> str:
    return "\n".join(str(v) for d in at.dataframe for v in d.value.to_numpy().ravel())


@pytest.mark.parametrize("name", FORMS)
def test_the_form_with_the_year_in_its_title_imports_from_the_page(
        app: Callable[..., AppTest], registry: Path, name: str) -> None:
    units = len(Store(registry).units())
    at = _upload(app, registry, name, (OFFICE / name).read_bytes())
    assert not at.exception and not at.error
    assert "Năm 2018, đợt 2: đọc từ tiêu đề dòng 4." in _notes(at)
    assert [n.value for n in at.number_input] == [2018, 2]  # to confirm or change before the commit
    at.button(key="commit").click().run()
    assert _stored(registry) == EXPECTED and len(Store(registry).units()) == units
    assert any("lần nhập #2" in s.value for s in at.success)


def test_the_year_entered_on_the_page_wins_over_the_title(app: Callable[..., AppTest], registry: Path) -> None:
    at = _upload(app, registry, "bieu_mau_tieu_de.xlsx", (OFFICE / "bieu_mau_tieu_de.xlsx").read_bytes(), lang="en")
    at.number_input[0].set_value(2019).run()
    assert "instead of the year 2018 the title states in row 4" in _notes(at)
    at.button(key="commit").click().run()
    assert len(Store(registry).unit_years(years=[2019])) == 5
    assert Store(registry).batches().iloc[0]["year"] == 2019


def test_a_file_with_no_year_asks_for_it_and_blames_no_cell(app: Callable[..., AppTest], registry: Path) -> None:
    lines = (OFFICE / "bieu_mau_tieu_de_lo.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    content = "".join(line for line in lines if "NĂM 2018" not in line).encode()
    at = _upload(app, registry, "khong_nam.csv", content)
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Tệp không cho biết năm: không có cột Năm, tiêu đề phía trên bảng cũng không ghi năm. "
        "Hãy nhập năm của số liệu dưới đây."]
    assert not [b for b in at.button if b.key == "commit"]
    at.number_input[0].set_value(2018).run()
    at.number_input[1].set_value(2).run()
    assert not at.error
    at.button(key="commit").click().run()
    assert _stored(registry) == EXPECTED


def test_after_overwriting_five_unit_years_the_banner_and_the_history_say_five_changed(
        app: Callable[..., AppTest], registry: Path, tmp_path: Path) -> None:
    at = _upload(app, registry, "bieu_mau_tieu_de.xlsx", (OFFICE / "bieu_mau_tieu_de.xlsx").read_bytes())
    at.button(key="commit").click().run()
    at = _upload(app, registry, "sua.csv", _changed(tmp_path).read_bytes())
    assert {m.label: m.value for m in at.metric}["Số liệu năm của đơn vị: thay đổi"] == "5"
    at.button(key="commit").click().run()
    assert not at.exception
    banner = " ".join(s.value for s in at.success)
    assert "Số liệu năm của đơn vị: 0 mới, 5 thay đổi, 0 giữ nguyên" in banner, banner
    assert not [b for b in at.button if b.key == "commit"] and not at.metric  # the preview and its button are gone
    history = next(d.value for d in at.dataframe if "Lần nhập" in d.value.columns)
    assert history.iloc[0]["Số liệu năm (mới · thay đổi · giữ nguyên)"] == "0 · 5 · 0"
    assert history.iloc[0]["Năm, đợt"] == "2018, đợt 2"
    at.run()  # a rerun imports nothing again
    assert len(Store(registry).batches()) == 3
    at.button(key="next_file").click().run()
    assert not at.exception and not at.success and not at.metric  # the uploader is empty for the next file


def test_the_blank_form_downloads_and_reads_as_a_form_without_a_year(registry: Path) -> None:
    from ingest.reading.table import read_table
    from ingest.template import blank_form_xlsx

    raw = read_table(blank_form_xlsx(), "bieu_mau.xlsx")
    assert {"unit_name", "processes_total", "steps_before", "procedures_under_iso"} <= set(raw.frame.column_names)
    assert "year" not in raw.frame.column_names and raw.frame.num_rows == 0
    assert io.BytesIO(blank_form_xlsx()).read(2) == b"PK"
