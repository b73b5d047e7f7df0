"""What undoing a batch would do, told before it is done: the file, who imported it and when, and per table
the rows it would remove (those the batch created) and restore (those it overwrote), the years and units."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb

from common.errors import UndoError
from store.schema import INSPECTIONS, UNIT_YEARS, UNITS, TableSpec
from store.undo import blockers

_TABLES: tuple[TableSpec, ...] = (UNIT_YEARS, INSPECTIONS, UNITS)


@dataclass(frozen=True)
class UndoSummary:
    """A batch and what undoing it removes and restores, per table (unit_years, inspections, units)."""

    batch_id: int
    file_name: str
    imported_by: str
    imported_at: dt.datetime
    rows_read: int
    undone_at: dt.datetime | None
    removes: dict[str, int] = field(default_factory=dict)
    restores: dict[str, int] = field(default_factory=dict)
    years: list[int] = field(default_factory=list)
    units: int = 0
    units_created: list[str] = field(default_factory=list)
    blockers: list[int] = field(default_factory=list)


def _count(con: duckdb.DuckDBPyConnection, sql: str, batch_id: int) -> int:
    row = con.execute(sql, {"batch": batch_id}).fetchone()
    return int(row[0]) if row else 0


def _removes(con: duckdb.DuckDBPyConnection, spec: TableSpec, batch_id: int) -> int:
    """Rows that carry the batch's id and that it did not overwrite: they go."""
    on = " AND ".join(f"p.{k} = t.{k}" for k in spec.keys)
    return _count(con, f"""SELECT count(*) FROM {spec.name} t WHERE t.batch_id = $batch AND NOT EXISTS (
        SELECT 1 FROM {spec.name}_prior p WHERE p.batch_id = $batch AND p.existed AND {on})""", batch_id)


def _restores(con: duckdb.DuckDBPyConnection, spec: TableSpec, batch_id: int) -> int:
    return _count(con, f"SELECT count(*) FROM {spec.name}_prior WHERE batch_id = $batch AND existed", batch_id)


def _touched(con: duckdb.DuckDBPyConnection, batch_id: int) -> tuple[list[int], int]:
    """The years and the number of units the batch's figures and inspections are about."""
    rows = con.execute("""SELECT DISTINCT unit_code, year FROM (
        SELECT unit_code, year FROM unit_years WHERE batch_id = $batch
        UNION ALL SELECT unit_code, year FROM inspections WHERE batch_id = $batch
        UNION ALL SELECT unit_code, year FROM unit_years_prior WHERE batch_id = $batch
        UNION ALL SELECT unit_code, year FROM inspections_prior WHERE batch_id = $batch)""",
                       {"batch": batch_id}).fetchall()
    return sorted({int(y) for _, y in rows}), len({c for c, _ in rows})


def summary(con: duckdb.DuckDBPyConnection, batch_id: int) -> UndoSummary:
    """What undoing the batch would do; UndoError when there is no such batch."""
    row = con.execute("SELECT file_name, imported_by, imported_at, rows_read, undone_at FROM import_batches "
                      "WHERE batch_id = ?", [batch_id]).fetchone()
    if row is None:
        raise UndoError("undo.no_batch", batch=batch_id)
    years, units = _touched(con, batch_id)
    created = con.execute("SELECT unit_name FROM units WHERE batch_id = $batch ORDER BY unit_name",
                          {"batch": batch_id}).fetchall()
    later = [] if row[4] is not None else blockers(con, batch_id)
    return UndoSummary(batch_id, str(row[0]), str(row[1]), row[2], int(row[3]), row[4],
                       {s.name: _removes(con, s, batch_id) for s in _TABLES},
                       {s.name: _restores(con, s, batch_id) for s in _TABLES}, years, units,
                       [str(r[0]) for r in created], later)
