"""Queries that answer one view's question whole in DuckDB, so that the page gets a few rows
instead of every unit-year: the ISO version mix, the continuity breaks, the median of a
metric over the units of a type, and finding units by code or name."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import duckdb

from common.columns import COUNT_COLUMNS, DERIVED_DIFFERENCES
from store.counts import BREAK, CHECKABLE, counts_sql
from store.reads import filter_params, frame

if TYPE_CHECKING:
    import pandas as pd

VERSION_COUNTS_SQL = """
SELECT y.year, CAST(y.iso_version AS BIGINT) AS iso_version, count(*) AS units
FROM unit_years y JOIN units u USING (unit_code)
WHERE y.year BETWEEN $y0 AND $y1 AND y.iso_version IS NOT NULL
  AND ($types IS NULL OR list_contains($types, u.unit_type))
  AND ($levels IS NULL OR list_contains($levels, u.admin_level))
GROUP BY 1, 2 ORDER BY 1, 2"""

# The same rule as the counts query's continuity_breaks (store.counts.CHECKABLE and BREAK), one row
# per unit-year that breaks it.
BREAKS_SQL = """
SELECT * FROM (
    SELECT f.year, f.unit_code, f.processes_total, f.processes_removed, f.processes_new,
           p.processes_total AS prev_total, u.unit_name
    FROM unit_years f
    JOIN unit_years p ON p.unit_code = f.unit_code AND p.year = f.year - 1
    JOIN units u ON u.unit_code = f.unit_code
    WHERE f.year BETWEEN $y0 AND $y1
)
WHERE """ + CHECKABLE + " AND " + BREAK + """
ORDER BY year, unit_code"""

FIND_UNITS_SQL = """
SELECT unit_code, unit_name FROM units
WHERE $text = '' OR strip_accents(lower(unit_code || ' ' || unit_name)) LIKE '%' || strip_accents(lower($text)) || '%'
ORDER BY unit_code LIMIT $limit"""

UNITS_BY_CODE_SQL = """
SELECT unit_code, unit_name, short_name, unit_type, admin_level, parent_code, valid_from, valid_to, batch_id
FROM units WHERE list_contains($codes, unit_code) ORDER BY unit_code"""


def version_counts(con: duckdb.DuckDBPyConnection, y0: int, y1: int, types: Sequence[str],
                   levels: Sequence[str]) -> pd.DataFrame:
    """Units by year and ISO version (units not applying left out), units as they were."""
    params = filter_params(y0, y1, unit_types=types, admin_levels=levels)
    return frame(con, VERSION_COUNTS_SQL, {k: params[k] for k in ("y0", "y1", "types", "levels")})


def continuity_breaks(con: duckdb.DuckDBPyConnection, y0: int, y1: int) -> pd.DataFrame:
    """Every unit-year whose process total does not follow from last year's, with the figures."""
    return frame(con, BREAKS_SQL, {"y0": y0, "y1": y1})


def _term(column: str) -> str:
    """A count column, or a derived one, as SQL over the counts frame (missing counts as 0, as there)."""
    if column in COUNT_COLUMNS:
        return f"coalesce({column}, 0)"
    a, b = DERIVED_DIFFERENCES[column]
    return f"({_term(a)} - {_term(b)})"


def median_sql(numerator: str, denominator: str) -> str:
    """Per year, the median over units of numerator ÷ denominator (units with a zero denominator left out)."""
    per_unit = counts_sql(["year", "unit_code"], one_row_per_unit=True)
    ratio = f"CAST({_term(numerator)} AS DOUBLE) / nullif({_term(denominator)}, 0)"
    return f"SELECT year, median({ratio}) AS value FROM ({per_unit}) GROUP BY year ORDER BY year"


def type_median(con: duckdb.DuckDBPyConnection, numerator: str, denominator: str, y0: int, y1: int,
                unit_type: str) -> pd.DataFrame:
    """year, value: the median of a ratio over the units of one type, units as they were."""
    return frame(con, median_sql(numerator, denominator), filter_params(y0, y1, unit_types=[unit_type]))


def find_units(con: duckdb.DuckDBPyConnection, text: str, limit: int) -> pd.DataFrame:
    """Units whose code or name contains the text (case and accents ignored), by code, at most `limit`."""
    return frame(con, FIND_UNITS_SQL, {"text": text.strip(), "limit": limit})


def units_by_code(con: duckdb.DuckDBPyConnection, codes: Sequence[str]) -> pd.DataFrame:
    """The registry rows of these units."""
    return frame(con, UNITS_BY_CODE_SQL, {"codes": list(codes) or [""]})


def unit_count(con: duckdb.DuckDBPyConnection) -> int:
    """How many units the registry holds."""
    row = con.execute("SELECT count(*) FROM units").fetchone()
    return int(row[0]) if row else 0
