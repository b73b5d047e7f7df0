"""The year and the round an official form states only in its title block, above the table: "BÁO CÁO KẾT QUẢ
KIỂM TRA … NĂM 2018 (ĐỢT 2)", "Đợt II năm 2018", "6 tháng đầu năm 2018", "Quý III năm 2018", "Kiểm tra lần 2".

Read diacritics- and case-insensitively. A date line ("Lạng Sơn, ngày 15 tháng 12 năm 2018", or its blank form
"ngày … tháng … năm 2018") is when the report was signed, not the year it reports on: it is skipped."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ingest.columns import fold
from ingest.problems import Problem, note

KEY = "ingest.title_period"  # the note a title's period travels in, from the reader to the import's flow
_YEAR = re.compile(r"\b(?:nam|year)\s*:?\s*((?:19|20)\d\d)\b")
_DATE_LINE = re.compile(r"\bngay\b.*\bthang\b[\s\d./…_-]*$")
# "lần" alone is often a report's revision ("báo cáo bổ sung lần 2"): only "kiểm tra lần 2", "lần kiểm tra thứ 2"
_ROUND = re.compile(r"\b(?:dot(?:\s+kiem\s+tra)?|round|lan\s+kiem\s+tra|kiem\s+tra\s+lan)\s*(?:thu\s*)?:?\s*"
                    r"(\d{1,2}|[ivx]{1,4}|mot|nhat|hai|ba|bon|tu)\b")
_WORDS = {"mot": 1, "nhat": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}


@dataclass(frozen=True)
class TitlePeriod:
    """The year and round a title states (either may be missing), and the row it was read from."""

    year: int | None
    round: int | None
    row: int


def year_in(text: str) -> int | None:
    """The year a line of a title states ("năm 2018", "NĂM 2018", "6 tháng đầu năm 2018"), not a signing date."""
    folded = fold(text)
    for found in _YEAR.finditer(folded):
        if not _DATE_LINE.search(folded[: found.start()]):
            return int(found[1])
    return None


def round_in(text: str) -> int | None:
    """The round a line of a title states ("đợt 2", "ĐỢT II", "đợt thứ hai", "lần 2"), 1–12, or None."""
    found = _ROUND.search(fold(text))
    if not found:
        return None
    word = found[1]
    value = int(word) if word.isdigit() else _ROMAN.get(word) or _WORDS.get(word)
    return value if value and 1 <= value <= 12 else None


def read_title(rows: Sequence[Sequence[str]], line: Callable[[int], int] = lambda i: i + 1) -> TitlePeriod | None:
    """The period the title rows state: the first year found, and the first round (the year's row is named,
    or the round's when there is no year); None when they state neither."""
    year = rnd = None
    at: int | None = None
    for i, cells in enumerate(rows):
        text = " ".join(c.strip() for c in cells if c.strip())
        if year is None and (found := year_in(text)) is not None:
            year, at = found, line(i)
        if rnd is None and (number := round_in(text)) is not None:
            rnd, at = number, at if at is not None else line(i)
    return None if at is None else TitlePeriod(year, rnd, at)


def title_note(period: TitlePeriod) -> Problem:
    """The note that carries a title's period with the other notes of reading."""
    return note(period.row, None, None, KEY, year=period.year, round=period.round, row=period.row)


def period_of(notes: Sequence[Problem]) -> TitlePeriod | None:
    """The title's period among the notes of reading, or None."""
    found = next((p for p in notes if p.key == KEY), None)
    if found is None:
        return None
    year, rnd = found.params.get("year"), found.params.get("round")
    return TitlePeriod(year if isinstance(year, int) else None, rnd if isinstance(rnd, int) else None,
                       int(str(found.params["row"])))
