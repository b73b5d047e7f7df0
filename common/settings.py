"""Every setting, declared once with its default and help text; read from the environment."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    """One setting: environment name, default and what it is for."""

    name: str
    default: str
    help: str

    def get(self) -> str:
        """The value from the environment, or the default."""
        return os.environ.get(self.name, "") or self.default

    def number(self) -> float:
        """The value as a positive finite number, or a SettingsError naming the setting and the value."""
        from common.errors import SettingsError

        text = self.get().strip()
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and value > 0):
            raise SettingsError("settings.bad_number", name=self.name, value=text[:40], default=self.default)
        return value


CCHC_DB = Setting("CCHC_DB", str(ROOT / "data" / "cchc.duckdb"), "Path of the DuckDB database file.")
CCHC_LANG = Setting("CCHC_LANG", "vi", "Default language of the command line and the UI (vi or en).")
CCHC_LOCK_TIMEOUT = Setting(
    "CCHC_LOCK_TIMEOUT", "60", "Seconds to wait for the database while another process holds it."
)
CCHC_MAX_UPLOAD_MB = Setting("CCHC_MAX_UPLOAD_MB", "50", "Largest upload accepted, in megabytes.")
CCHC_COMPLETE_SHARE = Setting(
    "CCHC_COMPLETE_SHARE", "0.9",
    "Share of the units in scope that must have reported for a year to count as complete (0–1).",
)
CCHC_USERS_FILE = Setting(
    "CCHC_USERS_FILE",
    str(Path.home() / ".config" / "cchc" / "users.json"),
    "Local user list (salted password hashes), kept outside the repository.",
)
CCHC_READ_MEMORY_MB = Setting(
    "CCHC_READ_MEMORY_MB", "3072",
    "Address space, in megabytes, of the child process that reads one file (the process itself takes ~400 MB).",
)
CCHC_READ_CPU_SECONDS = Setting(
    "CCHC_READ_CPU_SECONDS", "120", "CPU seconds the child process that reads one file may use."
)
CCHC_READ_TIMEOUT = Setting(
    "CCHC_READ_TIMEOUT", "180", "Seconds, by the clock, before the child process reading a file is stopped."
)
CCHC_READ_OUTPUT_MB = Setting(
    "CCHC_READ_OUTPUT_MB", "1024", "Largest table, in megabytes of Arrow, that reading one file may give back."
)

CCHC_DEBUG = Setting(
    "CCHC_DEBUG", "", "Non-empty: the command lines print the traceback of an unexpected fault after its message."
)
CCHC_WRITE_TRACE = Setting(
    "CCHC_WRITE_TRACE", "",
    "A file the database writers append their steps to (began, committing, committed), one line each: to follow "
    "a long import from outside; the crash tests wait on it instead of guessing with time.",
)
CCHC_UPLOADS_TOTAL_MB = Setting(
    "CCHC_UPLOADS_TOTAL_MB", "500",
    "Most megabytes of uploaded files the server holds at once, all sessions together (arriving bytes count).",
)
CCHC_SIGN_IN_HOURS = Setting(
    "CCHC_SIGN_IN_HOURS", "10", "Hours a password sign-in lasts across reloads, tabs and links (a working day).",
)
CCHC_SESSION_SECRET = Setting(
    "CCHC_SESSION_SECRET", "",
    "Secret that signs the sign-in cookie (32+ characters); empty: one generated once beside the user list.",
)
CCHC_TRUSTED_PROXIES = Setting(
    "CCHC_TRUSTED_PROXIES", "",
    "Comma-separated addresses or CIDRs of reverse proxies whose X-Forwarded-For/-Proto are believed (none).",
)
# Read by the shell (scripts/run.sh, the systemd units in deploy/), declared here with the rest.
CCHC_ADDRESS = Setting("CCHC_ADDRESS", "127.0.0.1", "Address scripts/run.sh serves on (keep 127.0.0.1 behind a proxy).")
CCHC_PORT = Setting("CCHC_PORT", "8501", "Port scripts/run.sh and the systemd service serve on.")
CCHC_BACKUP_KEEP_DAYS = Setting(
    "CCHC_BACKUP_KEEP_DAYS", "30", "Days the nightly backups of the systemd timer (deploy/) are kept."
)

ALL: tuple[Setting, ...] = (
    CCHC_DB, CCHC_LANG, CCHC_LOCK_TIMEOUT, CCHC_MAX_UPLOAD_MB, CCHC_COMPLETE_SHARE, CCHC_USERS_FILE,
    CCHC_DEBUG, CCHC_WRITE_TRACE,
    CCHC_READ_MEMORY_MB, CCHC_READ_CPU_SECONDS, CCHC_READ_TIMEOUT, CCHC_READ_OUTPUT_MB,
    CCHC_UPLOADS_TOTAL_MB, CCHC_SIGN_IN_HOURS, CCHC_SESSION_SECRET, CCHC_TRUSTED_PROXIES,
    CCHC_ADDRESS, CCHC_PORT, CCHC_BACKUP_KEEP_DAYS,
)


def db_path() -> Path:
    """The database file the app and the command lines use by default."""
    return Path(CCHC_DB.get())


def default_lang() -> str:
    """The default language, vi unless CCHC_LANG says en."""
    return "en" if CCHC_LANG.get().lower().startswith("en") else "vi"


def complete_share() -> float:
    """The share of units in scope that makes a year complete; the default when the value is not a share."""
    try:
        share = float(CCHC_COMPLETE_SHARE.get().replace(",", "."))
    except ValueError:
        return float(CCHC_COMPLETE_SHARE.default)
    return share if 0 < share <= 1 else float(CCHC_COMPLETE_SHARE.default)
