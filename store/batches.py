"""Writes: every write is an import batch, applied in one transaction, keeping the rows it
overwrote so that undo restores exactly what was there before.

The incoming rows are compared with the stored rows inside the same transaction that writes
them, under the writers' lock: an import started twice, or re-run by a Streamlit rerun, finds
its rows unchanged the second time and writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from store.schema import WRITTEN_TABLES, TableSpec

STATUS_RANK = {"unchanged": 0, "changed": 1, "new": 2}


@dataclass(frozen=True)
class BatchMeta:
    """Who imported which file."""

    file_name: str
    sha256: str
    imported_by: str
    rows_read: int
    is_demo: bool = False


@dataclass
class Diff:
    """What a set of incoming rows would do: per file row and per changed cell."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    units_created: int = 0
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)  # source_row, table, key, status
    cells: pd.DataFrame = field(default_factory=pd.DataFrame)  # source_row, table, key, column, old, new

    @property
    def writes(self) -> bool:
        """Whether anything would be written."""
        return self.new + self.changed > 0


def _types(con: duckdb.DuckDBPyConnection, spec: TableSpec) -> dict[str, str]:
    rows = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?", [spec.name]
    ).fetchall()
    return {str(name): str(kind) for name, kind in rows}


def _on(spec: TableSpec, left: str, right: str) -> str:
    return " AND ".join(f"{left}.{k} = {right}.{k}" for k in spec.keys)


def _key_text(spec: TableSpec, alias: str) -> str:
    return "concat_ws(' · ', " + ", ".join(f"CAST({alias}.{k} AS VARCHAR)" for k in spec.keys) + ")"


def _stage(con: duckdb.DuckDBPyConnection, spec: TableSpec, rows: pd.DataFrame) -> None:
    """Copy incoming rows into a temporary table with the stored column types, and mark each."""
    types = _types(con, spec)
    data = rows.copy()
    if "source_row" not in data:
        data["source_row"] = pd.NA
    con.register("incoming_rows", data[[*spec.columns, "source_row"]])
    casts = ", ".join(f"CAST({c} AS {types[c]}) AS {c}" for c in spec.columns)
    stage_sql = f"CREATE OR REPLACE TEMP TABLE stage_{spec.name} AS SELECT {casts}, "
    stage_sql += "CAST(source_row AS INTEGER) AS source_row FROM incoming_rows"
    con.execute(stage_sql)
    con.unregister("incoming_rows")
    differs = " OR ".join(f"s.{v} IS DISTINCT FROM t.{v}" for v in spec.values) or "false"
    status_sql = f"""CREATE OR REPLACE TEMP TABLE status_{spec.name} AS
        SELECT s.*, CASE WHEN t.{spec.keys[0]} IS NULL THEN 'new'
                         WHEN {differs} THEN 'changed' ELSE 'unchanged' END AS status
        FROM stage_{spec.name} s LEFT JOIN {spec.name} t ON {_on(spec, "s", "t")}"""
    con.execute(status_sql)


def _cells_sql(spec: TableSpec, limit: int) -> str:
    parts = [
        f"""SELECT s.source_row, '{spec.name}' AS "table", {_key_text(spec, "s")} AS key, '{v}' AS "column",
                   CAST(t.{v} AS VARCHAR) AS old, CAST(s.{v} AS VARCHAR) AS new
            FROM status_{spec.name} s JOIN {spec.name} t ON {_on(spec, "s", "t")}
            WHERE s.status = 'changed' AND s.{v} IS DISTINCT FROM t.{v}"""
        for v in spec.values
    ]
    return " UNION ALL ".join(parts) + f" ORDER BY source_row LIMIT {int(limit)}"


def _rows_sql(spec: TableSpec) -> str:
    return f"""SELECT source_row, '{spec.name}' AS "table", {_key_text(spec, "s")} AS key, status
               FROM status_{spec.name} s"""


def diff(con: duckdb.DuckDBPyConnection, tables: Mapping[str, pd.DataFrame], cell_limit: int = 5000) -> Diff:
    """Stage the incoming rows and say, per file row, whether they are new, changed or unchanged."""
    specs = [s for s in WRITTEN_TABLES if s.name in tables]
    if not specs:
        return Diff()
    for spec in specs:
        _stage(con, spec, tables[spec.name])
    rows = con.execute(" UNION ALL ".join(_rows_sql(s) for s in specs)).df()
    cells = con.execute(" UNION ALL ".join(f"({_cells_sql(s, cell_limit)})" for s in specs)).df()
    return _summarise(rows, cells)


def _summarise(rows: pd.DataFrame, cells: pd.DataFrame) -> Diff:
    units_created = int(((rows["table"] == "units") & (rows["status"] == "new")).sum())
    # New units carry no file row of their own: the rows that name them are counted instead.
    by_row = rows if rows["source_row"].isna().all() else rows.dropna(subset=["source_row"])
    per_row = by_row.assign(rank=by_row["status"].map(STATUS_RANK)).groupby("source_row", dropna=False)["rank"].max()
    tally = per_row.value_counts()
    return Diff(
        new=int(tally.get(2, 0)),
        changed=int(tally.get(1, 0)),
        unchanged=int(tally.get(0, 0)),
        units_created=units_created,
        rows=rows,
        cells=cells,
    )


def next_batch_id(con: duckdb.DuckDBPyConnection) -> int:
    """The id the next batch gets."""
    row = con.execute("SELECT coalesce(max(batch_id), 0) + 1 FROM import_batches").fetchone()
    return int(row[0]) if row else 1


def write(
    con: duckdb.DuckDBPyConnection, tables: Mapping[str, pd.DataFrame], meta: BatchMeta
) -> tuple[int | None, Diff]:
    """Apply the incoming rows as one batch (the caller holds the transaction); None when nothing changes."""
    found = diff(con, tables)
    if not found.writes:
        return None, found
    batch_id = next_batch_id(con)
    con.execute(
        "INSERT INTO import_batches VALUES (?, ?, ?, ?, current_timestamp, ?, ?, ?, ?, ?, ?, NULL, NULL)",
        [batch_id, meta.file_name, meta.sha256, meta.imported_by, meta.rows_read,
         found.new, found.changed, found.unchanged, found.units_created, meta.is_demo],
    )
    for spec in WRITTEN_TABLES:
        if spec.name in tables:
            _apply(con, spec, batch_id)
    return batch_id, found


def _apply(con: duckdb.DuckDBPyConnection, spec: TableSpec, batch_id: int) -> None:
    keys = ", ".join(f"s.{k}" for k in spec.keys)
    olds = ", ".join(f"t.{v}" for v in spec.values)
    keep_sql = f"""INSERT INTO {spec.name}_prior
        SELECT $batch, t.{spec.keys[0]} IS NOT NULL, {keys}, {olds}, t.batch_id
        FROM status_{spec.name} s LEFT JOIN {spec.name} t ON {_on(spec, "s", "t")}
        WHERE s.status <> 'unchanged'"""
    con.execute(keep_sql, {"batch": batch_id})
    cols = ", ".join(spec.columns)
    put_sql = f"""INSERT OR REPLACE INTO {spec.name} ({cols}, batch_id)
        SELECT {cols}, $batch FROM status_{spec.name} WHERE status <> 'unchanged'"""
    con.execute(put_sql, {"batch": batch_id})
