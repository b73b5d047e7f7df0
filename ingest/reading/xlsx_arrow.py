"""A workbook (.xlsx, .xls, .ods) straight into Arrow text columns through fastexcel (calamine underneath, no
Python object per cell). Cells come as fastexcel writes them as text: whole numbers without ".0", other numbers
to the digits Excel shows (3.0000000001 is "3", as on screen), dates as dd/mm/yyyy, text stripped and NFC."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from common.errors import InputError
from ingest.reading.csv_arrow import clean_text
from ingest.reading.header_rows import locate
from ingest.reading.layout import HEADER_SEARCH_ROWS, MAX_COLUMNS, no_header
from ingest.reading.xlsx import Grid
from ingest.reading.xlsx_guard import MAX_ROWS

# a date or date-time cell as fastexcel writes it (.ods dates come without the time)
_DATE = r"^(\d{4})-(\d{2})-(\d{2})(?: \d{2}:\d{2}:\d{2}(?:\.\d+)?)?$"


def fast_grid(data: bytes) -> Grid:
    """The first visible sheet whose first rows hold a header, whole, as text columns "0", "1", …"""
    import fastexcel  # only a workbook needs it

    reader = fastexcel.read_excel(data)
    widest = 0
    for index, name in enumerate(reader.sheet_names):
        sheet = reader.load_sheet(index, header_row=None, skip_rows=0, dtypes="string")  # from row 1
        if sheet.visible != "visible":
            continue
        if sheet.total_height > MAX_ROWS:
            raise InputError("ingest.too_many_rows", rows=sheet.total_height, limit=MAX_ROWS)
        widest = max(widest, sheet.width)
        if sheet.width > MAX_COLUMNS or not sheet.width:
            continue
        table = text_table(sheet.to_arrow())
        if locate(head_rows(table)) is not None:
            return Grid([], 0, table, 1, name)
    raise no_header(widest)


def unreadable(error: BaseException) -> bool:
    """Whether fastexcel could not read the file (python-calamine is tried then), rather than any other fault."""
    import fastexcel

    return isinstance(error, fastexcel.FastExcelError) or type(error).__name__ == "PanicException"


def text_table(batch: pa.RecordBatch | pa.Table) -> pa.Table:
    """fastexcel's string columns renamed "0", "1", …, dates as dd/mm/yyyy, cells stripped and NFC."""
    return pa.table({str(i): _text(batch.column(i)) for i in range(batch.num_columns)})


def _text(column: pa.Array | pa.ChunkedArray) -> pa.ChunkedArray:
    values = column if isinstance(column, pa.ChunkedArray) else pa.chunked_array([column])
    if values.type != pa.string():
        values = values.cast(pa.string())
    if _may_hold_dates(values) and pc.any(pc.match_substring_regex(values, _DATE)).as_py():
        values = pc.replace_substring_regex(values, _DATE, r"\3/\2/\1")
    return clean_text(values)


def _may_hold_dates(values: pa.ChunkedArray) -> bool:
    """Whether some cell is long enough to be a date as fastexcel writes it (a length is far cheaper than a regex)."""
    longest = pc.max(pc.binary_length(values)).as_py()
    return longest is not None and longest >= 10


def head_rows(table: pa.Table) -> list[list[str]]:
    """The first rows of a grid as lists of cells, a blank cell as ""."""
    head = table.slice(0, HEADER_SEARCH_ROWS)
    columns = [[cell or "" for cell in col.to_pylist()] for col in head.columns]
    return [list(row) for row in zip(*columns, strict=True)] if columns else []
