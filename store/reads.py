"""Named read queries. Each returns a DataFrame (or an Arrow table); values always go in as parameters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import duckdb

from store.counts import COUNT_COLUMNS, counts_sql, rounds_sql

if TYPE_CHECKING:  # loaded by DuckDB when a result is read as a DataFrame, not by importing the store
    import pandas as pd
    import pyarrow as pa

UNITS_SQL = """
SELECT unit_code, unit_name, short_name, unit_type, admin_level, parent_code, valid_from, valid_to, batch_id
FROM units ORDER BY unit_code"""

LINEAGE_SQL = """
SELECT predecessor_code, nullif(successor_code, '') AS successor_code, event_date, kind, legal_basis
FROM unit_lineage ORDER BY event_date, predecessor_code, successor_code"""

UNIT_YEARS_SQL = """
SELECT y.*, u.unit_name, u.unit_type, u.admin_level
FROM unit_years y JOIN units u USING (unit_code)
WHERE ($codes IS NULL OR list_contains($codes, y.unit_code))
  AND ($years IS NULL OR list_contains($years, y.year))
ORDER BY y.unit_code, y.year"""

INSPECTIONS_SQL = """
SELECT n.*, u.unit_name, u.unit_type
FROM inspections n JOIN units u USING (unit_code)
WHERE ($codes IS NULL OR list_contains($codes, n.unit_code))
  AND ($years IS NULL OR list_contains($years, n.year))
ORDER BY n.year, n.inspection_round, n.unit_code"""

BATCHES_SQL = """
SELECT batch_id, file_name, sha256, imported_by, imported_at, rows_read, rows_new, rows_changed,
       rows_unchanged, units_created, is_demo, undone_at, undone_by
FROM import_batches ORDER BY batch_id DESC"""

YEAR_BATCHES_SQL = """
SELECT DISTINCT y.year, b.batch_id, b.file_name, b.imported_by, b.imported_at
FROM (SELECT year, batch_id FROM unit_years UNION SELECT year, batch_id FROM inspections) y
JOIN import_batches b USING (batch_id)
ORDER BY y.year, b.batch_id"""


def frame(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, object] | None = None) -> pd.DataFrame:
    """Run one query and read its whole result as a DataFrame."""
    return con.execute(sql, params or {}).df()


def arrow(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, object] | None = None) -> pa.Table:
    """Run one query and read its whole result as an Arrow table (pandas is not loaded)."""
    return con.sql(sql, params=params or {}).to_arrow_table()


def _list(values: Sequence[object] | None) -> list[object] | None:
    return list(values) if values else None


def filter_params(
    y0: int,
    y1: int,
    unit_types: Sequence[str] | None = None,
    admin_levels: Sequence[str] | None = None,
    unit_codes: Sequence[str] | None = None,
    rollup: bool = False,
) -> dict[str, object]:
    """The named parameters shared by the counts queries."""
    return {
        "y0": y0,
        "y1": y1,
        "types": _list(unit_types),
        "levels": _list(admin_levels),
        "codes": _list(unit_codes),
        "rollup": rollup,
    }


def counts(con: duckdb.DuckDBPyConnection, by: Sequence[str], params: dict[str, object]) -> pd.DataFrame:
    """The counts frame grouped by `by`; sums over no rows come back as 0, not missing."""
    single = not params["rollup"] and ("year" in by or params["y0"] == params["y1"])
    out = frame(con, counts_sql(by, one_row_per_unit=single, rollup=bool(params["rollup"])), params)
    for col in COUNT_COLUMNS:
        out[col] = out[col].fillna(0).astype("int64")
    return out


def rounds(con: duckdb.DuckDBPyConnection, by: Sequence[str], params: dict[str, object]) -> pd.DataFrame:
    """Inspected and improved units per group (for example per year and round)."""
    return frame(con, rounds_sql(by), params)


def year_range(con: duckdb.DuckDBPyConnection) -> tuple[int, int] | None:
    """The first and last year with figures or inspections, or None for an empty database."""
    row = con.execute(
        "SELECT min(year), max(year) FROM (SELECT year FROM unit_years UNION ALL SELECT year FROM inspections)"
    ).fetchone()
    if row is None or row[0] is None:
        return None
    return int(row[0]), int(row[1])
