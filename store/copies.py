"""Whole-file copies of a database: the one kept before a migration, and the one a backup takes.

A copy is made only while the file is held (DuckDB's lock, after a CHECKPOINT has emptied the write-ahead
log into it), so its bytes are the database as one transaction left it."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path


def copy_file(src: Path, dest: Path, mode: int | None = None) -> None:
    """Copy a file's bytes to `dest` (with permissions `mode`, when given), flushed to disk; on any failure
    nothing is left at `dest`."""
    part = dest.with_name(f".{dest.name}.part")
    try:
        with src.open("rb") as read, part.open("wb") as write:
            shutil.copyfileobj(read, write, 1 << 20)
            write.flush()
            os.fsync(write.fileno())
        if mode is not None:
            os.chmod(part, mode)
        os.replace(part, dest)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def before_migration_path(path: Path, version: int) -> Path:
    """Where the copy of a database at schema `version` is kept beside it, named for the time it was made."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.schema-v{version}-{stamp}{path.suffix or '.duckdb'}")


def keep_before_migration(path: Path, version: int) -> Path:
    """Copy the held, checkpointed database beside itself before a migration changes it; the copy's path."""
    kept = before_migration_path(path, version)
    copy_file(path, kept)
    return kept
