"""A header over up to three rows, as the official report form has it: group headings merged over their
sub-headings (a reader gives a merged cell's text in its first column and blanks in the others), then
maybe a row that numbers the columns, "(1) (2) … (17)"."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ingest.columns import canonical, fold
from ingest.problems import Problem, note
from ingest.reading.layout import find_header
from ingest.reading.title import read_title, title_note

MAX_DEPTH = 3
# "(4)", "4", "Cột 4", and as people edit the row: an inserted "(4a)" or "4.1", "(5)=(3)+(4)"
_NUMBER = re.compile(r"^\(?(?:cot\s*)?(\d{1,3})(?:[.,](\d{1,2})|([a-z]))?\)?(?:\s*=[\s\d()+*/x-]*)?$")
_PARENTHESISED = re.compile(r"^\([\w.,=+\- ]{1,8}\)$")
_LETTER = re.compile(r"^\(?([a-e])\)?$")  # the text columns of a form are often lettered A, B, C before 1, 2, 3


@dataclass(frozen=True)
class HeaderBlock:
    """Where a header is: its first row's index, how many rows it spans, and each column's heading."""

    top: int
    depth: int
    cells: list[str]

    @property
    def last(self) -> int:
        """The index of the header's last row."""
        return self.top + self.depth - 1


def joined(rows: Sequence[Sequence[str]]) -> list[str]:
    """Each column's heading: the group heading above (carried right over the blanks of its merged
    cells) joined with the sub-heading below; a column blank below keeps its own heading."""
    cells = list(rows[0])
    for lower in rows[1:]:
        width = max(len(cells), len(lower))
        group, out = "", []
        for pos in range(width):
            upper = cells[pos] if pos < len(cells) else ""
            below = lower[pos].strip() if pos < len(lower) else ""
            group = upper or group
            out.append(_join(group, upper, below))
        cells = out
    return cells


def _join(group: str, upper: str, below: str) -> str:
    if not below:
        return upper
    if not group:
        return below
    both = f"{group} {below}"
    # a heading that is known alone under a group that adds nothing known ("Thông tin đơn vị" over "Năm")
    return below if canonical(both) is None and canonical(below) else both


def _known(cells: Sequence[str]) -> int:
    return sum(1 for c in cells if c.strip() and canonical(c))


def find_block(rows: Sequence[Sequence[str]], find: int | None) -> HeaderBlock | None:
    """The header around the row `find` (a one-row header's index, or None): the depth of one to three
    rows that recognises the most columns, starting at that row or up to two rows above it."""
    if find is None:
        return _deeper_only(rows)
    best = HeaderBlock(find, 1, [c.strip() for c in rows[find]])
    score = _known(best.cells)
    for top in range(max(0, find - MAX_DEPTH + 1), find + 1):
        if not any(c.strip() for c in rows[top]):
            continue  # a blank row above the header is not part of it
        for depth in range(2, MAX_DEPTH + 1):
            if top + depth > len(rows) or top + depth - 1 < find:
                continue
            cells = joined(rows[top : top + depth])
            if _known(cells) > score:
                best, score = HeaderBlock(top, depth, cells), _known(cells)
    return best


def _deeper_only(rows: Sequence[Sequence[str]]) -> HeaderBlock | None:
    """A header no single row of which is recognised (every heading is a group + sub-heading)."""
    for top in range(len(rows)):
        for depth in range(2, min(MAX_DEPTH, len(rows) - top) + 1):
            cells = joined(rows[top : top + depth])
            if _known(cells) >= 3:
                return HeaderBlock(top, depth, cells)
    return None


def number_row(cells: Sequence[str]) -> tuple[str, str] | None:
    """The first and last cell of a row that numbers the columns ("(1)", "1", "Cột 1", "(4a)", "4.1", lettered
    "A", "B" first; blank and merged cells between them), or None."""
    filled = [c.strip() for c in cells if c.strip()]
    if len(filled) >= 3 and all(_PARENTHESISED.match(c) for c in filled):
        return filled[0], filled[-1]  # "(1) (2) (4b) (3)": no data row is only short tokens in parentheses
    numbers: list[tuple[int, int, str]] = []
    for cell in filled:
        key = _number(fold(cell), bool(numbers) and numbers[-1][0] > 0)
        if key is None:
            return None
        numbers.append(key)
    counted = [n for n in numbers if n[0] > 0]
    if len(counted) < 3 or numbers != sorted(set(numbers)):
        return None
    return filled[0], filled[-1]


def _number(cell: str, after_numbers: bool) -> tuple[int, int, str] | None:
    """A number cell as (number, sub-number, letter) that sorts in the row's order; a letter A–E is (0, 0, a)."""
    if (letter := _LETTER.match(cell)) and not after_numbers:
        return 0, 0, letter[1]
    found = _NUMBER.match(cell)
    if not found:
        return None
    return int(found[1]), int(found[2] or 0), found[3] or ""


def joined_example(block: HeaderBlock, rows: Sequence[Sequence[str]]) -> str:
    """A heading the block joined from two rows, to show in the note."""
    singles = {c.strip() for row in rows[block.top : block.top + block.depth] for c in row}
    return next((c for c in block.cells if c and c not in singles), "")


def locate(rows: Sequence[Sequence[str]], line: Callable[[int], int] = lambda i: i + 1
           ) -> tuple[HeaderBlock, list[Problem], int] | None:
    """The header among the first rows (one to three of them), the notes on it, and the index of the first
    row under it (past a row that numbers the columns); `line` gives the row number a person sees. The year and
    round the title rows above the header state travel as a note (ingest.reading.title)."""
    block = find_block(rows, find_header(rows))
    if block is None:
        return None
    period = read_title(rows[: block.top], line)
    notes = [] if period is None else [title_note(period)]
    if block.depth > 1:
        notes.append(note(line(block.last), None, None, "ingest.note_header_rows", first=line(block.top),
                          last=line(block.last), example=joined_example(block, rows)))
    start = block.last + 1
    numbered = number_row(rows[start]) if start < len(rows) else None
    if numbered:
        notes.append(note(line(start), None, None, "ingest.note_number_row", row=line(start), first=numbered[0],
                          last=numbered[1]))
        start += 1
    return block, notes, start
