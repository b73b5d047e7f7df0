"""Whether password sign-in was ever configured, recorded beside the user list (`<user list>.sign-in`, e.g.
~/.config/cchc/users.json.sign-in) and beside the database (`<database>.sign-in`). `python -m auth` writes them
whenever the list has a password user, and the server writes the first each time it finds one (a list made on
the users page): the record is where the server looks whatever environment (CCHC_DB) the command ran in.

Without the record, a user list that vanishes while the server runs (moved, deleted, a mount missing) would
turn sign-in off: visitors from elsewhere would see everything and local ones become analysts. With it, a
missing list stops every page instead (fail closed). To turn sign-in off on purpose, delete the user list and
these records."""

from __future__ import annotations

import json
from pathlib import Path

from auth.users import UserFile
from common import settings


def record_paths(users: UserFile, db: Path | None = None) -> tuple[Path, Path]:
    """Where the record lives: beside the user list, and beside the database."""
    return Path(f"{users.path}.sign-in"), Path(f"{db or settings.db_path()}.sign-in")


def record_path(users: UserFile, db: Path | None = None) -> Path:
    """The record the messages name: the one beside the user list."""
    return record_paths(users, db)[0]


def remember(users: UserFile, db: Path | None = None, beside_database: bool = True) -> None:
    """Record that sign-in is configured, when the list has a password user (once per place; kept afterwards).
    A place that cannot be written (a read-only database folder) is skipped: the other one still holds."""
    if not users.has_local_users():
        return
    body = json.dumps({"users_file": str(users.path)}, ensure_ascii=False) + "\n"
    places = record_paths(users, db)
    for path in places if beside_database else places[:1]:
        if path.exists():
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body, encoding="utf-8")
        except OSError:
            continue


def was_configured(users: UserFile, db: Path | None = None) -> bool:
    """Whether sign-in was recorded as configured, beside this user list or this database."""
    return any(path.exists() for path in record_paths(users, db))
