"""The unit registry and its lineage, read from the project's own CSV files (`data/units.csv`,
`data/lineage.csv`) into the frames the store writes."""

from __future__ import annotations

import io
import unicodedata

import pandas as pd

from common.errors import InputError
from common.unit_types import UNIT_TYPE_CODES
from store.schema import LINEAGE, UNITS

LINEAGE_KINDS = ("merge", "split", "rename", "abolish")


def _read(data: bytes, file_name: str, columns: tuple[str, ...]) -> pd.DataFrame:
    try:
        text = unicodedata.normalize("NFC", data.decode("utf-8-sig"))
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError("registry.unreadable", file=file_name) from exc
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError("registry.missing_columns", file=file_name, columns=", ".join(missing))
    frame = frame[list(columns)].apply(lambda col: col.str.strip()).replace("", None)
    frame["source_row"] = range(2, len(frame) + 2)
    return frame


def _check_values(frame: pd.DataFrame, file_name: str, column: str, allowed: tuple[str, ...]) -> None:
    bad = frame[~frame[column].isin(allowed)]
    if len(bad):
        row = bad.iloc[0]
        raise InputError(
            "registry.bad_value", file=file_name, row=int(row["source_row"]), column=column,
            value=row[column], allowed=", ".join(allowed),
        )


def read_units(data: bytes, file_name: str) -> pd.DataFrame:
    """The units of a registry file, checked: known types, unique codes, names present."""
    frame = _read(data, file_name, UNITS.columns)
    _check_values(frame, file_name, "unit_type", UNIT_TYPE_CODES)
    dupes = frame[frame["unit_code"].duplicated()]
    if len(dupes) or frame["unit_code"].isna().any() or frame["unit_name"].isna().any():
        raise InputError("registry.bad_codes", file=file_name)
    for col in ("valid_from", "valid_to"):
        frame[col] = pd.to_datetime(frame[col], format="%Y-%m-%d", errors="raise").dt.date
    return frame


def read_lineage(data: bytes, file_name: str, known: set[str]) -> pd.DataFrame:
    """The lineage events of a lineage file; every code must be a known unit."""
    frame = _read(data, file_name, LINEAGE.columns)
    _check_values(frame, file_name, "kind", LINEAGE_KINDS)
    codes = set(frame["predecessor_code"].dropna()) | set(frame["successor_code"].dropna())
    unknown = sorted(codes - known)
    if unknown:
        raise InputError("registry.unknown_units", file=file_name, codes=", ".join(unknown[:10]))
    frame["successor_code"] = frame["successor_code"].fillna("")  # '' = abolished, no successor
    frame["event_date"] = pd.to_datetime(frame["event_date"], format="%Y-%m-%d").dt.date
    return frame
