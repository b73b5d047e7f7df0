"""Column mappings people chose, remembered by the headings of the file they chose them for."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import duckdb

# v3: the table of remembered mappings (see store.schema.MIGRATIONS)
SCHEMA = (
    """CREATE TABLE column_mappings (
        headings_key VARCHAR PRIMARY KEY,
        headings VARCHAR NOT NULL,
        choices VARCHAR NOT NULL,
        saved_by VARCHAR NOT NULL,
        saved_at TIMESTAMP NOT NULL)""",
)


def saved(con: duckdb.DuckDBPyConnection, key: str) -> dict[str, str] | None:
    """The choices saved for files with these headings (folded heading → field, "" left out), or None."""
    row = con.execute("SELECT choices FROM column_mappings WHERE headings_key = ?", [key]).fetchone()
    return None if row is None else {str(k): str(v) for k, v in json.loads(row[0]).items()}


def save(con: duckdb.DuckDBPyConnection, key: str, headings: list[str], choices: dict[str, str], who: str) -> None:
    """Remember the choices for files with these headings, replacing what was saved before."""
    con.execute(
        """INSERT INTO column_mappings VALUES (?, ?, ?, ?, current_timestamp)
           ON CONFLICT (headings_key) DO UPDATE SET headings = excluded.headings, choices = excluded.choices,
             saved_by = excluded.saved_by, saved_at = excluded.saved_at""",
        [key, json.dumps(headings, ensure_ascii=False), json.dumps(choices, ensure_ascii=False), who],
    )


@dataclass(frozen=True)
class RememberedMapping:
    """A remembered mapping: the headings it is for, the choices (folded heading → field, "" left out), who
    saved it and when."""

    key: str
    headings: list[str]
    choices: dict[str, str]
    saved_by: str
    saved_at: dt.datetime


_COLUMNS = "SELECT headings_key, headings, choices, saved_by, saved_at FROM column_mappings"


def _entry(row: tuple[object, ...]) -> RememberedMapping:
    key, headings, choices, who, when = row
    return RememberedMapping(str(key), [str(h) for h in json.loads(str(headings))],
                             {str(k): str(v) for k, v in json.loads(str(choices)).items()}, str(who),
                             when)  # type: ignore[arg-type]


def entry(con: duckdb.DuckDBPyConnection, key: str) -> RememberedMapping | None:
    """The mapping remembered for files with these headings, with who saved it and when, or None."""
    row = con.execute(_COLUMNS + " WHERE headings_key = ?", [key]).fetchone()
    return None if row is None else _entry(row)


def listed(con: duckdb.DuckDBPyConnection) -> list[RememberedMapping]:
    """Every remembered mapping, the latest saved first."""
    return [_entry(r) for r in con.execute(_COLUMNS + " ORDER BY saved_at DESC, headings_key").fetchall()]


def forget(con: duckdb.DuckDBPyConnection, key: str) -> bool:
    """Forget the mapping remembered under this key; whether there was one."""
    found = con.execute("DELETE FROM column_mappings WHERE headings_key = ? RETURNING headings_key", [key]).fetchall()
    return bool(found)
