"""Excel 97–2003 (.xls, BIFF8 in an OLE2 container) and OpenDocument (.ods) workbooks, told by content and
checked before python-calamine reads them: sizes a file declares and cells that reach too far are refused
first, and a container that holds something other than a workbook gets a message naming what it holds."""

from __future__ import annotations

import io
import struct
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Callable
from typing import IO

from common.errors import InputError
from ingest.reading.format import Format
from ingest.reading.layout import MAX_COLUMNS
from ingest.reading.ole2 import MAGIC, Compound
from ingest.reading.xls_guard import check_xls
from ingest.reading.xlsx import Grid, read_book
from ingest.reading.xlsx_guard import MAX_CELLS, MAX_ROWS, MAX_UNCOMPRESSED

_ODF = b"application/vnd.oasis.opendocument."
_ODF_KINDS = {"spreadsheet": "ods", "text": "odt", "presentation": "odp", "graphics": "odg"}
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_MB = 1024 * 1024


def office_kind(data: bytes) -> str | None:
    """`xls` or `ods` for a workbook in those formats, None for anything else (CSV, .xlsx, …);
    InputError for an OLE2 or OpenDocument container that holds no workbook."""
    if data.startswith(MAGIC):
        kind = Compound(data).kind()
        if kind != "xls":
            raise InputError(f"ingest.not_workbook_{kind}")
        return "xls"
    # OpenDocument stores its type first, uncompressed: the entry "mimetype" right after its local header
    if _is_ods(data):
        size = struct.unpack_from("<I", data, 18)[0]
        found = data[38 + len(_ODF) : 38 + min(size, 80)].decode("ascii", "replace")
        kind = _ODF_KINDS.get(found.split("-")[0].strip(), "odf")
        if kind != "ods":
            raise InputError(f"ingest.not_workbook_{kind}")
        return "ods"
    return None


def check_office(data: bytes, kind: str) -> None:
    """InputError unless the workbook's declared sizes and farthest cells are within the limits."""
    if kind == "xls":
        check_xls(data)
    else:
        check_ods(data)


def _refuse_extent(rows: int, columns: int) -> None:
    if rows > MAX_ROWS or rows * columns > MAX_CELLS:
        raise InputError("ingest.too_many_rows", rows=rows, limit=MAX_ROWS)
    if columns > MAX_COLUMNS:
        raise InputError("ingest.too_many_columns", count=columns, limit=MAX_COLUMNS)


def check_ods(data: bytes) -> None:
    """Refuse an .ods that unpacks to too much, or whose filled cells (repeats counted) reach too far."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            declared = sum(e.file_size for e in archive.infolist())
            if declared > MAX_UNCOMPRESSED:
                raise InputError("ingest.too_big", size_mb=declared // _MB, limit_mb=MAX_UNCOMPRESSED // _MB)
            # zipfile never inflates an entry past the size it declares, and checks its CRC at the end
            with archive.open("content.xml") as content:
                _check_cells(content)
    except (KeyError, zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, zlib.error, UnicodeDecodeError,
            ET.ParseError, ValueError, LookupError) as e:  # LookupError: an unknown encoding declared
        raise InputError("ingest.bad_ods") from e


def _check_cells(content: IO[bytes]) -> None:
    """Walk the sheets' rows, counting repeated rows and cells, up to the last filled cell of each."""
    row_tag, cell_tags = f"{{{_TABLE}}}table-row", (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell")
    repeat_rows, repeat_cols = f"{{{_TABLE}}}number-rows-repeated", f"{{{_TABLE}}}number-columns-repeated"
    value_type = f"{{{_OFFICE}}}value-type"
    row, column, width = 0, 0, 0
    for event, elem in ET.iterparse(content, events=("start", "end")):
        if event == "start" and elem.tag == f"{{{_TABLE}}}table":
            row = 0
        elif event == "start" and elem.tag == row_tag:
            column, width = 0, 0
        elif event == "end" and elem.tag in cell_tags:
            column += int(elem.get(repeat_cols, "1"))
            if elem.get(value_type) is not None or len(elem):
                width = column
            elem.clear()
        elif event == "end" and elem.tag == row_tag:
            repeats = int(elem.get(repeat_rows, "1"))
            row += repeats
            if width:
                _refuse_extent(row, width)
            elem.clear()


def _is_ods(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04") and data[30:38] == b"mimetype" and data[38:].startswith(_ODF)


def _guard(kind: str) -> Callable[[bytes], None]:
    def guard(data: bytes) -> None:
        office_kind(data)  # a container of something else (.doc, .odt, an encrypted file) is named
        check_office(data, kind)

    return guard


def _reader(kind: str) -> Callable[[bytes], Grid]:
    return lambda data: read_book(data, kind)


XLS = Format("xls", ".xls", ("xls",), lambda data: data.startswith(MAGIC), _guard("xls"), _reader("xls"))
ODS = Format("ods", ".ods", ("ods",), _is_ods, _guard("ods"), _reader("ods"))
