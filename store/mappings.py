"""Column mappings people chose, remembered by the headings of the file they chose them for."""

from __future__ import annotations

import json

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
