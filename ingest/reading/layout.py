"""Where the table is in a sheet people made: the header under the letterhead and title, the data
rows, and the totals and signature lines below them."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from common.errors import InputError
from ingest.columns import canonical, expected_headers, fold, is_stt
from ingest.problems import Problem, note
from ingest.values import digit_lengths, mask

HEADER_SEARCH_ROWS = 60
MAX_COLUMNS = 200

# "Công an tỉnh" folds to "cong an" and "Tổng cục" is a unit: only the accented "Cộng", and "Tổng"
# alone or before a number or colon, mark a totals row.
_TOTALS_ACCENTED = re.compile(r"(tổng cộng|tổng số|cộng)\b|tổng\s*($|[:(\d])", re.IGNORECASE)
_TOTALS = re.compile(r"(tong cong|tong so|total|grand total)\b|tong\s*($|[:(\d])")
_SIGNATURE = re.compile(
    r"(nguoi lap|thu truong|lanh dao|\(?ky\b|ky ten|xac nhan|noi nhan|giam doc|pho giam doc|chu tich|"
    r"truong phong|truong ban|ke toan|kt\.? |tm\.? |tl\.? |q\. |prepared by|approved by|signed|signature)"
    r"|.*\bngay\b.*\bthang\b.*\bnam\b"
)


@dataclass
class Layout:
    """The recognised columns of a table: file position → canonical name, and the notes so far; each
    heading with the field it was read as (None: left out), and the figure columns nobody has decided on."""

    positions: dict[str, int] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    notes: list[Problem] = field(default_factory=list)
    columns: list[tuple[str, str | None]] = field(default_factory=list)
    undecided: list[str] = field(default_factory=list)


def find_header(rows: Sequence[Sequence[str]]) -> int | None:
    """The index of the header row: the first with ≥ 3 known headers (or ≥ 2 and nothing else)."""
    fallback = None
    for i, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        filled = [c for c in cells if c.strip()]
        known = sum(1 for c in filled if canonical(c))
        if known >= 3:
            return i
        if fallback is None and known == 2 and all(canonical(c) or is_stt(c) for c in filled):
            fallback = i
    return fallback


def no_header(width: int) -> InputError:
    """The error for a file where no header row was found (or one far too wide)."""
    if width > MAX_COLUMNS:
        return InputError("ingest.too_many_columns", count=width, limit=MAX_COLUMNS)
    return InputError("ingest.no_header", expected=expected_headers())


def read_header(cells: Sequence[str], header_row: int, body: pa.Table, chosen: Mapping[str, str] | None = None
                ) -> Layout:
    """Map the header cells to canonical columns, a person's choices (by folded heading) first; note the STT,
    unknown and unnamed columns; an unknown heading over numbers is a warning and stays undecided."""
    if len(cells) > MAX_COLUMNS:
        raise InputError("ingest.too_many_columns", count=len(cells), limit=MAX_COLUMNS)
    layout = Layout()
    for pos, raw in enumerate(cells):
        text = " ".join(raw.split()) or _unnamed(body, pos)
        choice = chosen.get(fold(text)) if chosen and text else None
        name = (choice or None) if choice is not None else canonical(text)
        if name and name in layout.positions:
            raise InputError("ingest.duplicate_column", column=text, other=layout.headers[name])
        if text and not is_stt(text):
            layout.columns.append((text, name))
        if name:
            layout.positions[name] = pos
            layout.headers[name] = text
        if choice is not None:
            key = "ingest.note_mapped" if name else "ingest.note_left_out"
            layout.notes.append(note(header_row, text, None, key, column=text, field=name or ""))
        elif not name:
            _unknown(layout, text, pos, header_row, body)
    return layout


def _unknown(layout: Layout, text: str, pos: int, header_row: int, body: pa.Table) -> None:
    """What to say of a column nobody recognised: a row-number column, figures that must not be lost (a
    warning; undecided until mapped), text left out, or an unnamed column."""
    if is_stt(text):
        layout.notes.append(note(header_row, text, None, "ingest.note_stt", column=text))
    elif text and _has_numbers(body, pos):
        layout.undecided.append(text)
        layout.notes.append(Problem(header_row, text, None, "ingest.unmapped_figure", {"column": text}, "warning"))
    elif text:
        layout.notes.append(note(header_row, text, None, "ingest.note_unknown_column", column=text))
    elif pos < body.num_columns and pc.any(pc.not_equal(body.column(pos), "")).as_py():
        layout.notes.append(note(header_row, None, None, "ingest.note_unnamed_column", position=pos + 1))


def _unnamed(body: pa.Table, pos: int) -> str:
    """The name a column without a heading goes by when it holds figures ("#12": its place in the file), so
    that it can be mapped like any other; "" for one that holds none, or only row numbers 1, 2, 3, …"""
    if not _has_numbers(body, pos):
        return ""
    filled = pc.drop_null(pc.if_else(pc.equal(body.column(pos), ""), None, body.column(pos)))
    counted = filled.to_pylist() == [str(i) for i in range(1, len(filled) + 1)]
    return "" if counted else f"#{pos + 1}"


def _has_numbers(body: pa.Table, pos: int) -> bool:
    """Whether a column holds a number in some cell (only asked of a column whose heading is unknown)."""
    if pos >= body.num_columns:
        return False
    return bool(pc.any(pc.match_substring_regex(body.column(pos), r"^\s*[-+]?\d[\d.,\s]*$")).as_py())


def _is_totals(cell: str) -> bool:
    return bool(_TOTALS_ACCENTED.match(cell) or _TOTALS.match(fold(cell)))


def _is_signature(cell: str) -> bool:
    return bool(_SIGNATURE.match(fold(cell)))


def _blank_rows(body: pa.Table) -> np.ndarray:
    """Rows with every cell blank: the first column is read whole, the others only where it is blank."""
    if not body.num_columns:
        return np.ones(body.num_rows, dtype=bool)
    blank = _is_blank(body.column(0))
    rows = np.flatnonzero(blank)
    if len(rows):
        rest = body.take(pa.array(rows))
        still = np.ones(len(rows), dtype=bool)
        for col in rest.columns[1:]:
            still &= _is_blank(col)
        blank[rows] = still
    return blank


def _is_blank(column: pa.ChunkedArray) -> np.ndarray:
    out: np.ndarray = pc.fill_null(pc.equal(column, ""), True).to_numpy(zero_copy_only=False)
    return out


def _four_digits(year: pa.ChunkedArray) -> np.ndarray:
    """Where the year cell is four digits: from the column's bytes and lengths alone when every cell is."""
    if digit_lengths(year) == (4, 4):
        return mask(pc.is_valid(year))
    return mask(pc.match_substring_regex(year, r"^\d{4}$"))


