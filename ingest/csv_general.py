"""The general path for the body of a CSV: any encoding (already decoded to text), blank lines, rows
of other widths. Slower than the Arrow path, which hands over to it whenever a file is irregular."""

from __future__ import annotations

import csv
import io
import warnings

import pandas as pd

from common.errors import InputError
from ingest.layout import MAX_COLUMNS


def general_body(text: str, sep: str, width: int) -> pd.DataFrame:
    """The body's cells (stripped, blank as ""), positional columns: any width, blank lines, ragged rows."""
    if width > MAX_COLUMNS:
        raise InputError("ingest.too_many_columns", count=width, limit=MAX_COLUMNS)
    if not text.strip():
        return pd.DataFrame({c: pd.Series([], dtype="str") for c in range(width)})
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
    return body


def _parse(text: str, sep: str, width: int) -> pd.DataFrame:
    with warnings.catch_warnings():
        # cells beyond the header on the first data line are dropped: they have no column to go to
        warnings.simplefilter("ignore", pd.errors.ParserWarning)
        body = _read_csv(text, sep, width)
    return pd.DataFrame({c: body[c].fillna("").str.strip() for c in body.columns})


def _read_csv(text: str, sep: str, width: int) -> pd.DataFrame:
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
