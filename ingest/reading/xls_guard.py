"""Refuse a hostile Excel 97–2003 (.xls) workbook before python-calamine opens it. Calamine builds every
sheet's grid when it opens the file, sized by the farthest cell any cell record addresses (a column field is
16 bits wide although the format stops at 256 columns) and by each sheet's DIMENSIONS record: one damaged
record could ask for 137 GB and abort the whole process. A sheet starts where its BOUNDSHEET record says, which
may be inside a record a walk from the start would skip, so each sheet is walked from there, as calamine does.
Cells and grids are counted over the whole workbook: calamine builds every sheet, not only the one read."""

from __future__ import annotations

import struct
from dataclasses import dataclass

from common.errors import InputError
from ingest.reading.ole2 import Compound
from ingest.reading.xlsx_guard import MAX_CELLS, MAX_ROWS

_BOF, _EOF, _FILEPASS, _DIMENSIONS, _BOUNDSHEET = 0x0809, 0x000A, 0x002F, 0x0200, 0x0085
_MULTI = (0x00BD, 0x00BE)  # MULRK, MULBLANK: a row, the first column, …, the last column
# cell records that begin with row and column: FORMULA, BLANK, NUMBER, LABEL, BOOLERR, RK, LABELSST, RSTRING
# (BIFF8), and their BIFF2–4 forms
_CELLS = frozenset({0x0006, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6, 0x0406, 0x0001, 0x0002,
                    0x0003, 0x0004, 0x0005, 0x0206})
BIFF8_COLUMNS = 256
MAX_SHEETS = 255
_SPARSE_CELLS = 4_000_000  # as for .xlsx: a grid this size is allowed whatever the cells; beyond, it must be filled


@dataclass
class _Sheet:
    name: str
    rows: int = 0
    columns: int = 0
    cells: int = 0

    @property
    def grid(self) -> int:
        """The cells calamine allocates for it."""
        return self.rows * self.columns


def check_xls(data: bytes) -> None:
    """InputError for a password-protected .xls, one with too many sheets, or whose sheets (together) reach
    too far for the cells they hold."""
    book = Compound(data)
    stream = book.read("Workbook") or book.read("Book")
    if not stream:
        raise InputError("ingest.bad_xls")
    places = _globals(stream)
    if len(places) > MAX_SHEETS:
        raise InputError("reading.too_many_sheets", sheets=len(places), limit=MAX_SHEETS)
    walked: dict[int, _Sheet] = {}
    sheets = []
    for offset, name in places:
        if offset not in walked:
            walked[offset] = _walk(stream, offset, name)
        sheets.append(walked[offset])
    if any(s.columns > BIFF8_COLUMNS for s in sheets):
        raise InputError("ingest.bad_xls")  # past the format's last column: damaged or crafted
    check_book([(s.name, s.rows, s.columns, s.cells) for s in sheets])


def _records(stream: bytes, at: int) -> tuple[int, int, int]:
    """The record at `at`: its kind, where its body starts and where the next record starts."""
    kind, length = struct.unpack_from("<HH", stream, at)
    return kind, at + 4, at + 4 + length


def _globals(stream: bytes) -> list[tuple[int, str]]:
    """Where each sheet starts and its name, from the BOUNDSHEET records up to the globals' EOF."""
    places, at = [], 0
    while at + 4 <= len(stream):
        kind, body, at = _records(stream, at)
        if kind == _FILEPASS:
            raise InputError("ingest.xls_password")
        if kind == _EOF:
            break
        if kind == _BOUNDSHEET and body + 8 <= min(at, len(stream)):
            offset = struct.unpack_from("<I", stream, body)[0]
            if offset + 4 > len(stream):
                raise InputError("ingest.bad_xls")  # a sheet past the end (calamine panics there)
            places.append((offset, _name(stream[body + 6 : at])))
    return places


def _name(raw: bytes) -> str:
    """A BOUNDSHEET's sheet name (8-bit or UTF-16), as far as it can be read."""
    if len(raw) < 2:
        return ""
    count, wide = raw[0], raw[1] & 1
    text = raw[2 : 2 + count * (2 if wide else 1)]
    return text.decode("utf-16-le" if wide else "latin-1", "replace")


def _walk(stream: bytes, at: int, name: str) -> _Sheet:
    """One sheet's cells and declared size, from its BOF to its EOF (embedded substreams included)."""
    sheet, depth = _Sheet(name), 0
    while at + 4 <= len(stream):
        kind, body, at = _records(stream, at)
        length = at - body
        if kind == _BOF:
            depth += 1
        elif kind == _EOF:
            depth -= 1
            if depth <= 0:
                break
        elif (kind in _CELLS or kind in _MULTI) and length >= 4 and at <= len(stream):
            _cell(sheet, stream, body, length, kind in _MULTI)
        elif kind == _DIMENSIONS and length >= 12 and at <= len(stream):
            _dimensions(sheet, stream, body, length)
    return sheet


def _cell(sheet: _Sheet, stream: bytes, body: int, length: int, multi: bool) -> None:
    row, column = struct.unpack_from("<HH", stream, body)
    if multi:
        column = struct.unpack_from("<H", stream, body + length - 2)[0]
    sheet.rows = max(sheet.rows, row + 1)
    sheet.columns = max(sheet.columns, column + 1)
    sheet.cells += 1


def _dimensions(sheet: _Sheet, stream: bytes, body: int, length: int) -> None:
    """The size a sheet declares (BIFF8: 32-bit rows, 16-bit columns; older: 16-bit both), one past the last."""
    if length >= 14:
        rows, columns = struct.unpack_from("<I", stream, body + 4)[0], struct.unpack_from("<H", stream, body + 10)[0]
    else:
        rows, columns = struct.unpack_from("<H", stream, body + 2)[0], struct.unpack_from("<H", stream, body + 6)[0]
    sheet.rows, sheet.columns = max(sheet.rows, rows), max(sheet.columns, columns)


def check_book(sheets: list[tuple[str, int, int, int]]) -> None:
    """Refuse a workbook whose sheets (name, rows, columns, filled cells) reach past the rows a sheet may have,
    or make grids, all sheets together, far emptier than the cells they hold allow."""
    for _, rows, _, _ in sheets:
        if rows > MAX_ROWS:
            raise InputError("ingest.too_many_rows", rows=rows, limit=MAX_ROWS)
    grid = sum(rows * columns for _, rows, columns, _ in sheets)
    filled = sum(cells for *_, cells in sheets)
    allowed = min(MAX_CELLS, _SPARSE_CELLS + 26 * filled)
    if grid <= allowed:
        return
    if len(sheets) == 1 or any(rows * columns > allowed for _, rows, columns, _ in sheets):
        name, rows, columns, cells = max(sheets, key=lambda s: s[1] * s[2])
        raise InputError("reading.too_sparse", sheet=name, rows=rows, columns=columns, cells=rows * columns,
                         filled=cells, limit=min(MAX_CELLS, _SPARSE_CELLS + 26 * cells))
    raise InputError("reading.workbook_cells", sheets=len(sheets), cells=grid, filled=filled, limit=allowed)
