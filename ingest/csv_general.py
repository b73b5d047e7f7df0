"""The general path for the body of a CSV: any encoding (already decoded to text), blank lines, rows
of other widths. Slower than the Arrow path, which hands over to it whenever a file is irregular."""

from __future__ import annotations

import csv
import io
import warnings
from typing import TYPE_CHECKING

import pyarrow as pa

from common.errors import InputError
from ingest.layout import MAX_COLUMNS

if TYPE_CHECKING:
    import pandas as pd


def general_body(text: str, sep: str, width: int) -> pa.Table:
    """The body's cells (stripped, blank as ""), positional columns "0", "1", …: any width, blank lines,
    ragged rows."""
    if width > MAX_COLUMNS:
        raise InputError("ingest.too_many_columns", count=width, limit=MAX_COLUMNS)
    if not text.strip():
        return pa.table({str(c): pa.array([], pa.large_string()) for c in range(width)})
    import pandas as pd  # only this path needs it: the regular UTF-8 files are read by Arrow

    try:
        body = _parse(text, sep, width)
    except pd.errors.ParserError:
        wider = _widest_record(text, sep)
        if wider > MAX_COLUMNS:
            raise InputError("ingest.too_many_columns", count=wider, limit=MAX_COLUMNS) from None
        try:
            body = _parse(text, sep, wider)
        except (pd.errors.ParserError, ValueError) as e:
            raise InputError("ingest.bad_csv") from e
    return pa.table({str(c): pa.array(body[c].to_numpy(dtype=object), pa.large_string()) for c in body.columns})


def _parse(text: str, sep: str, width: int) -> pd.DataFrame:
    import pandas as pd

    with warnings.catch_warnings():
        # cells beyond the header on the first data line are dropped: they have no column to go to
        warnings.simplefilter("ignore", pd.errors.ParserWarning)
        body = _read_csv(text, sep, width)
    return pd.DataFrame({c: body[c].fillna("").str.strip() for c in body.columns})


def _read_csv(text: str, sep: str, width: int) -> pd.DataFrame:
    import pandas as pd

    return pd.read_csv(
        io.BytesIO(text.encode("utf-8")),
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


def _widest_record(text: str, sep: str) -> int:
    try:
        return max((len(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=sep)), default=0)
    except csv.Error as e:
        raise InputError("ingest.bad_csv") from e
