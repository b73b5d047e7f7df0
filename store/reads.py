"""The SQL of the Store's plain reads, and how a query's result is read; values always go in as parameters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypedDict

import duckdb

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
       rows_unchanged, units_created, is_demo, undone_at, undone_by, figures_new, figures_changed,
       figures_unchanged, rounds_new, rounds_changed, rounds_unchanged, year, inspection_round
FROM import_batches ORDER BY batch_id DESC"""

YEAR_BATCHES_SQL = """
SELECT DISTINCT y.year, b.batch_id, b.file_name, b.imported_by, b.imported_at
FROM (SELECT year, batch_id FROM unit_years UNION SELECT year, batch_id FROM inspections) y
JOIN import_batches b USING (batch_id)
ORDER BY y.year, b.batch_id"""

YEAR_RANGE_SQL = """
SELECT min(year), max(year) FROM (SELECT year FROM unit_years UNION ALL SELECT year FROM inspections)"""


class Filters(TypedDict, total=False):
    """The keyword filters of the counts queries: some unit types, levels or units (all when left out or
    empty), and whether merged and renamed units roll up into their successor (by the lineage events up to
    the end of year `rollup_through` when it is given, else by all of them)."""

    unit_types: Sequence[str] | None
    admin_levels: Sequence[str] | None
    unit_codes: Sequence[str] | None
    rollup: bool
    rollup_through: int | None


def frame(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, object] | None = None) -> pd.DataFrame:
    """Run one query and read its whole result as a DataFrame."""
    return con.execute(sql, params or {}).df()


def arrow(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, object] | None = None) -> pa.Table:
    """Run one query and read its whole result as an Arrow table (pandas is not loaded)."""
    return con.sql(sql, params=params or {}).to_arrow_table()


def listed(values: Sequence[object] | None) -> list[object] | None:
    """The values as a list, or None (no filter) when there are none."""
    return list(values) if values else None


def filter_params(
    y0: int,
    y1: int,
    unit_types: Sequence[str] | None = None,
    admin_levels: Sequence[str] | None = None,
    unit_codes: Sequence[str] | None = None,
    rollup: bool = False,
    rollup_through: int | None = None,
) -> dict[str, object]:
    """The named parameters shared by the counts queries."""
    return {
        "y0": y0,
        "y1": y1,
        "types": listed(unit_types),
        "levels": listed(admin_levels),
        "codes": listed(unit_codes),
        "rollup": rollup,
        "through": rollup_through,
    }
