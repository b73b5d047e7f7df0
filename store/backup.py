"""A consistent copy of the database, what it holds, and putting a copy back in its place.

The copy is taken while the file is held (see Database.holding): no import is between its start and its
commit, and no other process has the file open, so the copy holds each batch whole or not at all. It is
then opened on its own and must hold what the original held."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from common.errors import StoreError
from store import warm
from store.connection import Database, translated
from store.copies import copy_file

TABLES = ("import_batches", "units", "unit_lineage", "unit_years", "inspections")


@dataclass(frozen=True)
class Contents:
    """What a database holds, as a person checks it: batches, years, units, and the rows of each table."""

    schema_version: int
    batches: int
    batches_undone: int
    first_year: int | None
    last_year: int | None
    years: int
    units: int
    rows: dict[str, int]

    def as_json(self) -> dict[str, object]:
        """The contents as a JSON object (for a backup's manifest)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Contents:
        """The contents a manifest recorded."""
        return cls(**data)  # type: ignore[arg-type]


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[int | None, ...]:
    rows = con.execute(sql).fetchall()  # fetchall: leave no result open (see store.connection._migrate)
    return tuple(None if v is None else int(v) for v in rows[0])


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return _one(con, sql)[0] or 0


def contents(con: duckdb.DuckDBPyConnection) -> Contents:
    """What the database on this connection holds (any schema version; nothing is changed)."""
    version = _count(con, "SELECT coalesce(max(version), 0) FROM schema_version")
    in_force, undone = _one(con, "SELECT count(*) FILTER (undone_at IS NULL), count(*) FILTER (undone_at IS NOT NULL)"
                                 " FROM import_batches")
    first, last, years = _one(con, "SELECT min(year), max(year), count(DISTINCT year) FROM unit_years")
    rows = {table: _count(con, f"SELECT count(*) FROM {table}") for table in TABLES}  # the names are ours
    return Contents(version, in_force or 0, undone or 0, first, last, years or 0, rows["units"], rows)


def snapshot(db: Database, dest: Path) -> Contents:
    """Copy the database to `dest` as one moment left it (whatever the server and imports are doing), check
    the copy by opening it, and say what it holds. The original is neither migrated nor changed."""
    if not db.exists():
        raise StoreError("store.missing", path=str(db.path))
    with db.holding() as con:
        found = contents(con)
        con.execute("CHECKPOINT")  # everything committed is in the file itself, the write-ahead log empty
        copy_file(db.path, dest)
    check_copy(dest, found)
    return found


def read_contents(path: Path) -> Contents:
    """What a database file holds, opened read-only on its own (a copy that does not open is damaged)."""
    if warm.holds(path):  # this process reads it already: DuckDB refuses a read-only connection beside that
        with Database(path).opened_as_is() as con:
            return contents(con)
    try:
        con = duckdb.connect(str(path), read_only=True)
    except (duckdb.Error, OSError) as exc:
        raise translated(exc, path) from exc
    try:
        return contents(con)
    except (duckdb.Error, OSError) as exc:
        raise translated(exc, path) from exc
    finally:
        con.close()


def check_copy(path: Path, expected: Contents) -> None:
    """Open a copy and make sure it holds what its original held, or raise StoreError."""
    if read_contents(path) != expected:
        raise StoreError("backup.copy_differs", path=str(path))


def put_back(copy: Path, db: Database) -> None:
    """Move a checked copy into the database's place. Under the writers' lock; an existing database is first
    held (so that no reader is inside it) and then replaced whole, its write-ahead log with it."""
    with db.writers():
        db.reads().close()  # this process's shared reads must not keep the replaced file's instance
        if db.exists():
            _let_go(db)
        Path(f"{db.path}.wal").unlink(missing_ok=True)  # a log of the replaced file must not meet the new one
        os.replace(copy, db.path)


def _let_go(db: Database) -> None:
    """Wait until no other process has the database open (a damaged one is replaced as it is)."""
    try:
        with db.opened_as_is() as con:
            con.execute("CHECKPOINT")
    except StoreError as exc:
        if exc.key not in ("store.damaged", "store.unreadable", "store.failed"):
            raise


__all__ = ["Contents", "check_copy", "contents", "put_back", "read_contents", "snapshot"]
