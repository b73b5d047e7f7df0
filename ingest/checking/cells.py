"""Typed columns from the text cells, with an error for each cell that cannot be read."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Executor

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from common.unit_types import UNIT_TYPES
from ingest.checking.findings import Findings
from ingest.columns import COUNT_COLUMNS, fold
from ingest.values import (
    X_STYLE,
    Parsed,
    count_column,
    mask,
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


def blank(n: int, kind: pa.DataType) -> pa.Array:
    """A column of n missing values."""
    return pa.nulls(n, kind)


def _flag(f: Findings, parsed: Parsed, column: str, keys: dict[str, str]) -> None:
    for name, key in keys.items():
        f.cells(parsed.where(name), column, key)


def _without(values: pa.Array, bad: np.ndarray) -> pa.Array:
    out: pa.Array = pc.if_else(pa.array(bad), pa.scalar(None, values.type), values)
    return out


def counts(frame: pa.Table, f: Findings, pool: Executor) -> dict[str, pa.Array]:
    """The count columns as int64, errors for negative, non-integer and absurd cells; parsed on the `pool`'s
    threads (Arrow lets go of the GIL), flagged here in column order."""
    given = [c for c in COUNT_COLUMNS if c in frame.column_names]
    parsed = dict(zip(given, pool.map(count_column, [frame.column(c) for c in given]), strict=True))
    out = {}
    for col in COUNT_COLUMNS:
        if col not in parsed:
            out[col] = blank(frame.num_rows, pa.int64())
            continue
        _flag(f, parsed[col], col, _COUNT_STATUS)
        out[col] = parsed[col].values
    return out


def years(frame: pa.Table, f: Findings, today: dt.date | None) -> pa.Array:
    """The year of each row; errors for a missing or impossible year."""
    if "year" not in frame.column_names:
        f.whole("ingest.no_year_column")
        return blank(frame.num_rows, pa.int64())
    parsed = count_column(frame.column("year"))
    high = current_year(today) + 1
    outside = pc.or_(pc.less(parsed.values, FIRST_YEAR), pc.greater(parsed.values, high))
    impossible = parsed.failed() | mask(outside)
    f.cells(mask(pc.is_null(frame.column("year"))), "year", "ingest.missing_year")
    f.cells(impossible, "year", "ingest.bad_year", params=lambda _: {"low": FIRST_YEAR, "high": high})
    return _without(parsed.values, impossible)


def rounds(frame: pa.Table, f: Findings) -> pa.Array:
    """The inspection round (blank stays blank here); an error unless a whole number ≥ 1."""
    if "inspection_round" not in frame.column_names:
        return blank(frame.num_rows, pa.int64())
    parsed = count_column(frame.column("inspection_round"))
    bad = parsed.failed() | mask(pc.equal(parsed.values, 0))
    f.cells(bad, "inspection_round", "ingest.bad_round")
    return _without(parsed.values, bad)


def dates(frame: pa.Table, f: Findings, year: pa.Array) -> pa.Array:
    """The inspection date; errors for text that is not a date, warnings for another year than the row's."""
    if "inspected_on" not in frame.column_names:
        return blank(frame.num_rows, pa.date32())
    parsed = parsed_column(frame.column("inspected_on"), parse_date, pa.date32())
    _flag(f, parsed, "inspected_on", {"bad_date": "ingest.bad_date", "impossible_date": "ingest.impossible_date"})
    other_year = mask(pc.not_equal(pc.year(parsed.values), year))
    f.cells(other_year, "inspected_on", "ingest.date_year_mismatch", "warning",
            params=lambda pos: {"year": year[pos].as_py()})
    return parsed.values


def improved(frame: pa.Table, f: Findings) -> tuple[pa.Array, bool]:
    """Whether each unit improved, and whether the file marks it x/blank (blank then means no)."""
    if "improved" not in frame.column_names:
        return blank(frame.num_rows, pa.bool_()), False
    parsed = parsed_column(frame.column("improved"), parse_improved, pa.bool_())
    _flag(f, parsed, "improved", {"bad_improved": "ingest.bad_improved"})
    marks = {fold(cell) for cell in parsed.cells}
    return parsed.values, bool(marks) and marks <= X_STYLE


def iso_versions(frame: pa.Table, f: Findings) -> pa.Array:
    """The ISO 9001 version (2000, 2008, 2015) as int64."""
    if "iso_version" not in frame.column_names:
        return blank(frame.num_rows, pa.int64())
    parsed = parsed_column(frame.column("iso_version"), parse_iso_version, pa.int64())
    _flag(f, parsed, "iso_version", {"bad_iso_version": "ingest.bad_iso_version"})
    return parsed.values


def unit_types(frame: pa.Table, f: Findings) -> tuple[pa.Array, np.ndarray]:
    """The unit type code of each row, and where a type was written but is not one of the six."""
    if "unit_type" not in frame.column_names:
        return blank(frame.num_rows, pa.string()), np.zeros(frame.num_rows, dtype=bool)
    parsed = parsed_column(frame.column("unit_type"), parse_unit_type, pa.string())
    bad = parsed.where("unknown_unit_type")
    labels = "; ".join(f"{t.label_vi} ({t.code})" for t in UNIT_TYPES)
    f.cells(bad, "unit_type", "ingest.unknown_unit_type", params=lambda _: {"types": labels})
    return parsed.values, bad
