"""Workbooks as grids of text: fastexcel (calamine straight into Arrow) first, python-calamine where fastexcel cannot
read a file; the .xlsx format's declaration (its guard is ingest.reading.xlsx_guard). Both run in the child process:
a grid comes back whole, title rows included, and the parent finds its header (ingest.reading.table)."""

from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from common.errors import InputError
from ingest.problems import Problem
from ingest.reading.csv_arrow import clean_text
from ingest.reading.format import Format
from ingest.reading.header_rows import locate
from ingest.reading.layout import HEADER_SEARCH_ROWS, MAX_COLUMNS, no_header
from ingest.reading.xlsx_guard import MAX_ROWS

if TYPE_CHECKING:
    import python_calamine as cal


@dataclass
class Grid:
    """A sheet cut at its header: header cells, body cells (text, columns "0", "1", …), row numbers."""

    header: list[str]
    header_row: int
    body: pa.Table
    first_row: int
    sheet: str
    quoted: bool = False  # a CSV whose cells may hold line breaks (it has quotation marks)
    header_top: int = 0  # the header's first row when it spans several (0: the header row alone)
    notes: list[Problem] = field(default_factory=list)  # what reading the header left out or joined
    encoding: str | None = None  # a CSV's text encoding


def read_book(data: bytes, kind: str) -> Grid:
    """The first visible sheet that has a header row, whole and as text (its header not yet cut: `header` is
    empty); `kind` (xlsx, xls, ods) names the format in messages. fastexcel first, python-calamine after it."""
    from ingest.reading.xlsx_arrow import fast_grid, unreadable

    try:
        return fast_grid(data)
    except BaseException as e:
        if not unreadable(e):
            raise
    return _calamine_grid(data, kind)  # fastexcel could not: python-calamine, which says why when it cannot either


def _calamine_grid(data: bytes, kind: str) -> Grid:
    import python_calamine as cal  # only a workbook needs it (25 ms to load)

    try:
        book = cal.CalamineWorkbook.from_filelike(io.BytesIO(data))
        widest = 0
        for meta in book.sheets_metadata:
            if meta.visible != cal.SheetVisibleEnum.Visible or meta.typ != cal.SheetTypeEnum.WorkSheet:
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
    except cal.PasswordError as e:
        raise InputError(f"ingest.{kind}_password") from e
    except (cal.CalamineError, ValueError, OSError) as e:
        raise InputError(f"ingest.bad_{kind}") from e
    except BaseException as e:
        # calamine's Rust code panics on some damaged files (an .xls sheet offset past the stream's end):
        # pyo3 raises that as PanicException, a BaseException; anything else goes on as it is
        if type(e).__name__ == "PanicException":
            raise InputError(f"ingest.bad_{kind}") from e
        raise
    raise no_header(widest)


def _grid(sheet: cal.CalamineSheet, name: str) -> Grid | None:
    every = sheet.to_python(skip_empty_area=False)  # once: calamine builds every row's cells each call
    head = [[cell_text(c) for c in row] for row in every[:HEADER_SEARCH_ROWS]]
    if locate(head) is None:
        return None
    widths = set(map(len, every))
    width = max(widths, default=0)
    rows = [list(r) + [""] * (width - len(r)) for r in every] if len(widths) > 1 else every
    cells = np.empty((len(rows), width), dtype=object)
    if rows:
        cells[:] = rows  # one C-level copy; the columns are then views
    body = pa.table({str(c): _column(cells[:, c]) for c in range(width)})
    return Grid([], 0, body, 1, name)


def _column(values: np.ndarray) -> pa.ChunkedArray:
    """A column's cells as `cell_text` gives them, a whole column at a time when it is all text, or all
    whole numbers and blanks (the usual case); cell by cell otherwise."""
    kinds = set(map(type, values))
    if kinds <= {str}:
        return clean_text(pa.chunked_array([pa.array(values, pa.string())], pa.string()))
    if kinds <= {str, float, int}:
        numbers = _whole_numbers(values, str in kinds)
        if numbers is not None:
            return pa.chunked_array([numbers])
    return clean_text(pa.chunked_array([pa.array([cell_text(v) for v in values], pa.string())]))


def _whole_numbers(cells: np.ndarray, has_text: bool) -> pa.Array | None:
    """Whole numbers as text and blanks as "", or None when some cell is other text or not whole."""
    blank = cells == "" if has_text else np.zeros(len(cells), dtype=bool)
    if has_text and int(blank.sum()) != sum(1 for v in cells if type(v) is str):
        return None  # some text cell is not blank
    numbers = cells[~blank].astype(np.float64)
    if not (np.isfinite(numbers) & (numbers == np.round(numbers)) & (np.abs(numbers) < 1e15)).all():
        return None
    whole = np.zeros(len(cells), dtype=np.int64)
    whole[~blank] = numbers.astype(np.int64)
    return pc.fill_null(pa.array(whole, mask=blank).cast(pa.string()), "")


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


def _is_xlsx(data: bytes) -> bool:
    return data.startswith((b"PK\x03\x04", b"PK\x05\x06"))


def _read_xlsx(data: bytes) -> Grid:
    return read_book(data, "xlsx")


def _guard_xlsx(data: bytes) -> None:
    from ingest.reading.xlsx_guard import check_zip

    check_zip(data)


XLSX = Format("xlsx", ".xlsx", ("xlsx",), _is_xlsx, _guard_xlsx, _read_xlsx)
