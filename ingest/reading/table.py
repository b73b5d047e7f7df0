"""Read an uploaded file (CSV, XLSX, XLS or ODS, judged by content) into a table of text cells, keeping the row
numbers a person sees and noting what was left out."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ingest.mapping import Choices, Chooser
from ingest.problems import Problem, note
from ingest.reading.child import read_isolated
from ingest.reading.header_rows import locate
from ingest.reading.layout import no_header, read_header, trim_footer
from ingest.reading.xlsx import Grid
from ingest.reading.xlsx_arrow import head_rows

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
    giving them); InputError when it is not a table, unreadable or empty. The file is read in a child process
    (ingest.reading.child); its header is found here."""
    grid, fmt = read_isolated(data)
    if not fmt.workbook:
        return _assemble(grid, fmt.name, grid.encoding, choose)
    table = _assemble(cut(grid), fmt.name, None, choose)
    table.notes.insert(0, note(None, None, None, "ingest.note_sheet", sheet=grid.sheet, file=file_name))
    return table


def cut(grid: Grid) -> Grid:
    """A whole sheet cut at its header: the header cells, and the body under it (past a row numbering the
    columns); InputError when its first rows hold no header."""
    found = locate(head_rows(grid.body))
    if found is None:
        raise no_header(grid.body.num_columns)
    block, notes, start = found
    body = grid.body.slice(start)
    return Grid(block.cells, block.last + 1, body, start + 1, grid.sheet, header_top=block.top + 1, notes=notes)


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
