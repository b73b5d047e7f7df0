"""The briefing's output formats, told by the file's suffix (writing it safely: common.documents)."""

from __future__ import annotations

from pathlib import Path

from common.errors import InputError

FORMATS = {".pdf": "pdf", ".xlsx": "xlsx", ".md": "md"}  # md: the year in words alone


def out_format(path: Path) -> str:
    """`pdf` or `xlsx` from the file's suffix; InputError for anything else."""
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        raise InputError("report.bad_format", path=str(path))
    return found
