"""Read an uploaded file (CSV, XLSX, XLS or ODS, judged by content) into a table of text cells, keeping the row
numbers a person sees and noting what was left out."""

from __future__ import annotations

import csv
import re
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from common.errors import InputError
from ingest.mapping import Choices, Chooser
from ingest.problems import Problem, note
from ingest.reading.csv_arrow import arrow_body
from ingest.reading.csv_general import general_body
from ingest.reading.decode import Head, decode, file_kind, refuse_hidden_bytes, utf8_head
from ingest.reading.header_rows import locate
from ingest.reading.layout import HEADER_SEARCH_ROWS, MAX_COLUMNS, no_header, read_header, trim_footer
from ingest.reading.office import check_office, office_kind
from ingest.reading.xlsx import Grid, read_grid

SEPARATORS = (",", ";", "\t")
_HEAD_CHARS = 256 * 1024
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_NEWLINES = r"\r\n|\r|\n"


@dataclass
class RawTable:
    """The table of a file: recognised columns only, text cells (blank → null), data rows only; `rows` are
    the row numbers a person sees."""

    frame: pa.Table
    rows: np.ndarray
    headers: dict[str, str]
    notes: list[Problem] = field(default_factory=list)
    file_kind: str = "csv"
    encoding: str | None = None
    headings: list[str] = field(default_factory=list)  # the header cells as read (joined over header rows)
    columns: list[tuple[str, str | None]] = field(default_factory=list)  # heading → field read (None: left out)
    undecided: list[str] = field(default_factory=list)  # figure columns whose heading nobody recognised


def read_table(data: bytes, file_name: str, choose: Chooser | Choices | None = None) -> RawTable:
    """Read a CSV, XLSX, XLS or ODS file, with a person's column choices (or a function of the headings
    giving them); InputError when it is not a table, unreadable or empty."""
    kind = office_kind(data) or file_kind(data)
    if kind in ("xls", "ods"):
        check_office(data, kind)
    if kind in ("xlsx", "xls", "ods"):
        grid = read_grid(data, kind)
        table = _assemble(grid, kind, None, choose)
        table.notes.insert(0, note(None, None, None, "ingest.note_sheet", sheet=grid.sheet, file=file_name))
        return table
    head = utf8_head(data, _HEAD_CHARS)
    fast = _utf8_csv(data, head, choose) if head is not None else None
    if fast is not None:
        return fast
    text, encoding = decode(data)
    found = _header(text, True)
    rest = text[found.offset :]
    grid = _grid(found, general_body(rest, found.sep, len(found.cells)), '"' in rest)
    return _assemble(grid, "csv", encoding, choose)


def _utf8_csv(data: bytes, head: Head, choose: Chooser | Choices | None) -> RawTable | None:
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
    return None if body is None else _assemble(_grid(found, body, quoted), "csv", head.encoding, choose)


def _grid(found: _Found, body: pa.Table, quoted: bool) -> Grid:
    cells = [unicodedata.normalize("NFC", c) for c in found.cells]
    return Grid(cells, found.header_line, body, found.last_line + 1, "", quoted, found.top_line, found.notes)


def _assemble(grid: Grid, kind: str, encoding: str | None, choose: Chooser | Choices | None) -> RawTable:
    chosen = choose(grid.header) if callable(choose) else choose
    layout = read_header(grid.header, grid.header_row, grid.body, chosen)
    notes = [*grid.notes, *layout.notes]
    top = grid.header_top or grid.header_row
    if top > 1:
        notes.insert(0, note(None, None, None, "ingest.note_title_rows", count=top - 1, row=top))
    rows = _row_numbers(grid)
    year_pos = layout.positions.get("year")
    keep = trim_footer(grid.body, rows, None if year_pos is None else grid.body.column(year_pos), notes)
    every = bool(keep.all())
    kept = grid.body if every else grid.body.filter(pa.array(keep))
    frame = pa.table({name: _cells(kept.column(pos)) for name, pos in layout.positions.items()})
    return RawTable(frame, rows if every else rows[keep], layout.headers, notes, kind, encoding, list(grid.header),
                    layout.columns, layout.undecided)


def _cells(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Text cells, blank → null (the fast CSV path already reads an empty cell as null)."""
    if pc.any(pc.equal(column, "")).as_py():
        return pc.if_else(pc.equal(column, ""), pa.scalar(None, column.type), column)
    return column


def _row_numbers(grid: Grid) -> np.ndarray:
    """Each body row's number as a person sees it; a quoted cell with line breaks spans several lines."""
    extra = np.zeros(grid.body.num_rows, dtype=np.int64)
    if grid.quoted and grid.body.num_rows:
        for col in grid.body.columns:
            if pc.any(pc.match_substring_regex(col, _NEWLINES)).as_py():  # nulls are skipped
                counts = pc.fill_null(pc.count_substring_regex(col, _NEWLINES), 0)
                extra += counts.to_numpy(zero_copy_only=False).astype(np.int64)
    steps = np.ones(grid.body.num_rows, dtype=np.int64)
    steps[1:] += extra[:-1]
    out: np.ndarray = grid.first_row + np.cumsum(steps) - 1
    return out


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
