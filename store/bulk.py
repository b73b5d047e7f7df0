"""The bulk path into an empty database: generated rows written file by file with the same
bookkeeping as an import (one batch per file; new keys keep no prior row), without the
row-by-row comparison an import needs, because every row of an empty database is new.

Used by the national-scale benchmark (bench/scale_data.py); tests/store/test_scale_data.py
shows that it gives the same tables as the import path for the same files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TypeAlias

import duckdb

from common.errors import StoreError
from store.batches import BatchMeta, Diff, next_batch_id, record
from store.schema import WRITTEN_TABLES, TableSpec
from store.unique import require_unique

if TYPE_CHECKING:
    import pandas as pd

Batch: TypeAlias = "tuple[BatchMeta, Mapping[str, pd.DataFrame]]"


def require_empty(con: duckdb.DuckDBPyConnection, path: str) -> None:
    """StoreError unless every table an import writes is empty."""
    for spec in WRITTEN_TABLES:
        row = con.execute(f"SELECT count(*) FROM {spec.name}").fetchone()
        if row and row[0]:
            raise StoreError("store_bulk.not_empty", path=path, table=spec.name)


def _types(con: duckdb.DuckDBPyConnection, spec: TableSpec) -> dict[str, str]:
    rows = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?", [spec.name]
    ).fetchall()
    return {str(name): str(kind) for name, kind in rows}


def _insert(con: duckdb.DuckDBPyConnection, spec: TableSpec, rows: pd.DataFrame, batch_id: int) -> None:
    """The rows with the stored column types; new keys need no prior row (undo finds them by batch_id)."""
    types = _types(con, spec)
    con.register("bulk_rows", rows[list(spec.columns)])
    casts = ", ".join(f"CAST({c} AS {types[c]})" for c in spec.columns)
    con.execute(f"INSERT INTO {spec.name} ({', '.join(spec.columns)}, batch_id) SELECT {casts}, $b FROM bulk_rows",
                {"b": batch_id})
    con.unregister("bulk_rows")


def _file_rows(tables: Mapping[str, pd.DataFrame]) -> int:
    """File rows the batch writes: distinct `source_row` values, as an import counts them."""
    import pandas as pd

    rows = [frame["source_row"] for frame in tables.values() if "source_row" in frame and len(frame)]
    return int(pd.concat(rows).nunique()) if rows else 0


def load(con: duckdb.DuckDBPyConnection, batches: Sequence[Batch]) -> list[int]:
    """Write each batch in order (the caller holds the transaction); the batch ids."""
    ids = []
    for meta, tables in batches:
        batch_id = next_batch_id(con)
        counted = {n: {"new": len(tables[n]), "changed": 0, "unchanged": 0}
                   for n in ("unit_years", "inspections") if n in tables}
        record(con, batch_id, meta, Diff(_file_rows(tables), 0, 0, len(tables.get("units", ())), tables=counted))
        for spec in WRITTEN_TABLES:
            if spec.name in tables and len(tables[spec.name]):
                _insert(con, spec, tables[spec.name], batch_id)
        ids.append(batch_id)
    for spec in WRITTEN_TABLES:  # the database was empty: every row is this transaction's, one key once
        require_unique(con, spec, f"SELECT * FROM {spec.name}")
    return ids
