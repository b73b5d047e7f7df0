"""The general path for the body of a CSV: any encoding (already decoded to text), blank lines, rows
of other widths. Slower than the Arrow path, which hands over to it whenever a file is irregular."""

from __future__ import annotations

import io
import warnings
from typing import TYPE_CHECKING

import pyarrow as pa

from common.errors import InputError
from ingest.reading.csv_shape import check_cells, csv_shape
from ingest.reading.layout import MAX_COLUMNS

if TYPE_CHECKING:
    import pandas as pd


def general_body(text: str, sep: str, width: int) -> pa.Table:
    """The body's cells (stripped, blank as ""), positional columns "0", "1", …: any width, blank lines,
    ragged rows. Its shape is bounded first (csv_shape), before a cell is built."""
    if width > MAX_COLUMNS:
        raise InputError("ingest.too_many_columns", count=width, limit=MAX_COLUMNS)
    if not text.strip():
        return pa.table({str(c): pa.array([], pa.large_string()) for c in range(width)})
    import pandas as pd  # only this path needs it: the regular UTF-8 files are read by Arrow

    raw = text.encode("utf-8")
    records, widest = csv_shape(raw, sep)
    check_cells(records, max(width, widest))
    try:
        body = _parse(raw, sep, width)
    except pd.errors.ParserError:
        try:
            body = _parse(raw, sep, max(width, widest))
        except (pd.errors.ParserError, ValueError) as e:
            raise InputError("ingest.bad_csv") from e
    return pa.table({str(c): pa.array(body[c].to_numpy(dtype=object), pa.large_string()) for c in body.columns})


def _parse(raw: bytes, sep: str, width: int) -> pd.DataFrame:
    import pandas as pd

    with warnings.catch_warnings():
        # cells beyond the header on the first data line are dropped: they have no column to go to
        warnings.simplefilter("ignore", pd.errors.ParserWarning)
        body = _read_csv(raw, sep, width)
    return pd.DataFrame({c: body[c].fillna("").str.strip() for c in body.columns})


def _read_csv(raw: bytes, sep: str, width: int) -> pd.DataFrame:
    import pandas as pd

    return pd.read_csv(
        io.BytesIO(raw),
        sep=sep,
        header=None,
        names=range(width),
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=False,
        quotechar='"',
        engine="c",
        encoding="utf-8",
        index_col=False,
    )
