"""CSV files: the header found among the first records (the body's separator and width depend on it), then the
body through Arrow when it is regular UTF-8, the general way otherwise. Runs in the child process."""

from __future__ import annotations

import csv
import re
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pyarrow as pa

from common.errors import InputError
from ingest.problems import Problem
from ingest.reading.csv_arrow import arrow_body
from ingest.reading.csv_general import general_body
from ingest.reading.decode import Head, decode, file_kind, refuse_hidden_bytes, utf8_head
from ingest.reading.format import Format
from ingest.reading.header_rows import locate
from ingest.reading.layout import HEADER_SEARCH_ROWS, MAX_COLUMNS, no_header
from ingest.reading.xlsx import Grid

SEPARATORS = (",", ";", "\t")
_HEAD_CHARS = 256 * 1024
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_NEWLINES = r"\r\n|\r|\n"


def read_csv(data: bytes) -> Grid:
    """The CSV's grid, cut at its header (with the encoding it was read with); InputError when unreadable."""
    head = utf8_head(data, _HEAD_CHARS)
    fast = _utf8_csv(data, head) if head is not None else None
    if fast is not None:
        return fast
    text, encoding = decode(data)
    found = _header(text, True)
    rest = text[found.offset :]
    return _grid(found, general_body(rest, found.sep, len(found.cells)), '"' in rest, encoding)


def _guard(data: bytes) -> None:
    file_kind(data)  # another binary format, or an empty file, is refused by name


def _utf8_csv(data: bytes, head: Head) -> Grid | None:
    """A UTF-8 CSV through Arrow, or None when its body is not regular (the general path reads it then)."""
    with ThreadPoolExecutor(1) as side:  # the whole file's scan for hidden characters runs beside the parse
        hidden = side.submit(refuse_hidden_bytes, data)
        try:
            found = _header(head.text, head.complete)
            # the header's end as a byte offset: the head is not NFC-normalised yet, so lengths agree
            at = head.start + len(head.text[: found.offset].encode("utf-8"))
            quoted = data.find(b'"', at) >= 0
            body = arrow_body(memoryview(data)[at:], found.sep, len(found.cells), quoted)
        finally:
            hidden.result()  # a hidden character is said before anything else about the file
    return None if body is None else _grid(found, body, quoted, head.encoding)


def _grid(found: _Found, body: pa.Table, quoted: bool, encoding: str | None) -> Grid:
    cells = [unicodedata.normalize("NFC", c) for c in found.cells]
    return Grid(cells, found.header_line, body, found.last_line + 1, "", quoted, found.top_line, found.notes,
                encoding)


def _head_records(text: str, sep: str, complete: bool) -> list[tuple[list[str], int, int, int]]:
    """The first records of the text: (cells, first line, lines after it, character offset after it)."""
    head = text[:_HEAD_CHARS]
    ends: list[int] = []

    def lines() -> object:
        for found in _LINE.finditer(head):
            ends.append(found.end())
            yield found.group()

    records: list[tuple[list[str], int, int, int]] = []
    reader = csv.reader(lines(), delimiter=sep, quotechar='"')  # type: ignore[arg-type]
    try:
        for cells in reader:
            start = records[-1][2] + 1 if records else 1
            records.append(([c.strip() for c in cells], start, reader.line_num, ends[reader.line_num - 1]))
            if len(records) > HEADER_SEARCH_ROWS:
                break
    except csv.Error:
        pass
    if (len(head) < len(text) or not complete) and records and records[-1][3] >= len(head):
        records.pop()  # cut off mid-record by the sample
    return records


@dataclass
class _Found:
    """Where the header is: its cells, the separator, its lines and the character offset after it."""

    sep: str
    cells: list[str]
    header_line: int  # the header's last row (its only row, usually)
    last_line: int  # the last line before the data (past a row that numbers the columns)
    offset: int
    top_line: int = 0  # the header's first row when it spans several
    notes: list[Problem] = field(default_factory=list)


def _header(text: str, complete: bool) -> _Found:
    """The header record of the CSV text (a sample of it when not `complete`), or InputError."""
    best: _Found | None = None
    score, widest = 0, 0
    for sep in SEPARATORS:
        records = _head_records(text, sep, complete)
        widest = max([widest] + [len(r[0]) for r in records[:5]])
        found = locate([r[0] for r in records], lambda i, rec=records: rec[i][1])  # type: ignore[misc]
        if found is not None and sum(1 for c in found[0].cells if c) > score:
            block, notes, start = found
            score = sum(1 for c in block.cells if c)
            last = records[start - 1]
            best = _Found(sep, block.cells, records[block.last][1], last[2], last[3], records[block.top][1], notes)
    if best is None:
        raise _no_header(text, complete, widest)
    if len(best.cells) > MAX_COLUMNS:
        raise InputError("ingest.too_many_columns", count=len(best.cells), limit=MAX_COLUMNS)
    return best


def _no_header(text: str, complete: bool, widest: int) -> InputError:
    """Why no header was found; a first line longer than the sample is never split into cells."""
    first = re.search(_NEWLINES, text[:_HEAD_CHARS])
    if first is None and (len(text) > _HEAD_CHARS or not complete):
        width = max(text.count(sep, 0, _HEAD_CHARS) for sep in SEPARATORS) + 1
        return InputError("ingest.line_too_long", limit_kb=_HEAD_CHARS // 1024, count=width)
    if first is not None:
        widest = max([widest] + [text.count(sep, 0, first.start()) + 1 for sep in SEPARATORS])
    return no_header(widest)


CSV = Format("csv", "CSV", ("csv", "txt"), lambda data: True, _guard, read_csv, workbook=False)
