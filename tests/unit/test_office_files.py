"""The official report form as offices send it: .xlsx from an Excel-like writer and .xls, .ods, .xlsx saved by
LibreOffice, each with a two-level header and a column-number row; and containers that are not workbooks."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from common.errors import InputError
from ingest.demo import import_registry
from ingest.reading.table import read_table
from ingest.run import import_file
from store import Store
from tests.data.office.make_office import FORM

ROOT = Path(__file__).resolve().parents[2]
OFFICE = ROOT / "tests" / "data" / "office"
FORMS = ["bieu_mau.xlsx", "bieu_mau_lo.xls", "bieu_mau_lo.ods", "bieu_mau_lo.xlsx", "bieu_mau_lo.csv"]
FIGURES = ("processes_total", "processes_removed", "processes_new", "processes_amended", "steps_before",
           "steps_after", "procedures_total", "procedures_under_iso")


@pytest.fixture
def registry(tmp_path: Path) -> Store:
    """A database holding the province's unit registry only."""
    store = Store(tmp_path / "reg.duckdb")
    import_registry(store, ROOT / "data" / "units.csv", ROOT / "data" / "lineage.csv", "test", False)
    return store


def _stored(store: Store) -> dict[str, tuple[object, ...]]:
    years = store.unit_years(years=[2024])
    return {r["unit_name"]: tuple(r[c] for c in FIGURES) for _, r in years.iterrows()}


EXPECTED = {row[0]: tuple(row[4:12]) for row in FORM}


@pytest.mark.parametrize("name", FORMS)
def test_the_form_reads_with_its_two_level_header_and_number_row(name: str) -> None:
    raw = read_table((OFFICE / name).read_bytes(), name)
    assert raw.file_kind == name.rsplit(".", 1)[1]
    assert set(FIGURES) <= set(raw.frame.column_names)
    assert raw.frame.num_rows == len(FORM)
    keys = [n.key for n in raw.notes]
    assert "ingest.note_header_rows" in keys and "ingest.note_number_row" in keys
    assert raw.headers["processes_total"] == "Quy trình Tổng số"
    assert raw.headers["procedures_under_iso"] == "Thủ tục hành chính Áp dụng ISO"


@pytest.mark.parametrize("name", FORMS)
def test_the_form_imports_every_figure_and_creates_no_unit(name: str, registry: Store) -> None:
    report = import_file(registry, (OFFICE / name).read_bytes(), name, "test")
    assert report.ok, [p.message("en") for p in report.errors]
    assert report.batch is not None and report.units_created == 0
    assert _stored(registry) == EXPECTED
    assert len(registry.inspections(years=[2024])) == len(FORM)


@pytest.mark.slow
@pytest.mark.parametrize("name", FORMS)
def test_the_command_line_imports_the_form(name: str, registry: Store) -> None:
    run = subprocess.run([sys.executable, "-m", "ingest", str(OFFICE / name), "--json", "--db", str(registry.path)],
                         cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    out = json.loads(run.stdout)
    assert out["ok"] and out["units_created"] == 0 and out["new_units"] == []
    assert _stored(registry) == EXPECTED


def _renamed_stream(data: bytes, old: str, new: str) -> bytes:
    """The LibreOffice .xls with its workbook stream renamed in the directory (same length, padded)."""
    old_b, new_b = old.encode("utf-16-le"), new.encode("utf-16-le")
    at = data.index(old_b + b"\x00\x00")
    entry = new_b.ljust(64, b"\x00")
    patched = data[:at] + entry + struct.pack("<H", len(new_b) + 2) + data[at + 66 :]
    return patched


def test_an_ole2_file_holding_a_word_document_is_named() -> None:
    data = _renamed_stream((OFFICE / "bieu_mau_lo.xls").read_bytes(), "Workbook", "WordDocument")
    with pytest.raises(InputError) as caught:
        read_table(data, "bao_cao.xls")
    assert caught.value.key == "ingest.not_workbook_doc"
    assert "Word" in caught.value.message("en") and "Word" in caught.value.message("vi")


def _odf(kind: str, content: bytes = b"<office:document-content/>") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), f"application/vnd.oasis.opendocument.{kind}")
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_opendocument_text_is_named() -> None:
    with pytest.raises(InputError) as caught:
        read_table(_odf("text"), "bao_cao.ods")
    assert caught.value.key == "ingest.not_workbook_odt"


def test_an_ods_cell_repeated_far_down_is_refused_before_calamine() -> None:
    content = (
        b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet>'
        b'<table:table><table:table-row table:number-rows-repeated="5000000"><table:table-cell '
        b'office:value-type="float" office:value="1" table:number-columns-repeated="100"/></table:table-row>'
        b"</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with pytest.raises(InputError) as caught:
        read_table(_odf("spreadsheet", content), "x.ods")
    assert caught.value.key == "ingest.too_many_rows"


def test_an_xls_declaring_a_huge_sheet_is_refused() -> None:
    data = bytearray((OFFICE / "bieu_mau_lo.xls").read_bytes())
    at = data.index(b"\x00\x02\x0e\x00")  # the DIMENSIONS record of the sheet: rows first, then columns
    data[at + 8 : at + 12] = struct.pack("<I", 3_000_000)
    with pytest.raises(InputError) as caught:
        read_table(bytes(data), "x.xls")
    assert caught.value.key == "ingest.too_many_rows"


def test_an_ole2_stream_longer_than_the_file_is_refused() -> None:
    data = bytearray((OFFICE / "bieu_mau_lo.xls").read_bytes())
    at = data.index("Workbook".encode("utf-16-le") + b"\x00\x00")
    data[at + 0x78 : at + 0x7C] = struct.pack("<I", 50_000_000)
    with pytest.raises(InputError) as caught:
        read_table(bytes(data), "x.xls")
    assert caught.value.key == "ingest.bad_ole2"
    assert "OLE2" in caught.value.message("en")


def test_an_xls_cell_far_to_the_right_is_refused_before_calamine_allocates() -> None:
    """A column field is 16 bits: one damaged RK record at column 65,535 would have calamine build a
    grid of 137 GB and abort the process."""
    data = bytearray((OFFICE / "bieu_mau_lo.xls").read_bytes())
    at = data.index(b"\x7e\x02\x0a\x00")  # an RK record (a number): row, column, format, value
    data[at + 4 : at + 8] = struct.pack("<HH", 0xFFFF, 0xFFFF)  # row and column 65,535
    with pytest.raises(InputError) as caught:
        read_table(bytes(data), "x.xls")
    assert caught.value.key == "ingest.bad_xls"


def test_an_xls_whose_sheet_offset_points_past_the_stream_is_a_message() -> None:
    """calamine panics on it (a Rust panic reaches Python as PanicException): the person gets a message."""
    data = bytearray((OFFICE / "bieu_mau_lo.xls").read_bytes())
    at = data.index(b"\x85\x00")  # BOUNDSHEET: the sheet's offset in the stream comes first
    data[at + 4 : at + 8] = struct.pack("<I", 10_000_000)
    with pytest.raises(InputError) as caught:
        read_table(bytes(data), "x.xls")
    assert caught.value.key == "ingest.bad_xls"
