"""Whether password sign-in was ever configured for a database, recorded beside it (`<database>.sign-in`,
e.g. data/cchc.duckdb.sign-in) by `python -m auth` whenever the user list has a password user.

Without the record, a user list that vanishes while the server runs (moved, deleted, a mount missing) would
turn sign-in off: visitors from elsewhere would see everything and local ones become analysts. With it, a
missing list stops every page instead (fail closed). To turn sign-in off on purpose, delete both the user
list and this file."""

from __future__ import annotations

import json
from pathlib import Path

from auth.users import UserFile
from common import settings


def record_path(db: Path | None = None) -> Path:
    """Where the record of this database lives."""
    return Path(f"{db or settings.db_path()}.sign-in")


def remember(users: UserFile, db: Path | None = None) -> None:
    """Record that sign-in is configured, when the list has a password user (once; kept afterwards)."""
    path = record_path(db)
    if path.exists() or not users.has_local_users():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"users_file": str(users.path)}, ensure_ascii=False) + "\n", encoding="utf-8")


def was_configured(db: Path | None = None) -> bool:
    """Whether sign-in was recorded as configured for this database."""
    return record_path(db).exists()
