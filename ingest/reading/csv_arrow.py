"""The fast path for the body of a regular UTF-8 CSV: pyarrow splits it into cells on both cores and
the cells stay Arrow text, never a Python object each.

Anything irregular (a row of another width, a blank line, bytes that are not UTF-8) makes this path
give up and the caller reads the file the general way, which handles all of it."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ingest.reading.csv_shape import check_cells
from ingest.values import bytes_within

_BLOCK = 4 << 20  # bytes per parse block; a record longer than this takes the general path


def arrow_body(body: memoryview, sep: str, width: int, quoted: bool) -> pa.Table | None:
    """The body's cells (stripped, NFC, an empty cell null), columns "0", "1", …; None when it is not regular.

    `quoted`: the body has quotation marks, so a cell may hold a line break."""
    names = [str(i) for i in range(width)]
    try:
        table = pacsv.read_csv(
            pa.py_buffer(body),
            read_options=pacsv.ReadOptions(column_names=names, block_size=_BLOCK),
            parse_options=pacsv.ParseOptions(
                delimiter=sep, quote_char='"', newlines_in_values=quoted, ignore_empty_lines=False
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.large_string()), null_values=[""], strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    check_cells(table.num_rows, width)  # before a cell is cleaned (Arrow's own cells are compact)
    return pa.table({name: clean_text(table.column(name)) for name in names})


def clean_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Stripped cells, NFC (cp1258 habits survive re-saving as UTF-8); blank cells stay as they are.

    Cells repeat: each distinct cell is cleaned once, and the column is rewritten only when one changed. A column
    of printable ASCII without spaces (codes, counts, years) has nothing to trim or normalise: its bytes say so."""
    if bytes_within(column, 0x21, 0x7E):
        return column
    distinct = pc.unique(column)
    trimmed = pc.utf8_trim_whitespace(distinct)
    clean = pc.utf8_normalize(trimmed, "NFC")
    if pc.all(pc.equal(clean, distinct)).as_py() is not False:
        return column
    if pc.all(pc.equal(clean, trimmed)).as_py() is not False:
        return pc.utf8_trim_whitespace(column)
    return pa.chunked_array([pc.take(clean, pc.index_in(column, value_set=distinct))])
