"""Unique keys, kept by the store itself: `unit_years` and `inspections` have no primary key (its
index cost more than half of writing a million rows), so every write transaction checks the keys
it is about to write before it writes them, and raises StoreError instead, leaving nothing written.

Writers are serialised (the writers' lock) and compare with the stored rows inside their own
transaction, so a key that is new there is absent from the table; what can still go wrong is a
key written twice by the same transaction, or a row put back by undo over a row still there.
"""

from __future__ import annotations

import duckdb

from common.errors import StoreError
from store.schema import TableSpec


def _fail(spec: TableSpec, key: tuple[object, ...]) -> StoreError:
    return StoreError("store.duplicate_key", table=spec.name, keys=" · ".join(str(v) for v in key))


def _refuse_any(con: duckdb.DuckDBPyConnection, spec: TableSpec, keys_sql: str,
                params: dict[str, object] | None) -> None:
    """StoreError naming the first key `keys_sql` finds, if it finds one."""
    found = con.execute(keys_sql + " LIMIT 1", params or {}).fetchone()
    if found:
        raise _fail(spec, found)


def require_unique(con: duckdb.DuckDBPyConnection, spec: TableSpec, rows_sql: str,
                   params: dict[str, object] | None = None) -> None:
    """StoreError when a key occurs more than once among the rows `rows_sql` selects.

    First as many distinct hashes of the key as rows, which proves every key distinct and costs less than
    grouping by the key itself (a million text keys); only when that fails are the keys grouped to name one."""
    keys = ", ".join(spec.keys)
    found = con.execute(f"SELECT count(*) - count(DISTINCT hash({keys})) FROM ({rows_sql})", params or {}).fetchall()
    if found and found[0][0] == 0:
        return
    _refuse_any(con, spec, f"SELECT {keys} FROM ({rows_sql}) GROUP BY ALL HAVING count(*) > 1", params)


def require_absent(con: duckdb.DuckDBPyConnection, spec: TableSpec, rows_sql: str,
                   params: dict[str, object] | None = None) -> None:
    """StoreError when a key of the rows `rows_sql` selects is already in the table."""
    keys = ", ".join(spec.keys)
    _refuse_any(con, spec, f"SELECT {keys} FROM ({rows_sql}) r SEMI JOIN {spec.name} t USING ({keys})", params)
