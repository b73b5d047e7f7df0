"""Undo a batch: put back the rows it overwrote and remove the rows it added.

A batch keeps a prior row only for each key it changed (`existed`); the keys it created are
the rows that still carry its `batch_id` and have no such prior row. Databases written before
this kept a prior row with `existed = false` for each created key too; those are still read.

A batch can be undone only while no later batch that is still in force wrote the same rows,
and only while no other batch's rows belong to a unit that the batch created: otherwise undo
would throw away later work. The message names the batches to undo first.
"""

from __future__ import annotations

import duckdb

from common.errors import UndoError
from store.schema import UNITS, WRITTEN_TABLES, TableSpec
from store.unique import require_absent, require_unique


def _written_keys(spec: TableSpec, with_table: bool) -> str:
    """Keys the batch $batch wrote: its own prior rows, the prior rows of the first later batch
    that changed a key it wrote (prior_batch), and optionally the rows that still carry its id."""
    keys = ", ".join(spec.keys)
    parts = [f"SELECT {keys} FROM {spec.name}_prior WHERE batch_id = $batch",
             f"SELECT {keys} FROM {spec.name}_prior WHERE prior_batch = $batch"]
    if with_table:
        parts.append(f"SELECT {keys} FROM {spec.name} WHERE batch_id = $batch")
    return " UNION ".join(parts)


def _later_writers(con: duckdb.DuckDBPyConnection, spec: TableSpec, batch_id: int) -> set[int]:
    on = " AND ".join(f"w.{k} = p.{k}" for k in spec.keys)
    sql = f"""SELECT DISTINCT p.batch_id FROM ({_written_keys(spec, False)}) w
        JOIN {spec.name}_prior p ON {on} AND p.batch_id > $batch
        JOIN import_batches b ON b.batch_id = p.batch_id AND b.undone_at IS NULL"""
    return {int(r[0]) for r in con.execute(sql, {"batch": batch_id}).fetchall()}


def _created_units() -> str:
    """Units the batch $batch created: written by it, and not changed by it."""
    return f"""SELECT unit_code FROM units_prior WHERE batch_id = $batch AND NOT existed
        UNION (({_written_keys(UNITS, True)})
               EXCEPT SELECT unit_code FROM units_prior WHERE batch_id = $batch AND existed)"""


def _dependants(con: duckdb.DuckDBPyConnection, batch_id: int) -> set[int]:
    sql = f"""SELECT DISTINCT r.batch_id FROM ({_created_units()}) c
        JOIN (SELECT unit_code, batch_id FROM unit_years UNION ALL SELECT unit_code, batch_id FROM inspections) r
          ON r.unit_code = c.unit_code AND r.batch_id <> $batch"""
    return {int(r[0]) for r in con.execute(sql, {"batch": batch_id}).fetchall()}


def blockers(con: duckdb.DuckDBPyConnection, batch_id: int) -> list[int]:
    """Batches in force that must be undone before this one can be."""
    found: set[int] = _dependants(con, batch_id)
    for spec in WRITTEN_TABLES:
        found |= _later_writers(con, spec, batch_id)
    return sorted(found - {batch_id})


def _check(con: duckdb.DuckDBPyConnection, batch_id: int) -> None:
    row = con.execute("SELECT undone_at FROM import_batches WHERE batch_id = ?", [batch_id]).fetchone()
    if row is None:
        raise UndoError("undo.no_batch", batch=batch_id)
    if row[0] is not None:
        raise UndoError("undo.already", batch=batch_id)
    later = blockers(con, batch_id)
    if later:
        raise UndoError("undo.blocked", batch=batch_id, later=", ".join(f"#{b}" for b in later))


def _restore(con: duckdb.DuckDBPyConnection, spec: TableSpec, batch_id: int) -> None:
    # No later batch in force wrote these keys (see blockers), so every key this batch wrote, created or
    # changed, still carries its id: those rows go, then the changed keys' old rows come back.
    con.execute(f"DELETE FROM {spec.name} WHERE batch_id = $batch", {"batch": batch_id})
    cols = ", ".join(spec.columns)
    olds = f"SELECT {cols}, prior_batch FROM {spec.name}_prior WHERE batch_id = $batch AND existed"
    require_unique(con, spec, olds, {"batch": batch_id})
    require_absent(con, spec, olds, {"batch": batch_id})
    con.execute(f"INSERT INTO {spec.name} ({cols}, batch_id) {olds}", {"batch": batch_id})


def undo(con: duckdb.DuckDBPyConnection, batch_id: int, who: str) -> None:
    """Undo one batch inside the caller's transaction, or raise UndoError saying why not."""
    _check(con, batch_id)
    for spec in [s for s in WRITTEN_TABLES if s is not UNITS] + [UNITS]:
        _restore(con, spec, batch_id)
    con.execute(
        "UPDATE import_batches SET undone_at = current_timestamp, undone_by = ? WHERE batch_id = ?",
        [who, batch_id],
    )
