"""The benchmarks' national files in two shapes, both deterministic, one row per unit-year:

- easy: canonical English headers, ASCII type codes, figures only (the shape of the first rounds);
- realistic: as offices fill the template — Vietnamese headers and unit-type labels, the inspection round,
  dd/mm/yyyy inspection dates and "Có"/"Không" on the third of rows that were inspected, an ISO version
  label that changes with the years, and an empty notes column.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from common.unit_types import UNIT_TYPES
from ingest.template import FILE_COLUMNS

SHAPES = ("easy", "realistic")
UNITS = 50_000
EASY_HEADER = ["unit_code", "unit_name", "unit_type", "year", "iso_version", "processes_total", "processes_removed",
               "processes_new", "processes_amended", "steps_before", "steps_after", "procedures_total",
               "procedures_under_iso"]
REALISTIC_HEADER = [c.vietnamese for c in FILE_COLUMNS]
_CODES = [t.code for t in UNIT_TYPES]
_LABELS = [t.label_vi for t in UNIT_TYPES]


def header(shape: str) -> list[str]:
    """The header row of a shape."""
    return REALISTIC_HEADER if shape == "realistic" else EASY_HEADER


def _figures(u: int) -> list[object]:
    return [40 + u % 50, 4 + u % 7, 10 + u % 11, 20 + u % 11, 30 + u % 9, 15 + u % 5, 60 + u % 40, 55 + u % 5]


def _inspection(u: int, y: int) -> list[object]:
    """Round, date and result for the third of unit-years that were inspected; blanks otherwise."""
    if (u + y) % 3:
        return ["", "", ""]
    day, month = 1 + u % 28, 3 + (u + y) % 9
    improved = "Không" if (7 * u + y) % 5 == 0 else "Có"
    return [1 + u % 2, f"{day:02d}/{month:02d}/{y}", improved]


def rows(shape: str, count: int) -> Iterator[list[object]]:
    """`count` data rows of a shape: 50,000 units (or fewer) × consecutive years from 2006."""
    units = min(UNITS, count)
    for i in range(count):
        u, y = i % units, 2006 + i // units
        code, name = f"N{u:06d}", f"Đơn vị quốc gia {u:06d}"
        if shape == "easy":
            yield [code, name, _CODES[u % 6], y, 2015, *_figures(u)]
            continue
        version = "TCVN ISO 9001:2015" if y >= 2018 else "TCVN ISO 9001:2008"
        round_, day, improved = _inspection(u, y)
        yield [code, name, _LABELS[u % 6], y, round_, day, version, *_figures(u), improved, ""]


def csv_line(values: Sequence[object]) -> str:
    """One CSV line; the generated values hold no comma, quote or newline."""
    return ",".join(str(v) for v in values) + "\n"
