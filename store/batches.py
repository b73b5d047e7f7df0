"""Writes: every write is an import batch, applied in one transaction, keeping the rows it
overwrote so that undo restores exactly what was there before.

The incoming rows are compared with the stored rows inside the same transaction that writes
them, under the writers' lock: an import started twice, or re-run by a Streamlit rerun, finds
its rows unchanged the second time and writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TypeAlias

import duckdb

from store.preview import table_counts
from store.schema import UNITS, WRITTEN_TABLES, TableSpec
from store.unique import require_unique

if TYPE_CHECKING:  # pandas only where a DataFrame is built: a command-line import of Arrow rows never loads it
    import pandas as pd
    import pyarrow as pa

Incoming: TypeAlias = "pd.DataFrame | pa.Table"  # rows to write, with an optional `source_row` column

# The changed cells a Diff lists, with the dtypes DuckDB's .df() gave them.
CELL_TYPES = {"source_row": "Int32", "table": "str", "key": "str", "column": "str", "old": "str", "new": "str"}


@dataclass(frozen=True)
class BatchMeta:
    """Who imported which file."""

    file_name: str
    sha256: str
    imported_by: str
    rows_read: int
    is_demo: bool = False
    year: int | None = None  # the rows' year when the file gave it only in its title, or the person did
    inspection_round: int | None = None  # likewise the round


@dataclass
class Diff:
    """What a set of incoming rows would do: file rows new, changed, unchanged, and the changed cells."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    units_created: int = 0
    cell_rows: list[tuple[object, ...]] = field(default_factory=list, repr=False)  # in CELL_TYPES order
    changed_tables: tuple[str, ...] = ()  # the tables where some incoming row changes a stored one
    tables: dict[str, dict[str, int]] = field(default_factory=dict)  # per table: new/changed/unchanged rows
    new_rows: pd.DataFrame | None = field(default=None, repr=False)  # the first new unit-years (a preview's)

    @property
    def writes(self) -> bool:
        """Whether anything would be written."""
        return self.new + self.changed > 0

    @cached_property
    def cells(self) -> pd.DataFrame:
        """The changed cells: source_row, table, key, column, old, new (built on first use)."""
        import pandas as pd

        return pd.DataFrame(self.cell_rows, columns=list(CELL_TYPES)).astype(CELL_TYPES)


def _types(con: duckdb.DuckDBPyConnection, spec: TableSpec) -> dict[str, str]:
    rows = con.execute(  # duckdb_columns(): information_schema is far slower inside a big transaction
        "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? AND schema_name = 'main' "
        "AND database_name = current_database()", [spec.name]
    ).fetchall()
    return {str(name): str(kind) for name, kind in rows}


def _on(spec: TableSpec, left: str, right: str) -> str:
    return " AND ".join(f"{left}.{k} = {right}.{k}" for k in spec.keys)


def _key_text(spec: TableSpec, alias: str) -> str:
    return "concat_ws(' · ', " + ", ".join(f"CAST({alias}.{k} AS VARCHAR)" for k in spec.keys) + ")"


def _stage(con: duckdb.DuckDBPyConnection, spec: TableSpec, rows: Incoming) -> bool:
    """Mark each incoming row, cast to the stored column types, new, changed or unchanged against the
    stored rows (one set-based pass, no Python loop), as `status_<table>`.

    A value column the incoming rows do not have (a file without that column) keeps what is stored: the
    file says nothing about it. The key columns must all be there.

    When no incoming key is stored yet (a new year, a new database) every row is new, and `status_<table>`
    is a view of the incoming rows instead of a copy: a million rows are then copied once, by the insert.
    True in that case."""
    types = _types(con, spec)
    incoming = f"incoming_{spec.name}"
    con.register(incoming, rows)  # until the connection closes: a view may read it
    names = [str(c[0]) for c in con.execute(f"SELECT * FROM {incoming} LIMIT 0").description]
    if missing := [k for k in spec.keys if k not in names]:
        raise ValueError(f"{spec.name}: incoming rows without key columns {missing}")
    given = [c for c in spec.columns if c in names]
    absent = [v for v in spec.values if v not in names]
    source = "CAST(source_row AS INTEGER)" if "source_row" in names else "CAST(NULL AS INTEGER)"
    casts = ", ".join(f"CAST({c} AS {types[c]}) AS {c}" for c in given)
    cast_rows = f"SELECT {casts}, {source} AS source_row FROM {incoming}"
    keys = ", ".join(spec.keys)
    stored = con.execute(f"SELECT 1 FROM ({cast_rows}) s SEMI JOIN {spec.name} t USING ({keys}) LIMIT 1").fetchall()
    if not stored:
        nulls = "".join(f", CAST(NULL AS {types[v]}) AS {v}" for v in absent)
        con.execute(f"CREATE OR REPLACE TEMP VIEW status_{spec.name} AS "
                    f"SELECT *{nulls}, 'new' AS status FROM ({cast_rows})")
        return True
    kept = "".join(f", t.{v} AS {v}" for v in absent)
    differs = " OR ".join(f"s.{v} IS DISTINCT FROM t.{v}" for v in spec.values if v in given) or "false"
    con.execute(f"""CREATE OR REPLACE TEMP TABLE status_{spec.name} AS
        SELECT s.*{kept}, CASE WHEN t.{spec.keys[0]} IS NULL THEN 'new'
                         WHEN {differs} THEN 'changed' ELSE 'unchanged' END AS status
        FROM ({cast_rows}) s
        LEFT JOIN {spec.name} t ON {_on(spec, "s", "t")}""")
    return False


