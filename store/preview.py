"""What a preview tells beyond the file-row tally: per stored table, how many incoming rows are new, changed
and unchanged (a unit-year's figures and an inspection round are counted apart), and the new rows themselves.
Read from the `status_<table>` rows that batches.diff staged on the same connection."""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb

from store.schema import INSPECTIONS, UNIT_YEARS, UNITS, TableSpec

if TYPE_CHECKING:
    import pandas as pd

STATUSES = ("new", "changed", "unchanged")
COUNTED: tuple[TableSpec, ...] = (UNIT_YEARS, INSPECTIONS, UNITS)


def table_counts(con: duckdb.DuckDBPyConnection, names: list[str]) -> dict[str, dict[str, int]]:
    """New, changed and unchanged rows of each staged table among unit_years, inspections and units."""
    out: dict[str, dict[str, int]] = {}
    for spec in COUNTED:
        if spec.name in names:
            rows = con.execute(f"SELECT status, count(*) FROM status_{spec.name} GROUP BY status").fetchall()
            found = {str(s): int(n) for s, n in rows}
            out[spec.name] = {s: found.get(s, 0) for s in STATUSES}
    return out


def new_rows(con: duckdb.DuckDBPyConnection, name: str, limit: int, with_units: bool) -> pd.DataFrame:
    """The first `limit` new rows of a staged table, in file order (source_row first), with the unit's name
    (a registered unit's, or a new one's when `with_units`: the units were staged too)."""
    spec = next(s for s in COUNTED if s.name == name)
    cols = ", ".join(["r.unit_code", "n.unit_name", *(f"r.{c}" for c in spec.columns if c != "unit_code")])
    names = "SELECT unit_code, unit_name FROM units" + (
        " UNION ALL SELECT unit_code, unit_name FROM status_units WHERE status = 'new'" if with_units else "")
    return con.execute(
        f"""SELECT r.source_row, {cols}
            FROM status_{spec.name} r LEFT JOIN ({names}) n USING (unit_code)
            WHERE r.status = 'new' ORDER BY r.source_row, {', '.join(f"r.{k}" for k in spec.keys)} LIMIT ?""",
        [int(limit)]).df()