def _first_cell(row: dict[str, str | None]) -> str:
    return next((cell for cell in row.values() if cell), "")


def trim_footer(body: pa.Table, rows: np.ndarray, year: pa.ChunkedArray | None, notes: list[Problem]) -> np.ndarray:
    """A keep-mask over the body (stripped text; blank "" or null): blank rows, totals rows and the footer
    left out."""
    blank = _blank_rows(body)
    looks_data = None if year is None else _four_digits(year)
    candidate = ~blank if looks_data is None else (~blank & ~looks_data)
    keep = ~blank
    if not candidate.any():
        return keep
    pos = np.flatnonzero(candidate)
    firsts = [_first_cell(row) for row in body.take(pa.array(pos)).to_pylist()]
    last_data = int(np.flatnonzero(looks_data)[-1]) if looks_data is not None and looks_data.any() else -1
    for p, text in zip(pos, firsts, strict=True):
        if _is_signature(text) or (_is_totals(text) and p > last_data):
            keep[p:] = False
            notes.append(note(int(rows[p]), None, text, "ingest.note_footer", first=int(rows[p]), last=int(rows[-1])))
            break
        if _is_totals(text):
            keep[p] = False
            notes.append(note(int(rows[p]), None, text, "ingest.note_totals_row", row=int(rows[p])))
    return keep
