"""The server's secret that signs the sign-in cookie: the setting CCHC_SESSION_SECRET, or else a file generated
once beside the user list (`<user list>.secret`, readable by its owner only; like the list, outside the
repository). Changing or deleting it signs everybody out. Without the list's folder (no sign-in configured)
nothing is written: a secret for the life of the process."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from auth.users import UserFile
from common import settings
from common.errors import SettingsError, StoreError

MIN_LENGTH = 32


def secret_path(users: UserFile | None = None) -> Path:
    """Where the generated secret lives: beside the user list."""
    return Path(f"{(users or UserFile()).path}.secret")


def session_secret(users: UserFile | None = None) -> str:
    """The secret: the setting when given (32+ characters), else the file beside the list, made when missing."""
    given = settings.CCHC_SESSION_SECRET.get().strip()
    if given:
        if len(given) < MIN_LENGTH:
            raise SettingsError("gate.secret_short", name="CCHC_SESSION_SECRET", min=MIN_LENGTH)
        return given
    path = secret_path(users)
    if not path.parent.is_dir():  # no user list folder, so no password user: a secret for this process only
        return secrets.token_hex(32)
    try:
        return _read_or_make(path)
    except OSError as exc:
        raise StoreError("gate.secret_unusable", file=str(path), detail=exc.strerror or str(exc)) from exc


def _read_or_make(path: Path) -> str:
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        text = ""
    if len(text) >= MIN_LENGTH:
        return text
    made = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(made + "\n")
    return made
