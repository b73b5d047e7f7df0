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
from dataclasses import dataclass
from typing import IO

from common.errors import InputError
from ingest.reading.format import Format
from ingest.reading.layout import MAX_COLUMNS
from ingest.reading.ole2 import MAGIC, Compound
from ingest.reading.xls_guard import MAX_SHEETS, check_book, check_xls
from ingest.reading.xlsx import Grid, read_book
from ingest.reading.xlsx_guard import MAX_CELLS, MAX_ROWS, MAX_UNCOMPRESSED

_ODF = b"application/vnd.oasis.opendocument."
_ODF_KINDS = {"spreadsheet": "ods", "text": "odt", "presentation": "odp", "graphics": "odg"}
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_MB = 1024 * 1024
_TABLE_TAG, _ROW, _NAME = f"{{{_TABLE}}}table", f"{{{_TABLE}}}table-row", f"{{{_TABLE}}}name"
_CELL_TAGS = (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell")
_REPEAT_ROWS, _REPEAT_COLUMNS = f"{{{_TABLE}}}number-rows-repeated", f"{{{_TABLE}}}number-columns-repeated"
_VALUE_TYPE = f"{{{_OFFICE}}}value-type"


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
    """Walk every sheet's rows (hidden ones too: calamine builds them all), counting repeated rows and cells up
    to the last filled cell of each; the sheets' grids together must be filled enough (xls_guard.check_book)."""
    sheets: list[_OdsSheet] = []
    for event, elem in ET.iterparse(content, events=("start", "end")):
        if event == "start" and elem.tag == _TABLE_TAG:
            sheets.append(_OdsSheet(elem.get(_NAME, "")))
            if len(sheets) > MAX_SHEETS:
                raise InputError("reading.too_many_sheets", sheets=len(sheets), limit=MAX_SHEETS)
        elif sheets and event == "start" and elem.tag == _ROW:
            sheets[-1].column = sheets[-1].width = 0
        elif sheets and event == "end" and elem.tag in _CELL_TAGS:
            sheets[-1].cell(int(elem.get(_REPEAT_COLUMNS, "1")), elem.get(_VALUE_TYPE) is not None or len(elem) > 0)
            elem.clear()
        elif sheets and event == "end" and elem.tag == _ROW:
            sheets[-1].end_row(int(elem.get(_REPEAT_ROWS, "1")))
            if sum(s.grid for s in sheets) > MAX_CELLS:  # stop a bomb early; the exact budget is checked after
                check_book([s.extent() for s in sheets])
            elem.clear()
    check_book([s.extent() for s in sheets])


@dataclass
class _OdsSheet:
    """One sheet as the walk sees it: the row and column reached, and how far its filled cells go."""

    name: str
    row: int = 0
    column: int = 0
    width: int = 0  # the current row's last filled column
    rows: int = 0
    columns: int = 0
    filled: int = 0  # cell elements that hold something (a repeated one counts once: it is one in the file)

    @property
    def grid(self) -> int:
        """The cells calamine builds for it, as far as the walk has gone."""
        return self.rows * self.columns

    def cell(self, repeats: int, filled: bool) -> None:
        """One cell element, repeated `repeats` times across."""
        self.column += repeats
        if filled:
            self.width, self.filled = self.column, self.filled + 1

    def end_row(self, repeats: int) -> None:
        """The end of a row element repeated `repeats` times down."""
        self.row += repeats
        if self.width:
            self.rows, self.columns = self.row, max(self.columns, self.width)
            if self.rows > MAX_ROWS:
                raise InputError("ingest.too_many_rows", rows=self.rows, limit=MAX_ROWS)
            if self.columns > MAX_COLUMNS:
                raise InputError("ingest.too_many_columns", count=self.columns, limit=MAX_COLUMNS)

    def extent(self) -> tuple[str, int, int, int]:
        """Name, rows, columns and filled cells, for check_book."""
        return self.name, self.rows, self.columns, self.filled


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
