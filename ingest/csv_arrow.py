"""The fast path for the body of a regular UTF-8 CSV: pyarrow splits it into cells on both cores and
the cells stay Arrow text, never a Python object each.

Anything irregular (a row of another width, a blank line, bytes that are not UTF-8) makes this path
give up and the caller reads the file the general way, which handles all of it."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

_BLOCK = 4 << 20  # bytes per parse block; a record longer than this takes the general path


def arrow_body(body: memoryview, sep: str, width: int, quoted: bool) -> pd.DataFrame | None:
    """The body's cells (stripped, NFC, blank as ""), positional columns; None when it is not regular.

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
                # large_string is what pandas' text columns hold: no copy of every cell to convert.
                column_types=dict.fromkeys(names, pa.large_string()), strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return pd.DataFrame({i: pd.Series(clean_text(table.column(i)), dtype="str") for i in range(width)})


def clean_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Stripped cells; text that is not plain ASCII also NFC (cp1258 habits survive re-saving as UTF-8)."""
    if pc.all(pc.string_is_ascii(column)).as_py() is not False:
        return pc.ascii_trim_whitespace(column)
    trimmed = pc.utf8_trim_whitespace(column)
    # Names repeat: normalise each distinct cell once; put them back only when one of them changed.
    distinct = pc.unique(trimmed)
    clean = pc.utf8_normalize(distinct, "NFC")
    if pc.all(pc.equal(clean, distinct)).as_py() is not False:
        return trimmed
    return pa.chunked_array([pc.take(clean, pc.index_in(trimmed, value_set=distinct))])
