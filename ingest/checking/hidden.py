"""Characters no cell may hold, whatever the file's format: control characters, characters that show as
nothing, and letters that only look Latin. "LS-SNV" with a zero-width space or a Cyrillic "С" prints like
LS-SNV and would become a second unit. The CSV reader refuses such a file early by its bytes; this check
runs on the free-text cells of every format (CSV, XLSX, XLS, ODS), so that no reader's path can skip it.
On a million rows it costs about 0.05 s: a byte scan finds the columns that hold nothing suspect."""

from __future__ import annotations

import re
from functools import partial

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ingest.checking.findings import Findings
from ingest.values import encoded, ints

# The same classes as the CSV reader's byte patterns (ingest.reading.decode), as text.
KINDS = (
    ("ingest.cell_control_char", r"[\x00-\x08\x0b\x0e-\x1f\x7f]"),
    ("ingest.cell_invisible_char", "[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]"),
    ("ingest.cell_lookalike_char", "[\u0370-\u03ff\u0400-\u04ff\uff01-\uff5e]"),
)
_ANY = "|".join(pattern for _, pattern in KINDS)
# The bytes a match can begin with in UTF-8: control bytes, and the lead bytes of U+0080–U+00BF (soft hyphen),
# Greek and Cyrillic, U+2000–U+2FFF (zero-width and joiners) and U+F000–U+FFFF (BOM, full-width forms). A column
# holding none of them cannot match, which a byte scan finds in milliseconds; a regular expression over a million
# cells of fifteen columns took 1.2 s.
_SUSPECT = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F, 0xC2, *range(0xCD, 0xD4), 0xE2, 0xEF])
_NOT_SUSPECT = bytes(b for b in range(256) if b not in _SUSPECT)
# The free-text columns. Every other column is read against a fixed form (a number, a date, a year, a type, a
# version, a mark), so a hidden character there already makes its cell an error.
TEXT_COLUMNS = ("unit_code", "unit_name", "parent_code", "note")


def refuse_hidden(frame: pa.Table, f: Findings) -> None:
    """An error at each free-text cell holding a control, invisible or look-alike character."""
    for column in (c for c in TEXT_COLUMNS if c in frame.column_names):
        cells = frame.column(column)
        if not (pa.types.is_string(cells.type) or pa.types.is_large_string(cells.type)) or not _suspect(cells):
            continue
        index, distinct = encoded(cells)  # each distinct cell tried once: a column repeats its cells
        if not pc.any(pc.match_substring_regex(distinct, _ANY)).as_py():
            continue  # the usual column, found in one pass
        rows = ints(index, -1)
        for key, pattern in KINDS:
            hits = pc.fill_null(pc.match_substring_regex(distinct, pattern), False).to_numpy(zero_copy_only=False)
            hit = (rows >= 0) & hits[np.maximum(rows, 0)]
            f.cells(hit, column, key, params=partial(_code, cells, pattern))


def _suspect(cells: pa.ChunkedArray) -> bool:
    """Whether the column's text holds a byte a hidden or look-alike character could begin with."""
    for chunk in cells.chunks:
        text = chunk.buffers()[2]
        if text is not None and text.to_pybytes().translate(None, _NOT_SUSPECT):
            return True
    return False


def _code(cells: pa.ChunkedArray, pattern: str, pos: int) -> dict[str, object]:
    """The first offending character of a cell, as U+XXXX."""
    found = re.search(pattern, str(cells[pos].as_py()))
    return {"code": f"U+{ord(found[0]):04X}" if found else ""}
