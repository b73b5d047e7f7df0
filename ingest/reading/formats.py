"""The formats the import reads, in the order their bytes are told apart: a new format is one module that
declares a `Format` and one line here. The uploader's accepted file types come from this list too."""

from __future__ import annotations

from ingest.reading.csv_read import CSV
from ingest.reading.format import Format
from ingest.reading.office import ODS, XLS
from ingest.reading.xlsx import XLSX

FORMATS: tuple[Format, ...] = (XLS, ODS, XLSX, CSV)  # CSV last: it takes whatever the others do not


def sniff(data: bytes) -> Format:
    """The format whose bytes these are (CSV when no other's)."""
    return next(f for f in FORMATS if f.sniff(data))


def upload_extensions() -> list[str]:
    """The file name endings an upload may have, for the uploader."""
    return [ext for f in FORMATS for ext in f.extensions]


def by_name(name: str) -> Format:
    """The format of that name."""
    return next(f for f in FORMATS if f.name == name)