def _cells_sql(spec: TableSpec, limit: int) -> str:
    parts = [
        f"""SELECT s.source_row, '{spec.name}' AS "table", {_key_text(spec, "s")} AS key, '{v}' AS "column",
                   CAST(t.{v} AS VARCHAR) AS old, CAST(s.{v} AS VARCHAR) AS new
            FROM status_{spec.name} s JOIN {spec.name} t ON {_on(spec, "s", "t")}
            WHERE s.status = 'changed' AND s.{v} IS DISTINCT FROM t.{v}"""
        for v in spec.values
    ]
    return " UNION ALL ".join(parts) + f" ORDER BY source_row LIMIT {int(limit)}"


def _all_new_sql(specs: list[TableSpec]) -> str:
    """The same count as _tally_sql's first when every row is new: the distinct file rows (or one, for rows
    that carry none), without ranking each."""
    rows = " UNION ALL ".join(f"SELECT source_row FROM status_{s.name}" for s in specs)
    return f"""SELECT count(DISTINCT source_row) + CASE WHEN count(source_row) = 0 AND count(*) > 0 THEN 1 ELSE 0 END,
        0, 0 FROM ({rows})"""


def _tally_sql(specs: list[TableSpec]) -> str:
    """New, changed and unchanged file rows: a row counts once, by the strongest status of what it wrote.

    New units carry no file row of their own: the rows that name them are counted instead."""
    ranked = " UNION ALL ".join(
        f"SELECT source_row, CASE status WHEN 'new' THEN 2 WHEN 'changed' THEN 1 ELSE 0 END AS rank "
        f"FROM status_{s.name}" for s in specs
    )
    return f"""WITH r AS ({ranked}),
        f AS (SELECT * FROM r WHERE source_row IS NOT NULL
              OR NOT EXISTS (SELECT 1 FROM r WHERE source_row IS NOT NULL)),
        per AS (SELECT max(rank) AS rank FROM f GROUP BY source_row)
        SELECT count(*) FILTER (WHERE rank = 2), count(*) FILTER (WHERE rank = 1),
               count(*) FILTER (WHERE rank = 0) FROM per"""


def diff(con: duckdb.DuckDBPyConnection, tables: Mapping[str, Incoming], cell_limit: int = 5000) -> Diff:
    """Stage the incoming rows and count the file rows that are new, changed or unchanged."""
    specs = [s for s in WRITTEN_TABLES if s.name in tables]
    if not specs:
        return Diff()
    all_new = [_stage(con, spec, tables[spec.name]) for spec in specs]
    tally = con.execute(_all_new_sql(specs) if all(all_new) else _tally_sql(specs)).fetchone()
    new, changed, unchanged = (int(v) for v in tally) if tally else (0, 0, 0)
    created = 0
    if any(s is UNITS for s in specs):
        found = con.execute("SELECT count(*) FROM status_units WHERE status = 'new'").fetchone()
        created = int(found[0]) if found else 0
    cells: list[tuple[object, ...]] = []
    # each part joins the whole stored table; a table staged as all new has no changed row to look for
    touched = [s for s, new_only in zip(specs, all_new, strict=True) if not new_only and _has_changed(con, s)]
    if touched:
        cells = con.execute(" UNION ALL ".join(f"({_cells_sql(s, cell_limit)})" for s in touched)).fetchall()
    return Diff(new, changed, unchanged, created, cells, tuple(s.name for s in touched))


