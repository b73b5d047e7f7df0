"""Workbook-wide limits (issue 23): each crafted file of the outside pass is refused with a message before
calamine opens it, while this test process goes on. Every file is built here (tests/data/xls_craft.py)."""

from __future__ import annotations

import io
import zipfile

import pytest

from common.errors import InputError
from ingest.reading.table import read_table
from tests.data.xls_craft import bof, boundsheet, compound, dimensions, number, record, stream, table_sheet

_EOF = record(0x000A, b"")
_ODS_HEAD = (b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
             b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet>')
_ODS_TAIL = b"</office:spreadsheet></office:body></office:document-content>"


def sheet_inside_a_skipped_record() -> bytes:
    """An .xls whose BOUNDSHEET points inside a record a walk from the start skips; the sheet found there has a
    cell at A1 and one at row and column 65,535: calamine would build a 137 GB grid and abort."""
    fake = bof(True) + number(0, 0, 1.0) + number(0xFFFF, 0xFFFF, 1.0) + _EOF
    start = len(bof(False)) + len(boundsheet(0, "S0")) + 4  # inside the next record's body
    globals_ = bof(False) + boundsheet(start, "S0") + record(0x00EB, fake) + _EOF
    return compound(globals_ + bof(True) + table_sheet() + _EOF)


def ods(tables: bytes) -> bytes:
    """An .ods holding the given <table:table> elements."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", _ODS_HEAD + tables + _ODS_TAIL, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def repeated_row(name: str, rows: int, columns: int) -> bytes:
    """A sheet of one row of one filled cell repeated `columns` times across, repeated `rows` times down."""
    return (f'<table:table table:name="{name}"><table:table-row table:number-rows-repeated="{rows}">'
            f'<table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated='
            f'"{columns}"/></table:table-row></table:table>').encode()


def _refused(data: bytes, name: str) -> InputError:
    with pytest.raises(InputError) as caught:
        read_table(data, name)
    assert caught.value.message("vi") and caught.value.message("en")
    return caught.value


def test_an_xls_sheet_starting_inside_a_skipped_record_is_walked_from_its_boundsheet_offset() -> None:
    data = sheet_inside_a_skipped_record()
    assert len(data) < 8192
    assert _refused(data, "x.xls").key == "ingest.bad_xls"


def test_an_xls_dimensions_record_with_absurd_columns_is_refused() -> None:
    sheet = table_sheet().replace(dimensions(2, 4), dimensions(2, 0xFFFF))
    assert _refused(compound(stream([sheet])), "x.xls").key == "ingest.bad_xls"


def test_an_xls_dimensions_record_with_absurd_rows_and_columns_together_is_refused() -> None:
    """Rows and columns each within the format, their grid (1.9M × 200) far emptier than its eight cells."""
    sheet = table_sheet().replace(dimensions(2, 4), dimensions(1_900_000, 200))
    error = _refused(compound(stream([sheet])), "x.xls")
    assert error.key == "reading.too_sparse"
    assert "1900000" in error.message("en").replace(",", "").replace(".", "")


def test_thirty_two_cell_xls_sheets_are_counted_over_the_whole_workbook() -> None:
    """Each sheet alone (15,001 × 256 cells) passes the per-sheet allowance; calamine builds all 30 (2.9 GB)."""
    sheets = [number(0, 0, 1.0) + number(15_000, 255, 1.0) for _ in range(30)]
    data = compound(stream(sheets))
    assert len(data) < 8192
    error = _refused(data, "x.xls")
    assert error.key == "reading.workbook_cells"
    assert "30" in error.message("en")


def test_ten_hidden_ods_sheets_of_one_repeated_row_are_counted_together() -> None:
    data = ods(b"".join(repeated_row(f"H{i}", 1_000_000, 25) for i in range(10)))
    assert len(data) < 2048
    assert _refused(data, "x.ods").key in ("reading.too_sparse", "reading.workbook_cells")


def test_a_tiny_ods_that_expands_hugely_is_refused() -> None:
    """Under a kilobyte, 30 million cells once expanded (within the old per-sheet cap of 30 million)."""
    data = ods(repeated_row("S", 1_000_000, 30))
    assert len(data) < 1024
    error = _refused(data, "x.ods")
    assert error.key == "reading.too_sparse"
    assert '"S"' in error.message("en")


def test_a_too_sparse_xls_sheet_says_its_rows_and_columns_not_split_it() -> None:
    """Issue 23's smaller fault: a sparse sheet was refused with "The sheet has N rows … split it"."""
    data = compound(stream([number(0, 0, 1.0) + number(19_999, 255, 1.0)], names=["Data"]))
    error = _refused(data, "x.xls")
    assert error.key == "reading.too_sparse"
    text = error.message("en")
    assert '"Data"' in text and "256" in text and "split" not in text


def test_a_wide_ods_of_three_rows_says_its_columns() -> None:
    data = ods(repeated_row("S", 3, 11_000_000))
    error = _refused(data, "x.ods")
    assert error.key == "ingest.too_many_columns"


def test_too_many_sheets_are_refused() -> None:
    data = compound(stream([number(0, 0, 1.0)] * 300))
    assert _refused(data, "x.xls").key == "reading.too_many_sheets"


def test_a_crafted_xls_with_a_table_still_reads() -> None:
    """The builder itself makes a workbook calamine reads: the refusals above are not its faults."""
    table = read_table(compound(stream([table_sheet()])), "ok.xls")
    assert table.frame.column("unit_code").to_pylist() == ["SNV"]
