"""XLSX workbooks through python-calamine: size limits first, then the first visible sheet with a table."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
import zipfile
from dataclasses import dataclass

import pandas as pd
import python_calamine as pc

from common.errors import InputError
from ingest.layout import HEADER_SEARCH_ROWS, MAX_COLUMNS, find_header, no_header

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ROWS = 2_000_000
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]*\d*:?([A-Z]+)(\d+)"')


@dataclass
class Grid:
    """A sheet cut at its header: header cells, body cells (text, positional columns), row numbers."""

    header: list[str]
    header_row: int
    body: pd.DataFrame
    first_row: int
    sheet: str
    quoted: bool = False  # a CSV whose cells may hold line breaks (it has quotation marks)


def check_zip(data: bytes) -> None:
    """Refuse a workbook whose declared size or row count is too big, before anything unpacks it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if sum(e.file_size for e in entries) > MAX_UNCOMPRESSED:
                size_mb = sum(e.file_size for e in entries) // (1024 * 1024)
                raise InputError("ingest.too_big", size_mb=size_mb, limit_mb=MAX_UNCOMPRESSED // (1024 * 1024))
            if not any(e.filename == "xl/workbook.xml" for e in entries):
                raise InputError("ingest.bad_xlsx")
            for entry in entries:
                if entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml"):
                    with archive.open(entry) as sheet:
                        _check_dimension(sheet.read(4096))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError) as e:
        raise InputError("ingest.bad_xlsx") from e


def _check_dimension(head: bytes) -> None:
    found = _DIMENSION.search(head)
    if not found:
        return
    rows, width = int(found[2]), _column_number(found[1].decode())
    if rows > MAX_ROWS:
        raise InputError("ingest.too_many_rows", rows=rows, limit=MAX_ROWS)
    if width > MAX_COLUMNS:
        raise InputError("ingest.too_many_columns", count=width, limit=MAX_COLUMNS)


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - ord("A") + 1
    return number


def read_grid(data: bytes) -> Grid:
    """The first visible sheet that has a header row, cut at it."""
    check_zip(data)
    try:
        book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        widest = 0
        for meta in book.sheets_metadata:
            if meta.visible != pc.SheetVisibleEnum.Visible or meta.typ != pc.SheetTypeEnum.WorkSheet:
                continue
            sheet = book.get_sheet_by_name(meta.name)
            if sheet.total_height > MAX_ROWS:
                raise InputError("ingest.too_many_rows", rows=sheet.total_height, limit=MAX_ROWS)
            widest = max(widest, sheet.total_width)
            if sheet.total_width > MAX_COLUMNS:
                continue
            grid = _grid(sheet, meta.name)
            if grid is not None:
                return grid
    except pc.PasswordError as e:
        raise InputError("ingest.xlsx_password") from e
    except (pc.CalamineError, ValueError, OSError) as e:
        raise InputError("ingest.bad_xlsx") from e
    raise no_header(widest)


def _grid(sheet: pc.CalamineSheet, name: str) -> Grid | None:
    head = [[cell_text(c) for c in row] for row in sheet.to_python(skip_empty_area=False, nrows=HEADER_SEARCH_ROWS)]
    index = find_header(head)
    if index is None:
        return None
    rows = sheet.to_python(skip_empty_area=False)[index + 1 :]
    width = max((len(r) for r in rows), default=len(head[index]))
    frame = pd.DataFrame(rows, columns=range(width), dtype=object) if rows else pd.DataFrame(columns=range(width))
    body = pd.DataFrame({c: [cell_text(v) for v in frame[c]] for c in frame.columns}, dtype="str")
    return Grid(head[index], index + 1, body, index + 2, name)


def cell_text(cell: object) -> str:
    """A cell as text: 12.0 → "12", dates as dd/mm/yyyy, text NFC and stripped."""
    if isinstance(cell, str):
        return cell.strip() if unicodedata.is_normalized("NFC", cell) else unicodedata.normalize("NFC", cell).strip()
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float):
        if math.isfinite(cell) and cell.is_integer() and abs(cell) < 1e15:
            return str(int(cell))
        return repr(cell)
    if isinstance(cell, dt.datetime | dt.date):
        return cell.strftime("%d/%m/%Y") if cell.year >= 1000 else cell.isoformat()
    return str(cell)
