"""Typed columns from the text cells, with an error for each cell that cannot be read."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from common.unit_types import UNIT_TYPES
from ingest.columns import COUNT_COLUMNS, fold
from ingest.findings import Findings
from ingest.values import (
    X_STYLE,
    parse_count,
    parse_date,
    parse_improved,
    parse_iso_version,
    parse_unit_type,
    parsed_column,
)

FIRST_YEAR = 2000
_COUNT_STATUS = {
    "not_integer": "ingest.not_integer",
    "negative": "ingest.negative_count",
    "too_large": "ingest.too_large",
}


def current_year(today: dt.date | None = None) -> int:
    """This year, from the given date or the clock (the one place the clock is read)."""
    return (today or dt.date.today()).year


def _blank(n: int, dtype: str) -> pd.Series:
    missing = np.ones(n, dtype=bool)
    if dtype == "boolean":
        return pd.Series(pd.arrays.BooleanArray(np.zeros(n, dtype=bool), missing))
    return pd.Series(pd.arrays.IntegerArray(np.zeros(n, dtype=np.int64), missing))


def _flag(f: Findings, status: pd.Series, column: str, keys: dict[str, str]) -> None:
    for name, key in keys.items():
        f.cells(status.eq(name).to_numpy(dtype=bool), column, key)


def counts(frame: pd.DataFrame, f: Findings) -> dict[str, pd.Series]:
    """The count columns as Int64, errors for negative, non-integer and absurd cells."""
    out = {}
    for col in COUNT_COLUMNS:
        if col not in frame.columns:
            out[col] = _blank(len(frame), "Int64")
            continue
        out[col], status = parsed_column(frame[col], parse_count, "Int64")
        _flag(f, status, col, _COUNT_STATUS)
    return out


def years(frame: pd.DataFrame, f: Findings, today: dt.date | None) -> pd.Series:
    """The year of each row; errors for a missing or impossible year."""
    if "year" not in frame.columns:
        f.whole("ingest.no_year_column")
        return _blank(len(frame), "Int64")
    year, status = parsed_column(frame["year"], parse_count, "Int64")
    high = current_year(today) + 1
    impossible = status.ne("").to_numpy() | ((year < FIRST_YEAR) | (year > high)).fillna(False).to_numpy(dtype=bool)
    f.cells(frame["year"].isna().to_numpy(), "year", "ingest.missing_year")
    f.cells(impossible, "year", "ingest.bad_year", params=lambda _: {"low": FIRST_YEAR, "high": high})
    return year.mask(pd.Series(impossible), pd.NA)


def rounds(frame: pd.DataFrame, f: Findings) -> pd.Series:
    """The inspection round (blank stays blank here); an error unless a whole number ≥ 1."""
    if "inspection_round" not in frame.columns:
        return _blank(len(frame), "Int64")
    value, status = parsed_column(frame["inspection_round"], parse_count, "Int64")
    bad = status.ne("").to_numpy() | value.eq(0).fillna(False).to_numpy(dtype=bool)
    f.cells(bad, "inspection_round", "ingest.bad_round")
    return value.mask(pd.Series(bad), pd.NA)


def dates(frame: pd.DataFrame, f: Findings, year: pd.Series) -> pd.Series:
    """The inspection date; errors for text that is not a date, warnings for another year than the row's."""
    if "inspected_on" not in frame.columns:
        return pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    value, status = parsed_column(frame["inspected_on"], parse_date, "datetime64[ns]")
    _flag(f, status, "inspected_on", {"bad_date": "ingest.bad_date", "impossible_date": "ingest.impossible_date"})
    other_year = (value.dt.year.astype("Int64") != year).fillna(False).to_numpy(dtype=bool)
    f.cells(other_year, "inspected_on", "ingest.date_year_mismatch", "warning",
            params=lambda pos: {"year": year.iat[pos]})
    return value


def improved(frame: pd.DataFrame, f: Findings) -> tuple[pd.Series, bool]:
    """Whether each unit improved, and whether the file marks it x/blank (blank then means no)."""
    if "improved" not in frame.columns:
        return _blank(len(frame), "boolean"), False
    value, status = parsed_column(frame["improved"], parse_improved, "boolean")
    _flag(f, status, "improved", {"bad_improved": "ingest.bad_improved"})
    marks = {fold(str(v)) for v in frame["improved"].dropna().unique()}
    return value, bool(marks) and marks <= X_STYLE


def iso_versions(frame: pd.DataFrame, f: Findings) -> pd.Series:
    """The ISO 9001 version (2000, 2008, 2015) as Int64."""
    if "iso_version" not in frame.columns:
        return _blank(len(frame), "Int64")
    value, status = parsed_column(frame["iso_version"], parse_iso_version, "Int64")
    _flag(f, status, "iso_version", {"bad_iso_version": "ingest.bad_iso_version"})
    return value


def unit_types(frame: pd.DataFrame, f: Findings) -> tuple[pd.Series, np.ndarray]:
    """The unit type code of each row, and where a type was written but is not one of the six."""
    if "unit_type" not in frame.columns:
        return pd.Series([None] * len(frame), dtype=object), np.zeros(len(frame), dtype=bool)
    value, status = parsed_column(frame["unit_type"], parse_unit_type, "object")
    bad = status.eq("unknown_unit_type").to_numpy()
    labels = "; ".join(f"{t.label_vi} ({t.code})" for t in UNIT_TYPES)
    f.cells(bad, "unit_type", "ingest.unknown_unit_type", params=lambda _: {"types": labels})
    return value, bad
