"""What the briefing and the plan's annex share as documents: the DejaVu fonts their PDFs embed (so
Vietnamese prints right), one palette, and safe writing: to a temporary file beside the target, then
renamed, so that a reader (or a mail job) never finds half a file."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from common.errors import InputError

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {  # family, style → file; the condensed face fits a dozen columns on a portrait page
    ("dejavu", ""): "DejaVuSans.ttf", ("dejavu", "B"): "DejaVuSans-Bold.ttf",
    ("dejavu", "I"): "DejaVuSans-Oblique.ttf", ("dejavu-c", ""): "DejaVuSansCondensed.ttf",
    ("dejavu-c", "B"): "DejaVuSansCondensed-Bold.ttf",
}
BLUE, GREY, AMBER = (31, 95, 168), (90, 90, 90), (161, 92, 0)
HEAD_FILL = (221, 231, 243)  # a table's heading row


def check_writable(path: Path, overwrite: bool = False) -> None:
    """Fail early, before the work, when the file could not be written, or exists and may not be replaced."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InputError("report.out_is_folder", path=str(path))
    if path.exists() and not overwrite:
        raise InputError("report.exists", path=str(path))
    if not folder.is_dir():
        raise InputError("report.cannot_write", path=str(path), detail=f"{folder}: no such folder")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise InputError("report.cannot_write", path=str(path), detail="permission denied")


def write_atomic(path: Path, data: bytes, overwrite: bool = False) -> None:
    """Write `data` to `path` whole or not at all. An existing file is replaced only when `overwrite`
    says so, and keeps its permissions (a 600 briefing stays 600); a new one gets the usual ones."""
    check_writable(path, overwrite)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(path))
        if overwrite:
            os.replace(tmp, path)
        else:  # a link fails when the name exists: no file that appeared meanwhile is replaced either
            os.link(tmp, path)
            os.unlink(tmp)
    except FileExistsError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise InputError("report.exists", path=str(path)) from exc
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise InputError("report.cannot_write", path=str(path), detail=exc.strerror or str(exc)) from exc


def _mode_for(path: Path) -> int:
    """The existing file's permission bits, or those a new file gets under the process's umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
