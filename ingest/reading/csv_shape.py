"""How many records and how many cells in the widest a CSV body has, found before anything is built per
cell: pyarrow's parser walks the records (quotes and line breaks inside them honoured) and hands over
each record's count of cells, which is all that is kept. One row of a million empty cells (1 MB) made
the general reader build a million cells (1.4 GB, 19 s)."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.csv as pacsv

from common.errors import InputError
from ingest.reading.layout import MAX_COLUMNS

MAX_CELLS = 30_000_000  # records × widest record: the grid the reader builds (the same cap as a workbook's)
_BLOCK = 4 << 20


def csv_shape(body: bytes, sep: str) -> tuple[int, int]:
    """Records and the widest record's cells; InputError as soon as a record is wider than MAX_COLUMNS."""
    widest = [0, 0]  # cells of the widest record, records wider than one cell

    def count(row: pacsv.InvalidRow) -> str:
        widest[0], widest[1] = max(widest[0], row.actual_columns), widest[1] + 1
        return "error" if row.actual_columns > MAX_COLUMNS else "skip"

    try:
        narrow = pacsv.read_csv(
            pa.py_buffer(body),
            read_options=pacsv.ReadOptions(column_names=["0"], block_size=_BLOCK),
            parse_options=pacsv.ParseOptions(delimiter=sep, quote_char='"', newlines_in_values=True,
                                             ignore_empty_lines=False, invalid_row_handler=count),
            convert_options=pacsv.ConvertOptions(column_types={"0": pa.binary()}),
        ).num_rows
    except pa.ArrowInvalid as e:
        if widest[0] > MAX_COLUMNS:
            raise InputError("ingest.too_many_columns", count=widest[0], limit=MAX_COLUMNS) from None
        raise InputError("ingest.bad_csv") from e
    return narrow + widest[1], max(widest[0], 1 if narrow else 0)


def check_cells(records: int, width: int) -> None:
    """InputError when records × width cells are more than the reader may build."""
    if records * width > MAX_CELLS:
        raise InputError("ingest.too_many_table_cells", rows=records, columns=width, cells=records * width,
                         limit=MAX_CELLS)
