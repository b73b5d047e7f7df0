"""Refuse a hostile Excel 97–2003 (.xls) workbook before python-calamine opens it. Calamine builds every
sheet's grid when it opens the file, sized by the farthest cell any cell record addresses (a column field is
16 bits wide although the format stops at 256 columns): one damaged record could ask for 137 GB and abort the
whole process. So every cell record of every sheet is read here first (the records' headers only)."""

from __future__ import annotations

import struct
from dataclasses import dataclass

from common.errors import InputError
from ingest.reading.ole2 import Compound
from ingest.reading.xlsx_guard import MAX_CELLS, MAX_ROWS

_BOF, _EOF, _FILEPASS, _DIMENSIONS = 0x0809, 0x000A, 0x002F, 0x0200
_MULTI = (0x00BD, 0x00BE)  # MULRK, MULBLANK: a row, the first column, …, the last column
# cell records that begin with row and column: FORMULA, BLANK, NUMBER, LABEL, BOOLERR, RK, LABELSST, RSTRING
# (BIFF8), and their BIFF2–4 forms
_CELLS = frozenset({0x0006, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6, 0x0406, 0x0001, 0x0002,
                    0x0003, 0x0004, 0x0005, 0x0206})
BIFF8_COLUMNS = 256
_SPARSE_CELLS = 4_000_000  # as for .xlsx: a grid this size is allowed whatever the cells; beyond, it must be filled


@dataclass
class _Sheet:
    rows: int = 0
    columns: int = 0
    cells: int = 0


def check_xls(data: bytes) -> None:
    """InputError for a password-protected .xls, or one whose sheets reach too far for the cells they hold."""
    book = Compound(data)
    stream = book.read("Workbook") or book.read("Book")
    if not stream:
        raise InputError("ingest.bad_xls")
    sheets: list[_Sheet] = []
    at = 0
    while at + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        body = at + 4
        at = body + length
        if kind == _BOF:
            sheets.append(_Sheet())
        elif kind == _FILEPASS:
            raise InputError("ingest.xls_password")
        elif sheets and (kind in _CELLS or kind in _MULTI) and length >= 4 and at <= len(stream):
            _cell(sheets[-1], stream, body, length, kind in _MULTI)
        elif kind == _DIMENSIONS and length >= 12 and at <= len(stream):
            rows = struct.unpack_from("<I", stream, body + 4)[0]
            if rows > MAX_ROWS:
                raise InputError("ingest.too_many_rows", rows=rows, limit=MAX_ROWS)
    for sheet in sheets:
        _check(sheet)


def _cell(sheet: _Sheet, stream: bytes, body: int, length: int, multi: bool) -> None:
    row, column = struct.unpack_from("<HH", stream, body)
    if multi:
        column = struct.unpack_from("<H", stream, body + length - 2)[0]
    sheet.rows = max(sheet.rows, row + 1)
    sheet.columns = max(sheet.columns, column + 1)
    sheet.cells += 1


def _check(sheet: _Sheet) -> None:
    """Refuse a sheet whose farthest cell lies past the format's columns, or makes a grid far emptier than
    the cells it holds allow."""
    if sheet.columns > BIFF8_COLUMNS:
        raise InputError("ingest.bad_xls")
    grid, allowed = sheet.rows * sheet.columns, min(MAX_CELLS, _SPARSE_CELLS + 26 * sheet.cells)
    if grid > allowed:
        raise InputError("ingest.too_many_rows", rows=sheet.rows, limit=MAX_ROWS)
