"""Writing a finished document: to a temporary file beside the target, then renamed, so that a
reader (or a mail job) never finds half a file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from common.errors import InputError

FORMATS = {".pdf": "pdf", ".xlsx": "xlsx", ".md": "md"}  # md: the year in words alone


def out_format(path: Path) -> str:
    """`pdf` or `xlsx` from the file's suffix; InputError for anything else."""
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        raise InputError("report.bad_format", path=str(path))
    return found


def check_writable(path: Path) -> None:
    """Fail early, before the work, when the file could not be written."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("report.cannot_write", path=str(path), detail=f"{folder}: no such folder")
    if path.is_dir() or not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise InputError("report.cannot_write", path=str(path), detail="permission denied")


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all."""
    check_writable(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise InputError("report.cannot_write", path=str(path), detail=exc.strerror or str(exc)) from exc