def next_batch_id(con: duckdb.DuckDBPyConnection) -> int:
    """The id the next batch gets."""
    row = con.execute("SELECT coalesce(max(batch_id), 0) + 1 FROM import_batches").fetchone()
    return int(row[0]) if row else 1


def write(
    con: duckdb.DuckDBPyConnection, tables: Mapping[str, Incoming], meta: BatchMeta
) -> tuple[int | None, Diff]:
    """Apply the incoming rows as one batch (the caller holds the transaction); None when nothing changes."""
    found = diff(con, tables)
    if not found.writes:
        return None, found
    specs = [s for s in WRITTEN_TABLES if s.name in tables]
    for spec in specs:  # a key twice among the staged rows would be stored twice: refuse before writing
        require_unique(con, spec, f"SELECT * FROM status_{spec.name}")
    batch_id = next_batch_id(con)
    found.tables = table_counts(con, list(tables))
    record(con, batch_id, meta, found)
    for spec in specs:
        _apply(con, spec, batch_id, spec.name in found.changed_tables)
    return batch_id, found


BATCH_COLUMNS = ("batch_id", "file_name", "sha256", "imported_by", "rows_read", "rows_new", "rows_changed",
                 "rows_unchanged", "units_created", "is_demo", "figures_new", "figures_changed", "figures_unchanged",
                 "rounds_new", "rounds_changed", "rounds_unchanged", "year", "inspection_round")


def record(con: duckdb.DuckDBPyConnection, batch_id: int, meta: BatchMeta, found: Diff) -> None:
    """The batch's row in the history: who, which file, and what it wrote in the preview's words (file rows;
    unit-year figures and inspection rounds new, changed and unchanged), with the year and round it was given."""
    figures, rounds = (found.tables.get(n) or {} for n in ("unit_years", "inspections"))
    values = [batch_id, meta.file_name, meta.sha256, meta.imported_by, meta.rows_read, found.new, found.changed,
              found.unchanged, found.units_created, meta.is_demo,
              *(figures.get(s) for s in ("new", "changed", "unchanged")),
              *(rounds.get(s) for s in ("new", "changed", "unchanged")), meta.year, meta.inspection_round]
    con.execute(f"INSERT INTO import_batches ({', '.join(BATCH_COLUMNS)}, imported_at) "
                f"VALUES ({', '.join('?' * len(BATCH_COLUMNS))}, current_timestamp)", values)


def _has_changed(con: duckdb.DuckDBPyConnection, spec: TableSpec) -> bool:
    found = con.execute(f"SELECT 1 FROM status_{spec.name} WHERE status = 'changed' LIMIT 1").fetchall()
    return bool(found)


def _apply(con: duckdb.DuckDBPyConnection, spec: TableSpec, batch_id: int, changed: bool) -> None:
    olds = ", ".join(f"t.{v}" for v in spec.values)
    # Prior rows only for changed keys (their old row); undo finds the keys a batch created by its batch_id.
    changed_sql = f"""INSERT INTO {spec.name}_prior
        SELECT $batch, true, {", ".join(f"s.{k}" for k in spec.keys)}, {olds}, t.batch_id
        FROM status_{spec.name} s JOIN {spec.name} t ON {_on(spec, "s", "t")} WHERE s.status = 'changed'"""
    # The big tables have no key to upsert on: the changed keys' rows go, then new and changed rows come in.
    drop_changed = f"""DELETE FROM {spec.name} t USING status_{spec.name} s
        WHERE {_on(spec, "s", "t")} AND s.status = 'changed'"""
    cols = ", ".join(spec.columns)
    put_sql = f"""INSERT INTO {spec.name} ({cols}, batch_id)
        SELECT {cols}, $batch FROM status_{spec.name} WHERE status <> 'unchanged'"""
    if changed:  # both join the whole stored table: skipped when every key is new
        con.execute(changed_sql, {"batch": batch_id})
        con.execute(drop_changed)
    con.execute(put_sql, {"batch": batch_id})
