"""The column mapping: which field each column of a file holds, as the reader matched it or as a person
chose ("Heading=field", or leave the column out). A figure column whose heading is not recognised is never
dropped silently: it stays undecided, and the file cannot be imported, until someone decides."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence

from common.errors import InputError
from ingest.columns import COLUMNS, canonical, fold

LEAVE_OUT = ""  # the field of a column left out
LEAVE_OUT_WORDS = ("-", "", "bo qua", "leave out", "skip")

# A choice per heading (folded): a field, or LEAVE_OUT. A callable gets the file's headings first.
Choices = Mapping[str, str]
Chooser = Callable[[Sequence[str]], Choices]


def headings_key(headings: Iterable[str]) -> str:
    """The key under which a mapping is remembered: the file's headings, folded, in order."""
    return hashlib.sha1("\x1f".join(fold(h) for h in headings).encode()).hexdigest()


def field_of(text: str, column: str) -> str:
    """The field a person named (`processes_total`, or a heading such as "Số quy trình"), or LEAVE_OUT;
    InputError for anything else."""
    if fold(text) in LEAVE_OUT_WORDS:
        return LEAVE_OUT
    found = text.strip() if text.strip() in COLUMNS else canonical(text)
    if found is None:
        raise InputError("ingest.bad_mapping_field", field=text, column=column, fields=", ".join(COLUMNS))
    return found


def parse_maps(items: Sequence[str]) -> dict[str, str]:
    """`--map "Heading=field"` arguments as choices by folded heading."""
    out: dict[str, str] = {}
    for item in items:
        heading, sep, text = item.rpartition("=")
        if not sep or not heading.strip():
            raise InputError("ingest.bad_mapping_field", field=item, column=item, fields=", ".join(COLUMNS))
        out[fold(heading)] = field_of(text, heading.strip())
    return out


def by_heading(choices: Choices) -> dict[str, str]:
    """Choices keyed by folded heading (as stored and compared)."""
    return {fold(h): f for h, f in choices.items()}
